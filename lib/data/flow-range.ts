/**
 * The reporting period of the Flow page and its CSV export, read from the query string (?from=…&to=…).
 *
 * Dates are calendar days in the team's zone. Bad input never fails the page: it falls back to the default
 * period (the last 12 weeks) and says why, so a mistyped bookmark still shows something useful.
 */
import { z } from 'zod';
import {
  addDaysToCalendarDate,
  countCalendarDaysInclusive,
  createZonedCalendar,
  getCalendarDate,
  parseCalendarDate,
  type CalendarDate,
} from '@/lib/flow';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';

/** 12 weeks, today included: long enough for patterns, short enough to reflect how the team works now. */
export const DEFAULT_FLOW_RANGE_DAYS = 12 * 7;
/** Longest period we compute in one request; beyond this the page would be slow and the charts unreadable. */
export const MAX_FLOW_RANGE_DAYS = 3 * 366;

/** Why the requested period was replaced by the default one (a message key under flow.range.problem). */
export type FlowRangeProblem = 'invalidDate' | 'fromAfterTo' | 'inFuture' | 'tooLong';

export interface FlowRange {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** First instant of `from` and of `to` in the zone: the instants lib/flow places on those days. */
  readonly fromInstant: Date;
  readonly toInstant: Date;
  readonly timeZone: string;
  readonly isDefault: boolean;
  readonly problem: FlowRangeProblem | null;
}

const calendarDate = z.iso.date().refine((value) => {
  try {
    parseCalendarDate(value);
    return true;
  } catch {
    return false;
  }
});

/** Query values arrive as string, string[] (repeated key) or nothing; an empty field means "not given". */
const queryValue = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value) || undefined,
  calendarDate.optional(),
);

const rangeQuerySchema = z.object({ from: queryValue, to: queryValue });

function buildRange(from: CalendarDate, to: CalendarDate, timeZone: string, isDefault: boolean, problem: FlowRangeProblem | null): FlowRange {
  const calendar = createZonedCalendar(timeZone);
  return {
    from,
    to,
    fromInstant: new Date(calendar.getStartOfDay(parseCalendarDate(from))),
    toInstant: new Date(calendar.getStartOfDay(parseCalendarDate(to))),
    timeZone,
    isDefault,
    problem,
  };
}

/** The period between two calendar days, both included (callers check its length). */
export function rangeBetween(from: CalendarDate, to: CalendarDate, timeZone: string = DEFAULT_TIME_ZONE): FlowRange {
  return buildRange(from, to, timeZone, false, null);
}

/** The default period: the 12 weeks ending today. */
export function getDefaultFlowRange(now: Date, timeZone: string = DEFAULT_TIME_ZONE, problem: FlowRangeProblem | null = null): FlowRange {
  const today = getCalendarDate(now, timeZone);
  return buildRange(addDaysToCalendarDate(today, 1 - DEFAULT_FLOW_RANGE_DAYS), today, timeZone, true, problem);
}

/**
 * Reads ?from and ?to. One given alone is completed with the default length (from + 12 weeks, capped at today;
 * or 12 weeks ending at to). A malformed date, from after to, to after today or a period over three years gives
 * the default period and the reason.
 */
export function parseFlowRange(
  query: { from?: unknown; to?: unknown },
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): FlowRange {
  const parsed = rangeQuerySchema.safeParse({ from: query.from, to: query.to });
  if (!parsed.success) return getDefaultFlowRange(now, timeZone, 'invalidDate');
  const { from, to } = parsed.data;
  if (from === undefined && to === undefined) return getDefaultFlowRange(now, timeZone);

  const today = getCalendarDate(now, timeZone);
  if (from !== undefined && from > today) return getDefaultFlowRange(now, timeZone, 'inFuture');
  const end = to ?? minDate(addDaysToCalendarDate(from as CalendarDate, DEFAULT_FLOW_RANGE_DAYS - 1), today);
  const start = from ?? addDaysToCalendarDate(end, 1 - DEFAULT_FLOW_RANGE_DAYS);
  if (start > end) return getDefaultFlowRange(now, timeZone, 'fromAfterTo');
  // Future days have no history, and they would make every "now" figure ambiguous.
  if (end > today) return getDefaultFlowRange(now, timeZone, 'inFuture');
  if (countCalendarDaysInclusive(start, end) > MAX_FLOW_RANGE_DAYS) return getDefaultFlowRange(now, timeZone, 'tooLong');
  return buildRange(start, end, timeZone, false, null);
}

/** ISO calendar dates compare correctly as strings. */
function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}
