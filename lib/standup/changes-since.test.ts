import { describe, expect, it } from 'vitest';
import { getPreviousWorkingDayStart, summarizeChangesSince, type ChangeEvent } from './changes-since';

const columns = [
  { id: 'backlog', flowState: 'NOT_STARTED' as const },
  { id: 'doing', flowState: 'IN_PROGRESS' as const },
  { id: 'review', flowState: 'IN_PROGRESS' as const },
  { id: 'done', flowState: 'DONE' as const },
  { id: 'archive-done', flowState: 'DONE' as const },
];

const SINCE = new Date('2026-11-25T08:00:00Z');

function moved(cardId: string, from: string, to: string, at: string | Date): ChangeEvent {
  return { cardId, type: 'MOVED', fromColumnId: from, toColumnId: to, at };
}
function created(cardId: string, to: string, at: string): ChangeEvent {
  return { cardId, type: 'CREATED', fromColumnId: null, toColumnId: to, at };
}
function blocked(cardId: string, at: string): ChangeEvent {
  return { cardId, type: 'BLOCKED', fromColumnId: null, toColumnId: null, at };
}
function unblocked(cardId: string, at: string): ChangeEvent {
  return { cardId, type: 'UNBLOCKED', fromColumnId: null, toColumnId: null, at };
}

describe('summarizeChangesSince', () => {
  it('sorts each card into finished, started and moved by where it stood before and after', () => {
    const events = [
      moved('fin', 'review', 'done', '2026-11-25T10:00:00Z'),
      moved('sta', 'backlog', 'doing', '2026-11-25T11:00:00Z'),
      moved('mov', 'doing', 'review', '2026-11-25T12:00:00Z'),
      moved('back', 'review', 'doing', '2026-11-25T13:00:00Z'),
      moved('reopened', 'done', 'review', '2026-11-25T14:00:00Z'),
    ];
    expect(summarizeChangesSince({ since: SINCE, events, columns })).toEqual({
      finished: ['fin'],
      started: ['sta'],
      moved: ['mov', 'back', 'reopened'],
      blocked: [],
      unblocked: [],
    });
  });

  it('counts a card started and finished in the window in both lists', () => {
    const events = [moved('quick', 'backlog', 'doing', '2026-11-25T09:00:00Z'), moved('quick', 'doing', 'done', '2026-11-25T15:00:00Z')];
    const changes = summarizeChangesSince({ since: SINCE, events, columns });
    expect(changes.started).toEqual(['quick']);
    expect(changes.finished).toEqual(['quick']);
    expect(changes.moved).toEqual([]);
  });

  it('uses net change: a card moved forward and back again has not moved, one finished and reopened is not finished', () => {
    const events = [
      moved('bounce', 'doing', 'review', '2026-11-25T09:00:00Z'),
      moved('bounce', 'review', 'doing', '2026-11-25T10:00:00Z'),
      moved('undone', 'review', 'done', '2026-11-25T09:00:00Z'),
      moved('undone', 'done', 'review', '2026-11-25T10:00:00Z'),
    ];
    expect(summarizeChangesSince({ since: SINCE, events, columns })).toEqual({ finished: [], started: [], moved: [], blocked: [], unblocked: [] });
  });

  it('does not count moves between done columns, reorders within a column, or moves back before the commitment point as started', () => {
    const events = [
      moved('tidy', 'done', 'archive-done', '2026-11-25T09:00:00Z'),
      moved('reorder', 'doing', 'doing', '2026-11-25T09:00:00Z'),
      moved('parked', 'doing', 'backlog', '2026-11-25T09:00:00Z'),
    ];
    const changes = summarizeChangesSince({ since: SINCE, events, columns });
    expect(changes.finished).toEqual([]);
    expect(changes.started).toEqual([]);
    expect(changes.moved).toEqual(['parked', 'tidy']); // same time: by id
  });

  it('counts cards created past the commitment point as started (and finished when created in done), not new ideas', () => {
    const events = [
      created('idea', 'backlog', '2026-11-25T09:00:00Z'),
      created('urgent', 'doing', '2026-11-25T09:30:00Z'),
      created('already', 'done', '2026-11-25T10:00:00Z'),
    ];
    const changes = summarizeChangesSince({ since: SINCE, events, columns });
    expect(changes.started).toEqual(['urgent', 'already']);
    expect(changes.finished).toEqual(['already']);
    expect(changes.moved).toEqual([]);
  });

  it('ignores events outside the window, except to learn where a card stood when it opened', () => {
    const events = [
      moved('old', 'backlog', 'doing', '2026-11-24T09:00:00Z'),
      moved('late', 'backlog', 'doing', '2026-11-26T09:00:00Z'),
      created('known', 'backlog', '2026-11-01T09:00:00Z'),
      moved('known', 'backlog', 'doing', '2026-11-25T09:00:00Z'),
    ];
    const changes = summarizeChangesSince({ since: SINCE, until: new Date('2026-11-26T08:00:00Z'), events, columns });
    expect(changes.started).toEqual(['known']);
    expect(changes.moved).toEqual([]);
  });

  it('lists newly blocked and unblocked cards by their state before and after the window', () => {
    const events = [
      blocked('new-block', '2026-11-25T09:00:00Z'),
      // Blocked before the standup and its reason changed since: not newly blocked.
      blocked('still', '2026-11-20T09:00:00Z'),
      blocked('still', '2026-11-25T09:00:00Z'),
      // An unblock with no earlier history in view: it was blocked when the window opened.
      unblocked('freed', '2026-11-25T10:00:00Z'),
      // Blocked and unblocked within the window: nothing changed.
      blocked('blip', '2026-11-25T09:00:00Z'),
      unblocked('blip', '2026-11-25T11:00:00Z'),
      // Unblocked then blocked again for a new reason.
      blocked('again', '2026-11-21T09:00:00Z'),
      unblocked('again', '2026-11-25T09:00:00Z'),
      blocked('again', '2026-11-25T12:00:00Z'),
    ];
    const changes = summarizeChangesSince({ since: SINCE, events, columns });
    expect(changes.blocked).toEqual(['new-block']);
    expect(changes.unblocked).toEqual(['freed']);
  });

  it('orders each list by when the change happened, whatever order the events come in', () => {
    const events = [
      moved('b', 'review', 'done', '2026-11-25T12:00:00Z'),
      moved('a', 'review', 'done', '2026-11-25T10:00:00Z'),
      moved('c', 'review', 'done', new Date('2026-11-25T11:00:00Z')),
    ];
    expect(summarizeChangesSince({ since: SINCE, events: [...events].reverse(), columns }).finished).toEqual(['a', 'c', 'b']);
  });

  it('treats a removed column it does not know as neither before the commitment point nor done', () => {
    const events = [moved('x', 'gone', 'done', '2026-11-25T09:00:00Z'), moved('y', 'gone', 'doing', '2026-11-25T09:00:00Z')];
    const changes = summarizeChangesSince({ since: SINCE, events, columns });
    expect(changes.finished).toEqual(['x']);
    expect(changes.started).toEqual([]);
    expect(changes.moved).toEqual(['y']);
  });
});

