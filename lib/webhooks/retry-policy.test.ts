import { describe, expect, it } from 'vitest';
import { computeRetryDelay, countAttemptsWithin, decideAfterFailure, DEFAULT_RETRY_POLICY } from './retry-policy';

const HOUR = 3_600_000;
const middle = () => 0.5;

describe('webhook retry policy', () => {
  it('backs off exponentially from the base up to the cap, with ±20 % jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => computeRetryDelay(attempt, DEFAULT_RETRY_POLICY, middle))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(computeRetryDelay(30, DEFAULT_RETRY_POLICY, middle)).toBe(2 * HOUR);
    expect(computeRetryDelay(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(8_000);
    expect(computeRetryDelay(1, DEFAULT_RETRY_POLICY, () => 0.999999)).toBe(12_000);
  });

  it('keeps retrying for more than 24 hours before giving a delivery up', () => {
    const created = new Date('2026-12-01T00:00:00Z');
    let now = created;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const decision = decideAfterFailure({ attempt, createdAt: created, failingSince: now, now }, DEFAULT_RETRY_POLICY, middle);
      if (decision.kind !== 'retry') break;
      now = decision.at;
    }
    expect(now.getTime() - created.getTime()).toBeGreaterThanOrEqual(24 * HOUR);
    expect(attempt).toBeGreaterThan(15);
    expect(countAttemptsWithin(DEFAULT_RETRY_POLICY, 24 * HOUR)).toBeGreaterThan(15);
  });

  it('disables the endpoint after 24 hours of nothing but failures', () => {
    const failingSince = new Date('2026-12-01T00:00:00Z');
    const at = (hours: number) => new Date(failingSince.getTime() + hours * HOUR);
    expect(decideAfterFailure({ attempt: 3, createdAt: at(23), failingSince, now: at(23.9) }, DEFAULT_RETRY_POLICY, middle).kind).toBe('retry');
    expect(decideAfterFailure({ attempt: 3, createdAt: at(23), failingSince, now: at(24) }, DEFAULT_RETRY_POLICY, middle)).toEqual({ kind: 'disable-endpoint' });
  });
});
