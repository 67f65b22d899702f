import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToCalendarDate,
  countCalendarDaysInclusive,
  createZonedCalendar,
  formatDayNumber,
  getCalendarDate,
  getIsoWeek,
  listCalendarDays,
  listCalendarDaysInRange,
  parseCalendarDate,
} from './calendar-days';

const parseInstant = (iso: string): number => new Date(iso).getTime();

/** Independent oracle: Swedish locale formats dates as YYYY-MM-DD. */
function formatReferenceDate(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

describe('getCalendarDate', () => {
  it('switches date at local midnight in Stockholm, winter (UTC+1)', () => {
    expect(getCalendarDate(new Date('2026-01-15T22:59:59.999Z'))).toBe('2026-01-15');
    expect(getCalendarDate(new Date('2026-01-15T23:00:00.000Z'))).toBe('2026-01-16');
  });

  it('switches date at local midnight in Stockholm, summer (UTC+2)', () => {
    expect(getCalendarDate(new Date('2026-07-01T21:59:59.999Z'))).toBe('2026-07-01');
    expect(getCalendarDate(new Date('2026-07-01T22:00:00.000Z'))).toBe('2026-07-02');
  });

  it('uses the given zone', () => {
    expect(getCalendarDate(new Date('2026-01-15T23:30:00Z'), 'UTC')).toBe('2026-01-15');
    expect(getCalendarDate(new Date('2026-01-15T23:30:00Z'), 'Europe/Stockholm')).toBe('2026-01-16');
    expect(getCalendarDate(new Date('2026-01-15T03:30:00Z'), 'America/New_York')).toBe('2026-01-14');
  });

  it('rejects unknown zones and invalid dates', () => {
    expect(() => getCalendarDate(new Date('2026-01-15T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => getCalendarDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('createZonedCalendar: Europe/Stockholm DST days', () => {
  it('2026-03-29 (spring forward) is 23 hours long', () => {
    const calendar = createZonedCalendar('Europe/Stockholm');
    const day = parseCalendarDate('2026-03-29');
    expect(calendar.getStartOfDay(day)).toBe(parseInstant('2026-03-28T23:00:00Z'));
    expect(calendar.getStartOfDay(day + 1)).toBe(parseInstant('2026-03-29T22:00:00Z'));
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('2026-03-29T01:30:00Z')))).toBe('2026-03-29'); // 03:30 CEST
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('2026-03-29T21:59:59.999Z')))).toBe('2026-03-29');
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('2026-03-29T22:00:00Z')))).toBe('2026-03-30');
  });

  it('2026-10-25 (fall back) is 25 hours long', () => {
    const calendar = createZonedCalendar('Europe/Stockholm');
    const day = parseCalendarDate('2026-10-25');
    expect(calendar.getStartOfDay(day)).toBe(parseInstant('2026-10-24T22:00:00Z'));
    expect(calendar.getStartOfDay(day + 1)).toBe(parseInstant('2026-10-25T23:00:00Z'));
    // 23:30 CET on the 25th: a fixed +2 h offset would wrongly say the 26th.
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('2026-10-25T22:30:00Z')))).toBe('2026-10-25');
  });

  it('gives the same answers whether the cache grew forwards or backwards over a DST change', () => {
    const instants = ['2026-03-28T22:59:59Z', '2026-03-28T23:00:00Z', '2026-03-29T21:59:59Z', '2026-03-29T22:00:00Z'];
    const forwards = createZonedCalendar('Europe/Stockholm');
    forwards.getDayNumber(parseInstant('2026-03-01T12:00:00Z'));
    const backwards = createZonedCalendar('Europe/Stockholm');
    backwards.getDayNumber(parseInstant('2026-04-30T12:00:00Z'));
    for (const iso of instants) {
      expect(forwards.getDayNumber(parseInstant(iso))).toBe(backwards.getDayNumber(parseInstant(iso)));
      expect(formatDayNumber(forwards.getDayNumber(parseInstant(iso)))).toBe(formatReferenceDate(parseInstant(iso), 'Europe/Stockholm'));
    }
  });
});

describe('createZonedCalendar: zones whose clocks change at midnight', () => {
  // Cuba springs forward at 00:00 (the day starts at 01:00) and falls back at 01:00 to 00:00
  // (the day starts at the first of two midnights).
  it.each([
    ['2025-03-09', '2025-03-09T05:00:00Z'],
    ['2025-11-02', '2025-11-02T04:00:00Z'],
  ])('America/Havana %s starts at %s from either direction', (date, expectedStart) => {
    const day = parseCalendarDate(date);
    const grownForwards = createZonedCalendar('America/Havana');
    grownForwards.getDayNumber(parseInstant(`${date}T00:00:00Z`) - 10 * 86_400_000);
    const grownBackwards = createZonedCalendar('America/Havana');
    grownBackwards.getDayNumber(parseInstant(`${date}T00:00:00Z`) + 10 * 86_400_000);
    expect(grownForwards.getStartOfDay(day)).toBe(parseInstant(expectedStart));
    expect(grownBackwards.getStartOfDay(day)).toBe(parseInstant(expectedStart));
    expect(grownBackwards.getDayNumber(parseInstant(expectedStart) - 1)).toBe(day - 1);
    expect(grownForwards.getDayNumber(parseInstant(expectedStart))).toBe(day);
  });

  it('handles a skipped calendar day (Samoa, 2011-12-30 never happened)', () => {
    const calendar = createZonedCalendar('Pacific/Apia');
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('2011-12-30T09:59:59Z')))).toBe('2011-12-29');
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('2011-12-30T10:00:00Z')))).toBe('2011-12-31');
  });
});

