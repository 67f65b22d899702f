/**
 * Monte Carlo forecasts from the team's own daily throughput.
 *
 * Each trial builds a possible future by drawing, for every future day, one day's throughput at
 * random (with replacement) from the chosen history window. The spread of outcomes over many
 * trials gives the confidence levels. Weekends and holidays need no special handling: they are
 * in the history as zero days and get drawn in proportion.
 *
 * Results are deterministic: a seeded PRNG (mulberry32) with a fixed default seed, so the same
 * history always produces the same forecast.
 */
import { assertValidTimeZone, DEFAULT_TIME_ZONE, formatDayNumber, parseCalendarDate } from './calendar-days';
import { pickNearestRank } from './percentiles';
import { createMulberry32 } from './seeded-random';
import type { CalendarDate } from './types';

/** The customary trial count: enough for the 85th and 95th percentiles to settle. */
export const DEFAULT_FORECAST_TRIALS = 10_000;
/** Fixed so forecasts are reproducible when the caller does not care about the seed. */
export const DEFAULT_FORECAST_SEED = 20_260_101;
/** A "when" trial that has not finished after ten years is treated as never finishing. */
export const MAX_FORECAST_DAYS = 3650;

function assertThroughputHistory(dailyThroughput: readonly number[]): void {
  for (const value of dailyThroughput) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Daily throughput must be finite and ≥ 0, got ${value}`);
    }
  }
}

function assertPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

export interface ForecastHowManyInput {
  /** Items finished per calendar day over the history window, zero days included. */
  readonly dailyThroughput: readonly number[];
  /** Number of future calendar days to forecast (integer ≥ 0). */
  readonly days: number;
  readonly trials?: number;
  readonly seed?: number;
}

/** "With X % confidence we finish at least pX items in the coming `days` days." */
export interface HowManyForecast {
  readonly days: number;
  readonly trials: number;
  readonly p50: number;
  readonly p85: number;
  readonly p95: number;
}

/**
 * Forecasts how many items the team will finish in the next `days` calendar days.
 *
 * The values read the lower tail of the simulated totals: p85 is the nearest-rank 15th
 * percentile, so at least 85 % of trials finished that many items or more (likewise p50 → 50th,
 * p95 → 5th percentile). Invariant: p50 ≥ p85 ≥ p95.
 * Returns null when there is no history. An all-zero history is a valid (if bleak) history and
 * forecasts 0. Throws RangeError for negative/non-finite throughput or invalid days/trials.
 */
export function forecastHowMany(input: ForecastHowManyInput): HowManyForecast | null {
  const { dailyThroughput, days } = input;
  const trials = input.trials ?? DEFAULT_FORECAST_TRIALS;
  assertThroughputHistory(dailyThroughput);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be an integer ≥ 0, got ${days}`);
  assertPositiveInteger(trials, 'trials');
  if (dailyThroughput.length === 0) return null;

  const samples = Float64Array.from(dailyThroughput);
  const sampleCount = samples.length;
  const random = createMulberry32(input.seed ?? DEFAULT_FORECAST_SEED);
  const totals = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial += 1) {
    let total = 0;
    for (let day = 0; day < days; day += 1) total += samples[Math.floor(random() * sampleCount)] as number;
    totals[trial] = total;
  }
  totals.sort();
  return {
    days,
    trials,
    p50: pickNearestRank(totals, 50) as number,
    p85: pickNearestRank(totals, 15) as number,
    p95: pickNearestRank(totals, 5) as number,
  };
}

export interface ForecastWhenInput {
  /** Items finished per calendar day over the history window, zero days included. */
  readonly dailyThroughput: readonly number[];
  /** Items still to finish (positive integer). */
  readonly itemCount: number;
  /** First calendar day of the forecast ('YYYY-MM-DD'); work done on this day counts. */
  readonly startDate: CalendarDate;
  /**
   * The team's IANA zone (default Europe/Stockholm). Validated for consistency with the other
   * functions, but it cannot change the answer: counting whole calendar days forward from a
   * calendar date is the same in every zone.
   */
  readonly timeZone?: string;
  readonly trials?: number;
  readonly seed?: number;
}

