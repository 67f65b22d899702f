import { describe, expect, it } from 'vitest';
import { computeFlowByClass, findLaneAt, findLaneClassAt, type ClassedFinishedItem } from './class-of-service';
import { computeFlowMetrics } from './compute-flow-metrics';
import type { FlowStage, FlowTransition } from './types';

/**
 * Oracle-style cases: a small board whose every figure is worked out by hand in the comments, then checked
 * against the functions.
 */

const STAGES: FlowStage[] = [
  { id: 'in', name: 'Inkommet', order: 0, state: 'NOT_STARTED' },
  { id: 'work', name: 'Utreds', order: 1, state: 'IN_PROGRESS' },
  { id: 'done', name: 'Klart', order: 2, state: 'DONE' },
];
const at = (iso: string) => new Date(iso);
const move = (itemId: string, toStageId: string, iso: string): FlowTransition => ({ itemId, toStageId, at: at(iso) });

describe('findLaneAt: the lane an item was in at an instant', () => {
  const placements = [
    { at: at('2026-03-02T09:00:00+01:00'), laneId: 'std' },
    { at: at('2026-03-04T09:00:00+01:00'), laneId: 'exp' },
    { at: at('2026-03-06T09:00:00+01:00'), laneId: 'std' },
  ];
  it('is the lane of the last placement at or before the instant', () => {
    expect(findLaneAt(placements, at('2026-03-03T12:00:00+01:00'))).toBe('std');
    expect(findLaneAt(placements, at('2026-03-04T09:00:00+01:00'))).toBe('exp');
    expect(findLaneAt(placements, at('2026-03-05T12:00:00+01:00'))).toBe('exp');
    expect(findLaneAt(placements, at('2026-03-09T12:00:00+01:00'))).toBe('std');
  });
  it('does not depend on the order placements are given in, and is null before the first', () => {
    expect(findLaneAt([...placements].reverse(), at('2026-03-05T12:00:00+01:00'))).toBe('exp');
    expect(findLaneAt(placements, at('2026-03-01T12:00:00+01:00'))).toBeNull();
  });
});

describe('findLaneClassAt: the class a lane had at an instant', () => {
  // The lane was standard, became expedite on the 10th, improvement work on the 20th.
  const changes = [
    { laneId: 'l', at: at('2026-03-20T09:00:00+01:00'), before: 'EXPEDITE' as const, after: 'INTANGIBLE' as const },
    { laneId: 'l', at: at('2026-03-10T09:00:00+01:00'), before: 'STANDARD' as const, after: 'EXPEDITE' as const },
  ];
  it('undoes the changes after the instant, newest first', () => {
    expect(findLaneClassAt('INTANGIBLE', changes, at('2026-03-05T00:00:00+01:00'))).toBe('STANDARD');
    expect(findLaneClassAt('INTANGIBLE', changes, at('2026-03-15T00:00:00+01:00'))).toBe('EXPEDITE');
    expect(findLaneClassAt('INTANGIBLE', changes, at('2026-03-25T00:00:00+01:00'))).toBe('INTANGIBLE');
  });
  it('counts a change at exactly the instant as made', () => {
    expect(findLaneClassAt('INTANGIBLE', changes, at('2026-03-10T09:00:00+01:00'))).toBe('EXPEDITE');
  });
});

