import { describe, expect, it } from 'vitest';
import { initialDurableCursor, initialLiveCursor, planConsumerWork, retryDelayMs, type KnownEvent } from './dispatch-plan';

const known = (entries: [number, string | null][]) => new Map<number, KnownEvent>(entries.map(([seq, payload]) => [seq, { payload }]));

describe('planConsumerWork', () => {
  const wantsB = (event: { payload: string }) => event.payload.includes('b');

  it('is caught up at the head', () => {
    expect(planConsumerWork({ cursor: 5, headSeq: 5, known: known([]), concerns: wantsB })).toEqual({ kind: 'caught-up' });
  });

  it('passes over known events that do not concern the consumer, without reading', () => {
    expect(planConsumerWork({ cursor: 1, headSeq: 3, known: known([[2, 'a'], [3, 'a']]), concerns: wantsB })).toEqual({ kind: 'pass-over', toSeq: 3 });
  });

  it('passes over up to the first event that concerns it, then reads from there', () => {
    const events = known([[2, 'a'], [3, 'b'], [4, 'a']]);
    expect(planConsumerWork({ cursor: 1, headSeq: 4, known: events, concerns: wantsB })).toEqual({ kind: 'pass-over', toSeq: 2 });
    expect(planConsumerWork({ cursor: 2, headSeq: 4, known: events, concerns: wantsB })).toEqual({ kind: 'read', afterSeq: 2 });
  });

  it('reads when an event is unknown here or was heard id-only', () => {
    expect(planConsumerWork({ cursor: 1, headSeq: 3, known: known([[3, 'a']]), concerns: () => false })).toEqual({ kind: 'read', afterSeq: 1 });
    expect(planConsumerWork({ cursor: 1, headSeq: 2, known: known([[2, null]]), concerns: () => false })).toEqual({ kind: 'read', afterSeq: 1 });
  });
});

describe('where a consumer starts', () => {
  it('a durable consumer resumes from its stored cursor, a new one after the history before it', () => {
    expect(initialDurableCursor({ storedSeq: 12, lastSeqBeforeRegistration: 40 })).toBe(12);
    expect(initialDurableCursor({ storedSeq: null, lastSeqBeforeRegistration: 40 })).toBe(40);
    expect(initialDurableCursor({ storedSeq: null, lastSeqBeforeRegistration: 0 })).toBe(0);
  });

  it('the live consumer starts at the head it found, or at 0 on a board created since', () => {
    expect(initialLiveCursor(17)).toBe(17);
    expect(initialLiveCursor(undefined)).toBe(0);
  });
});

describe('retryDelayMs', () => {
  it('doubles from a second up to a minute', () => {
    expect([1, 2, 3, 4, 7, 20].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000]);
  });
});
