/**
 * The read log of boards that may hold client data, pure parts: how a read happened, the period a log page or a
 * sample covers, the random sample of the monthly log review, and how long the log is kept.
 *
 * Modelled on HSLF-FS 2016:40 4 kap. 9 § (health care's rule that access to records is logged and the logs are
 * checked regularly and systematically) as Socialstyrelsen's rules for social services expect: who read which card,
 * when and how, kept for years, and sampled by the team. docs/security-and-sign-in.md says what counts as a read.
 * Nothing here counts, ranks or times anyone: the log is read entry by entry, never summed per person.
 */
import { z } from 'zod';
import { addDaysToCalendarDate, createZonedCalendar, getCalendarDate, parseCalendarDate } from '@/lib/flow/calendar-days';
import type { CalendarDate } from '@/lib/flow/types';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import { addMonths } from '@/lib/retention/policy';

/** How a card's content was read (stored as the CardReadChannel enum, upper case). */
export const READ_CHANNELS = ['dialog', 'api', 'export', 'print'] as const;
export type ReadChannel = (typeof READ_CHANNELS)[number];

export function toStoredChannel(channel: ReadChannel): 'DIALOG' | 'API' | 'EXPORT' | 'PRINT' {
  return channel.toUpperCase() as 'DIALOG' | 'API' | 'EXPORT' | 'PRINT';
}

export function fromStoredChannel(channel: string): ReadChannel {
  const lower = channel.toLowerCase();
  return (READ_CHANNELS as readonly string[]).includes(lower) ? (lower as ReadChannel) : 'dialog';
}

/** A sample of the monthly review: 20 reads by default, never more than 200 (a review is read by a person). */
export const DEFAULT_SAMPLE_SIZE = 20;
export const MAX_SAMPLE_SIZE = 200;

/**
 * `size` items drawn uniformly at random without replacement from `items`, in their original order (the log's time
 * order), using `random` (floats in [0, 1): a seeded generator in tests and for a reproducible draw). A partial
 * Fisher–Yates shuffle: every subset of that size is equally likely. All items when there are no more than `size`.
 */
export function drawSample<T>(items: readonly T[], size: number, random: () => number): T[] {
  const count = Math.max(0, Math.min(Math.floor(size), items.length));
  const indices = items.map((_, index) => index);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (indices.length - i));
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => items[index]!);
}

/** A period of whole calendar days in the team's zone, with the instants that bound it: [start, end). */
export type LogPeriod = {
  from: CalendarDate;
  to: CalendarDate;
  start: Date;
  /** The first instant after the period (the start of the day after `to`). */
  end: Date;
  isDefault: boolean;
  problem: 'invalidDate' | 'fromAfterTo' | null;
};

/** The log page shows the last 30 days unless asked for another period. */
export const DEFAULT_LOG_PERIOD_DAYS = 30;

function buildPeriod(from: CalendarDate, to: CalendarDate, timeZone: string, isDefault: boolean, problem: LogPeriod['problem']): LogPeriod {
  const calendar = createZonedCalendar(timeZone);
  return {
    from,
    to,
    start: new Date(calendar.getStartOfDay(parseCalendarDate(from))),
    end: new Date(calendar.getStartOfDay(parseCalendarDate(addDaysToCalendarDate(to, 1)))),
    isDefault,
    problem,
  };
}

const calendarDate = z.iso.date().refine((value) => {
  try {
    parseCalendarDate(value);
    return true;
  } catch {
    return false;
  }
});
const queryDate = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) || undefined, calendarDate.optional());

/**
 * The period of ?from=…&to=… (calendar days, both included). One alone is completed: from → today, or the 30 days
 * ending at to. A malformed date or from after to gives the default period (the last 30 days) and the reason; a
 * period reaching into the future is fine (it simply has no reads yet).
 */
export function parseLogPeriod(query: { from?: unknown; to?: unknown }, now: Date, timeZone: string = DEFAULT_TIME_ZONE): LogPeriod {
  const today = getCalendarDate(now, timeZone);
  const fallback = (problem: LogPeriod['problem']) => buildPeriod(addDaysToCalendarDate(today, 1 - DEFAULT_LOG_PERIOD_DAYS), today, timeZone, true, problem);
  const from = queryDate.safeParse(query.from);
  const to = queryDate.safeParse(query.to);
  if (!from.success || !to.success) return fallback('invalidDate');
  if (from.data === undefined && to.data === undefined) return fallback(null);
  const end = to.data ?? (from.data! > today ? from.data! : today);
  const start = from.data ?? addDaysToCalendarDate(end, 1 - DEFAULT_LOG_PERIOD_DAYS);
  if (start > end) return fallback('fromAfterTo');
  return buildPeriod(start, end, timeZone, false, null);
}

/** The calendar month before `now`'s, in the team's zone: what a monthly review samples by default. */
export function previousMonthPeriod(now: Date, timeZone: string = DEFAULT_TIME_ZONE): LogPeriod {
  const today = getCalendarDate(now, timeZone);
  const firstOfThisMonth = `${today.slice(0, 8)}01`;
  const lastOfPrevious = addDaysToCalendarDate(firstOfThisMonth, -1);
  return buildPeriod(`${lastOfPrevious.slice(0, 8)}01`, lastOfPrevious, timeZone, true, null);
}

/** Whether an instant lies in the period. */
export function isInPeriod(at: Date, period: Pick<LogPeriod, 'start' | 'end'>): boolean {
  return at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();
}

/** The read log is kept five years unless the instance says otherwise (TILLIT_READ_LOG_RETENTION_YEARS). */
export const DEFAULT_READ_LOG_RETENTION_YEARS = 5;

/**
 * TILLIT_READ_LOG_RETENTION_YEARS as a whole number of years from 1 to 50 (unset or empty: 5). Anything else is a
 * configuration error with a message naming the setting: a retention job must never guess how long to keep a log.
 */
export function parseReadLogRetentionYears(value: string | undefined): number {
  const text = (value ?? '').trim();
  if (text === '') return DEFAULT_READ_LOG_RETENTION_YEARS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 50) {
    throw new Error('TILLIT_READ_LOG_RETENTION_YEARS must be a whole number of years from 1 to 50');
  }
  return Number(text);
}

/** Reads at or before this instant have been kept `years` at `now` and are deleted by the retention job. */
export function readLogCutoff(now: Date, years: number): Date {
  return addMonths(now, -12 * years);
}
