import { describe, expect, it } from 'vitest';
import { computeBlockedTime, type BlockedPeriod } from './blocked-time';

const NOW = new Date('2026-03-10T12:00:00Z');
const period = (itemId: string, start: string, end: string | null): BlockedPeriod => ({
  itemId,
  start: new Date(start),
  end: end === null ? null : new Date(end),
});

describe('computeBlockedTime', () => {
  it('sums closed periods per item', () => {
    expect(
      computeBlockedTime({
        blockedPeriods: [
          period('a', '2026-03-01T12:00:00Z', '2026-03-02T00:00:00Z'),
          period('a', '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z'),
        ],
        now: NOW,
      }),
    ).toEqual([{ itemId: 'a', blockedDays: 1.5, isBlocked: false, currentlyBlockedDays: null, blockedSince: null }]);
  });

  it('counts an open period until now and reports the current stretch', () => {
    const [result] = computeBlockedTime({
      blockedPeriods: [
        period('a', '2026-03-01T12:00:00Z', '2026-03-02T12:00:00Z'),
        period('a', '2026-03-08T12:00:00Z', null),
      ],
      now: NOW,
    });
    expect(result).toEqual({
      itemId: 'a',
      blockedDays: 3,
      isBlocked: true,
      currentlyBlockedDays: 2,
      blockedSince: new Date('2026-03-08T12:00:00Z'),
    });
  });

  it('merges overlapping and touching periods so time is not counted twice', () => {
    const [result] = computeBlockedTime({
      blockedPeriods: [
        period('a', '2026-03-05T00:00:00Z', '2026-03-07T00:00:00Z'),
        period('a', '2026-03-06T00:00:00Z', '2026-03-08T00:00:00Z'),
        period('a', '2026-03-08T00:00:00Z', null), // starts as the previous one ends
        period('a', '2026-03-09T00:00:00Z', null), // a second, overlapping reason
      ],
      now: NOW,
    });
    expect(result?.blockedDays).toBe(5.5);
    expect(result?.currentlyBlockedDays).toBe(5.5);
    expect(result?.blockedSince).toEqual(new Date('2026-03-05T00:00:00Z'));
  });

  it('treats a period ending after now as ongoing and one ending exactly now as over', () => {
    const results = computeBlockedTime({
      blockedPeriods: [
        period('later', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'),
        period('ended', '2026-03-10T00:00:00Z', '2026-03-10T12:00:00Z'),
      ],
      now: NOW,
    });
    expect(results).toEqual([
      { itemId: 'ended', blockedDays: 0.5, isBlocked: false, currentlyBlockedDays: null, blockedSince: null },
      {
        itemId: 'later',
        blockedDays: 0.5,
        isBlocked: true,
        currentlyBlockedDays: 0.5,
        blockedSince: new Date('2026-03-10T00:00:00Z'),
      },
    ]);
  });

  it('ignores future periods, reversed periods and invalid dates', () => {
    expect(
      computeBlockedTime({
        blockedPeriods: [
          period('future', '2026-03-11T00:00:00Z', null),
          period('reversed', '2026-03-05T00:00:00Z', '2026-03-04T00:00:00Z'),
          period('invalid', 'not a date', null),
        ],
        now: NOW,
      }),
    ).toEqual([]);
  });

  it('returns nothing without periods and rejects an invalid now', () => {
    expect(computeBlockedTime({ blockedPeriods: [], now: NOW })).toEqual([]);
    expect(() => computeBlockedTime({ blockedPeriods: [], now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
