import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImportBytes, looksTruncated, prepareImport } from './index';
import { ImportError, type ImportPlan, type PlanCardEvent } from './model';
import { generateTrelloExport } from './testing/trello-generator';
import { importTrelloBoard, trelloIdTime } from './trello';

const FIXTURE = readFileSync(path.join(import.meta.dirname, 'fixtures', 'trello-mottagning.json'), 'utf8');
const NOW = new Date('2024-11-20T12:00:00Z');

function plan(text = FIXTURE, flowStates?: Record<string, 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE'>): ImportPlan {
  return prepareImport(text, { now: NOW, fileName: 'mottagning.json', flowStates });
}

function cardByTitle(result: ImportPlan, title: string) {
  const card = result.cards.find((c) => c.title.startsWith(title));
  if (!card) throw new Error(`no card ${title}`);
  const events = result.cardEvents.filter((event) => event.cardRef === card.ref);
  return { card, events };
}

function columnName(result: ImportPlan, ref: string | null) {
  return ref === null ? null : (result.columns.find((column) => column.ref === ref)?.name ?? '?');
}

function describeEvents(result: ImportPlan, events: PlanCardEvent[]) {
  return events.map((event) => `${event.type} ${event.at.toISOString()} ${columnName(result, event.fromColumnRef) ?? '-'}→${columnName(result, event.toColumnRef) ?? '-'}`);
}

function expectImportError(run: () => unknown, code: string): ImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe(code);
    return error as ImportError;
  }
  throw new Error(`expected ImportError ${code}`);
}