describe('createZonedCalendar agrees with Intl for arbitrary instants (property)', () => {
  const zones = [
    'Europe/Stockholm',
    'UTC',
    'America/New_York',
    'America/Havana',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/St_Johns',
  ];
  const years2000To2040 = fc.integer({ min: parseInstant('2000-01-01T00:00:00Z'), max: parseInstant('2040-01-01T00:00:00Z') });

  it.each(zones)('%s', (timeZone) => {
    // One calendar across all runs, so the cache is exercised growing in both directions.
    const calendar = createZonedCalendar(timeZone);
    fc.assert(
      fc.property(years2000To2040, (instant) => {
        const day = calendar.getDayNumber(instant);
        expect(formatDayNumber(day)).toBe(formatReferenceDate(instant, timeZone));
        expect(calendar.getStartOfDay(day)).toBeLessThanOrEqual(instant);
        expect(calendar.getStartOfDay(day + 1)).toBeGreaterThan(instant);
      }),
      { numRuns: 200 },
    );
  });

  it('is exact right at day starts (Stockholm, 2025–2027)', () => {
    const calendar = createZonedCalendar('Europe/Stockholm');
    fc.assert(
      fc.property(fc.integer({ min: parseCalendarDate('2025-01-01'), max: parseCalendarDate('2027-12-31') }), (day) => {
        const start = calendar.getStartOfDay(day);
        expect(formatReferenceDate(start, 'Europe/Stockholm')).toBe(formatDayNumber(day));
        expect(formatReferenceDate(start - 1, 'Europe/Stockholm')).toBe(formatDayNumber(day - 1));
      }),
      { numRuns: 300 },
    );
  });

  it('answers instants far outside the cached span without growing the cache that far', () => {
    const calendar = createZonedCalendar('Europe/Stockholm');
    calendar.getDayNumber(parseInstant('2026-01-01T12:00:00Z'));
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('1901-06-01T12:00:00Z')))).toBe('1901-06-01');
    expect(formatDayNumber(calendar.getDayNumber(parseInstant('2300-06-01T12:00:00Z')))).toBe('2300-06-01');
    expect(calendar.getStartOfDay(parseCalendarDate('2300-06-01'))).toBe(parseInstant('2300-05-31T22:00:00Z'));
  });
});

describe('calendar date arithmetic', () => {
  it('lists days across month, year and DST boundaries, each exactly once', () => {
    expect(listCalendarDays('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(listCalendarDays('2026-03-28', '2026-03-30')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(listCalendarDays('2026-01-02', '2026-01-01')).toEqual([]);
  });

  it('lists the local days of an instant range across both 2026 DST changes', () => {
    const days = listCalendarDaysInRange(new Date('2026-03-27T23:30:00Z'), new Date('2026-10-25T22:30:00Z'));
    expect(days[0]).toBe('2026-03-28');
    expect(days[days.length - 1]).toBe('2026-10-25');
    expect(new Set(days).size).toBe(days.length);
    expect(days).toHaveLength(countCalendarDaysInclusive('2026-03-28', '2026-10-25'));
    expect(days).toContain('2026-03-29');
  });

  it('counts days inclusively', () => {
    expect(countCalendarDaysInclusive('2026-03-29', '2026-03-29')).toBe(1);
    expect(countCalendarDaysInclusive('2026-02-27', '2026-03-02')).toBe(4);
    expect(addDaysToCalendarDate('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDaysToCalendarDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToCalendarDate('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => parseCalendarDate('2026-2-3')).toThrow(RangeError);
    expect(() => parseCalendarDate('2026-02-30')).toThrow(RangeError);
    expect(parseCalendarDate('1970-01-01')).toBe(0);
  });

  it('numbers ISO weeks (Monday start, week 1 holds the first Thursday)', () => {
    expect(getIsoWeek(parseCalendarDate('2026-01-01')).label).toBe('2026-W01'); // a Thursday
    expect(formatDayNumber(getIsoWeek(parseCalendarDate('2026-01-01')).mondayDayNumber)).toBe('2025-12-29');
    expect(getIsoWeek(parseCalendarDate('2027-01-01')).label).toBe('2026-W53'); // a Friday
    expect(getIsoWeek(parseCalendarDate('2024-12-30')).label).toBe('2025-W01');
    expect(getIsoWeek(parseCalendarDate('2026-03-29')).label).toBe('2026-W13'); // Sunday
    expect(getIsoWeek(parseCalendarDate('2026-03-30')).label).toBe('2026-W14'); // Monday
  });
});
