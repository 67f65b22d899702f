/**
 * XmR process behaviour charts (Wheeler): tell routine variation in throughput or cycle time
 * from signals worth investigating, so teams do not react to every up and down.
 */
import { createZonedCalendar, DEFAULT_TIME_ZONE, formatDayNumber, getIsoWeek } from './calendar-days';
import type { LabelledSeries } from './types';

/** Wheeler's scaling constants for individual values with two-point moving ranges. */
const NATURAL_PROCESS_LIMIT_FACTOR = 2.66;
const UPPER_RANGE_LIMIT_FACTOR = 3.268;
/** Length of a run on one side of the centre line that counts as a signal. */
const RUN_LENGTH_SIGNAL = 8;

export interface XmRPoint {
  readonly label: string;
  readonly value: number;
  /** |value − previous value|; null for the first point. */
  readonly movingRange: number | null;
  /** Value above the upper or below the lower natural process limit. */
  readonly isOutsideLimits: boolean;
  /** Moving range above the upper range limit (a sudden jump between neighbours). */
  readonly isMovingRangeAboveLimit: boolean;
  /** Part of a run of 8 or more consecutive points on the same side of the centre line. */
  readonly isInLongRun: boolean;
}

export interface XmRChart {
  readonly points: XmRPoint[];
  /** Mean of the values; null when there are none. */
  readonly centreLine: number | null;
  /** Mean of the moving ranges; null with fewer than two values. */
  readonly averageMovingRange: number | null;
  /** centreLine + 2.66 × averageMovingRange. */
  readonly upperNaturalProcessLimit: number | null;
  /** centreLine − 2.66 × averageMovingRange, not floored at 0 (see computeXmR). */
  readonly lowerNaturalProcessLimit: number | null;
  /** 3.268 × averageMovingRange, the limit for the moving-range chart. */
  readonly upperRangeLimit: number | null;
}

/**
 * Builds an XmR chart from values in time order.
 *
 * - Centre line = mean; natural process limits = mean ± 2.66 × average moving range; upper range
 *   limit = 3.268 × average moving range. Limits are null with fewer than two values.
 * - The lower limit is not floored at 0, even though counts and durations cannot be negative: a
 *   negative limit is the honest computation and simply means no low signal is possible; the UI
 *   may clip the axis when drawing.
 * - Signals: a value outside the natural process limits; a moving range above the range limit;
 *   a run of 8 or more consecutive values strictly on one side of the centre line. For runs the
 *   whole run is flagged, its first seven points included, because the shift started where the
 *   run started. A value exactly on the centre line ends a run.
 * `labels`, if given, must be as long as `values`; otherwise points are labelled '1', '2', ….
 * Throws RangeError on a non-finite value or a label count mismatch.
 */
export function computeXmR(values: readonly number[], labels?: readonly string[]): XmRChart {
  if (labels !== undefined && labels.length !== values.length) {
    throw new RangeError(`Got ${labels.length} labels for ${values.length} values`);
  }
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`XmR values must be finite, got ${value}`);
  }
  const count = values.length;
  const movingRanges: (number | null)[] = values.map((value, index) =>
    index === 0 ? null : Math.abs(value - (values[index - 1] as number)),
  );
  const centreLine = count === 0 ? null : values.reduce((sum, value) => sum + value, 0) / count;
  const averageMovingRange =
    count < 2 ? null : movingRanges.reduce<number>((sum, range) => sum + (range ?? 0), 0) / (count - 1);
  const halfWidth = averageMovingRange === null ? null : NATURAL_PROCESS_LIMIT_FACTOR * averageMovingRange;
  const upperNaturalProcessLimit = centreLine === null || halfWidth === null ? null : centreLine + halfWidth;
  const lowerNaturalProcessLimit = centreLine === null || halfWidth === null ? null : centreLine - halfWidth;
  const upperRangeLimit = averageMovingRange === null ? null : UPPER_RANGE_LIMIT_FACTOR * averageMovingRange;

  const inLongRun = flagLongRuns(values, centreLine);
  const points = values.map((value, index): XmRPoint => {
    const movingRange = movingRanges[index] ?? null;
    return {
      label: labels?.[index] ?? String(index + 1),
      value,
      movingRange,
      isOutsideLimits:
        upperNaturalProcessLimit !== null &&
        lowerNaturalProcessLimit !== null &&
        (value > upperNaturalProcessLimit || value < lowerNaturalProcessLimit),
      isMovingRangeAboveLimit: movingRange !== null && upperRangeLimit !== null && movingRange > upperRangeLimit,
      isInLongRun: inLongRun[index] ?? false,
    };
  });
  return { points, centreLine, averageMovingRange, upperNaturalProcessLimit, lowerNaturalProcessLimit, upperRangeLimit };
}

