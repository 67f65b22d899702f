import { describe, expect, it } from 'vitest';
import { computeFlowMetrics, type FlowItem, type FlowMetrics, type FlowMetricsInput } from './compute-flow-metrics';
import type { DailyCount, FlowStage, FlowTransition } from './types';

const STAGES: FlowStage[] = [
  { id: 'backlog', name: 'Inkorg', order: 0, state: 'NOT_STARTED' },
  { id: 'analysis', name: 'Analys', order: 1, state: 'IN_PROGRESS' },
  { id: 'dev', name: 'Utförande', order: 2, state: 'IN_PROGRESS' },
  { id: 'review', name: 'Granskning', order: 3, state: 'IN_PROGRESS' },
  { id: 'done', name: 'Klar', order: 4, state: 'DONE' },
];

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Local times are written with their Stockholm offset: +01:00 in winter, +02:00 in summer. */
function move(itemId: string, toStageId: string, at: string): FlowTransition {
  return { itemId, toStageId, at: new Date(at) };
}

/** March 2026 range (Mon 2 – Tue 31, spans the 29 March DST change); `now` at its end. */
function compute(transitions: FlowTransition[], overrides: Partial<FlowMetricsInput> = {}): FlowMetrics {
  return computeFlowMetrics({
    stages: STAGES,
    transitions,
    from: new Date('2026-03-02T00:00:00+01:00'),
    to: new Date('2026-03-31T23:59:59+02:00'),
    now: new Date('2026-03-31T12:00:00+02:00'),
    ...overrides,
  });
}

function findItem(metrics: FlowMetrics, id: string): FlowItem {
  const item = metrics.items.find((candidate) => candidate.id === id);
  if (item === undefined) throw new Error(`no item ${id}`);
  return item;
}

function findCount(series: readonly DailyCount[], date: string): number | undefined {
  return series.find((entry) => entry.date === date)?.count;
}

function findCfdCounts(metrics: FlowMetrics, date: string): Record<string, number> | undefined {
  return metrics.cfd.find((entry) => entry.date === date)?.counts;
}

