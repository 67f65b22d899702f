import { describe, expect, it } from 'vitest';
import { createMulberry32 } from '@/lib/flow/seeded-random';
import { drawSample, isInPeriod, parseLogPeriod, parseReadLogRetentionYears, previousMonthPeriod, readLogCutoff } from './model';

const NOW = new Date('2027-03-15T10:00:00Z');

describe('drawSample', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);

  it('draws the asked number of distinct items, in the log order', () => {
    const sample = drawSample(items, 20, createMulberry32(42));
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect([...sample].sort((a, b) => a - b)).toEqual(sample);
    expect(sample.every((item) => items.includes(item))).toBe(true);
  });

  it('is the same draw for the same seed and another for another seed', () => {
    expect(drawSample(items, 10, createMulberry32(7))).toEqual(drawSample(items, 10, createMulberry32(7)));
    expect(drawSample(items, 10, createMulberry32(7))).not.toEqual(drawSample(items, 10, createMulberry32(8)));
  });

  it('takes everything when the period holds fewer reads than the sample size, and nothing from nothing', () => {
    expect(drawSample([3, 1, 2], 20, createMulberry32(1))).toEqual([3, 1, 2]);
    expect(drawSample([], 20, createMulberry32(1))).toEqual([]);
    expect(drawSample(items, 0, createMulberry32(1))).toEqual([]);
  });

  it('is uniform: over many draws every item is picked about equally often', () => {
    const random = createMulberry32(2027);
    const picks = new Array(10).fill(0);
    for (let run = 0; run < 20_000; run += 1) for (const item of drawSample(items.slice(0, 10), 3, random)) picks[item] += 1;
    // Each item is expected 20,000 × 3/10 = 6,000 times; 5 % either way is far outside chance at this size.
    for (const count of picks) expect(Math.abs(count - 6000)).toBeLessThan(300);
  });

  it('uses the random source it is given (a generator always near 1 swaps the last item forward each step)', () => {
    // Step 1 swaps 0 ↔ 4 (picks 4), step 2 swaps the new second place with the last, which now holds 0.
    expect(drawSample([0, 1, 2, 3, 4], 2, () => 0.999999)).toEqual([0, 4]);
    expect(drawSample([0, 1, 2, 3, 4], 2, () => 0)).toEqual([0, 1]);
  });
});

describe('parseLogPeriod', () => {
  it('defaults to the last 30 days, today included, in the team zone', () => {
    const period = parseLogPeriod({}, NOW);
    expect(period).toMatchObject({ from: '2027-02-14', to: '2027-03-15', isDefault: true, problem: null });
    expect(period.start.toISOString()).toBe('2027-02-13T23:00:00.000Z');
    expect(period.end.toISOString()).toBe('2027-03-15T23:00:00.000Z');
  });

  it('takes both ends as whole days, both included (summer time too)', () => {
    const period = parseLogPeriod({ from: '2026-06-01', to: '2026-06-30' }, NOW);
    expect(period).toMatchObject({ from: '2026-06-01', to: '2026-06-30', isDefault: false, problem: null });
    expect(period.start.toISOString()).toBe('2026-05-31T22:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(isInPeriod(new Date('2026-06-30T21:59:59.999Z'), period)).toBe(true);
    expect(isInPeriod(new Date('2026-06-30T22:00:00.000Z'), period)).toBe(false);
    expect(isInPeriod(new Date('2026-05-31T21:59:59.999Z'), period)).toBe(false);
  });

  it('completes one end: from alone runs to today, to alone is the 30 days before it', () => {
    expect(parseLogPeriod({ from: '2027-03-01' }, NOW)).toMatchObject({ from: '2027-03-01', to: '2027-03-15' });
    expect(parseLogPeriod({ to: '2027-01-31' }, NOW)).toMatchObject({ from: '2027-01-02', to: '2027-01-31' });
    expect(parseLogPeriod({ from: '', to: '' }, NOW)).toMatchObject({ isDefault: true, problem: null });
  });

  it('falls back to the default and says why for bad input', () => {
    expect(parseLogPeriod({ from: '2027-02-30' }, NOW)).toMatchObject({ isDefault: true, problem: 'invalidDate' });
    expect(parseLogPeriod({ from: 'yesterday' }, NOW)).toMatchObject({ isDefault: true, problem: 'invalidDate' });
    expect(parseLogPeriod({ from: '2027-03-10', to: '2027-03-01' }, NOW)).toMatchObject({ isDefault: true, problem: 'fromAfterTo' });
    expect(parseLogPeriod({ from: ['2027-03-01', 'x'] }, NOW)).toMatchObject({ from: '2027-03-01', problem: null });
  });
});

describe('previousMonthPeriod', () => {
  it('is the whole calendar month before, in the team zone', () => {
    expect(previousMonthPeriod(NOW)).toMatchObject({ from: '2027-02-01', to: '2027-02-28' });
    // 1 January 00:30 in Stockholm is still 31 December in UTC: the zone decides.
    expect(previousMonthPeriod(new Date('2026-12-31T23:30:00Z'))).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('read log retention', () => {
  it('keeps five years by default and accepts 1–50 whole years', () => {
    expect(parseReadLogRetentionYears(undefined)).toBe(5);
    expect(parseReadLogRetentionYears(' ')).toBe(5);
    expect(parseReadLogRetentionYears('10')).toBe(10);
    for (const bad of ['0', '51', '2.5', '-1', 'five']) expect(() => parseReadLogRetentionYears(bad)).toThrow(/TILLIT_READ_LOG_RETENTION_YEARS/);
  });

  it('cuts off at the same calendar day so many years ago', () => {
    expect(readLogCutoff(NOW, 5).toISOString()).toBe('2022-03-15T10:00:00.000Z');
    expect(readLogCutoff(new Date('2028-02-29T00:00:00Z'), 1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });
});
