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

/** One limit a move is checked against: the target column's (counted across all lanes) or the target lane's. */
export type WipScope = 'column' | 'lane';

/** A limit and the count it is checked against, for {@link evaluateMoveWip}. */
export type WipLimitCheck = {
  wipLimit: number | null;
  mode: WipMode;
  /** Cards already counted against this limit, EXCLUDING the moving card. */
  countExcludingCard: number;
  /** The move adds the card to this count (false: a move that leaves the count as it was). */
  isEntering: boolean;
};

/** The limits a move goes over (or would go over), in the order column, lane. */
export type WipBreach = { scope: WipScope; limit: number; countAfter: number };

/**
 * Outcome of checking a move against both limits:
 * - allowed: within both (or no limit applies);
 * - allowed-over-limit: over one or both advisory limits, confirmed; the caller records each breach;
 * - needs-confirmation: over one or both advisory limits (and under every strict one); ask, then retry confirmed;
 * - refused: a strict limit would be exceeded (the column's is reported when both are).
 */
export type MoveWipDecision =
  | { kind: 'allowed' }
  | { kind: 'allowed-over-limit'; breaches: WipBreach[] }
  | { kind: 'needs-confirmation'; breaches: WipBreach[] }
  | { kind: 'refused'; scope: WipScope; limit: number };

/**
 * Decide whether a move may happen under the target column's limit, which counts the column's cards in ALL lanes,
 * and the target lane's limit, which counts the lane's cards in all its in-progress columns
 * (lib/domain/lanes.ts: doesMoveAddToLane).
 *
 * Invariants:
 * - each limit alone follows {@link evaluateWipLimit} (a limit the move does not add to never counts, even when
 *   already exceeded; no limit → allowed);
 * - strict beats advisory: if either limit refuses, the move is refused, whatever was confirmed;
 * - one confirmation covers every advisory breach of the move, and every breach is reported so each is recorded;
 * - the decision does not depend on the order the limits are checked in, except which scope a double refusal names.
 */
export function evaluateMoveWip(input: { column: WipLimitCheck; lane: WipLimitCheck; hasConfirmedOverLimit: boolean }): MoveWipDecision {
  const checks = [
    { scope: 'column' as const, check: input.column },
    { scope: 'lane' as const, check: input.lane },
  ];
  const breaches: WipBreach[] = [];
  for (const { scope, check } of checks) {
    const decision = evaluateWipLimit({
      wipLimit: check.wipLimit,
      mode: check.mode,
      cardCountInTarget: check.countExcludingCard,
      isSameColumn: !check.isEntering,
      hasConfirmedOverLimit: false,
    });
    if (decision.kind === 'refused') return { kind: 'refused', scope, limit: decision.limit };
    if (decision.kind === 'needs-confirmation') breaches.push({ scope, limit: decision.limit, countAfter: decision.countAfter });
  }
  if (breaches.length === 0) return { kind: 'allowed' };
  return input.hasConfirmedOverLimit ? { kind: 'allowed-over-limit', breaches } : { kind: 'needs-confirmation', breaches };
}