describe('computeFlowByClass', () => {
  it('gives each class its own cycle-time percentiles, throughput, share and SLE (worked by hand)', () => {
    // Expedite: 1, 2, 2, 3, 5 days. Nearest rank: p50 = ⌈0.5·5⌉ = 3rd = 2; p85 = ⌈4.25⌉ = 5th = 5; p95 = 5th = 5.
    // Standard: 4, 8, 12, 19, 19, 25. p50 = 3rd = 12; p85 = ⌈5.1⌉ = 6th = 25; p95 = 6th = 25.
    // Improvement: 30 (one item: below the SLE minimum of 5).
    const items: ClassedFinishedItem[] = [
      ...[1, 2, 2, 3, 5].map((days) => ({ classOfService: 'EXPEDITE' as const, cycleTimeCalendarDays: days })),
      ...[19, 4, 25, 8, 19, 12].map((days) => ({ classOfService: 'STANDARD' as const, cycleTimeCalendarDays: days })),
      { classOfService: 'INTANGIBLE', cycleTimeCalendarDays: 30 },
    ];
    expect(computeFlowByClass(items, 5)).toEqual([
      { classOfService: 'EXPEDITE', finishedCount: 5, share: 5 / 12, cycleTimePercentiles: { p50: 2, p85: 5, p95: 5 }, serviceLevelExpectation: { percentile: 85, days: 5, basedOn: 5 } },
      { classOfService: 'STANDARD', finishedCount: 6, share: 6 / 12, cycleTimePercentiles: { p50: 12, p85: 25, p95: 25 }, serviceLevelExpectation: { percentile: 85, days: 25, basedOn: 6 } },
      { classOfService: 'INTANGIBLE', finishedCount: 1, share: 1 / 12, cycleTimePercentiles: { p50: 30, p85: 30, p95: 30 }, serviceLevelExpectation: null },
    ]);
  });

  it('leaves out classes with nothing finished, and gives nothing for no items', () => {
    expect(computeFlowByClass([{ classOfService: 'STANDARD', cycleTimeCalendarDays: 3 }], 5).map((figure) => [figure.classOfService, figure.share])).toEqual([['STANDARD', 1]]);
    expect(computeFlowByClass([], 5)).toEqual([]);
  });

  it('a card that changed lanes counts in the class of the lane it finished in', () => {
    // Card x: created in standard on Mon 2 March, started Tue 3, moved to the expedite lane Wed 4 (a court date
    // came up), finished Thu 5: cycle time Tue–Thu = 3 calendar days, class EXPEDITE.
    // Card y: created in the expedite lane, started Mon 2, moved back to standard Tue 3, finished Fri 6: 5 days, STANDARD.
    const transitions = [
      move('x', 'in', '2026-03-02T09:00:00+01:00'),
      move('x', 'work', '2026-03-03T09:00:00+01:00'),
      move('x', 'done', '2026-03-05T15:00:00+01:00'),
      move('y', 'in', '2026-03-02T08:00:00+01:00'),
      move('y', 'work', '2026-03-02T09:00:00+01:00'),
      move('y', 'done', '2026-03-06T15:00:00+01:00'),
    ];
    const placements = new Map([
      ['x', [{ at: at('2026-03-02T09:00:00+01:00'), laneId: 'std' }, { at: at('2026-03-04T10:00:00+01:00'), laneId: 'exp' }]],
      ['y', [{ at: at('2026-03-02T08:00:00+01:00'), laneId: 'exp' }, { at: at('2026-03-03T10:00:00+01:00'), laneId: 'std' }]],
    ]);
    const classOfLane = new Map([['std', 'STANDARD' as const], ['exp', 'EXPEDITE' as const]]);
    const metrics = computeFlowMetrics({ stages: STAGES, transitions, from: at('2026-03-02T00:00:00+01:00'), to: at('2026-03-08T23:59:59+01:00'), now: at('2026-03-08T12:00:00+01:00') });
    const classed = metrics.items
      .filter((item) => item.doneAt !== null && item.cycleTimeCalendarDays !== null)
      .map((item) => ({ classOfService: classOfLane.get(findLaneAt(placements.get(item.id)!, item.doneAt!)!)!, cycleTimeCalendarDays: item.cycleTimeCalendarDays! }));
    expect(computeFlowByClass(classed, 1)).toEqual([
      { classOfService: 'EXPEDITE', finishedCount: 1, share: 0.5, cycleTimePercentiles: { p50: 3, p85: 3, p95: 3 }, serviceLevelExpectation: { percentile: 85, days: 3, basedOn: 1 } },
      { classOfService: 'STANDARD', finishedCount: 1, share: 0.5, cycleTimePercentiles: { p50: 5, p85: 5, p95: 5 }, serviceLevelExpectation: { percentile: 85, days: 5, basedOn: 1 } },
    ]);
  });
});
