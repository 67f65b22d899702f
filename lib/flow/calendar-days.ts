/**
 * Calendar-day arithmetic in an IANA time zone, built on the platform's Intl API only.
 *
 * Two kinds of value are used throughout:
 * - an instant: milliseconds since the Unix epoch (a `Date`'s `getTime()`);
 * - a day number: whole days since 1970-01-01 counted on the local calendar, so day number
 *   arithmetic is plain integer arithmetic and never has DST surprises. It converts to and from
 *   the 'YYYY-MM-DD' strings the UI shows.
 *
 * Intl formatting is slow (≈10 µs per call measured here), far too slow to run once per
 * transition. `createZonedCalendar` therefore caches the first instant of every local day it has
 * seen in one contiguous, sorted array and answers "which day is this instant on?" by binary
 * search, asking Intl roughly once per new day rather than once per instant.
 */
import type { CalendarDate } from './types';

/** A day of exactly 24 hours; only for exact durations, never for calendar-day arithmetic. */
export const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** The zone used when the caller does not name one: Tillit's teams work in Sweden. */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

/**
 * Upper bound on how many days the day cache will grow in one go. A stray timestamp decades
 * away (bad data, a year-9999 sentinel) is answered directly instead of filling the cache.
 */
const MAX_CACHE_EXTENSION_DAYS = 4000;

const formatterCache = new Map<string, Intl.DateTimeFormat>();

/**
 * Returns a cached wall-clock formatter for `timeZone`. Creating one costs far more than using
 * it, and there are only a handful of zones in play, so the module-level cache stays small.
 * Throws RangeError for an unknown zone (the platform's own error).
 */
function getWallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // Pin calendar, digits and hour cycle so the parts are always parseable Gregorian numbers
      // whatever the host's default locale data says.
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Throws a RangeError unless `timeZone` is an IANA zone the platform knows.
 * Meaning: callers can validate input early and get one clear error instead of a late one.
 */