describe('computeFlowMetrics: per item', () => {
  it('tracks one item through the board', () => {
    const metrics = compute([
      move('a', 'backlog', '2026-03-02T09:00:00+01:00'),
      move('a', 'analysis', '2026-03-03T10:00:00+01:00'),
      move('a', 'dev', '2026-03-04T10:00:00+01:00'),
      move('a', 'review', '2026-03-05T10:00:00+01:00'),
      move('a', 'done', '2026-03-06T15:00:00+01:00'),
    ]);
    expect(metrics.items).toEqual([
      {
        id: 'a',
        createdAt: new Date('2026-03-02T09:00:00+01:00'),
        startedAt: new Date('2026-03-03T10:00:00+01:00'),
        doneAt: new Date('2026-03-06T15:00:00+01:00'),
        cycleTimeDays: 3 + 5 / 24,
        cycleTimeCalendarDays: 4,
        ageDays: null,
        ageCalendarDays: null,
        currentStageId: 'done',
      },
    ]);
    expect(metrics.cycleTimePercentiles).toEqual({ p50: 4, p85: 4, p95: 4 });
  });

  it('counts a same-day finish as 1 calendar day and its exact fraction of a day', () => {
    const metrics = compute([
      move('a', 'analysis', '2026-03-10T09:00:00+01:00'),
      move('a', 'done', '2026-03-10T16:00:00+01:00'),
    ]);
    expect(findItem(metrics, 'a').cycleTimeCalendarDays).toBe(1);
    expect(findItem(metrics, 'a').cycleTimeDays).toBeCloseTo(7 / 24, 12);
  });

  it('counts an item created straight into done as started and done at once', () => {
    const item = findItem(compute([move('a', 'done', '2026-03-10T09:00:00+01:00')]), 'a');
    expect(item.startedAt).toEqual(item.doneAt);
    expect(item.cycleTimeDays).toBe(0);
    expect(item.cycleTimeCalendarDays).toBe(1);
  });

  it('counts two calendar days for a 45-minute item that crosses local midnight', () => {
    const item = findItem(
      compute([move('a', 'analysis', '2026-03-10T23:30:00+01:00'), move('a', 'done', '2026-03-11T00:15:00+01:00')]),
      'a',
    );
    expect(item.cycleTimeCalendarDays).toBe(2);
    expect(item.cycleTimeDays).toBeCloseTo(0.75 / 24, 12);
  });

  it('draws day boundaries in the team time zone, not UTC', () => {
    // 00:30 to 23:30 on 11 March in Stockholm, but 10 and 11 March in UTC.
    const transitions = [move('a', 'analysis', '2026-03-10T23:30:00Z'), move('a', 'done', '2026-03-11T22:30:00Z')];
    expect(findItem(compute(transitions), 'a').cycleTimeCalendarDays).toBe(1);
    expect(findItem(compute(transitions, { timeZone: 'UTC' }), 'a').cycleTimeCalendarDays).toBe(2);
  });

  it('measures exact time across the spring DST change (a 23-hour day)', () => {
    const item = findItem(
      compute([move('a', 'analysis', '2026-03-28T12:00:00+01:00'), move('a', 'done', '2026-03-30T12:00:00+02:00')]),
      'a',
    );
    expect(item.cycleTimeDays).toBeCloseTo(47 / 24, 12);
    expect(item.cycleTimeCalendarDays).toBe(3);
  });

  it('measures exact time across the autumn DST change (a 25-hour day)', () => {
    const item = findItem(
      compute([move('a', 'analysis', '2026-10-24T12:00:00+02:00'), move('a', 'done', '2026-10-26T12:00:00+01:00')], {
        from: new Date('2026-10-01T00:00:00+02:00'),
        to: new Date('2026-10-31T00:00:00+01:00'),
        now: new Date('2026-10-31T00:00:00+01:00'),
      }),
      'a',
    );
    expect(item.cycleTimeDays).toBeCloseTo(49 / 24, 12);
    expect(item.cycleTimeCalendarDays).toBe(3);
  });

  it('ages started, unfinished items from their start to now', () => {
    const metrics = compute([move('a', 'backlog', '2026-03-01T08:00:00+01:00'), move('a', 'dev', '2026-03-29T09:00:00+02:00')], {
      now: new Date('2026-03-31T21:00:00+02:00'),
    });
    const item = findItem(metrics, 'a');
    expect(item.ageDays).toBeCloseTo(2.5, 12);
    expect(item.ageCalendarDays).toBe(3); // 29, 30 and 31 March
    expect(item.cycleTimeDays).toBeNull();
    expect(item.doneAt).toBeNull();
  });

  it('never reports a negative age when a start is stamped after now (clock skew)', () => {
    const item = findItem(compute([move('a', 'dev', '2026-03-31T12:00:05+02:00')]), 'a');
    expect(item.ageDays).toBe(0);
    expect(item.ageCalendarDays).toBe(1);
  });

  it('leaves durations null for an item that has not started', () => {
    expect(findItem(compute([move('a', 'backlog', '2026-03-10T09:00:00+01:00')]), 'a')).toMatchObject({
      startedAt: null,
      doneAt: null,
      cycleTimeDays: null,
      cycleTimeCalendarDays: null,
      ageDays: null,
      ageCalendarDays: null,
      currentStageId: 'backlog',
    });
  });
});

describe('computeFlowMetrics: backward moves', () => {
  it('erases entry times after the target stage; the item re-enters them later', () => {
    const metrics = compute([
      move('a', 'analysis', '2026-03-02T10:00:00+01:00'),
      move('a', 'dev', '2026-03-03T10:00:00+01:00'),
      move('a', 'review', '2026-03-04T10:00:00+01:00'),
      move('a', 'dev', '2026-03-05T10:00:00+01:00'),
      move('a', 'review', '2026-03-09T10:00:00+01:00'),
      move('a', 'done', '2026-03-10T10:00:00+01:00'),
    ]);
    // Review counts from its second entry only; dev keeps its first entry.
    expect(findCfdCounts(metrics, '2026-03-04')).toMatchObject({ dev: 1, review: 0 });
    expect(findCfdCounts(metrics, '2026-03-08')).toMatchObject({ dev: 1, review: 0 });
    expect(findCfdCounts(metrics, '2026-03-09')).toMatchObject({ dev: 1, review: 1, done: 0 });
    expect(findItem(metrics, 'a').startedAt).toEqual(new Date('2026-03-02T10:00:00+01:00'));
    expect(findItem(metrics, 'a').cycleTimeCalendarDays).toBe(9);
  });

  it('un-starts an item moved back to a not-started stage; its start is the later re-entry', () => {
    const metrics = compute([
      move('a', 'backlog', '2026-03-02T10:00:00+01:00'),
      move('a', 'dev', '2026-03-03T10:00:00+01:00'),
      move('a', 'backlog', '2026-03-04T10:00:00+01:00'),
      move('a', 'analysis', '2026-03-06T10:00:00+01:00'),
      move('a', 'done', '2026-03-09T10:00:00+01:00'),
      move('b', 'dev', '2026-03-03T10:00:00+01:00'),
      move('b', 'backlog', '2026-03-04T10:00:00+01:00'),
    ]);
    expect(findItem(metrics, 'a').startedAt).toEqual(new Date('2026-03-06T10:00:00+01:00'));
    expect(findItem(metrics, 'b')).toMatchObject({ startedAt: null, ageDays: null, currentStageId: 'backlog' });
    expect(findCount(metrics.wip, '2026-03-03')).toBe(0);
    expect(findCount(metrics.wip, '2026-03-06')).toBe(1);
    expect(findCount(metrics.wip, '2026-03-09')).toBe(0);
  });
});