/** Marks every point belonging to a run of ≥ RUN_LENGTH_SIGNAL values strictly on one side of the centre. */
function flagLongRuns(values: readonly number[], centreLine: number | null): boolean[] {
  const flags = values.map(() => false);
  if (centreLine === null) return flags;
  let runStart = 0;
  let runSide = 0;
  values.forEach((value, index) => {
    const side = Math.sign(value - centreLine);
    if (side === 0 || side !== runSide) {
      runStart = index;
      runSide = side;
    }
    if (side === 0) return;
    const runLength = index - runStart + 1;
    if (runLength === RUN_LENGTH_SIGNAL) {
      for (let k = runStart; k <= index; k += 1) flags[k] = true;
    } else if (runLength > RUN_LENGTH_SIGNAL) {
      flags[index] = true;
    }
  });
  return flags;
}

export interface WeeklyThroughputInput {
  /** Items with their final done instant (e.g. `FlowMetrics.items`); not-done items are skipped. */
  readonly items: readonly { readonly doneAt: Date | null }[];
  readonly from: Date;
  readonly to: Date;
  /** IANA zone whose Mondays start the weeks. Default Europe/Stockholm. */
  readonly timeZone?: string;
}

export interface WeeklySeries extends LabelledSeries {
  /** Monday ('YYYY-MM-DD') of each week, parallel to `labels` ('YYYY-Www') and `values`. */
  readonly weekStarts: string[];
}

/**
 * Items finished per ISO week (Monday 00:00 to Monday 00:00 in `timeZone`), for every week from
 * the one containing `from` to the one containing `to`, zero weeks included.
 *
 * Weeks are counted whole, even where `from`/`to` fall mid-week, so the first bar is not a
 * misleading partial week. The week containing today is still in progress; leave it out of an
 * XmR chart if its low count would look like a signal.
 */
export function buildWeeklyThroughputSeries(input: WeeklyThroughputInput): WeeklySeries {
  const calendar = createZonedCalendar(input.timeZone ?? DEFAULT_TIME_ZONE);
  const firstMonday = getIsoWeek(calendar.getDayNumber(input.from.getTime())).mondayDayNumber;
  const lastMonday = getIsoWeek(calendar.getDayNumber(input.to.getTime())).mondayDayNumber;
  if (lastMonday < firstMonday) throw new RangeError('`to` must not be before `from`');
  const weekCount = (lastMonday - firstMonday) / 7 + 1;
  const values = new Array<number>(weekCount).fill(0);
  for (const item of input.items) {
    if (item.doneAt === null) continue;
    const time = item.doneAt.getTime();
    if (Number.isNaN(time)) continue;
    const week = (getIsoWeek(calendar.getDayNumber(time)).mondayDayNumber - firstMonday) / 7;
    if (week >= 0 && week < weekCount) values[week] = (values[week] as number) + 1;
  }
  const labels: string[] = [];
  const weekStarts: string[] = [];
  for (let week = 0; week < weekCount; week += 1) {
    const monday = firstMonday + week * 7;
    labels.push(getIsoWeek(monday).label);
    weekStarts.push(formatDayNumber(monday));
  }
  return { labels, values, weekStarts };
}

export interface CycleTimeSeriesItem {
  readonly id: string;
  readonly doneAt: Date | null;
  readonly cycleTimeDays: number | null;
  readonly cycleTimeCalendarDays: number | null;
}

/**
 * Cycle times of done items in order of completion (ties by id), labelled by item id, ready for
 * computeXmR. `unit` picks calendar days (default, the unit of the SLE) or exact days.
 * Not-done items are skipped; filter `items` first to restrict the period.
 */
export function buildCycleTimeSeries(
  items: readonly CycleTimeSeriesItem[],
  unit: 'calendarDays' | 'days' = 'calendarDays',
): LabelledSeries {
  const done = items
    .filter((item) => item.doneAt !== null && item.cycleTimeDays !== null && item.cycleTimeCalendarDays !== null)
    .map((item) => ({ item, doneTime: (item.doneAt as Date).getTime() }))
    .sort((a, b) => a.doneTime - b.doneTime || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  return {
    labels: done.map(({ item }) => item.id),
    values: done.map(({ item }) => (unit === 'days' ? item.cycleTimeDays : item.cycleTimeCalendarDays) as number),
  };
}