describe('getPreviousWorkingDayStart', () => {
  it('goes back to the start of yesterday in Stockholm on an ordinary weekday', () => {
    // Thursday 26 November 2026, 09:00 in Stockholm (UTC+1) → Wednesday 00:00 Stockholm = 23:00 UTC Tuesday.
    expect(getPreviousWorkingDayStart(new Date('2026-11-26T08:00:00Z')).toISOString()).toBe('2026-11-24T23:00:00.000Z');
  });

  it('goes back to Friday from Monday, Saturday and Sunday', () => {
    const friday = '2026-11-19T23:00:00.000Z';
    expect(getPreviousWorkingDayStart(new Date('2026-11-23T08:00:00Z')).toISOString()).toBe(friday);
    expect(getPreviousWorkingDayStart(new Date('2026-11-22T08:00:00Z')).toISOString()).toBe(friday);
    expect(getPreviousWorkingDayStart(new Date('2026-11-21T08:00:00Z')).toISOString()).toBe(friday);
  });

  it('uses the team time zone for the day boundary, not UTC', () => {
    // 23:30 UTC on Sunday is already 00:30 on Monday in Stockholm: back to Friday.
    expect(getPreviousWorkingDayStart(new Date('2026-11-22T23:30:00Z')).toISOString()).toBe('2026-11-19T23:00:00.000Z');
    expect(getPreviousWorkingDayStart(new Date('2026-11-26T08:00:00Z'), 'UTC').toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });

  it('handles the daylight-saving change', () => {
    // Monday 30 March 2026 (CEST, UTC+2); Friday 27 March was still CET (UTC+1).
    expect(getPreviousWorkingDayStart(new Date('2026-03-30T07:00:00Z')).toISOString()).toBe('2026-03-26T23:00:00.000Z');
  });
});
