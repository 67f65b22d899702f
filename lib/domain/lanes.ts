/**
 * Swimlanes and their classes of service (the Kanban Method).
 *
 * A lane is a row across all of a board's columns. Its class of service says how the team treats its work:
 * - STANDARD: the default; pulled in the order the team's policies say.
 * - EXPEDITE: the urgent case that must jump the queue (an "akut" report, a court date); pulled before anything
 *   else, usually with a lane limit of one. Always drawn first.
 * - INTANGIBLE: improvement work that matters but is not urgent.
 * No class carries a date: Tillit stores no imposed deadline. Class names and explanations live in the catalogues
 * (lanes.class.*); the team names its lanes freely.
 */
import type { FlowState } from './flow-states';

export type ClassOfService = 'STANDARD' | 'EXPEDITE' | 'INTANGIBLE';

/** Every class, in the order pickers and per-class figures list them (expedite first, as on the board). */
export const CLASSES_OF_SERVICE = ['EXPEDITE', 'STANDARD', 'INTANGIBLE'] as const satisfies readonly ClassOfService[];

/** The name of the lane every new board starts with (the same word in Swedish and English). */
export const DEFAULT_LANE_NAME = 'Standard';

/** The fields the ordering rules need; real lanes carry more. */
export type OrderableLane = { id: string; position: number; classOfService: ClassOfService };

/**
 * The lanes in the order the board draws them: expedite lanes first, then all others; within each group by
 * position (ties by id, so every client draws the same order). Returns a new array; the input is not changed.
 */
export function orderLanesForDisplay<L extends OrderableLane>(lanes: readonly L[]): L[] {
  const rank = (lane: OrderableLane) => (lane.classOfService === 'EXPEDITE' ? 0 : 1);
  return [...lanes].sort((a, b) => rank(a) - rank(b) || a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The lane a new card goes to when none is named: the first standard lane in display order, else the first lane
 * drawn. Null only for a board without lanes (which the data layer never leaves behind).
 */
export function pickDefaultLane<L extends OrderableLane>(lanes: readonly L[]): L | null {
  const ordered = orderLanesForDisplay(lanes);
  return ordered.find((lane) => lane.classOfService === 'STANDARD') ?? ordered[0] ?? null;
}

/**
 * True when a card in a column of this flow state counts towards its lane's WIP limit. A lane limit caps the work
 * the lane has in progress: cards waiting before the commitment point or finished do not use its capacity.
 */
export function countsTowardsLaneLimit(flowState: FlowState): boolean {
  return flowState === 'IN_PROGRESS';
}

/**
 * True when a move adds one card to the target lane's WIP count: the card lands in an in-progress column and was
 * not already counted there (it comes from another lane, or from a column that does not count). A move between
 * two in-progress columns of one lane leaves the count as it was.
 */
export function doesMoveAddToLane(move: { fromLaneId: string; toLaneId: string; fromFlowState: FlowState; toFlowState: FlowState }): boolean {
  if (!countsTowardsLaneLimit(move.toFlowState)) return false;
  return move.fromLaneId !== move.toLaneId || !countsTowardsLaneLimit(move.fromFlowState);
}

/**
 * A lane's WIP count: its cards in in-progress columns. `flowStateOf` gives a column's flow state (undefined for
 * a column the caller does not know, which does not count).
 */
export function countLaneWip(cards: readonly { laneId: string; columnId: string }[], laneId: string, flowStateOf: (columnId: string) => FlowState | undefined): number {
  let count = 0;
  for (const card of cards) {
    const state = card.laneId === laneId ? flowStateOf(card.columnId) : undefined;
    if (state !== undefined && countsTowardsLaneLimit(state)) count += 1;
  }
  return count;
}