describe('Trello import: the hand-written export fixture', () => {
  const result = plan();

  it('makes the lists columns in Trello order, the closed list a removed column, with suggested flow states', () => {
    expect(result.columns.map((column) => [column.name, column.flowState, column.deletedAt !== null])).toEqual([
      ['Inkommet', 'NOT_STARTED', false],
      ['Utreds', 'IN_PROGRESS', false],
      ['Väntar på komplettering', 'IN_PROGRESS', false],
      ['Beslut', 'IN_PROGRESS', false],
      ['Klart', 'DONE', false],
      ['Gamla ärenden (2023)', 'DONE', true],
    ]);
    // The closed list was archived by an updateList action: that is when the column was removed.
    expect(result.columns[5]?.deletedAt?.toISOString()).toBe('2024-10-10T12:00:00.000Z');
    // Columns are dated from their createList actions.
    expect(result.columns[0]?.createdAt?.toISOString()).toBe('2024-08-19T07:13:02.000Z');
  });

  it('keeps every card with title, description, labels (name, else colour) and archived state', () => {
    expect(result.cards).toHaveLength(12);
    const first = cardByTitle(result, 'Ansökan ekonomiskt bistånd').card;
    expect(first.description).toBe('Ansökan om försörjningsstöd för september.\n\nUnderlag: kontoutdrag, hyresavtal.');
    expect(first.labels).toEqual(['Ekonomiskt bistånd']);
    expect(cardByTitle(result, 'Orosanmälan').card.labels).toEqual(['Orosanmälan', 'Brådskande']);
    expect(cardByTitle(result, 'Nytt ärende').card.labels).toEqual(['orange']);
    expect(cardByTitle(result, 'Bostadsanpassning').card.archivedAt?.toISOString()).toBe('2024-10-01T07:00:00.000Z');
    // In a closed list: archived when the list was.
    expect(cardByTitle(result, 'Gammalt ärende').card.archivedAt?.toISOString()).toBe('2024-10-10T12:00:00.000Z');
    expect(result.cards.filter((card) => card.archivedAt !== null)).toHaveLength(2);
  });

  it('turns the actions into card history with their original times, and derives start and delivery from it', () => {
    const { card, events } = cardByTitle(result, 'Ansökan ekonomiskt bistånd');
    expect(describeEvents(result, events)).toEqual([
      'CREATED 2024-09-02T08:14:22.000Z -→Inkommet',
      'MOVED 2024-09-03T09:30:00.000Z Inkommet→Utreds',
      'MOVED 2024-09-16T14:45:12.000Z Utreds→Beslut',
      'MOVED 2024-09-20T13:05:10.000Z Beslut→Klart',
    ]);
    expect(events.map((event) => event.actorName)).toEqual(['Lena Ek', 'Omar Haddad', 'Omar Haddad', 'Sara Nilsson']);
    expect(card.createdAt.toISOString()).toBe('2024-09-02T08:14:22.000Z');
    expect(card.startedAt?.toISOString()).toBe('2024-09-03T09:30:00.000Z');
    expect(card.doneAt?.toISOString()).toBe('2024-09-20T13:05:10.000Z');
    expect(card.lastMovedAt.toISOString()).toBe('2024-09-20T13:05:10.000Z');
  });

  it('imports updateCard closed as archiving, and leaves out an archiving that was undone', () => {
    expect(describeEvents(result, cardByTitle(result, 'Bostadsanpassning').events).at(-1)).toBe('ARCHIVED 2024-10-01T07:00:00.000Z Klart→-');
    const restored = cardByTitle(result, 'Färdtjänst');
    expect(restored.card.archivedAt).toBeNull();
    expect(restored.events.map((event) => event.type)).toEqual(['CREATED', 'MOVED']);
  });

  it('imports a card moved in from another board as arriving when it came, and renames and new descriptions as edits', () => {
    expect(describeEvents(result, cardByTitle(result, 'Flyttat ärende').events)).toEqual([
      'CREATED 2024-10-01T08:00:00.000Z -→Inkommet',
      'MOVED 2024-10-02T11:00:00.000Z Inkommet→Utreds',
    ]);
    const edited = cardByTitle(result, 'Överklagan').events.filter((event) => event.type === 'EDITED');
    expect(edited.map((event) => event.data)).toEqual([{ title: { before: 'Överklagan', after: 'Överklagan – dnr 2024-107' } }, { description: { changed: true } }]);
  });

  it('reconstructs history the export no longer holds: creation from the Trello id, the list it left', () => {
    const noHistory = cardByTitle(result, 'Ärende från förra året');
    expect(describeEvents(result, noHistory.events)).toEqual(['CREATED 2024-06-10T09:00:00.000Z -→Beslut']);
    const onlyAMove = cardByTitle(result, 'Hemtjänst');
    expect(describeEvents(result, onlyAMove.events)).toEqual(['CREATED 2024-08-20T09:00:00.000Z -→Utreds', 'MOVED 2024-10-08T14:00:00.000Z Utreds→Beslut']);
    expect(onlyAMove.card.startedAt?.toISOString()).toBe('2024-08-20T09:00:00.000Z');
    expect(trelloIdTime(onlyAMove.card.ref)?.toISOString()).toBe('2024-08-20T09:00:00.000Z');
  });

  it('every card history starts with its creation, ends in its column, and is in time order', () => {
    for (const card of result.cards) {
      const events = result.cardEvents.filter((event) => event.cardRef === card.ref);
      expect(events[0]?.type).toBe('CREATED');
      const times = events.map((event) => event.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const lastMove = events.filter((event) => event.type === 'CREATED' || event.type === 'MOVED').at(-1);
      expect(lastMove?.toColumnRef).toBe(card.columnRef);
      expect(events.some((event) => event.type === 'ARCHIVED')).toBe(card.archivedAt !== null);
    }
  });

  it('previews what it skips and why: due dates, comments, checklists, members, deleted cards, reorderings', () => {
    const skipped = Object.fromEntries(result.preview.skipped.map((entry) => [entry.reason, entry.count]));
    expect(skipped).toMatchObject({ dueDates: 1, comments: 3, checklists: 1, cardMembers: 1, deletedCards: 2, reorderings: 1, restoredFromArchive: 1 });
    expect(result.preview.skipped.find((entry) => entry.reason === 'otherActions')?.detail).toBe('addMemberToBoard, createBoard');
  });

  it('warns about a personnummer in a card, and says names of people are kept as text', () => {
    const warnings = Object.fromEntries(result.preview.warnings.map((entry) => [entry.code, entry.count]));
    expect(warnings.personnummer).toBe(1);
    expect(warnings.actorNames).toBe(3);
    expect(warnings.reconstructedEvents).toBeGreaterThan(0);
  });

  it('lets the team change flow states: start and delivery follow', () => {
    const beslut = result.columns.find((column) => column.name === 'Beslut')?.ref as string;
    const changed = plan(FIXTURE, { [beslut]: 'DONE' });
    const { card } = cardByTitle(changed, 'Överklagan');
    expect(card.doneAt?.toISOString()).toBe('2024-10-07T10:30:00.000Z');
    expect(changed.preview.columns.find((column) => column.ref === beslut)).toMatchObject({ flowState: 'DONE', suggestedFlowState: 'IN_PROGRESS' });
  });

  it('never imports a due date as a field', () => {
    for (const card of result.cards) expect(Object.keys(card)).not.toEqual(expect.arrayContaining(['due']));
  });
});

describe('Trello import: hostile and broken files', () => {
  it('refuses a truncated export as truncated, and writes nothing', () => {
    expectImportError(() => plan(FIXTURE.slice(0, Math.floor(FIXTURE.length / 2))), 'truncated');
    expect(looksTruncated('{"a": [1, 2')).toBe(true);
    expect(looksTruncated('{"a": "unterminated')).toBe(true);
    expect(looksTruncated('{"a": 1,,}')).toBe(false);
  });

  it('refuses text that is not JSON, JSON that is not a board, and binary files', () => {
    expectImportError(() => plan('{"lists": [}'), 'notJson');
    expectImportError(() => plan('{"name": "a Jira export", "issues": []}'), 'unknownFormat');
    expectImportError(() => plan('[1, 2, 3]'), 'unknownFormat');
    expectImportError(() => decodeImportBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])), 'binary');
    // Not UTF-8 (a lone 0xFF): read as Windows-1252, as a JSON file saved by an old Windows editor would be.
    expect(decodeImportBytes(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toBe('{ÿþ}');
    expectImportError(() => plan('   '), 'empty');
  });

  it('refuses a board whose cards have the wrong types, naming where', () => {
    const board = JSON.parse(FIXTURE);
    board.cards[3].name = { evil: true };
    const error = expectImportError(() => plan(JSON.stringify(board)), 'malformed');
    expect(error.params.path).toBe('cards.3.name');
  });

  it('refuses a board with no lists, and boards beyond the limits', () => {
    expectImportError(() => importTrelloBoard({ lists: [], cards: [] }, { now: NOW }), 'noColumns');
    const many = { lists: Array.from({ length: 201 }, (_, i) => ({ id: `l${i}`, name: `L${i}` })), cards: [] };
    expectImportError(() => importTrelloBoard(many, { now: NOW }), 'tooManyColumns');
  });

  it('survives odd actions: unknown shapes, prototype names, future and invalid dates, unknown cards and lists', () => {
    const board = JSON.parse(FIXTURE);
    const card = board.cards[0];
    board.actions.push(
      { type: 'constructor', date: '2024-09-01T00:00:00Z', data: { card: { id: card.id } } },
      { type: '__proto__', date: '2024-09-01T00:00:00Z', data: {} },
      { type: 'createCard', date: 'not a date', data: { card: { id: card.id }, list: { id: card.idList } } },
      { type: 'updateCard', date: '2099-01-01T00:00:00Z', data: { card: { id: card.id }, listBefore: { id: 'x' }, listAfter: { id: card.idList } } },
      { type: 'updateCard', date: '2024-09-10T00:00:00Z', data: { card: { id: card.id }, listAfter: { id: 'no-such-list' } } },
      'a string, not an action',
      null,
    );
    const result = plan(JSON.stringify(board));
    const skipped = Object.fromEntries(result.preview.skipped.map((entry) => [entry.reason, entry.count]));
    expect(skipped.unreadableActions).toBe(3);
    expect(skipped.futureDates).toBe(1);
    expect(skipped.unknownList).toBe(1);
    expect(result.cards).toHaveLength(12);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('strips control characters and NUL (PostgreSQL cannot store them) and shortens very long text', () => {
    const board = JSON.parse(FIXTURE);
    board.cards[0].name = `Ärende\u0000 med\u0007 kontroll\ntecken ${'x'.repeat(300)}`;
    board.cards[0].desc = `rad 1\r\nrad 2\u0000\u001b[31m${'y'.repeat(20_000)}`;
    board.lists[0].name = `  Inkommet\t\u0000 ${'z'.repeat(100)}`;
    board.labels[0].name = '=HYPERLINK("http://evil")';
    const result = plan(JSON.stringify(board));
    const card = result.cards.find((c) => c.ref === board.cards[0].id);
    expect(card?.title.startsWith('Ärende med kontroll tecken xxx')).toBe(true);
    expect(card?.title.length).toBeLessThanOrEqual(200);
    expect(card?.description.startsWith('rad 1\nrad 2[31myyy')).toBe(true);
    expect(card?.description.length).toBeLessThanOrEqual(10_000);
    expect(JSON.stringify(result.cards) + JSON.stringify(result.columns)).not.toMatch(/\\u0000/);
    expect(result.columns[0]?.name.length).toBeLessThanOrEqual(60);
    const warnings = result.preview.warnings.map((entry) => entry.code);
    expect(warnings).toEqual(expect.arrayContaining(['titleTruncated', 'descriptionTruncated', 'nameTruncated']));
  });

  it('keeps "__proto__" keys in action data as data, without touching any prototype', () => {
    const text = FIXTURE.replace('"actions": [', '"actions": [{"type":"updateCard","date":"2024-09-01T00:00:00Z","data":{"__proto__":{"polluted":1},"old":{"__proto__":{"x":1}}}},');
    expect(() => plan(text)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses deeply nested JSON cleanly instead of crashing', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(() => plan(deep)).toThrow(ImportError);
  });

  it('notes when the export holds as many actions as Trello includes (older history missing)', () => {
    const board = generateTrelloExport({ cards: 400, start: new Date('2024-01-08T07:00:00Z'), days: 200 }).board as { actions: unknown[] };
    board.actions = board.actions.slice(0, 1000);
    const result = plan(JSON.stringify(board));
    expect(result.preview.warnings.find((entry) => entry.code === 'historyLimited')?.count).toBe(1000);
    expect(result.cards).toHaveLength(400);
  });
});

describe('Trello import: volume', () => {
  it('reads a generated 5,000-card export into a consistent plan', () => {
    const generated = generateTrelloExport({ cards: 5000 });
    const result = prepareImport(JSON.stringify(generated.board), { now: new Date('2026-02-01T12:00:00Z') });
    expect(result.cards).toHaveLength(5000);
    expect(result.preview.eventCounts.CREATED).toBe(5000);
    expect(new Set(result.cardEvents.map((event) => event.cardRef)).size).toBe(5000);
    expect(result.cards.every((card) => card.createdAt.getTime() <= card.lastMovedAt.getTime())).toBe(true);
  }, 60_000);
});
