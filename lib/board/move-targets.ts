/**
 * What a "Move to…" menu tells a person about each place a card can go, before they choose it: how many cards the
 * column holds, its WIP limit, and what choosing it will do (move, ask first, or be refused). Moving into a full
 * column must never be guesswork (WCAG 3.3.4-style prevention: say it before, not only after).
 *
 * Pure: the counts come from the board the person sees (lib/board/types.ts), the rule from lib/domain/wip.ts, so
 * the menu and the server agree on what "full" means.
 */
import { evaluateWipLimit, type WipMode } from '@/lib/domain/wip';

/**
 * - `current`: the card is already in this column (offered only as a place inside it, never as a move);
 * - `open`: the move goes through;
 * - `asks`: an advisory limit would be exceeded: the move asks for confirmation (and is recorded);
 * - `full`: a strict limit would be exceeded: the server refuses the move.
 */
export type MoveTargetState = 'current' | 'open' | 'asks' | 'full';

export type MoveTargetColumn = { id: string; name: string; wipLimit: number | null; wipMode: WipMode };

export type ColumnMoveTarget = {
  columnId: string;
  name: string;
  /** Cards in the column now (the moving card included when it is its own column). */
  count: number;
  limit: number | null;
  mode: WipMode;
  state: MoveTargetState;
};

/**
 * One target per column, in the board's order. `countInColumn` counts the cards the person sees in each column
 * (all of them, not only those a filter shows: a limit counts every card).
 */
export function describeColumnTargets(
  columns: readonly MoveTargetColumn[],
  countInColumn: (columnId: string) => number,
  currentColumnId: string,
): ColumnMoveTarget[] {
  return columns.map((column) => {
    const count = countInColumn(column.id);
    const isCurrent = column.id === currentColumnId;
    const decision = evaluateWipLimit({
      wipLimit: column.wipLimit,
      mode: column.wipMode,
      cardCountInTarget: count,
      isSameColumn: isCurrent,
      hasConfirmedOverLimit: false,
    });
    const state: MoveTargetState = isCurrent
      ? 'current'
      : decision.kind === 'refused'
        ? 'full'
        : decision.kind === 'needs-confirmation'
          ? 'asks'
          : 'open';
    return { columnId: column.id, name: column.name, count, limit: column.wipLimit, mode: column.wipMode, state };
  });
}
