/**
 * Replays each item's stage transitions into the stage entry times the metrics are built on.
 *
 * Rules (ActionableAgile's conventions, so our charts read like the ones coaches know):
 * - Entering a stage further right records its entry time (first entry wins).
 * - Skipped stages: an item that jumps over stages is treated as having entered each skipped
 *   stage when it entered the next later stage it actually entered. Reaching a stage therefore
 *   always implies having reached every stage to its left, which keeps CFD bands nested.
 * - Backward moves: moving back to stage S erases the entry times of every stage after S; the
 *   item re-enters them later. S keeps the entry time it had — if S had been skipped, that is the
 *   time inherited under the skipped-stage rule. That is what makes a reopened item keep its
 *   original start even when it is reopened into a column it once jumped over.
 * - Re-entering the current stage changes nothing.
 * - Transitions to unknown stage ids (a removed stage, or data from another board) are ignored;
 *   the item's history is what its known stages say. Transitions whose `at` is an invalid Date
 *   are ignored too, as there is no place in time to put them.
 */
import type { FlowStage, FlowTransition } from './types';

/** Stages sorted by `order` plus the two boundaries every flow metric is measured between. */
export interface StageLayout {
  /** Stages left to right (ascending `order`; ties keep input order). */
  readonly stages: readonly FlowStage[];
  readonly indexById: ReadonlyMap<string, number>;
  /** Index of the first stage that is not NOT_STARTED; reaching it = started. `stages.length` if none. */
  readonly startIndex: number;
  /** Index of the first DONE stage; reaching it = done. `stages.length` if none. */
  readonly doneIndex: number;
}

/**
 * Orders stages and locates the start and done boundaries.
 *
 * "Started" is the first entry into a stage at or after the first IN_PROGRESS/DONE stage, and
 * "done" the entry into the first DONE stage (later DONE stages are reached through it under the
 * skipped-stage rule). Using positions rather than each stage's own state means every metric
 * agrees with the CFD even on a board whose states are oddly ordered: started items are exactly
 * the CFD band of the start stage and done items the band of the done stage, so done ⇒ started
 * and WIP = started − done. Throws RangeError on duplicate stage ids.
 */
export function buildStageLayout(stages: readonly FlowStage[]): StageLayout {
  const sorted = stages
    .map((stage, position) => ({ stage, position }))
    .sort((a, b) => a.stage.order - b.stage.order || a.position - b.position)
    .map(({ stage }) => stage);
  const indexById = new Map<string, number>();
  sorted.forEach((stage, index) => {
    if (indexById.has(stage.id)) throw new RangeError(`Duplicate stage id: ${stage.id}`);
    indexById.set(stage.id, index);
  });
  const startIndex = sorted.findIndex((stage) => stage.state !== 'NOT_STARTED');
  const doneIndex = sorted.findIndex((stage) => stage.state === 'DONE');
  return {
    stages: sorted,
    indexById,
    startIndex: startIndex === -1 ? sorted.length : startIndex,
    doneIndex: doneIndex === -1 ? sorted.length : doneIndex,
  };
}

/**
 * All transitions grouped by item in flat typed arrays (few allocations, cache friendly: this
 * runs over every transition, 100,000 of them for a large board).
 *
 * Item k's transitions are at positions offsets[k] … offsets[k + 1] − 1, sorted by time; ties
 * keep input order, since moves made in the same instant are stored in the order they happened.
 * `stageIndexes` holds −1 for an unknown stage: such transitions are kept because an item's
 * first transition is its creation, whatever stage it went to.
 */
export interface GroupedTransitions {
  /** Item ids in order of first appearance in the input. */
  readonly itemIds: string[];
  readonly offsets: Int32Array;
  readonly times: Float64Array;
  readonly stageIndexes: Int32Array;
}

/**
 * Groups transitions by item in O(n) plus sorting of any item whose transitions arrive out of
 * time order. Transitions with an invalid `at` are dropped (there is no place in time to put them).
 */
