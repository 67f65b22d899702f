import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCycleTimePercentiles, computePercentileNearestRank, pickNearestRank } from './percentiles';

describe('computePercentileNearestRank', () => {
  // The textbook nearest-rank example (values 15, 20, 35, 40, 50).
  it.each([
    [5, 15],
    [30, 20],
    [40, 20],
    [50, 35],
    [100, 50],
  ])('p%i of [15, 20, 35, 40, 50] is %i', (percentile, expected) => {
    expect(computePercentileNearestRank([40, 15, 50, 35, 20], percentile)).toBe(expected);
  });

  it('uses rank ⌈p·n/100⌉ without floating-point drift', () => {
    const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);
    // 0.15 * 100 in floating point is 15.000000000000002, which would wrongly round up to 16.
    expect(computePercentileNearestRank(oneToHundred, 15)).toBe(15);
    const oneToTwenty = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(computePercentileNearestRank(oneToTwenty, 85)).toBe(17);
    expect(computePercentileNearestRank(oneToTwenty, 95)).toBe(19);
    expect(computePercentileNearestRank(oneToTwenty, 0)).toBe(1);
  });

  it('returns null for no values and the value itself for one', () => {
    expect(computePercentileNearestRank([], 50)).toBeNull();
    expect(computePercentileNearestRank([7], 1)).toBe(7);
    expect(computePercentileNearestRank([7], 100)).toBe(7);
  });

  it('does not modify its input', () => {
    const values = [3, 1, 2];
    computePercentileNearestRank(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects out-of-range percentiles and non-finite values', () => {
    expect(() => computePercentileNearestRank([1], 101)).toThrow(RangeError);
    expect(() => computePercentileNearestRank([1], -1)).toThrow(RangeError);
    expect(() => computePercentileNearestRank([1, Number.NaN], 50)).toThrow(RangeError);
    expect(() => pickNearestRank([1], Number.NaN)).toThrow(RangeError);
  });

  it('returns an observed value with at least p % of values at or below it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 100 }),
        (values, percentile) => {
          const result = computePercentileNearestRank(values, percentile) as number;
          expect(values).toContain(result);
          expect(values.filter((value) => value <= result).length * 100).toBeGreaterThanOrEqual(percentile * values.length);
          // …and it is the smallest such value.
          expect(values.filter((value) => value < result).length * 100).toBeLessThan(percentile * values.length);
        },
      ),
    );
  });
});

describe('computeCycleTimePercentiles', () => {
  it('gives p50/p85/p95 by nearest rank', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, index) => 20 - index);
    expect(computeCycleTimePercentiles(oneToTwenty)).toEqual({ p50: 10, p85: 17, p95: 19 });
  });

  it('is null without values', () => {
    expect(computeCycleTimePercentiles([])).toBeNull();
  });

  it('is the value itself for one item', () => {
    expect(computeCycleTimePercentiles([4])).toEqual({ p50: 4, p85: 4, p95: 4 });
  });
});