describe('computeFlowMetrics: reopened items', () => {
  const reopened = [
    move('a', 'analysis', '2026-03-02T10:00:00+01:00'),
    move('a', 'done', '2026-03-04T10:00:00+01:00'),
    move('a', 'review', '2026-03-05T10:00:00+01:00'),
  ];

  it('is work in progress again with its original start, and no longer throughput', () => {
    const metrics = compute(reopened, { now: new Date('2026-03-12T10:00:00+01:00') });
    const item = findItem(metrics, 'a');
    expect(item).toMatchObject({ doneAt: null, cycleTimeDays: null, currentStageId: 'review' });
    expect(item.startedAt).toEqual(new Date('2026-03-02T10:00:00+01:00'));
    expect(item.ageDays).toBe(10);
    expect(findCount(metrics.throughput, '2026-03-04')).toBe(0);
    expect(findCount(metrics.wip, '2026-03-12')).toBe(1);
    expect(metrics.cycleTimePercentiles).toBeNull();
  });

  it('counts on its final done day when it is finished again', () => {
    const metrics = compute([...reopened, move('a', 'done', '2026-03-09T10:00:00+01:00')]);
    const item = findItem(metrics, 'a');
    expect(item.doneAt).toEqual(new Date('2026-03-09T10:00:00+01:00'));
    expect(item.cycleTimeCalendarDays).toBe(8);
    expect(metrics.throughput.filter((day) => day.count > 0)).toEqual([{ date: '2026-03-09', count: 1 }]);
  });

  it('keeps its original start when reopened into a stage it had skipped', () => {
    const metrics = compute([
      move('a', 'backlog', '2026-03-02T10:00:00+01:00'),
      move('a', 'dev', '2026-03-03T10:00:00+01:00'),
      move('a', 'done', '2026-03-04T10:00:00+01:00'),
      move('a', 'analysis', '2026-03-05T10:00:00+01:00'),
    ]);
    expect(findItem(metrics, 'a').startedAt).toEqual(new Date('2026-03-03T10:00:00+01:00'));
    expect(findCfdCounts(metrics, '2026-03-03')).toMatchObject({ analysis: 1, dev: 0, done: 0 });
  });
});

describe('computeFlowMetrics: skipped stages', () => {
  it('gives a skipped stage the entry time of the next stage the item entered', () => {
    const metrics = compute([
      move('a', 'backlog', '2026-03-02T10:00:00+01:00'),
      move('a', 'review', '2026-03-04T10:00:00+01:00'),
      move('a', 'done', '2026-03-05T10:00:00+01:00'),
    ]);
    expect(findCfdCounts(metrics, '2026-03-03')).toEqual({ backlog: 1, analysis: 0, dev: 0, review: 0, done: 0 });
    expect(findCfdCounts(metrics, '2026-03-04')).toEqual({ backlog: 1, analysis: 1, dev: 1, review: 1, done: 0 });
    expect(findItem(metrics, 'a').startedAt).toEqual(new Date('2026-03-04T10:00:00+01:00'));
  });

  it('treats an item created in a later stage as having passed the earlier ones', () => {
    const metrics = compute([move('a', 'dev', '2026-03-04T10:00:00+01:00')]);
    expect(findCfdCounts(metrics, '2026-03-04')).toEqual({ backlog: 1, analysis: 1, dev: 1, review: 0, done: 0 });
    expect(findItem(metrics, 'a').startedAt).toEqual(new Date('2026-03-04T10:00:00+01:00'));
  });
});

