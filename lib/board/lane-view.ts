/**
 * What the board shows about its lanes (issue 12), computed from the board the person sees: which cards are in
 * each cell (column × lane), how loaded each lane is against its limit, and what a move to each cell would do
 * (for "Flytta till…", which offers column × lane). Pure: the rule comes from lib/domain/wip.ts evaluateMoveWip
 * and lib/domain/lanes.ts, the same functions the server's move transaction applies, so the menu and the server
 * agree on what "full" means.
 */
import type { FlowState } from '@/lib/domain/flow-states';
import { countLaneWip, doesMoveAddToLane, orderLanesForDisplay, type ClassOfService } from '@/lib/domain/lanes';
import { evaluateMoveWip, isAtOrOverWipLimit, isOverWipLimit, type WipMode, type WipScope } from '@/lib/domain/wip';
import type { MoveTargetState } from './move-targets';

type LaneLike = { id: string; name: string; position: number; classOfService: ClassOfService; wipLimit: number | null; wipMode: WipMode };
type ColumnLike = { id: string; name: string; wipLimit: number | null; wipMode: WipMode; flowState: FlowState };
type CardLike = { id: string; columnId: string; laneId: string; position: number };

/** The key of a cell (column × lane) in maps; ids never contain a colon. */
export function cellKey(columnId: string, laneId: string): string {
  return `${columnId}:${laneId}`;
}

/** True when the board is drawn with lane rows: more than one lane (a one-lane board looks as it always did). */
export function hasLaneRows(lanes: readonly unknown[]): boolean {
  return lanes.length > 1;
}

/** The cards of each cell in board order (position, then id), keyed by {@link cellKey}. */
export function groupCardsByCell<C extends CardLike>(cards: readonly C[]): Map<string, C[]> {
  const map = new Map<string, C[]>();
  for (const card of [...cards].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = cellKey(card.columnId, card.laneId);
    const list = map.get(key);
    if (list) list.push(card);
    else map.set(key, [card]);
  }
  return map;
}

export type LaneLoad = {
  /** Every open card in the lane, in any column. */
  total: number;
  /** Its cards in in-progress columns: what the lane's limit counts. */
  wip: number;
  limit: number | null;
  isOver: boolean;
  isAtOrOver: boolean;
};

/** How full a lane is: all its cards, and those its WIP limit counts. */
export function describeLaneLoad(lane: LaneLike, cards: readonly CardLike[], columns: readonly ColumnLike[]): LaneLoad {
  const flowStates = new Map(columns.map((column) => [column.id, column.flowState]));
  const wip = countLaneWip(cards, lane.id, (columnId) => flowStates.get(columnId));
  return {
    total: cards.filter((card) => card.laneId === lane.id).length,
    wip,
    limit: lane.wipLimit,
    isOver: isOverWipLimit(wip, lane.wipLimit),
    isAtOrOver: isAtOrOverWipLimit(wip, lane.wipLimit),
  };
}

/** One place a card can be moved to: a cell, with what moving there would do and which limit says so. */
export type CellMoveTarget = {
  columnId: string;
  laneId: string;
  columnName: string;
  laneName: string;
  /** Cards in the column now, in all lanes (what its limit counts). */
  columnCount: number;
  columnLimit: number | null;
  /** The lane's cards in in-progress columns now (what its limit counts). */
  laneWip: number;
  laneLimit: number | null;
  state: MoveTargetState;
  /** Which limit makes the move ask or be refused (the column's when both do). */
  scope: WipScope | null;
};

/**
 * Every cell a card could go to, lanes in drawing order (expedite first) and columns in board order, each with the
 * decision evaluateMoveWip would give now. The card's own cell is `current`. Counts exclude the moving card, as
 * the server's do.
 */
export function describeCellTargets(
  card: Pick<CardLike, 'id' | 'columnId' | 'laneId'>,
  board: { columns: readonly ColumnLike[]; lanes: readonly LaneLike[]; cards: readonly CardLike[] },
): CellMoveTarget[] {
  const flowStates = new Map(board.columns.map((column) => [column.id, column.flowState]));
  const others = board.cards.filter((other) => other.id !== card.id);
  const fromFlowState = flowStates.get(card.columnId) ?? 'NOT_STARTED';
  const targets: CellMoveTarget[] = [];
  for (const lane of orderLanesForDisplay(board.lanes)) {
    const laneWip = countLaneWip(others, lane.id, (columnId) => flowStates.get(columnId));
    for (const column of board.columns) {
      const columnCount = others.filter((other) => other.columnId === column.id).length;
      const isCurrent = column.id === card.columnId && lane.id === card.laneId;
      const decision = evaluateMoveWip({
        column: { wipLimit: column.wipLimit, mode: column.wipMode, countExcludingCard: columnCount, isEntering: column.id !== card.columnId },
        lane: {
          wipLimit: lane.wipLimit,
          mode: lane.wipMode,
          countExcludingCard: laneWip,
          isEntering: doesMoveAddToLane({ fromLaneId: card.laneId, toLaneId: lane.id, fromFlowState, toFlowState: column.flowState }),
        },
        hasConfirmedOverLimit: false,
      });
      const state: MoveTargetState = isCurrent
        ? 'current'
        : decision.kind === 'refused'
          ? 'full'
          : decision.kind === 'needs-confirmation'
            ? 'asks'
            : 'open';
      const scope = decision.kind === 'refused' ? decision.scope : decision.kind === 'needs-confirmation' ? (decision.breaches[0]?.scope ?? null) : null;
      targets.push({
        columnId: column.id,
        laneId: lane.id,
        columnName: column.name,
        laneName: lane.name,
        // As the column menu shows it: the cards there now, the moving card included when it is there.
        columnCount: columnCount + (column.id === card.columnId ? 1 : 0),
        columnLimit: column.wipLimit,
        laneWip: laneWip + (lane.id === card.laneId && fromFlowState === 'IN_PROGRESS' ? 1 : 0),
        laneLimit: lane.wipLimit,
        state: isCurrent ? 'current' : state,
        scope: isCurrent ? null : scope,
      });
    }
  }
  return targets;
}

/**
 * The mark each class of service carries beside its name and colour (on the board and in the flow charts), so that
 * colour is never the only signal: a triangle for expedite, a circle for standard, a diamond for improvement work.
 */
export const CLASS_MARKS: Record<ClassOfService, string> = { EXPEDITE: '▲', STANDARD: '●', INTANGIBLE: '◆' };
