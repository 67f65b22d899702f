import { describe, expect, it } from 'vitest';
import { MAX_FORECAST_DAYS, forecastHowMany, forecastWhen } from './monte-carlo-forecast';
import { pickNearestRank } from './percentiles';
import { createMulberry32 } from './seeded-random';

const HISTORY = [0, 1, 2, 0, 3, 1, 0, 0, 4, 2, 1, 0, 0, 2];

describe('createMulberry32', () => {
  it('reproduces the reference mulberry32 sequence', () => {
    const random = createMulberry32(1);
    expect(random()).toBe(0.6270739405881613);
    expect(random()).toBe(0.002735721180215478);
  });

  it('is deterministic per seed and stays within [0, 1)', () => {
    const first = createMulberry32(42);
    const second = createMulberry32(42);
    const values = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(createMulberry32(43)()).not.toBe(values[0]);
  });
});

describe('forecastHowMany', () => {
  it('is deterministic for a given seed', () => {
    const run = (seed: number) => forecastHowMany({ dailyThroughput: HISTORY, days: 30, seed });
    expect(run(7)).toEqual(run(7));
    expect(forecastHowMany({ dailyThroughput: HISTORY, days: 30 })).toEqual(forecastHowMany({ dailyThroughput: HISTORY, days: 30 }));
  });

  it('orders confidence levels p50 ≥ p85 ≥ p95 (more confidence, fewer items)', () => {
    for (const seed of [1, 2, 3]) {
      const forecast = forecastHowMany({ dailyThroughput: HISTORY, days: 30, seed });
      expect(forecast).not.toBeNull();
      expect(forecast?.p50).toBeGreaterThanOrEqual(forecast?.p85 ?? Number.NaN);
      expect(forecast?.p85).toBeGreaterThanOrEqual(forecast?.p95 ?? Number.NaN);
      expect(forecast?.p50).toBeGreaterThan(forecast?.p95 ?? Number.NaN);
    }
  });

  it('reads the lower tail: 85 % confidence is the 15th percentile of simulated totals', () => {
    // One day drawn from [10, 10, 10, 0]: a quarter of the trials finish nothing, so "at least 10
    // with 85 % confidence" would be wrong, and the answer must be 0; the median is 10.
    const forecast = forecastHowMany({ dailyThroughput: [10, 10, 10, 0], days: 1 });
    expect(forecast).toMatchObject({ p50: 10, p85: 0, p95: 0, days: 1, trials: 10_000 });
  });

  it('matches the nearest-rank percentiles of its own simulation', () => {
    const seed = 99;
    const random = createMulberry32(seed);
    const totals = Array.from({ length: 500 }, () => {
      let total = 0;
      for (let day = 0; day < 10; day += 1) total += HISTORY[Math.floor(random() * HISTORY.length)] as number;
      return total;
    }).sort((a, b) => a - b);
    expect(forecastHowMany({ dailyThroughput: HISTORY, days: 10, trials: 500, seed })).toEqual({
      days: 10,
      trials: 500,
      p50: pickNearestRank(totals, 50),
      p85: pickNearestRank(totals, 15),
      p95: pickNearestRank(totals, 5),
    });
  });

  it('is exact for a constant history', () => {
    expect(forecastHowMany({ dailyThroughput: [2, 2, 2], days: 10 })).toMatchObject({ p50: 20, p85: 20, p95: 20 });
  });

  it('forecasts 0 from an all-zero history and null without history', () => {
    expect(forecastHowMany({ dailyThroughput: [0, 0, 0], days: 10 })).toMatchObject({ p50: 0, p85: 0, p95: 0 });
    expect(forecastHowMany({ dailyThroughput: [], days: 10 })).toBeNull();
  });

  it('rejects invalid input', () => {
    expect(() => forecastHowMany({ dailyThroughput: [1, -1], days: 10 })).toThrow(RangeError);
    expect(() => forecastHowMany({ dailyThroughput: [1, Number.NaN], days: 10 })).toThrow(RangeError);
    expect(() => forecastHowMany({ dailyThroughput: [1], days: 1.5 })).toThrow(RangeError);
    expect(() => forecastHowMany({ dailyThroughput: [1], days: 10, trials: 0 })).toThrow(RangeError);
  });
});

