import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from './dates';
import { prepareImport } from './index';
import { ImportError, type ImportPlan } from './model';
import { buildWekanExport } from './testing/wekan-fixture';

const NOW = new Date('2025-10-01T12:00:00Z');

function plan(board: Record<string, unknown> = buildWekanExport()): ImportPlan {
  return prepareImport(JSON.stringify(board), { now: NOW, fileName: 'wekan.json' });
}

function historyOf(result: ImportPlan, title: string) {
  const card = result.cards.find((c) => c.title === title);
  if (!card) throw new Error(`no card ${title}`);
  const name = (ref: string | null | undefined) => (ref ? (result.columns.find((c) => c.ref === ref)?.name ?? result.lanes?.find((l) => l.ref === ref)?.name ?? '?') : '-');
  return {
    card,
    events: result.cardEvents.filter((e) => e.cardRef === card.ref).map((e) => `${e.type} ${formatLocalDateTime(e.at)} ${name(e.fromColumnRef)}→${name(e.toColumnRef)}`),
  };
}

describe('Wekan board export', () => {
  it('is recognised as Wekan (not "damaged", not Trello)', () => {
    expect(plan().source).toBe('wekan');
  });

  it('lists become columns in order with their WIP limit; swimlanes become lanes; templates are left out', () => {
    const result = plan();
    expect(result.columns.map((c) => [c.name, c.flowState, c.wipLimit, c.deletedAt !== null])).toEqual([
      ['Inkommet', 'NOT_STARTED', null, false],
      ['Handläggs – ”pågår”', 'IN_PROGRESS', 3, false],
      ['Klart', 'DONE', null, false],
      ['Gammal lista', 'IN_PROGRESS', null, true],
    ]);
    expect(result.columns[1]?.wipMode).toBe('ADVISORY');
    expect(result.lanes?.map((l) => l.name)).toEqual(['Standard', 'Brådskande ärenden']);
    expect(result.cards.map((c) => c.title)).not.toContain('Mall: nytt ärende');
    expect(result.preview.skipped).toContainEqual({ reason: 'templates', count: 3 });
  });

  it('activities become history with their times; lanes follow the card', () => {
    const result = plan();
    const c1 = historyOf(result, 'Bygglov Storgatan 5 – €');
    expect(c1.events).toEqual(['CREATED 2025-09-02 10:00 -→Inkommet', 'MOVED 2025-09-04 10:00 Inkommet→Handläggs – ”pågår”', 'MOVED 2025-09-12 10:00 Handläggs – ”pågår”→Klart']);
    expect(formatLocalDateTime(c1.card.startedAt!)).toBe('2025-09-04 10:00');
    expect(formatLocalDateTime(c1.card.doneAt!)).toBe('2025-09-12 10:00');
    const c2 = historyOf(result, 'Bygglov Kyrkvägen');
    expect(c2.card.laneRef).toBe('s2');
    const move = result.cardEvents.find((e) => e.cardRef === 'c2' && e.type === 'MOVED');
    expect([move?.fromLaneRef, move?.toLaneRef]).toEqual(['s1', 's2']);
    expect(move?.actorName).toBe('Omar Haddad');
    const archived = historyOf(result, 'Rivningslov');
    expect(archived.card.archivedAt?.toISOString()).toBe('2025-09-25T08:00:00.000Z');
  });

  it('keeps label colours with their names, and says what it leaves out', () => {
    const result = plan();
    expect(result.cards.find((c) => c.title === 'Bygglov Storgatan 5 – €')?.labels).toEqual(['Brådskande']);
    expect(result.cards.find((c) => c.title === 'Bygglov Kyrkvägen')?.labels).toEqual(['green']);
    expect(result.preview.labelColors).toEqual({ Brådskande: 'red', green: 'green' });
    const reasons = Object.fromEntries(result.preview.skipped.map((entry) => [entry.reason, entry.count]));
    expect(reasons).toMatchObject({ comments: 1, checklists: 1, dueDates: 1, cardMembers: 1 });
  });

  it('names the field of a damaged export as Wekan, not as a Trello file', () => {
    const board = buildWekanExport();
    (board.cards as Record<string, unknown>[])[1]!.listId = 42;
    try {
      plan(board);
      throw new Error('expected an error');
    } catch (error) {
      expect((error as ImportError).code).toBe('wekanMalformed');
      expect((error as ImportError).params.path).toBe('cards.1.listId');
    }
  });
});