export function assertValidTimeZone(timeZone: string): void {
  try {
    getWallClockFormatter(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
}

/** Floor modulo, correct for negative instants too. */
function computeFloorModulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/** Milliseconds of a proleptic Gregorian UTC date-time; unlike Date.UTC it does not remap years 0–99. */
function buildUtcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/**
 * The zone's UTC offset (ms, east positive) in force at `instant`: local wall clock minus UTC.
 * One Intl call; the expensive primitive everything else tries to avoid.
 */
function readUtcOffset(formatter: Intl.DateTimeFormat, instant: number): number {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatter.formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  // The formatter shows whole seconds; compare against the instant truncated to whole seconds.
  const wholeSecondInstant = instant - computeFloorModulo(instant, 1000);
  return buildUtcMs(year, month, day, hour, minute, second) - wholeSecondInstant;
}

/** Local day number of `instant`, straight from Intl (uncached). */
function readDayNumber(formatter: Intl.DateTimeFormat, instant: number): number {
  return Math.floor((instant + readUtcOffset(formatter, instant)) / MS_PER_DAY);
}

/**
 * First instant of local day `dayNumber`, found by binary search over whole seconds (offsets
 * and therefore day starts are whole seconds in the tz database). ~17 Intl calls: only used on
 * days where the cheap path in the calendar cache cannot prove its answer (DST change days).
 */
function searchStartOfDay(formatter: Intl.DateTimeFormat, dayNumber: number): number {
  // Real offsets lie within ±15 h, so local midnight lies within ±16 h of UTC midnight.
  let low = (dayNumber * MS_PER_DAY - 16 * MS_PER_HOUR) / 1000; // day(low) < dayNumber
  let high = (dayNumber * MS_PER_DAY + 16 * MS_PER_HOUR) / 1000; // day(high) ≥ dayNumber
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (readDayNumber(formatter, middle * 1000) >= dayNumber) high = middle;
    else low = middle;
  }
  return high * 1000;
}

/**
 * Maps instants to local calendar days in one time zone, with caching.
 *
 * Invariants: `getDayNumber` is non-decreasing in the instant; `getStartOfDay(d)` is the
 * smallest instant whose day number is `d`, so the day of `t` is `d` exactly when
 * `getStartOfDay(d) <= t < getStartOfDay(d + 1)`.
 */
export interface ZonedCalendar {
  readonly timeZone: string;
  /** Local calendar day (days since 1970-01-01) that the instant (epoch ms) falls on. */
  getDayNumber(instant: number): number;
  /** First instant (epoch ms) of the local calendar day; not always wall-clock 00:00 (DST gaps). */
  getStartOfDay(dayNumber: number): number;
}

/**
 * Cache of day starts for one contiguous run of days.
 *
 * `starts[i]` is the first instant of day `firstDay + i`; `midnightOffsets[i]` is the UTC offset
 * in force at that instant when it is a true wall-clock midnight, NaN otherwise. Extending the
 * run by a day costs one Intl call on ordinary days: if the offset one day further along equals
 * the offset here, nothing changed in between and the next start is exactly 24 h away. This
 * relies on a zone never changing its offset twice within 25 hours, which holds for the whole tz
 * database. Days where the offset does change fall back to `searchStartOfDay`.
 */
class CachedZonedCalendar implements ZonedCalendar {
  readonly timeZone: string;
  private readonly formatter: Intl.DateTimeFormat;
  private firstDay = 0;
  private starts: number[] = [];
  private midnightOffsets: number[] = [];

  constructor(timeZone: string) {
    assertValidTimeZone(timeZone);
    this.timeZone = timeZone;
    this.formatter = getWallClockFormatter(timeZone);
  }

  getDayNumber(instant: number): number {
    if (!Number.isFinite(instant)) throw new RangeError('Cannot place an invalid instant on a calendar day');
    if (this.starts.length === 0) this.initialise(instant);
    const first = this.starts[0] as number;
    const end = this.starts[this.starts.length - 1] as number;
    if (instant < first) {
      if ((first - instant) / MS_PER_DAY > MAX_CACHE_EXTENSION_DAYS) return readDayNumber(this.formatter, instant);
      while (instant < (this.starts[0] as number)) this.extendBackward();
    } else if (instant >= end) {
      if ((instant - end) / MS_PER_DAY > MAX_CACHE_EXTENSION_DAYS) return readDayNumber(this.formatter, instant);
      while (instant >= (this.starts[this.starts.length - 1] as number)) this.extendForward();
    }
    // Largest i with starts[i] <= instant; the bounds above guarantee 0 <= i < starts.length - 1.
    let low = 0;
    let high = this.starts.length - 1;
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if ((this.starts[middle] as number) <= instant) low = middle;
      else high = middle;
    }
    return this.firstDay + low;
  }

  getStartOfDay(dayNumber: number): number {
    if (!Number.isInteger(dayNumber)) throw new RangeError(`Day number must be an integer, got ${dayNumber}`);
    if (this.starts.length === 0) this.initialise(dayNumber * MS_PER_DAY);
    const lastDay = this.firstDay + this.starts.length - 1;
    if (dayNumber < this.firstDay - MAX_CACHE_EXTENSION_DAYS || dayNumber > lastDay + MAX_CACHE_EXTENSION_DAYS) {
      return searchStartOfDay(this.formatter, dayNumber);
    }
    while (dayNumber < this.firstDay) this.extendBackward();
    while (dayNumber > this.firstDay + this.starts.length - 1) this.extendForward();
    return this.starts[dayNumber - this.firstDay] as number;
  }

  /** Seeds the cache with the day containing `instant` (its start and the next day's start). */
  private initialise(instant: number): void {
    const offset = readUtcOffset(this.formatter, instant);
    const day = Math.floor((instant + offset) / MS_PER_DAY);
    const candidate = day * MS_PER_DAY - offset;
    // Same offset just before the candidate midnight as at the instant ⇒ no change in between,
    // so the candidate is the day's first instant.
    const start =
      readUtcOffset(this.formatter, candidate - 1) === offset ? candidate : searchStartOfDay(this.formatter, day);
    this.firstDay = day;
    this.starts = [start];
    this.midnightOffsets = [this.readMidnightOffset(start, day)];
    this.extendForward();
  }

  /**
   * Offset at `start` if `start` is wall-clock midnight of `day` itself, NaN otherwise: the day
   * began later (DST gap at midnight) or never happened (Samoa skipped 2011-12-30, so that day's
   * "start" is the next day's midnight). The cheap path must not build on such a start.
   */
  private readMidnightOffset(start: number, day: number): number {
    const offset = readUtcOffset(this.formatter, start);
    return start + offset === day * MS_PER_DAY ? offset : Number.NaN;
  }

  private extendForward(): void {
    const lastIndex = this.starts.length - 1;
    const start = this.starts[lastIndex] as number;
    const offset = this.midnightOffsets[lastIndex] as number;
    const nextDay = this.firstDay + lastIndex + 1;
    const candidate = start + MS_PER_DAY;
    const candidateOffset = readUtcOffset(this.formatter, candidate);
    if (candidateOffset === offset) {
      this.starts.push(candidate);
      this.midnightOffsets.push(candidateOffset);
    } else {
      const nextStart = searchStartOfDay(this.formatter, nextDay);
      this.starts.push(nextStart);
      this.midnightOffsets.push(this.readMidnightOffset(nextStart, nextDay));
    }
  }

  private extendBackward(): void {
    const start = this.starts[0] as number;
    const offset = this.midnightOffsets[0] as number;
    const previousDay = this.firstDay - 1;
    const candidate = start - MS_PER_DAY;
    // Checking one millisecond before the candidate (not the candidate itself) also catches a
    // clock set back onto midnight, where the previous day really began an hour earlier.
    if (readUtcOffset(this.formatter, candidate - 1) === offset) {
      this.starts.unshift(candidate);
      this.midnightOffsets.unshift(offset);
    } else {
      const previousStart = searchStartOfDay(this.formatter, previousDay);
      this.starts.unshift(previousStart);
      this.midnightOffsets.unshift(this.readMidnightOffset(previousStart, previousDay));
    }
    this.firstDay = previousDay;
  }
}

