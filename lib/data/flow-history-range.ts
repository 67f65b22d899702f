/**
 * The Flow page's period when the board's own activity matters: an imported board whose history lies in the past,
 * or a board that has been quiet, would show "0 came in, 0 finished" for the last 12 weeks. Such a board's default
 * period is its own last 12 weeks of activity instead, and the page says so; `?range=all` shows the whole history.
 * Pure (no Prisma): the activity bounds come from lib/data/flow-activity.ts.
 */
import { addDaysToCalendarDate, countCalendarDaysInclusive, getCalendarDate, type CalendarDate } from '@/lib/flow';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import { DEFAULT_FLOW_RANGE_DAYS, parseFlowRange, rangeBetween, type FlowRange } from './flow-range';

/** The whole history may be long (a board imported from years of Trello): up to 20 years in one view. */
export const MAX_WHOLE_HISTORY_DAYS = 20 * 366;

/** Why the period shown is what it is (a message key under flowHistory.basis, none for 'chosen' and 'recent'). */
export type FlowRangeBasis = 'recent' | 'lastActivity' | 'all' | 'chosen';

export type BoardActivity = { first: Date | null; last: Date | null };

export type ChosenFlowRange = FlowRange & { basis: FlowRangeBasis; activity: { first: CalendarDate | null; last: CalendarDate | null } };

/**
 * The period for ?from, ?to and ?range=all, given when the board's card history begins and ends:
 * - from/to given: exactly parseFlowRange (basis 'chosen', or the default with its problem);
 * - range=all: from the first day with history to today (basis 'all');
 * - nothing given and no activity in the last 12 weeks but some before: the 12 weeks ending on the last day with
 *   activity (basis 'lastActivity');
 * - otherwise the last 12 weeks (basis 'recent').
 */
export function chooseFlowRange(
  query: { from?: unknown; to?: unknown; range?: unknown },
  activity: BoardActivity,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): ChosenFlowRange {
  const today = getCalendarDate(now, timeZone);
  const day = (date: Date | null) => (date ? minDate(getCalendarDate(date, timeZone), today) : null);
  const bounds = { first: day(activity.first), last: day(activity.last) };
  const given = (value: unknown) => (Array.isArray(value) ? value[0] : value) || undefined;
  const with_ = (range: FlowRange, basis: FlowRangeBasis): ChosenFlowRange => ({ ...range, basis, activity: bounds });
  if (given(query.from) !== undefined || given(query.to) !== undefined) {
    const range = parseFlowRange(query, now, timeZone);
    return with_(range, range.isDefault ? 'recent' : 'chosen');
  }
  if (given(query.range) === 'all' && bounds.first) {
    const start = countCalendarDaysInclusive(bounds.first, today) > MAX_WHOLE_HISTORY_DAYS ? addDaysToCalendarDate(today, 1 - MAX_WHOLE_HISTORY_DAYS) : bounds.first;
    return with_(rangeBetween(start, today, timeZone), 'all');
  }
  const recentStart = addDaysToCalendarDate(today, 1 - DEFAULT_FLOW_RANGE_DAYS);
  if (bounds.last && bounds.last < recentStart) {
    return with_(rangeBetween(addDaysToCalendarDate(bounds.last, 1 - DEFAULT_FLOW_RANGE_DAYS), bounds.last, timeZone), 'lastActivity');
  }
  return with_(parseFlowRange({}, now, timeZone), 'recent');
}

function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}
