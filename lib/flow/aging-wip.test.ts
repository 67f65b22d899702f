import { describe, expect, it } from 'vitest';
import { computeAgingWip } from './aging-wip';
import { computeFlowMetrics, type FlowItem } from './compute-flow-metrics';
import type { FlowStage } from './types';

function doneItem(id: string, cycleTimeCalendarDays: number): FlowItem {
  return {
    id,
    createdAt: new Date('2026-01-01T08:00:00Z'),
    startedAt: new Date('2026-01-01T08:00:00Z'),
    doneAt: new Date('2026-01-02T08:00:00Z'),
    cycleTimeDays: cycleTimeCalendarDays - 0.5,
    cycleTimeCalendarDays,
    ageDays: null,
    ageCalendarDays: null,
    currentStageId: 'done',
  };
}

function wipItem(id: string, ageCalendarDays: number, currentStageId = 'dev'): FlowItem {
  return {
    id,
    createdAt: new Date('2026-03-01T08:00:00Z'),
    startedAt: new Date('2026-03-01T08:00:00Z'),
    doneAt: null,
    cycleTimeDays: null,
    cycleTimeCalendarDays: null,
    ageDays: ageCalendarDays - 0.5,
    ageCalendarDays,
    currentStageId,
  };
}

// Finished history: cycle times 1 … 20 calendar days, so p85 (nearest rank) = 17.
const HISTORY = Array.from({ length: 20 }, (_, index) => doneItem(`done-${index + 1}`, index + 1));

describe('computeAgingWip', () => {
  it('lists only in-progress items, oldest first, with their stage', () => {
    const notStarted: FlowItem = { ...wipItem('todo', 1, 'backlog'), startedAt: null, ageDays: null, ageCalendarDays: null };
    const aging = computeAgingWip([...HISTORY, wipItem('young', 2, 'analysis'), notStarted, wipItem('old', 12, 'review')]);
    expect(aging.map((item) => [item.id, item.currentStageId])).toEqual([
      ['old', 'review'],
      ['young', 'analysis'],
    ]);
  });

  it('reports the share of finished items an item has already outlived', () => {
    const aging = computeAgingWip([...HISTORY, wipItem('a', 9), wipItem('b', 1), wipItem('c', 25)]);
    const byId = new Map(aging.map((item) => [item.id, item]));
    // In its 9th day an item has outlived the 8 items that took 1–8 days, not the one that took 9.
    expect(byId.get('a')?.olderThanPercent).toBe(40);
    expect(byId.get('b')?.olderThanPercent).toBe(0);
    expect(byId.get('c')?.olderThanPercent).toBe(100);
  });

  it('flags items older than the 85th percentile, strictly', () => {
    const aging = computeAgingWip([...HISTORY, wipItem('at-p85', 17), wipItem('past-p85', 18)]);
    const byId = new Map(aging.map((item) => [item.id, item]));
    expect(byId.get('at-p85')?.isOlderThanP85).toBe(false);
    expect(byId.get('past-p85')?.isOlderThanP85).toBe(true);
    expect(byId.get('past-p85')?.olderThanPercent).toBeGreaterThanOrEqual(85);
  });

  it('can compare against a separately chosen history', () => {
    const [aging] = computeAgingWip([wipItem('a', 4)], { historicalCycleTimesCalendarDays: [1, 2, 3, 5] });
    expect(aging).toMatchObject({ olderThanPercent: 75, isOlderThanP85: false });
  });

  it('has no percentile and no flag without finished history', () => {
    const [aging] = computeAgingWip([wipItem('a', 40)]);
    expect(aging).toMatchObject({ olderThanPercent: null, isOlderThanP85: false, ageCalendarDays: 40, ageDays: 39.5 });
  });

  it('returns nothing for an empty board', () => {
    expect(computeAgingWip([])).toEqual([]);
  });

  it('works on computeFlowMetrics output', () => {
    const stages: FlowStage[] = [
      { id: 'todo', name: 'Att göra', order: 0, state: 'NOT_STARTED' },
      { id: 'doing', name: 'Pågår', order: 1, state: 'IN_PROGRESS' },
      { id: 'done', name: 'Klar', order: 2, state: 'DONE' },
    ];
    const metrics = computeFlowMetrics({
      stages,
      transitions: [
        { itemId: 'quick', toStageId: 'doing', at: new Date('2026-03-02T09:00:00+01:00') },
        { itemId: 'quick', toStageId: 'done', at: new Date('2026-03-03T09:00:00+01:00') },
        { itemId: 'stuck', toStageId: 'doing', at: new Date('2026-03-04T09:00:00+01:00') },
      ],
      from: new Date('2026-03-01T00:00:00+01:00'),
      to: new Date('2026-03-06T12:00:00+01:00'),
      now: new Date('2026-03-06T12:00:00+01:00'),
    });
    expect(computeAgingWip(metrics.items)).toEqual([
      {
        id: 'stuck',
        currentStageId: 'doing',
        startedAt: new Date('2026-03-04T09:00:00+01:00'),
        ageDays: 2.125,
        ageCalendarDays: 3,
        olderThanPercent: 100,
        isOlderThanP85: true,
      },
    ]);
  });
});