describe('forecastWhen', () => {
  it('is deterministic for a given seed', () => {
    const run = () => forecastWhen({ dailyThroughput: HISTORY, itemCount: 25, startDate: '2026-04-01', seed: 5 });
    expect(run()).toEqual(run());
  });

  it('orders confidence levels p50 ≤ p85 ≤ p95 (more confidence, later date)', () => {
    const forecast = forecastWhen({ dailyThroughput: HISTORY, itemCount: 25, startDate: '2026-04-01' });
    const days = [forecast?.p50?.days, forecast?.p85?.days, forecast?.p95?.days] as number[];
    expect(days[0]).toBeLessThanOrEqual(days[1] as number);
    expect(days[1]).toBeLessThanOrEqual(days[2] as number);
    expect(forecast?.unfinishedTrials).toBe(0);
  });

  it('counts the start date as day 1 and is exact for a constant history', () => {
    const forecast = forecastWhen({ dailyThroughput: [2], itemCount: 10, startDate: '2026-03-27' });
    // Five days: 27, 28, 29 (the DST day is an ordinary calendar day here), 30, 31 March.
    expect(forecast?.p50).toEqual({ days: 5, date: '2026-03-31' });
    expect(forecast?.p95).toEqual({ days: 5, date: '2026-03-31' });
    expect(forecastWhen({ dailyThroughput: [5], itemCount: 3, startDate: '2026-03-27' })?.p85).toEqual({
      days: 1,
      date: '2026-03-27',
    });
  });

  it('reads the upper tail: 85 % of trials finished by the p85 date', () => {
    // One item, each day finishes it with probability 3/4: P(≤1 day) = .75, P(≤2) ≈ .94, P(≤3) ≈ .98.
    const forecast = forecastWhen({ dailyThroughput: [1, 1, 1, 0], itemCount: 1, startDate: '2026-05-04' });
    expect(forecast?.p50?.days).toBe(1);
    expect(forecast?.p85?.days).toBe(2);
    expect(forecast?.p95?.days).toBe(3);
  });

  it('agrees in distribution with a plain day-by-day simulation', () => {
    const history = [0, 0, 0, 1, 0, 2, 0];
    const random = createMulberry32(2024);
    const trials = 20_000;
    const durations = Array.from({ length: trials }, () => {
      let finished = 0;
      let day = 0;
      while (finished < 12) {
        finished += history[Math.floor(random() * history.length)] as number;
        day += 1;
      }
      return day;
    }).sort((a, b) => a - b);
    const forecast = forecastWhen({ dailyThroughput: history, itemCount: 12, startDate: '2026-01-01', trials });
    // Different random streams, same distribution: percentiles agree to within sampling noise.
    expect(Math.abs((forecast?.p50?.days ?? 0) - (pickNearestRank(durations, 50) as number))).toBeLessThanOrEqual(1);
    expect(Math.abs((forecast?.p85?.days ?? 0) - (pickNearestRank(durations, 85) as number))).toBeLessThanOrEqual(2);
    expect(Math.abs((forecast?.p95?.days ?? 0) - (pickNearestRank(durations, 95) as number))).toBeLessThanOrEqual(2);
  });

  it('cannot forecast from an all-zero or empty history', () => {
    expect(forecastWhen({ dailyThroughput: [0, 0, 0], itemCount: 5, startDate: '2026-04-01' })).toBeNull();
    expect(forecastWhen({ dailyThroughput: [], itemCount: 5, startDate: '2026-04-01' })).toBeNull();
  });

  it('gives up after the day cap instead of looping when throughput is nearly zero', () => {
    const history = [...Array.from({ length: 999 }, () => 0), 1];
    const forecast = forecastWhen({ dailyThroughput: history, itemCount: 20, startDate: '2026-04-01' });
    // Finishing 20 items would take about 20,000 days, far beyond the cap.
    expect(forecast).toMatchObject({ unfinishedTrials: 10_000, p50: null, p85: null, p95: null });
    expect(MAX_FORECAST_DAYS).toBe(3650);
  });

  it('returns null only for the confidence levels the cap cuts off', () => {
    // Each day finishes the single item with probability 1/1000: about 97.4 % finish within 3650 days.
    const history = [...Array.from({ length: 999 }, () => 0), 1];
    const forecast = forecastWhen({ dailyThroughput: history, itemCount: 1, startDate: '2026-04-01' });
    expect(forecast?.p50).not.toBeNull();
    expect(forecast?.p95).not.toBeNull();
    const rare = forecastWhen({ dailyThroughput: [...Array.from({ length: 4999 }, () => 0), 1], itemCount: 1, startDate: '2026-04-01' });
    // With p = 1/5000 only about 52 % finish within the cap.
    expect(rare?.p85).toBeNull();
    expect(rare?.unfinishedTrials).toBeGreaterThan(0);
  });

  it('rejects invalid input', () => {
    const base = { dailyThroughput: [1], itemCount: 3, startDate: '2026-04-01' };
    expect(() => forecastWhen({ ...base, itemCount: 0 })).toThrow(RangeError);
    expect(() => forecastWhen({ ...base, startDate: '2026-04-31' })).toThrow(RangeError);
    expect(() => forecastWhen({ ...base, timeZone: 'Nowhere/Special' })).toThrow(RangeError);
    expect(() => forecastWhen({ ...base, trials: -5 })).toThrow(RangeError);
  });
});
