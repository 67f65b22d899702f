import { describe, expect, it } from 'vitest';
import { computeServiceLevelExpectation } from './service-level-expectation';

describe('computeServiceLevelExpectation', () => {
  it('is the nearest-rank 85th percentile in calendar days', () => {
    const cycleTimes = Array.from({ length: 20 }, (_, index) => 20 - index);
    expect(computeServiceLevelExpectation(cycleTimes)).toEqual({ percentile: 85, days: 17 });
  });

  it('always names a cycle time that occurred', () => {
    expect(computeServiceLevelExpectation([1, 1, 2, 3, 30])).toEqual({ percentile: 85, days: 30 });
    expect(computeServiceLevelExpectation([4])).toEqual({ percentile: 85, days: 4 });
  });

  it('is null without finished items', () => {
    expect(computeServiceLevelExpectation([])).toBeNull();
  });
});