describe('computeFlowMetrics: unknown stages', () => {
  it('ignores transitions to stage ids not on the board', () => {
    const metrics = compute([
      move('a', 'analysis', '2026-03-02T10:00:00+01:00'),
      move('a', 'removed-stage', '2026-03-03T10:00:00+01:00'),
      move('a', 'dev', '2026-03-04T10:00:00+01:00'),
      move('a', 'removed-stage', '2026-03-05T10:00:00+01:00'),
    ]);
    expect(findItem(metrics, 'a')).toMatchObject({ currentStageId: 'dev', doneAt: null });
    expect(findItem(metrics, 'a').startedAt).toEqual(new Date('2026-03-02T10:00:00+01:00'));
  });

  it('keeps an item whose only stage is unknown, as created but nowhere on the board', () => {
    const metrics = compute([move('a', 'removed-stage', '2026-03-03T10:00:00+01:00')]);
    expect(findItem(metrics, 'a')).toEqual({
      id: 'a',
      createdAt: new Date('2026-03-03T10:00:00+01:00'),
      startedAt: null,
      doneAt: null,
      cycleTimeDays: null,
      cycleTimeCalendarDays: null,
      ageDays: null,
      ageCalendarDays: null,
      currentStageId: null,
    });
    expect(findCfdCounts(metrics, '2026-03-31')).toEqual({ backlog: 0, analysis: 0, dev: 0, review: 0, done: 0 });
  });
});

