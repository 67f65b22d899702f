import { describe, expect, it } from 'vitest';
import {
  buildStageLayout,
  createReachedStages,
  getEffectiveEntryTime,
  groupTransitionsByItem,
  replayItemTransitions,
} from './item-history';
import type { FlowStage, FlowTransition } from './types';

const stage = (id: string, order: number, state: FlowStage['state']): FlowStage => ({ id, name: id, order, state });

describe('buildStageLayout', () => {
  it('orders by `order` and finds the start and done boundaries', () => {
    const layout = buildStageLayout([
      stage('done', 30, 'DONE'),
      stage('todo', 0, 'NOT_STARTED'),
      stage('doing', 10, 'IN_PROGRESS'),
      stage('verify', 20, 'IN_PROGRESS'),
      stage('archived', 40, 'DONE'),
    ]);
    expect(layout.stages.map((entry) => entry.id)).toEqual(['todo', 'doing', 'verify', 'done', 'archived']);
    expect(layout.startIndex).toBe(1);
    expect(layout.doneIndex).toBe(3);
  });

  it('puts unreachable boundaries past the last stage', () => {
    const layout = buildStageLayout([stage('todo', 0, 'NOT_STARTED')]);
    expect(layout.startIndex).toBe(1);
    expect(layout.doneIndex).toBe(1);
    expect(buildStageLayout([]).startIndex).toBe(0);
  });

  it('keeps input order for equal `order` values and rejects duplicate ids', () => {
    expect(buildStageLayout([stage('b', 1, 'NOT_STARTED'), stage('a', 1, 'NOT_STARTED')]).stages.map((entry) => entry.id)).toEqual([
      'b',
      'a',
    ]);
    expect(() => buildStageLayout([stage('a', 0, 'NOT_STARTED'), stage('a', 1, 'DONE')])).toThrow(RangeError);
  });
});

describe('replayItemTransitions', () => {
  const layout = buildStageLayout([
    stage('s0', 0, 'NOT_STARTED'),
    stage('s1', 1, 'IN_PROGRESS'),
    stage('s2', 2, 'IN_PROGRESS'),
    stage('s3', 3, 'DONE'),
  ]);

  function replay(moves: [string, number][]) {
    const transitions: FlowTransition[] = moves.map(([toStageId, at]) => ({ itemId: 'x', toStageId, at: new Date(at) }));
    const grouped = groupTransitionsByItem(transitions, layout);
    const reached = createReachedStages(layout.stages.length);
    replayItemTransitions(grouped, 0, reached);
    return {
      reached: Array.from(reached.indexes.subarray(0, reached.length)),
      times: Array.from(reached.times.subarray(0, reached.length)),
      entry: (index: number) => getEffectiveEntryTime(reached, index),
    };
  }

  it('records forward moves', () => {
    expect(replay([['s0', 1], ['s1', 2], ['s3', 5]])).toMatchObject({ reached: [0, 1, 3], times: [1, 2, 5] });
  });

  it('lets a skipped stage inherit the next entered stage’s time', () => {
    const result = replay([['s0', 1], ['s3', 5]]);
    expect([0, 1, 2, 3].map(result.entry)).toEqual([1, 5, 5, 5]);
  });

  it('pops later stages on a backward move and keeps the target’s own time', () => {
    expect(replay([['s0', 1], ['s1', 2], ['s2', 3], ['s1', 4]])).toMatchObject({ reached: [0, 1], times: [1, 2] });
  });

  it('gives a skipped target of a backward move its inherited time', () => {
    expect(replay([['s0', 1], ['s3', 5], ['s1', 6]])).toMatchObject({ reached: [0, 1], times: [1, 5] });
  });

  it('ignores re-entering the current stage', () => {
    expect(replay([['s1', 1], ['s1', 9]])).toMatchObject({ reached: [1], times: [1] });
  });

  it('sorts each item’s transitions by time, stable for ties', () => {
    expect(replay([['s2', 3], ['s0', 1], ['s1', 3], ['s3', 2]])).toMatchObject({ reached: [0, 1], times: [1, 2] });
  });
});

describe('groupTransitionsByItem', () => {
  it('groups by item in order of first appearance and drops invalid dates', () => {
    const layout = buildStageLayout([stage('s0', 0, 'NOT_STARTED')]);
    const grouped = groupTransitionsByItem(
      [
        { itemId: 'b', toStageId: 's0', at: new Date(5) },
        { itemId: 'a', toStageId: 'gone', at: new Date(2) },
        { itemId: 'b', toStageId: 's0', at: new Date(1) },
        { itemId: 'c', toStageId: 's0', at: new Date(Number.NaN) },
      ],
      layout,
    );
    expect(grouped.itemIds).toEqual(['b', 'a']);
    expect(Array.from(grouped.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(grouped.times)).toEqual([1, 5, 2]);
    expect(Array.from(grouped.stageIndexes)).toEqual([0, 0, -1]);
  });
});
