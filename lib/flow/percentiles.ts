/**
 * Nearest-rank percentiles.
 *
 * Nearest rank is used everywhere in this module because it always returns a value that was
 * actually observed ("85 % of items finished within 9 days" is then literally true for the data),
 * which is what teams expect when they read a cycle-time percentile or an SLE. Interpolating
 * methods would report fractional days no item ever took.
 */
import type { CycleTimePercentiles } from './types';

function assertPercentile(percentile: number): void {
  if (!(percentile >= 0 && percentile <= 100)) throw new RangeError(`Percentile must be within 0–100, got ${percentile}`);
}

/**
 * Nearest-rank percentile of values already sorted ascending: the value at 1-based rank
 * ⌈p/100 · n⌉ (rank at least 1, so p = 0 gives the minimum and p = 100 the maximum).
 * Returns null for an empty array. Invariant: at least p % of the values are ≤ the result.
 */
export function pickNearestRank(sortedAscending: ArrayLike<number>, percentile: number): number | null {
  assertPercentile(percentile);
  const count = sortedAscending.length;
  if (count === 0) return null;
  // Multiply before dividing: 15 * 100 / 100 is exactly 15, whereas 0.15 * 100 is 15.000000000000002.
  const rank = Math.max(1, Math.ceil((percentile * count) / 100));
  return sortedAscending[rank - 1] as number;
}

/** Copies `values` into a typed array sorted ascending; throws RangeError on NaN/±Infinity. */
function sortFiniteValues(values: readonly number[]): Float64Array {
  const sorted = Float64Array.from(values);
  for (const value of sorted) {
    if (!Number.isFinite(value)) throw new RangeError(`Percentiles need finite numbers, got ${value}`);
  }
  // Typed arrays sort numerically, unlike Array.prototype.sort's default string order.
  return sorted.sort();
}

/**
 * The p-th percentile of `values` by the nearest-rank method (see `pickNearestRank`).
 * `values` may be in any order and is not modified. Returns null when `values` is empty.
 */
export function computePercentileNearestRank(values: readonly number[], percentile: number): number | null {
  assertPercentile(percentile);
  return pickNearestRank(sortFiniteValues(values), percentile);
}

/**
 * p50/p85/p95 of `values` by the nearest-rank method; null when there are no values.
 * Invariant: p50 ≤ p85 ≤ p95, each an element of `values`.
 */
export function computeCycleTimePercentiles(values: readonly number[]): CycleTimePercentiles | null {
  const sorted = sortFiniteValues(values);
  if (sorted.length === 0) return null;
  return {
    p50: pickNearestRank(sorted, 50) as number,
    p85: pickNearestRank(sorted, 85) as number,
    p95: pickNearestRank(sorted, 95) as number,
  };
}
