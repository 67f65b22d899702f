import { describe, expect, it } from 'vitest';
import { describeWorkAge, getAgeInCalendarDays, getElapsedDays } from './age';

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

describe('describeWorkAge', () => {
  it('reads "today" for work started a minute ago, not "1 day"', () => {
    expect(describeWorkAge(new Date('2026-11-26T14:59:00Z'), new Date('2026-11-26T15:00:00Z'))).toEqual({ isFirstDay: true, days: 1 });
  });
  it('is still the first day just before midnight in the team’s time zone, and day 2 just after', () => {
    // 22:59 UTC is 23:59 in Stockholm (winter time); 23:01 UTC is 00:01 the next day.
    expect(describeWorkAge(new Date('2026-11-26T06:00:00Z'), new Date('2026-11-26T22:59:00Z')).isFirstDay).toBe(true);
    expect(describeWorkAge(new Date('2026-11-26T22:50:00Z'), new Date('2026-11-26T23:01:00Z'))).toEqual({ isFirstDay: false, days: 2 });
  });
  it('counts calendar days including the start day from then on, like cycle time', () => {
    expect(describeWorkAge(new Date('2026-11-20T12:00:00Z'), new Date('2026-11-26T09:00:00Z'))).toEqual({ isFirstDay: false, days: 7 });
  });
  it('treats a start slightly in the future (a clock ahead) as today', () => {
    expect(describeWorkAge(new Date('2026-11-26T15:01:00Z'), new Date('2026-11-26T15:00:00Z')).isFirstDay).toBe(true);
  });
});