export function groupTransitionsByItem(
  transitions: readonly FlowTransition[],
  layout: StageLayout,
): GroupedTransitions {
  const count = transitions.length;
  const itemOf = new Int32Array(count);
  const timeOf = new Float64Array(count);
  const stageOf = new Int32Array(count);
  const itemIndexById = new Map<string, number>();
  const itemIds: string[] = [];
  let perItem = new Int32Array(64);
  // Inputs usually arrive ordered by item or by time; remembering the previous item skips most
  // map lookups in the first case, and costs one string comparison otherwise.
  let previousId: string | null = null;
  let previousIndex = -1;
  for (let i = 0; i < count; i += 1) {
    const transition = transitions[i] as FlowTransition;
    const time = transition.at.getTime();
    if (Number.isNaN(time)) {
      itemOf[i] = -1;
      continue;
    }
    const itemId = transition.itemId;
    let itemIndex: number;
    if (itemId === previousId) {
      itemIndex = previousIndex;
    } else {
      const known = itemIndexById.get(itemId);
      if (known === undefined) {
        itemIndex = itemIds.length;
        itemIds.push(itemId);
        itemIndexById.set(itemId, itemIndex);
        if (itemIndex === perItem.length) {
          const grown = new Int32Array(perItem.length * 2);
          grown.set(perItem);
          perItem = grown;
        }
      } else {
        itemIndex = known;
      }
      previousId = itemId;
      previousIndex = itemIndex;
    }
    itemOf[i] = itemIndex;
    timeOf[i] = time;
    stageOf[i] = layout.indexById.get(transition.toStageId) ?? -1;
    perItem[itemIndex] = (perItem[itemIndex] as number) + 1;
  }

  // Counting sort by item (stable), then sort each item's slice by time.
  const itemCount = itemIds.length;
  const offsets = new Int32Array(itemCount + 1);
  for (let k = 0; k < itemCount; k += 1) offsets[k + 1] = (offsets[k] as number) + (perItem[k] as number);
  const total = offsets[itemCount] as number;
  const times = new Float64Array(total);
  const stageIndexes = new Int32Array(total);
  const cursor = offsets.slice(0, itemCount);
  for (let i = 0; i < count; i += 1) {
    const itemIndex = itemOf[i] as number;
    if (itemIndex < 0) continue;
    const position = cursor[itemIndex] as number;
    cursor[itemIndex] = position + 1;
    times[position] = timeOf[i] as number;
    stageIndexes[position] = stageOf[i] as number;
  }
  for (let k = 0; k < itemCount; k += 1) {
    sortSliceByTime(times, stageIndexes, offsets[k] as number, offsets[k + 1] as number);
  }
  return { itemIds, offsets, times, stageIndexes };
}

/**
 * Stable insertion sort of one item's slice: items have a handful of transitions, usually
 * already in order, where insertion sort is linear and allocation free. A pathological item with
 * thousands of out-of-order transitions would be quadratic; boards do not produce those.
 */
function sortSliceByTime(times: Float64Array, stageIndexes: Int32Array, begin: number, end: number): void {
  for (let i = begin + 1; i < end; i += 1) {
    const time = times[i] as number;
    if (time >= (times[i - 1] as number)) continue;
    const stage = stageIndexes[i] as number;
    let j = i - 1;
    while (j >= begin && (times[j] as number) > time) {
      times[j + 1] = times[j] as number;
      stageIndexes[j + 1] = stageIndexes[j] as number;
      j -= 1;
    }
    times[j + 1] = time;
    stageIndexes[j + 1] = stage;
  }
}

/**
 * The stages one item currently counts as having entered, as a stack reused across items.
 *
 * `indexes[0 … length − 1]` ascend and `times` never decrease along them. The effective entry
 * time of any stage j ≤ the last reached index is the time of the first reached index ≥ j (the
 * skipped-stage rule); stages after the last reached index are not reached. The last reached
 * index is the item's current stage.
 */
export interface ReachedStages {
  readonly indexes: Int32Array;
  readonly times: Float64Array;
  length: number;
}

/** Scratch space for `replayItemTransitions`, sized for a board with `stageCount` stages. */
export function createReachedStages(stageCount: number): ReachedStages {
  return { indexes: new Int32Array(stageCount), times: new Float64Array(stageCount), length: 0 };
}

/**
 * Replays item `itemIndex` of `grouped` under the rules in this file's header, overwriting
 * `reached`. Amortised O(1) per transition: a backward move pops exactly what it erases.
 */
export function replayItemTransitions(grouped: GroupedTransitions, itemIndex: number, reached: ReachedStages): void {
  const { indexes, times: reachedTimes } = reached;
  let depth = 0;
  const end = grouped.offsets[itemIndex + 1] as number;
  for (let k = grouped.offsets[itemIndex] as number; k < end; k += 1) {
    const stageIndex = grouped.stageIndexes[k] as number;
    if (stageIndex < 0) continue;
    const time = grouped.times[k] as number;
    const currentIndex = depth > 0 ? (indexes[depth - 1] as number) : -1;
    if (stageIndex > currentIndex) {
      indexes[depth] = stageIndex;
      reachedTimes[depth] = time;
      depth += 1;
    } else if (stageIndex < currentIndex) {
      // Erase every stage after the target; the last one popped is the nearest later stage,
      // whose time the target inherits if the item had skipped it.
      let inheritedTime = time;
      while (depth > 0 && (indexes[depth - 1] as number) > stageIndex) {
        depth -= 1;
        inheritedTime = reachedTimes[depth] as number;
      }
      if (depth === 0 || (indexes[depth - 1] as number) !== stageIndex) {
        indexes[depth] = stageIndex;
        reachedTimes[depth] = inheritedTime;
        depth += 1;
      }
    }
  }
  reached.length = depth;
}

/**
 * Effective entry time of stage `stageIndex` (skipped-stage rule applied), or null if the
 * replayed item has not reached that stage.
 */
export function getEffectiveEntryTime(reached: ReachedStages, stageIndex: number): number | null {
  for (let m = 0; m < reached.length; m += 1) {
    if ((reached.indexes[m] as number) >= stageIndex) return reached.times[m] as number;
  }
  return null;
}
