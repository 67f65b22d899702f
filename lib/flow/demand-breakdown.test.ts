import { describe, expect, it } from 'vitest';
import { computeDemandBreakdown, type DemandItem } from './demand-breakdown';

const created = (iso: string, demand?: DemandItem['demand']): DemandItem =>
  demand === undefined ? { createdAt: new Date(iso) } : { createdAt: new Date(iso), demand };

describe('computeDemandBreakdown', () => {
  const items: DemandItem[] = [
    created('2026-03-02T09:00:00+01:00', 'VALUE'),
    created('2026-03-03T09:00:00+01:00', 'VALUE'),
    created('2026-03-04T09:00:00+01:00', 'FAILURE'),
    created('2026-03-05T09:00:00+01:00'), // unclassified
    created('2026-03-08T23:30:00+01:00', null), // Sunday night local: still week 10
    created('2026-03-15T23:30:00Z', 'FAILURE'), // Monday 00:30 local: week 12
    created('2026-02-20T09:00:00+01:00', 'VALUE'), // before the range: excluded
  ];

  it('counts demand per ISO week of creation, with shares, zero weeks and totals', () => {
    const breakdown = computeDemandBreakdown({
      items,
      from: new Date('2026-03-02T00:00:00+01:00'),
      to: new Date('2026-03-16T12:00:00+01:00'),
    });
    expect(breakdown.weeks).toEqual([
      {
        week: '2026-W10',
        weekStart: '2026-03-02',
        value: 2,
        failure: 1,
        unknown: 2,
        total: 5,
        valueShare: 0.4,
        failureShare: 0.2,
        unknownShare: 0.4,
      },
      {
        week: '2026-W11',
        weekStart: '2026-03-09',
        value: 0,
        failure: 0,
        unknown: 0,
        total: 0,
        valueShare: null,
        failureShare: null,
        unknownShare: null,
      },
      {
        week: '2026-W12',
        weekStart: '2026-03-16',
        value: 0,
        failure: 1,
        unknown: 0,
        total: 1,
        valueShare: 0,
        failureShare: 1,
        unknownShare: 0,
      },
    ]);
    expect(breakdown.totals).toEqual({
      value: 2,
      failure: 2,
      unknown: 2,
      total: 6,
      valueShare: 2 / 6,
      failureShare: 2 / 6,
      unknownShare: 2 / 6,
    });
  });

  it('places weeks by the team zone', () => {
    const breakdown = computeDemandBreakdown({
      items: [created('2026-03-15T23:30:00Z', 'VALUE')],
      from: new Date('2026-03-09T12:00:00Z'),
      to: new Date('2026-03-16T12:00:00Z'),
      timeZone: 'UTC',
    });
    expect(breakdown.weeks.map((week) => week.value)).toEqual([1, 0]);
  });

  it('is all zeros with null shares for an empty board', () => {
    const breakdown = computeDemandBreakdown({
      items: [],
      from: new Date('2026-03-02T00:00:00+01:00'),
      to: new Date('2026-03-02T00:00:00+01:00'),
    });
    expect(breakdown.weeks).toHaveLength(1);
    expect(breakdown.totals).toMatchObject({ total: 0, valueShare: null, failureShare: null, unknownShare: null });
  });

  it('rejects an inverted range', () => {
    expect(() =>
      computeDemandBreakdown({ items: [], from: new Date('2026-03-20T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') }),
    ).toThrow(RangeError);
  });
});
