/**
 * Work-in-progress limits per column.
 *
 * A limit is a team agreement, not a hard fact about the world, so the default
 * (ADVISORY) lets a member go over it after confirming; STRICT refuses.
 */

/** How a column's WIP limit is enforced. */
export type WipMode = 'ADVISORY' | 'STRICT';

/** All WIP modes, for validation and UI pickers. */
export const WIP_MODES = ['ADVISORY', 'STRICT'] as const satisfies readonly WipMode[];

/** Input to {@link evaluateWipLimit}. */
export type WipLimitInput = {
  /** The target column's limit; null = no limit. */
  wipLimit: number | null;
  mode: WipMode;
  /** Cards currently in the target column, EXCLUDING the moving card. */
  cardCountInTarget: number;
  /** The move stays within one column (reorder only). */
  isSameColumn: boolean;
  /** The user has already confirmed going over an advisory limit for this move. */
  hasConfirmedOverLimit: boolean;
};

/**
 * Outcome of a WIP check.
 * - allowed: within the limit (or no limit applies).
 * - allowed-over-limit: advisory limit exceeded with the user's confirmation; the caller records it.
 * - needs-confirmation: advisory limit would be exceeded; ask the user, then retry with confirmation.
 * - refused: strict limit would be exceeded.
 */
export type WipDecision =
  | { kind: 'allowed' }
  | { kind: 'allowed-over-limit' }
  | { kind: 'needs-confirmation'; limit: number; countAfter: number }
  | { kind: 'refused'; limit: number };

/**
 * Decide whether a card may enter a column under its WIP limit.
 *
 * Invariants:
 * - no limit (null) → allowed;
 * - a move within one column never counts against the limit (the count does not change),
 *   even if the column is already over it;
 * - the move is over the limit iff cardCountInTarget + 1 > wipLimit;
 * - over the limit: STRICT → refused (confirmation does not override it);
 *   ADVISORY → needs-confirmation without confirmation, allowed-over-limit with it.
 * - confirmation on a move that is within the limit is ignored → allowed.
 */
export function evaluateWipLimit(input: WipLimitInput): WipDecision {
  const { wipLimit, mode, cardCountInTarget, isSameColumn, hasConfirmedOverLimit } = input;
  if (wipLimit === null || isSameColumn) return { kind: 'allowed' };

  const countAfter = cardCountInTarget + 1;
  if (!isOverWipLimit(countAfter, wipLimit)) return { kind: 'allowed' };

  if (mode === 'STRICT') return { kind: 'refused', limit: wipLimit };
  if (hasConfirmedOverLimit) return { kind: 'allowed-over-limit' };
  return { kind: 'needs-confirmation', limit: wipLimit, countAfter };
}

/** True when a column holding `count` cards exceeds its limit (count > limit). Never true without a limit. */
export function isOverWipLimit(count: number, wipLimit: number | null): boolean {
  return wipLimit !== null && count > wipLimit;
}

/**
 * True when a column holding `count` cards has reached or exceeded its limit
 * (count >= limit) — i.e. one more card would be over. Never true without a limit.
 */
export function isAtOrOverWipLimit(count: number, wipLimit: number | null): boolean {
  return wipLimit !== null && count >= wipLimit;
}
