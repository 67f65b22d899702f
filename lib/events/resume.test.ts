import { describe, expect, it } from 'vitest';
import { isCompleteReplay, MAX_REPLAY_EVENTS, parseLastEventId, planResume } from './resume';

describe('parseLastEventId', () => {
  it('reads a decimal sequence number and nothing else', () => {
    expect(parseLastEventId('42')).toBe(42);
    expect(parseLastEventId(' 7 ')).toBe(7);
    expect(parseLastEventId('0')).toBe(0);
    for (const bad of [null, undefined, '', '-1', '1.5', '1e3', 'abc', '12abc', '9'.repeat(20)]) expect(parseLastEventId(bad)).toBeNull();
  });
});

describe('planResume', () => {
  it('replays exactly what was missed', () => {
    expect(planResume({ lastSeq: 10, headSeq: 30 })).toEqual({ kind: 'replay', afterSeq: 10, count: 20 });
  });

  it('has nothing to do for a browser that is up to date', () => {
    expect(planResume({ lastSeq: 30, headSeq: 30 })).toEqual({ kind: 'up-to-date' });
  });

  it('resyncs without a position, ahead of the board, or too far behind', () => {
    expect(planResume({ lastSeq: null, headSeq: 30 })).toEqual({ kind: 'resync', reason: 'no-position' });
    expect(planResume({ lastSeq: 31, headSeq: 30 })).toEqual({ kind: 'resync', reason: 'ahead-of-board' });
    expect(planResume({ lastSeq: 0, headSeq: MAX_REPLAY_EVENTS })).toEqual({ kind: 'replay', afterSeq: 0, count: MAX_REPLAY_EVENTS });
    expect(planResume({ lastSeq: 0, headSeq: MAX_REPLAY_EVENTS + 1 })).toEqual({ kind: 'resync', reason: 'too-far-behind' });
    expect(planResume({ lastSeq: 5, headSeq: 20, maxReplay: 10 })).toEqual({ kind: 'resync', reason: 'too-far-behind' });
  });
});

describe('isCompleteReplay', () => {
  it('wants the events right after the position, without a gap', () => {
    expect(isCompleteReplay(10, [11, 12, 13])).toBe(true);
    expect(isCompleteReplay(10, [])).toBe(true);
    expect(isCompleteReplay(10, [12, 13])).toBe(false);
    expect(isCompleteReplay(10, [11, 13])).toBe(false);
  });
});