/**
 * Creates a caching calendar for one IANA time zone (throws RangeError for an unknown zone).
 * Meant to live for one computation: its cache grows with the span of days asked about.
 */
export function createZonedCalendar(timeZone: string = DEFAULT_TIME_ZONE): ZonedCalendar {
  return new CachedZonedCalendar(timeZone);
}

/** Formats a day number as 'YYYY-MM-DD' (years 0–9999). */
export function formatDayNumber(dayNumber: number): CalendarDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a day number; throws RangeError for malformed or impossible dates. */
export function parseCalendarDate(date: CalendarDate): number {
  const match = CALENDAR_DATE_PATTERN.exec(date);
  if (match === null) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  const dayNumber = buildUtcMs(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, 0) / MS_PER_DAY;
  // Round-tripping rejects dates such as 2026-02-30 that the UTC constructor would roll over.
  if (formatDayNumber(dayNumber) !== date) throw new RangeError(`Not a calendar date: "${date}"`);
  return dayNumber;
}

/** The calendar date ('YYYY-MM-DD') that `instant` falls on in `timeZone`. One Intl call, uncached. */
export function getCalendarDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): CalendarDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid date');
  assertValidTimeZone(timeZone);
  return formatDayNumber(readDayNumber(getWallClockFormatter(timeZone), time));
}

/** The date `days` calendar days after `date` (negative goes back). Zone independent. */
export function addDaysToCalendarDate(date: CalendarDate, days: number): CalendarDate {
  return formatDayNumber(parseCalendarDate(date) + days);
}

/**
 * Number of calendar days from `first` to `last` counting both ends (same day → 1).
 * Negative when `last` is before `first` (then it is −(days between) + 1).
 */
export function countCalendarDaysInclusive(first: CalendarDate, last: CalendarDate): number {
  return parseCalendarDate(last) - parseCalendarDate(first) + 1;
}

/** Every calendar date from `first` to `last` inclusive, in order; empty when `last` < `first`. */
export function listCalendarDays(first: CalendarDate, last: CalendarDate): CalendarDate[] {
  const firstDay = parseCalendarDate(first);
  const lastDay = parseCalendarDate(last);
  const days: CalendarDate[] = [];
  for (let day = firstDay; day <= lastDay; day += 1) days.push(formatDayNumber(day));
  return days;
}

/**
 * Every calendar date in `timeZone` from the day containing `from` to the day containing `to`,
 * inclusive; empty when `to` falls on an earlier day. Each local day appears exactly once,
 * however long DST makes it (23/24/25 h).
 */
export function listCalendarDaysInRange(from: Date, to: Date, timeZone: string = DEFAULT_TIME_ZONE): CalendarDate[] {
  const calendar = createZonedCalendar(timeZone);
  const firstDay = calendar.getDayNumber(from.getTime());
  const lastDay = calendar.getDayNumber(to.getTime());
  const days: CalendarDate[] = [];
  for (let day = firstDay; day <= lastDay; day += 1) days.push(formatDayNumber(day));
  return days;
}

/** ISO-8601 week of a local day: weeks start on Monday; week 1 contains the year's first Thursday. */
export interface IsoWeek {
  /** 'YYYY-Www', e.g. '2026-W01'. The year is the ISO week-numbering year. */
  readonly label: string;
  /** Day number of the week's Monday. */
  readonly mondayDayNumber: number;
}

/**
 * The ISO week that day number `dayNumber` belongs to. Pure day arithmetic: the time zone was
 * already applied when the instant became a day number.
 */
export function getIsoWeek(dayNumber: number): IsoWeek {
  // Day 0 (1970-01-01) was a Thursday; with Monday = 0 that is weekday 3.
  const weekday = computeFloorModulo(dayNumber + 3, 7);
  const mondayDayNumber = dayNumber - weekday;
  const thursday = mondayDayNumber + 3;
  const isoYear = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const januaryFirst = buildUtcMs(isoYear, 1, 1, 0, 0, 0) / MS_PER_DAY;
  const week = Math.floor((thursday - januaryFirst) / 7) + 1;
  return { label: `${String(isoYear).padStart(4, '0')}-W${String(week).padStart(2, '0')}`, mondayDayNumber };
}