describe('computeFlowMetrics: input handling', () => {
  const history = [
    move('a', 'backlog', '2026-03-02T10:00:00+01:00'),
    move('a', 'analysis', '2026-03-03T10:00:00+01:00'),
    move('b', 'analysis', '2026-03-03T11:00:00+01:00'),
    move('a', 'dev', '2026-03-04T10:00:00+01:00'),
    move('a', 'analysis', '2026-03-05T10:00:00+01:00'),
    move('b', 'done', '2026-03-06T10:00:00+01:00'),
    move('a', 'done', '2026-03-09T10:00:00+01:00'),
  ];

  it('gives the same result whatever order the transitions arrive in', () => {
    const shuffled = [history[6], history[2], history[0], history[4], history[5], history[3], history[1]] as FlowTransition[];
    const sorted = compute(history);
    const unsorted = compute(shuffled);
    expect(unsorted.cfd).toEqual(sorted.cfd);
    expect(unsorted.wip).toEqual(sorted.wip);
    expect(unsorted.throughput).toEqual(sorted.throughput);
    expect([...unsorted.items].sort((x, y) => x.id.localeCompare(y.id))).toEqual(sorted.items);
  });

  it('applies moves made in the same instant in input order', () => {
    const at = '2026-03-03T10:00:00+01:00';
    expect(findItem(compute([move('a', 'dev', at), move('a', 'analysis', at)]), 'a').currentStageId).toBe('analysis');
    expect(findItem(compute([move('a', 'analysis', at), move('a', 'dev', at)]), 'a').currentStageId).toBe('dev');
  });

  it('ignores transitions with an invalid date', () => {
    const metrics = compute([move('a', 'analysis', '2026-03-03T10:00:00+01:00'), move('a', 'done', 'not a date')]);
    expect(findItem(metrics, 'a')).toMatchObject({ currentStageId: 'analysis', doneAt: null });
  });

  it('orders stages by `order`, not by input position', () => {
    const reversed = [...STAGES].reverse();
    expect(compute(history, { stages: reversed })).toEqual(compute(history));
  });

  it('rejects an inverted range, an unknown zone, duplicate stages and invalid dates', () => {
    expect(() => compute([], { from: new Date('2026-03-10T00:00:00Z'), to: new Date('2026-03-09T00:00:00Z') })).toThrow(
      RangeError,
    );
    expect(() => compute([], { timeZone: 'Europe/Atlantis' })).toThrow(RangeError);
    expect(() => compute([], { stages: [...STAGES, STAGES[0] as FlowStage] })).toThrow(RangeError);
    expect(() => compute([], { now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('computeFlowMetrics: daily series', () => {
  it('lists every day of the range with zeros for an empty history', () => {
    const metrics = compute([]);
    expect(metrics.days).toHaveLength(30);
    expect(metrics.days[0]).toBe('2026-03-02');
    expect(metrics.days[29]).toBe('2026-03-31');
    expect(metrics.throughput.every((day) => day.count === 0)).toBe(true);
    expect(metrics.wip.every((day) => day.count === 0)).toBe(true);
    expect(metrics.cfd.map((day) => day.date)).toEqual(metrics.days);
    expect(metrics.cfd[0]?.counts).toEqual({ backlog: 0, analysis: 0, dev: 0, review: 0, done: 0 });
    expect(metrics.items).toEqual([]);
    expect(metrics.cycleTimePercentiles).toBeNull();
    expect(metrics.timeZone).toBe('Europe/Stockholm');
  });

  it('derives throughput, WIP and CFD for a single item', () => {
    const metrics = compute([
      move('a', 'backlog', '2026-03-02T10:00:00+01:00'),
      move('a', 'dev', '2026-03-04T10:00:00+01:00'),
      move('a', 'done', '2026-03-06T10:00:00+01:00'),
    ]);
    expect(metrics.throughput.filter((day) => day.count > 0)).toEqual([{ date: '2026-03-06', count: 1 }]);
    expect(metrics.wip.slice(0, 6).map((day) => day.count)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(findCfdCounts(metrics, '2026-03-31')).toEqual({ backlog: 1, analysis: 1, dev: 1, review: 1, done: 1 });
  });

  it('puts a completion on the local calendar day it happened', () => {
    // 00:30 on 11 March in Stockholm is still 10 March in UTC.
    const transitions = [move('a', 'analysis', '2026-03-09T10:00:00Z'), move('a', 'done', '2026-03-10T23:30:00Z')];
    expect(findCount(compute(transitions).throughput, '2026-03-11')).toBe(1);
    expect(findCount(compute(transitions).throughput, '2026-03-10')).toBe(0);
    expect(findCount(compute(transitions, { timeZone: 'UTC' }).throughput, '2026-03-10')).toBe(1);
  });

  it('handles the spring DST day: one entry per day, correct boundaries', () => {
    const metrics = compute([
      move('late', 'analysis', '2026-03-20T10:00:00+01:00'),
      move('late', 'done', '2026-03-29T23:59:00+02:00'), // 21:59 UTC
      move('next', 'analysis', '2026-03-20T10:00:00+01:00'),
      move('next', 'done', '2026-03-30T00:00:00+02:00'), // 22:00 UTC
      move('early', 'analysis', '2026-03-20T10:00:00+01:00'),
      move('early', 'done', '2026-03-29T03:00:00+02:00'), // first hour after the clock jump
    ]);
    expect(metrics.days.filter((date) => date === '2026-03-29')).toHaveLength(1);
    expect(findCount(metrics.throughput, '2026-03-29')).toBe(2);
    expect(findCount(metrics.throughput, '2026-03-30')).toBe(1);
  });

  it('handles the autumn DST day: the 25th hour still belongs to 25 October', () => {
    const metrics = compute(
      [move('a', 'analysis', '2026-10-20T10:00:00+02:00'), move('a', 'done', '2026-10-25T23:30:00+01:00')],
      { from: new Date('2026-10-19T00:00:00+02:00'), to: new Date('2026-10-27T00:00:00+01:00') },
    );
    expect(metrics.days).toEqual([
      '2026-10-19',
      '2026-10-20',
      '2026-10-21',
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
    expect(findCount(metrics.throughput, '2026-10-25')).toBe(1);
    expect(findCount(metrics.wip, '2026-10-25')).toBe(0);
    expect(findCount(metrics.wip, '2026-10-24')).toBe(1);
  });

  it('counts items started before the range in WIP, and ignores throughput before it', () => {
    const metrics = compute([
      move('old-wip', 'dev', '2026-02-10T10:00:00+01:00'),
      move('old-done', 'dev', '2026-02-10T10:00:00+01:00'),
      move('old-done', 'done', '2026-02-20T10:00:00+01:00'),
      move('finished-in-range', 'dev', '2026-02-15T10:00:00+01:00'),
      move('finished-in-range', 'done', '2026-03-03T10:00:00+01:00'),
    ]);
    expect(findCount(metrics.wip, '2026-03-02')).toBe(2);
    expect(findCount(metrics.wip, '2026-03-03')).toBe(1);
    expect(metrics.throughput.reduce((sum, day) => sum + day.count, 0)).toBe(1);
    expect(findCfdCounts(metrics, '2026-03-02')).toMatchObject({ dev: 3, done: 1 });
    // Only the item finished within the range feeds the percentiles: 15 Feb – 3 Mar is 17 days.
    expect(metrics.cycleTimePercentiles).toEqual({ p50: 17, p85: 17, p95: 17 });
  });

  it('ignores completions after the range', () => {
    const metrics = compute(
      [move('a', 'dev', '2026-03-10T10:00:00+01:00'), move('a', 'done', '2026-03-12T10:00:00+01:00')],
      { to: new Date('2026-03-11T12:00:00+01:00') },
    );
    expect(metrics.days).toHaveLength(10);
    expect(metrics.throughput.every((day) => day.count === 0)).toBe(true);
    expect(findCount(metrics.wip, '2026-03-11')).toBe(1);
    expect(metrics.cycleTimePercentiles).toBeNull();
  });

  it('computes nearest-rank cycle-time percentiles over items done in the range', () => {
    // Item k starts on 1 March and finishes on March k: a k-day cycle time, k = 2 … 21.
    const transitions = Array.from({ length: 20 }, (_, index) => {
      const day = String(index + 2).padStart(2, '0');
      return [move(`i${day}`, 'dev', '2026-03-01T10:00:00+01:00'), move(`i${day}`, 'done', `2026-03-${day}T11:00:00+01:00`)];
    }).flat();
    expect(compute(transitions).cycleTimePercentiles).toEqual({ p50: 11, p85: 18, p95: 20 });
  });

  it('never starts or finishes anything on a board without such stages', () => {
    const todoOnly: FlowStage[] = [{ id: 'todo', name: 'Att göra', order: 0, state: 'NOT_STARTED' }];
    const metrics = compute([move('a', 'todo', '2026-03-03T10:00:00+01:00')], { stages: todoOnly });
    expect(findItem(metrics, 'a')).toMatchObject({ startedAt: null, doneAt: null, currentStageId: 'todo' });
    expect(findCfdCounts(metrics, '2026-03-03')).toEqual({ todo: 1 });
    const noDone = STAGES.filter((stage) => stage.state !== 'DONE');
    const open = compute([move('a', 'review', '2026-03-03T10:00:00+01:00')], { stages: noDone });
    expect(findItem(open, 'a').doneAt).toBeNull();
    expect(findCount(open.wip, '2026-03-31')).toBe(1);
  });

  it('supports a single-day range', () => {
    const metrics = compute([move('a', 'dev', '2026-03-10T08:00:00+01:00'), move('a', 'done', '2026-03-10T17:00:00+01:00')], {
      from: new Date('2026-03-10T12:00:00+01:00'),
      to: new Date('2026-03-10T12:00:00+01:00'),
    });
    expect(metrics.days).toEqual(['2026-03-10']);
    expect(metrics.throughput).toEqual([{ date: '2026-03-10', count: 1 }]);
    expect(metrics.wip).toEqual([{ date: '2026-03-10', count: 0 }]);
  });
});

describe('computeFlowMetrics: scale', () => {
  it('handles 10,000 items and 100,000 transitions over 12 weeks', () => {
    // Sanity only, no timing assertion. Measured on a loaded 2-core container: ≈60–100 ms for the
    // first (cold) call, ≈20–40 ms once warm; the Intl formatter's first creation adds ≈25 ms.
    const from = Date.parse('2026-01-05T00:00:00+01:00');
    const transitions: FlowTransition[] = [];
    let seed = 1;
    const random = (): number => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let item = 0; item < 10_000; item += 1) {
      let time = from - 14 * DAY + random() * 90 * DAY;
      let stage = 0;
      for (let step = 0; step < 10; step += 1) {
        transitions.push({ itemId: `item-${item}`, toStageId: (STAGES[stage] as FlowStage).id, at: new Date(time) });
        time += random() * 2 * DAY + HOUR;
        stage = Math.max(0, Math.min(STAGES.length - 1, stage + (random() < 0.15 ? -1 : 1)));
      }
    }
    const metrics = computeFlowMetrics({
      stages: STAGES,
      transitions,
      from: new Date(from),
      // Mid-day, as 12 weeks from 5 January end after the March DST change.
      to: new Date(from + 83 * DAY + 12 * HOUR),
      now: new Date(from + 83 * DAY + 12 * HOUR),
    });
    expect(metrics.items).toHaveLength(10_000);
    expect(metrics.days).toHaveLength(84);
    const lastDay = metrics.cfd[83]?.counts ?? {};
    expect(metrics.wip[83]?.count).toBe((lastDay.analysis ?? 0) - (lastDay.done ?? 0));
  });
});