/** Finishing within `days` calendar days, i.e. by the end of `date` (`startDate` is day 1). */
export interface WhenForecastPoint {
  readonly days: number;
  readonly date: CalendarDate;
}

/** "With X % confidence all items are done by pX.date." A point is null when too few trials finished within 3650 days. */
export interface WhenForecast {
  readonly itemCount: number;
  readonly trials: number;
  /** Trials that had not finished after MAX_FORECAST_DAYS days. */
  readonly unfinishedTrials: number;
  readonly p50: WhenForecastPoint | null;
  readonly p85: WhenForecastPoint | null;
  readonly p95: WhenForecastPoint | null;
}

/**
 * Forecasts when `itemCount` items will be finished, starting on `startDate`.
 *
 * Reads the upper tail: p85 is the nearest-rank 85th percentile of the simulated durations, so at
 * least 85 % of trials were done by then. Invariant: p50.days ≤ p85.days ≤ p95.days. Days are
 * counted inclusively: finishing during `startDate` itself is 1 day and `date` = `startDate`.
 * Returns null ("cannot forecast") when the history is empty or has no non-zero day. Each trial
 * stops after MAX_FORECAST_DAYS days and skips idle days in one step, so even a nearly-zero
 * history finishes quickly; percentiles that fall among unfinished trials are null.
 */
export function forecastWhen(input: ForecastWhenInput): WhenForecast | null {
  const { dailyThroughput, itemCount } = input;
  const trials = input.trials ?? DEFAULT_FORECAST_TRIALS;
  assertThroughputHistory(dailyThroughput);
  assertPositiveInteger(itemCount, 'itemCount');
  assertPositiveInteger(trials, 'trials');
  assertValidTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE);
  const startDay = parseCalendarDate(input.startDate);
  if (!dailyThroughput.some((value) => value > 0)) return null;

  // Zero days are drawn implicitly: the number of days up to and including the next non-zero
  // draw is geometric with p = share of non-zero days, and that draw is uniform over the non-zero
  // days. This has exactly the distribution of drawing day by day, but a trial costs one step per
  // productive day instead of one per day, so a mostly idle history (or the 3650-day cap) stays cheap.
  const nonZero = Float64Array.from(dailyThroughput.filter((value) => value > 0));
  const nonZeroCount = nonZero.length;
  const logZeroShare = Math.log(1 - nonZeroCount / dailyThroughput.length); // −Infinity when there are no zero days
  const random = createMulberry32(input.seed ?? DEFAULT_FORECAST_SEED);
  // Unfinished trials are stored as Infinity so they sort last and never satisfy a percentile by accident.
  const durations = new Float64Array(trials);
  let unfinishedTrials = 0;
  for (let trial = 0; trial < trials; trial += 1) {
    let finished = 0;
    let day = 0;
    while (finished < itemCount) {
      // 1 − random() lies in (0, 1], so the logarithm is finite; with no zero days this is always 1.
      day += logZeroShare === Number.NEGATIVE_INFINITY ? 1 : Math.floor(Math.log(1 - random()) / logZeroShare) + 1;
      if (day > MAX_FORECAST_DAYS) break;
      finished += nonZero[Math.floor(random() * nonZeroCount)] as number;
    }
    if (finished < itemCount) {
      durations[trial] = Number.POSITIVE_INFINITY;
      unfinishedTrials += 1;
    } else {
      durations[trial] = day;
    }
  }
  durations.sort();

  const buildPoint = (percentile: number): WhenForecastPoint | null => {
    const days = pickNearestRank(durations, percentile) as number;
    return Number.isFinite(days) ? { days, date: formatDayNumber(startDay + days - 1) } : null;
  };
  return { itemCount, trials, unfinishedTrials, p50: buildPoint(50), p85: buildPoint(85), p95: buildPoint(95) };
}
