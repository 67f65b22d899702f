/**
 * Did the system change after a team changed it? The study step of a Plan–Do–Study–Act experiment: the data
 * before the change is the baseline, its natural process limits are carried forward, and the data after the
 * change is read against them with Wheeler's detection rules. The team decides what the answer means; this
 * module only says whether the data shows a signal, and which rule found it.
 */
import { computeXmR } from './xmr-chart';

/** Fewer baseline points than this give limits too uncertain to carry forward (Wheeler: 6 is a usable minimum). */
export const DEFAULT_MIN_BASELINE_POINTS = 6;
/** Fewer points after the change than this say too little either way. */
export const DEFAULT_MIN_AFTER_POINTS = 4;
/** Rule 3: this many successive points on one side of the centre line. */
const RUN_LENGTH = 8;
/** Rule 2: WINDOW_HITS of WINDOW_LENGTH successive points beyond the midpoint on one side. */
const WINDOW_LENGTH = 4;
const WINDOW_HITS = 3;

export type ChangeRule = 'outside-limits' | 'three-of-four' | 'run-of-eight';
export type ChangeDirection = 'up' | 'down';
export type ChangeVerdict = 'signal' | 'no-signal' | 'too-little-data';

export interface ChangePoint {
  readonly at: Date;
  readonly value: number;
}

export interface DetectChangeInput {
  /** The measure over time, in any order (sorted here by `at`; ties keep their input order). */
  readonly points: readonly ChangePoint[];
  /** When the change was made: points strictly before it are the baseline, the rest come after it. */
  readonly changeAt: Date;
  /** Default 6; at least 2 (a moving range needs two points). */
  readonly minBaseline?: number;
  /** Default 4; at least 1. */
  readonly minAfter?: number;
  /**
   * Floor the lower limit at 0, for measures that cannot be negative (every measure Tillit studies: durations,
   * counts, shares). Default true.
   */
  readonly floorAtZero?: boolean;
}

export interface ChangeBaseline {
  /** The centre line: the mean of the baseline values. */
  readonly mean: number;
  /** Mean of the moving ranges between successive baseline values (none across the change). */
  readonly averageMovingRange: number;
  /** mean − 2.66 × averageMovingRange, floored at 0 unless `floorAtZero` is false. */
  readonly lowerLimit: number;
  /** mean + 2.66 × averageMovingRange. */
  readonly upperLimit: number;
  readonly count: number;
}

export interface ChangeSignal {
  readonly rule: ChangeRule;
  /** The `at` of the point at which the rule is first met. */
  readonly at: Date;
  readonly direction: ChangeDirection;
}

export interface ChangeDetection {
  readonly verdict: ChangeVerdict;
  /** Null when the baseline has fewer than `minBaseline` points. */
  readonly baseline: ChangeBaseline | null;
  readonly after: { readonly count: number };
  /** At most one per rule, in the order the points were met (then rule order); empty unless verdict is 'signal'. */
  readonly signals: ChangeSignal[];
}

/**
 * Reads the points after `changeAt` against the natural process limits of the points before it.
 *
 * The three detection rules are Donald J. Wheeler's (Understanding Variation, 2nd ed., 2000, ch. 5; Wheeler &
 * Chambers, Understanding Statistical Process Control, 3rd ed., 2010, ch. 9 — Western Electric rules 1, 3 and 4 as
 * Wheeler recommends them for XmR charts):
 * 1. 'outside-limits': a point above the upper or below the lower natural process limit;
 * 2. 'three-of-four': three out of four successive points closer to the same limit than to the centre line;
 * 3. 'run-of-eight': eight successive points on the same side of the centre line.
 *
 * Contract (fixed so that any two implementations agree):
 * - Baseline = points with `at` < `changeAt`; after = the rest (a point exactly at `changeAt` comes after it).
 * - Limits = mean ± 2.66 × average moving range of the baseline alone: the moving range from the last baseline
 *   point to the first point after the change is never taken. The lower limit is floored at 0 (`floorAtZero`).
 * - Every rule looks only at points after the change, against the baseline's centre line and limits; windows and
 *   runs never reach back into the baseline.
 * - A point exactly on a limit is not outside it. "Closer to a limit than to the centre line" means strictly
 *   beyond the midpoint between the centre line and that limit; the three points of a four-point window must lie
 *   beyond the midpoint on the same side. A point exactly on the centre line belongs to neither side and ends a
 *   run. With a flat baseline (average moving range 0) limits, midpoints and centre line coincide, so any point
 *   that differs from the baseline value is outside the limits.
 * - Each rule reports the point at which it is first met (the outside point, the third point beyond the midpoint,
 *   the eighth point of the run), with the side it is on; later occurrences of the same rule are not listed.
 * - 'too-little-data' when the baseline has fewer than `minBaseline` points or fewer than `minAfter` points come
 *   after the change; no rule is then applied (the baseline is still described when it is long enough).
 *   Otherwise 'signal' when any rule is met, else 'no-signal'.
 * Throws RangeError on an invalid date, a non-finite value or minimums below 2 (baseline) and 1 (after).
 */
