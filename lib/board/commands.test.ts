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
