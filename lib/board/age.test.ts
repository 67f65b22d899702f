import { describe, expect, it } from 'vitest';
import { getAgeInCalendarDays, getElapsedDays } from './age';

describe('getAgeInCalendarDays', () => {
  it('counts the start day: started and seen the same day is 1', () => {
    expect(getAgeInCalendarDays(new Date('2026-11-26T07:00:00Z'), new Date('2026-11-26T15:00:00Z'))).toBe(1);
  });
  it('uses the team time zone for the day boundary', () => {
    // 23:30 UTC on the 25th is 00:30 on the 26th in Stockholm: same day as the 26th's afternoon.
    expect(getAgeInCalendarDays(new Date('2026-11-25T23:30:00Z'), new Date('2026-11-26T15:00:00Z'))).toBe(1);
    expect(getAgeInCalendarDays(new Date('2026-11-25T22:30:00Z'), new Date('2026-11-26T15:00:00Z'))).toBe(2);
  });
  it('is unaffected by the daylight-saving change', () => {
    expect(getAgeInCalendarDays(new Date('2026-10-24T10:00:00Z'), new Date('2026-10-26T10:00:00Z'))).toBe(3);
  });
});

describe('getElapsedDays', () => {
  it('floors whole days and never goes negative', () => {
    expect(getElapsedDays(new Date('2026-11-20T12:00:00Z'), new Date('2026-11-26T11:00:00Z'))).toBe(5);
    expect(getElapsedDays(new Date('2026-11-27T12:00:00Z'), new Date('2026-11-26T11:00:00Z'))).toBe(0);
  });
});