export function detectChangeAfter(input: DetectChangeInput): ChangeDetection {
  const minBaseline = input.minBaseline ?? DEFAULT_MIN_BASELINE_POINTS;
  const minAfter = input.minAfter ?? DEFAULT_MIN_AFTER_POINTS;
  const floorAtZero = input.floorAtZero ?? true;
  if (!Number.isInteger(minBaseline) || minBaseline < 2) throw new RangeError(`minBaseline must be an integer ≥ 2, got ${minBaseline}`);
  if (!Number.isInteger(minAfter) || minAfter < 1) throw new RangeError(`minAfter must be an integer ≥ 1, got ${minAfter}`);
  const changeTime = input.changeAt.getTime();
  if (Number.isNaN(changeTime)) throw new RangeError('changeAt is not a valid date');
  for (const point of input.points) {
    if (Number.isNaN(point.at.getTime())) throw new RangeError('A point has an invalid date');
    if (!Number.isFinite(point.value)) throw new RangeError(`Values must be finite, got ${point.value}`);
  }

  // Array.prototype.sort is stable, so points at the same instant keep the order they were given in.
  const sorted = [...input.points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const before = sorted.filter((point) => point.at.getTime() < changeTime);
  const after = sorted.filter((point) => point.at.getTime() >= changeTime);

  const baseline = before.length >= minBaseline ? describeBaseline(before.map((point) => point.value), floorAtZero) : null;
  if (baseline === null || after.length < minAfter) {
    return { verdict: 'too-little-data', baseline, after: { count: after.length }, signals: [] };
  }
  const signals = findSignals(after, baseline);
  return { verdict: signals.length > 0 ? 'signal' : 'no-signal', baseline, after: { count: after.length }, signals };
}

function describeBaseline(values: readonly number[], floorAtZero: boolean): ChangeBaseline {
  // The same computation as the Flow page's XmR charts, on the baseline values alone.
  const chart = computeXmR(values);
  const mean = chart.centreLine as number;
  const lower = chart.lowerNaturalProcessLimit as number;
  return {
    mean,
    averageMovingRange: chart.averageMovingRange as number,
    lowerLimit: floorAtZero ? Math.max(0, lower) : lower,
    upperLimit: chart.upperNaturalProcessLimit as number,
    count: values.length,
  };
}

/** Which side of `reference` a value lies on, strictly: 1 above, −1 below, 0 exactly on it. */
function sideOf(value: number, reference: number): number {
  return value > reference ? 1 : value < reference ? -1 : 0;
}

function toDirection(side: number): ChangeDirection {
  return side > 0 ? 'up' : 'down';
}

/** Applies the three rules to the points after the change; each rule reports its first occurrence. */
function findSignals(after: readonly ChangePoint[], baseline: ChangeBaseline): ChangeSignal[] {
  const { mean, lowerLimit, upperLimit } = baseline;
  const upperMidpoint = (mean + upperLimit) / 2;
  const lowerMidpoint = (mean + lowerLimit) / 2;
  // Per point: beyond the upper midpoint (1), beyond the lower midpoint (−1), or neither (0).
  const zone = after.map((point) => (point.value > upperMidpoint ? 1 : point.value < lowerMidpoint ? -1 : 0));
  const found: (ChangeSignal & { index: number; order: number })[] = [];

  const outside = after.findIndex((point) => point.value > upperLimit || point.value < lowerLimit);
  if (outside >= 0) {
    const point = after[outside] as ChangePoint;
    found.push({ rule: 'outside-limits', at: point.at, direction: point.value > upperLimit ? 'up' : 'down', index: outside, order: 0 });
  }

  for (let index = 0; index < after.length; index += 1) {
    const side = zone[index] as number;
    if (side === 0) continue;
    let hits = 0;
    for (let k = Math.max(0, index - WINDOW_LENGTH + 1); k <= index; k += 1) if (zone[k] === side) hits += 1;
    if (hits >= WINDOW_HITS) {
      found.push({ rule: 'three-of-four', at: (after[index] as ChangePoint).at, direction: toDirection(side), index, order: 1 });
      break;
    }
  }

  let runSide = 0;
  let runLength = 0;
  for (let index = 0; index < after.length; index += 1) {
    const side = sideOf((after[index] as ChangePoint).value, mean);
    runLength = side !== 0 && side === runSide ? runLength + 1 : side === 0 ? 0 : 1;
    runSide = side;
    if (runLength === RUN_LENGTH) {
      found.push({ rule: 'run-of-eight', at: (after[index] as ChangePoint).at, direction: toDirection(side), index, order: 2 });
      break;
    }
  }

  return found.sort((a, b) => a.index - b.index || a.order - b.order).map(({ rule, at, direction }) => ({ rule, at, direction }));
}
