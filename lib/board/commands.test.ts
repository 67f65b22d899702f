import { describe, expect, it } from 'vitest';
import { boardCommandSchema } from './commands';

function parse(command: unknown) {
  const result = boardCommandSchema.safeParse(command);
  return result.success ? { ok: true as const, value: result.data } : { ok: false as const, messages: result.error.issues.map((issue) => issue.message) };
}

describe('boardCommandSchema: card.update labels', () => {
  it('takes up to 20 trimmed labels of up to 60 characters', () => {
    const labels = Array.from({ length: 20 }, (_, index) => ` Etikett ${index} `);
    const result = parse({ type: 'card.update', cardId: 'c1', labels });
    expect(result.ok && result.value.type === 'card.update' && result.value.labels?.[0]).toBe('Etikett 0');
    expect(parse({ type: 'card.update', cardId: 'c1', labels: ['x'.repeat(60)] }).ok).toBe(true);
    expect(parse({ type: 'card.update', cardId: 'c1', labels: [] }).ok).toBe(true);
  });

  it('refuses empty, too long, too many and repeated labels with translatable messages', () => {
    expect(parse({ type: 'card.update', cardId: 'c1', labels: ['  '] })).toEqual({ ok: false, messages: ['labelRequired'] });
    expect(parse({ type: 'card.update', cardId: 'c1', labels: ['x'.repeat(61)] })).toEqual({ ok: false, messages: ['labelTooLong'] });
    expect(parse({ type: 'card.update', cardId: 'c1', labels: Array.from({ length: 21 }, (_, index) => `e${index}`) })).toEqual({ ok: false, messages: ['tooManyLabels'] });
    expect(parse({ type: 'card.update', cardId: 'c1', labels: ['Tolk', 'tolk'] })).toEqual({ ok: false, messages: ['duplicateLabel'] });
    expect(parse({ type: 'card.update', cardId: 'c1', labels: 'Tolk' }).ok).toBe(false);
  });

  it('keeps commands strict: an unknown field is refused', () => {
    expect(parse({ type: 'card.update', cardId: 'c1', labels: [], colour: 'red' }).ok).toBe(false);
  });
});

describe('boardCommandSchema: control characters (a card nobody can move)', () => {
  const controls = '\u0000\u0001\u0007\u001b\u007f\u0085\u009f';

  it('strips control characters from every text field, keeping tab and newline where text allows them', () => {
    const update = parse({ type: 'card.update', cardId: 'c1', title: `Titel${controls}\tmed\nrader`, description: `Rad 1\r\nRad\t2${controls}`, labels: [`Eti${controls}kett`] });
    expect(update.ok && update.value).toMatchObject({ title: 'Titel med rader', description: 'Rad 1\nRad\t2', labels: ['Etikett'] });
    const block = parse({ type: 'card.block', cardId: 'c1', reason: `Väntar${controls}\npå svar` });
    expect(block.ok && block.value).toMatchObject({ reason: 'Väntar\npå svar' });
    const create = parse({ type: 'card.create', columnId: 'k1', title: `Ny${controls}`, description: controls });
    expect(create.ok && create.value).toMatchObject({ title: 'Ny', description: '' });
    const column = parse({ type: 'column.update', columnId: 'k1', name: `Pågår${controls}`, policy: `Regel${controls}` });
    expect(column.ok && column.value).toMatchObject({ name: 'Pågår', policy: 'Regel' });
    const move = parse({ type: 'card.move', cardId: 'c1', toColumnId: 'k2', toIndex: 0, overLimitReason: `Akut${controls}` });
    expect(move.ok && move.value).toMatchObject({ overLimitReason: 'Akut' });
    expect(parse({ type: 'column.create', name: `Ny${controls}`, flowState: 'IN_PROGRESS' })).toMatchObject({ ok: true, value: { name: 'Ny' } });
  });

  it('refuses a field that is nothing but control characters where text is required', () => {
    expect(parse({ type: 'card.update', cardId: 'c1', title: controls })).toEqual({ ok: false, messages: ['titleRequired'] });
    expect(parse({ type: 'card.update', cardId: 'c1', labels: [controls] })).toEqual({ ok: false, messages: ['labelRequired'] });
    expect(parse({ type: 'card.block', cardId: 'c1', reason: controls })).toEqual({ ok: false, messages: ['reasonRequired'] });
  });

  it('keeps a card with the most labels and the longest title far below the live notification limit', () => {
    const title = '\u0001'.repeat(100) + 'T'.repeat(200);
    const labels = Array.from({ length: 20 }, (_, index) => `${'\u0002'.repeat(40)}${index}`.padEnd(60, '\u0003'));
    const update = parse({ type: 'card.update', cardId: 'c1', title, labels });
    expect(update.ok).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(update.ok ? update.value : null), 'utf8');
    expect(bytes).toBeLessThan(1_000);
  });

  it('replaces half of a surrogate pair, which JSON would also grow to 6 bytes', () => {
    const update = parse({ type: 'card.update', cardId: 'c1', title: `A\ud800B\udc00C😀` });
    expect(update.ok && update.value).toMatchObject({ title: 'A\ufffdB\ufffdC😀' });
  });
});
