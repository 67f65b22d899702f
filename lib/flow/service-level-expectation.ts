/**
 * Service level expectation (SLE): "85 % of our items finish within N days". Teams use it to
 * answer "when will this be done?" for a single item without estimating, and it sets the line
 * on the aging WIP chart.
 */
import { computePercentileNearestRank } from './percentiles';

export interface ServiceLevelExpectation {
  readonly percentile: 85;
  /** Nearest-rank 85th percentile of the cycle times, in calendar days. */
  readonly days: number;
}

/**
 * The team's SLE from finished items' cycle times in calendar days (start and done day both
 * counted, as `FlowItem.cycleTimeCalendarDays`): the nearest-rank 85th percentile, so at least
 * 85 % of the given items finished within `days`, and `days` is a cycle time that really occurred.
 * Returns null when there are no cycle times. Throws RangeError on a non-finite value.
 */
export function computeServiceLevelExpectation(
  cycleTimesCalendarDays: readonly number[],
): ServiceLevelExpectation | null {
  const days = computePercentileNearestRank(cycleTimesCalendarDays, 85);
  return days === null ? null : { percentile: 85, days };
}
