import { describe, expect, it } from 'vitest';
import { buildCycleTimeSeries, buildWeeklyThroughputSeries, computeXmR } from './xmr-chart';

describe('computeXmR: limits', () => {
  it('matches a hand-computed chart without signals', () => {
    // Mean 7; moving ranges 2, 1, 3, 1 → average 1.75;
    // limits 7 ± 2.66 × 1.75 = 11.655 / 2.345; range limit 3.268 × 1.75 = 5.719.
    const chart = computeXmR([5, 7, 6, 9, 8]);
    expect(chart.centreLine).toBe(7);
    expect(chart.averageMovingRange).toBe(1.75);
    expect(chart.upperNaturalProcessLimit).toBeCloseTo(11.655, 10);
    expect(chart.lowerNaturalProcessLimit).toBeCloseTo(2.345, 10);
    expect(chart.upperRangeLimit).toBeCloseTo(5.719, 10);
    expect(chart.points.map((point) => point.movingRange)).toEqual([null, 2, 1, 3, 1]);
    expect(chart.points.map((point) => point.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(chart.points.some((point) => point.isOutsideLimits || point.isMovingRangeAboveLimit || point.isInLongRun)).toBe(
      false,
    );
  });

  it('flags a point above the upper limit and its jump, and keeps a negative lower limit', () => {
    // Mean 53/7 ≈ 7.5714; moving ranges 2, 1, 2, 1, 1, 15 → average 22/6 ≈ 3.6667;
    // upper limit ≈ 17.325, lower ≈ −2.182 (not floored), range limit ≈ 11.983.
    const chart = computeXmR([4, 6, 5, 7, 6, 5, 20], ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']);
    expect(chart.centreLine).toBeCloseTo(53 / 7, 10);
    expect(chart.averageMovingRange).toBeCloseTo(22 / 6, 10);
    expect(chart.upperNaturalProcessLimit).toBeCloseTo(53 / 7 + 2.66 * (22 / 6), 10);
    expect(chart.lowerNaturalProcessLimit).toBeCloseTo(-2.1819, 3);
    expect(chart.upperRangeLimit).toBeCloseTo(11.9827, 3);
    expect(chart.points.filter((point) => point.isOutsideLimits).map((point) => point.label)).toEqual(['v7']);
    expect(chart.points.filter((point) => point.isMovingRangeAboveLimit).map((point) => point.label)).toEqual(['v7']);
  });

  it('flags a point below the lower limit', () => {
    const chart = computeXmR([20, 21, 20, 21, 20, 21, 20, 2]);
    expect(chart.points.map((point) => point.isOutsideLimits)).toEqual([false, false, false, false, false, false, false, true]);
  });

  it('has no limits with fewer than two values', () => {
    expect(computeXmR([])).toEqual({
      points: [],
      centreLine: null,
      averageMovingRange: null,
      upperNaturalProcessLimit: null,
      lowerNaturalProcessLimit: null,
      upperRangeLimit: null,
    });
    const single = computeXmR([3]);
    expect(single.centreLine).toBe(3);
    expect(single.upperNaturalProcessLimit).toBeNull();
    expect(single.points).toEqual([
      { label: '1', value: 3, movingRange: null, isOutsideLimits: false, isMovingRangeAboveLimit: false, isInLongRun: false },
    ]);
  });

  it('rejects mismatched labels and non-finite values', () => {
    expect(() => computeXmR([1, 2], ['only one'])).toThrow(RangeError);
    expect(() => computeXmR([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe('computeXmR: runs of eight', () => {
  it('flags the whole run once 8 consecutive points sit on one side of the centre line', () => {
    const chart = computeXmR([2, 3, 2, 3, 2, 3, 2, 3, 9, 8, 9]); // mean ≈ 4.18
    expect(chart.points.map((point) => point.isInLongRun)).toEqual([
      true, true, true, true, true, true, true, true, false, false, false,
    ]);
  });

  it('does not flag a run of seven', () => {
    const chart = computeXmR([2, 3, 2, 3, 2, 3, 2, 9, 8, 9, 8]); // mean 5
    expect(chart.points.some((point) => point.isInLongRun)).toBe(false);
  });

  it('keeps flagging points that extend a run beyond eight', () => {
    const chart = computeXmR([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 30]);
    expect(chart.points.map((point) => point.isInLongRun)).toEqual([...Array.from({ length: 10 }, () => true), false]);
  });

  it('treats a point exactly on the centre line as breaking the run', () => {
    // Mean (8·1 + 5 + 8·9) / 17 = 5 exactly: the 5 splits the ones into two runs of four.
    const chart = computeXmR([1, 1, 1, 1, 5, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(chart.centreLine).toBe(5);
    expect(chart.points.map((point) => point.isInLongRun)).toEqual([
      ...Array.from({ length: 9 }, () => false),
      ...Array.from({ length: 8 }, () => true),
    ]);
  });
});

describe('buildWeeklyThroughputSeries', () => {
  const done = (iso: string | null) => ({ doneAt: iso === null ? null : new Date(iso) });

  it('counts completions per ISO week in the team zone, whole weeks, zero weeks included', () => {
    const series = buildWeeklyThroughputSeries({
      items: [
        done('2026-03-15T12:00:00+01:00'), // Sunday before the first week: excluded
        done('2026-03-16T08:00:00+01:00'), // Monday of the first week, before `from`: whole week counts
        done('2026-03-29T23:30:00+02:00'), // Sunday night, week 13
        done('2026-03-30T00:30:00+02:00'), // Monday 00:30 local (still Sunday in UTC): week 14
        done(null),
        done('2026-04-13T12:00:00+02:00'), // Monday after the last week: excluded
      ],
      from: new Date('2026-03-18T12:00:00+01:00'),
      to: new Date('2026-04-08T12:00:00+02:00'),
    });
    expect(series).toEqual({
      labels: ['2026-W12', '2026-W13', '2026-W14', '2026-W15'],
      values: [1, 1, 1, 0],
      weekStarts: ['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06'],
    });
  });

  it('uses the given time zone for week boundaries', () => {
    const series = buildWeeklyThroughputSeries({
      items: [done('2026-03-30T00:30:00+02:00')],
      from: new Date('2026-03-23T12:00:00Z'),
      to: new Date('2026-03-31T12:00:00Z'),
      timeZone: 'UTC',
    });
    expect(series.values).toEqual([1, 0]);
  });

  it('labels the last days of a year by ISO week-numbering year', () => {
    const series = buildWeeklyThroughputSeries({
      items: [],
      from: new Date('2026-12-28T12:00:00+01:00'),
      to: new Date('2027-01-04T12:00:00+01:00'),
    });
    expect(series.labels).toEqual(['2026-W53', '2027-W01']);
  });
});

describe('buildCycleTimeSeries', () => {
  const item = (id: string, doneAt: string | null, days: number | null, calendarDays: number | null) => ({
    id,
    doneAt: doneAt === null ? null : new Date(doneAt),
    cycleTimeDays: days,
    cycleTimeCalendarDays: calendarDays,
  });
  const items = [
    item('c', '2026-03-05T10:00:00Z', 2.5, 3),
    item('a', '2026-03-03T10:00:00Z', 0.25, 1),
    item('wip', null, null, null),
    item('b', '2026-03-05T10:00:00Z', 4, 5),
  ];

  it('orders done items by completion (ties by id), in calendar days by default', () => {
    expect(buildCycleTimeSeries(items)).toEqual({ labels: ['a', 'b', 'c'], values: [1, 5, 3] });
  });

  it('can use exact days', () => {
    expect(buildCycleTimeSeries(items, 'days').values).toEqual([0.25, 4, 2.5]);
  });

  it('feeds computeXmR directly', () => {
    const series = buildCycleTimeSeries(items);
    expect(computeXmR(series.values, series.labels).points.map((point) => point.label)).toEqual(['a', 'b', 'c']);
  });
});
