/**
 * Aging work in progress: how old each in-progress item is compared with how long finished
 * items took. This is the early warning a team acts on in its daily meeting, before an item
 * becomes a cycle-time outlier.
 *
 * Ages and cycle times are compared in calendar days, both counted inclusively (an item started
 * today is 1 day old; one started and finished the same day took 1 day), the same unit as the
 * cycle-time percentiles and the service level expectation, so "older than 85 %" lines up with
 * the 85th-percentile line on the charts.
 */
import type { FlowItem } from './compute-flow-metrics';
import { computePercentileNearestRank } from './percentiles';

export interface AgingWipItem {
  readonly id: string;
  readonly currentStageId: string | null;
  readonly startedAt: Date;
  /** Exact age in days of 24 h. */
  readonly ageDays: number;
  /** Age in calendar days, start day and today both counted. */
  readonly ageCalendarDays: number;
  /**
   * Share (0–100) of finished items whose cycle time is strictly shorter than this item's age,
   * i.e. "older than X % of finished items". Null when there is no finished history.
   */
  readonly olderThanPercent: number | null;
  /** True when the age exceeds the nearest-rank 85th percentile of finished cycle times. */
  readonly isOlderThanP85: boolean;
}

export interface AgingWipOptions {
  /**
   * Finished cycle times (calendar days) to compare against, e.g. only the last 12 weeks.
   * Default: `cycleTimeCalendarDays` of every done item in `items`.
   */
  readonly historicalCycleTimesCalendarDays?: readonly number[];
}

/**
 * Lists every in-progress item (started, not done) with its age and how far it has outlived
 * finished items.
 *
 * Invariants: `olderThanPercent` counts cycle times strictly below the age (an item in its 9th
 * day has not yet outlived items that took 9 days; it may still finish today).
 * `isOlderThanP85` ⇔ age > nearest-rank p85, which implies `olderThanPercent` ≥ 85.
 * Sorted oldest first (ties by id) so the items that need attention lead.
 */
export function computeAgingWip(items: readonly FlowItem[], options: AgingWipOptions = {}): AgingWipItem[] {
  const history =
    options.historicalCycleTimesCalendarDays ??
    items.flatMap((item) => (item.cycleTimeCalendarDays === null ? [] : [item.cycleTimeCalendarDays]));
  const sorted = Float64Array.from(history).sort();
  const p85 = computePercentileNearestRank(history, 85);

  const aging: AgingWipItem[] = [];
  for (const item of items) {
    if (item.startedAt === null || item.doneAt !== null || item.ageDays === null || item.ageCalendarDays === null) {
      continue;
    }
    const age = item.ageCalendarDays;
    aging.push({
      id: item.id,
      currentStageId: item.currentStageId,
      startedAt: item.startedAt,
      ageDays: item.ageDays,
      ageCalendarDays: age,
      olderThanPercent: sorted.length === 0 ? null : (100 * countBelow(sorted, age)) / sorted.length,
      isOlderThanP85: p85 !== null && age > p85,
    });
  }
  return aging.sort((a, b) => b.ageDays - a.ageDays || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Number of values in the ascending array strictly below `limit` (binary search). */
function countBelow(sortedAscending: Float64Array, limit: number): number {
  let low = 0;
  let high = sortedAscending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sortedAscending[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
