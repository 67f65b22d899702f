/**
 * Gap-based ordering of cards within a column.
 *
 * Positions are plain JS numbers (stored as double precision). Cards are spaced
 * POSITION_GAP apart so that a move only writes the moving card: the new
 * position is the midpoint of its new neighbours. Only when repeated halving
 * has exhausted the gap does the caller rewrite (rebalance) the column.
 */

/** Distance between neighbouring cards after a rebalance, and the step used at open ends. */
export const POSITION_GAP = 1024;

/**
 * Smallest neighbour distance we still split. Far above double precision's
 * limit near typical positions, so a midpoint is always exactly representable
 * as something strictly between the neighbours; below it we ask for a rebalance
 * instead of risking equal positions (≈30 halvings of POSITION_GAP).
 */
export const MIN_POSITION_GAP = 1e-6;

/** Result of {@link computeMovePosition}: either just a position, or a column rewrite too. */
export type MovePosition = { position: number } | { rebalance: number[]; position: number };

/**
 * A position strictly between two neighbours.
 *
 * - `before` / `after` are the positions of the cards that will sit directly
 *   above / below; `null` means that side is the open end of the column.
 * - both null (empty column) → POSITION_GAP; before null → after − GAP;
 *   after null → before + GAP; otherwise the midpoint.
 *
 * Invariant: a non-null result r is finite and satisfies before < r < after
 * (for the sides that are not null). Returns null when that cannot be
 * guaranteed — the gap is below MIN_POSITION_GAP, the neighbours are out of
 * order or equal, or a value is not finite — which means the caller must
 * rebalance the column.
 */
export function positionBetween(before: number | null, after: number | null): number | null {
  if (before !== null && !Number.isFinite(before)) return null;
  if (after !== null && !Number.isFinite(after)) return null;

  let candidate: number;
  if (before === null && after === null) {
    candidate = POSITION_GAP;
  } else if (before === null) {
    candidate = (after as number) - POSITION_GAP;
  } else if (after === null) {
    candidate = before + POSITION_GAP;
  } else {
    if (!(after - before >= MIN_POSITION_GAP)) return null;
    // before + half the gap rather than (a + b) / 2: the sum can overflow for huge values.
    candidate = before + (after - before) / 2;
  }

  // Re-check strictness: at very large magnitudes ±GAP or the midpoint can round onto a neighbour.
  if (!Number.isFinite(candidate)) return null;
  if (before !== null && !(candidate > before)) return null;
  if (after !== null && !(candidate < after)) return null;
  return candidate;
}

/**
 * Fresh, evenly spaced positions for `count` cards: GAP, 2·GAP, …, count·GAP.
 *
 * Invariant: strictly ascending, all finite and positive. A count that is not
 * a positive number yields []; fractional counts are rounded down.
 */
export function rebalancePositions(count: number): number[] {
  const safeCount = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  return Array.from({ length: safeCount }, (_, index) => (index + 1) * POSITION_GAP);
}

/**
 * Where a card lands when moved to `targetIndex` of a column.
 *
 * `siblingPositions` are the target column's card positions in ascending
 * order, EXCLUDING the moving card (so a move within the same column passes
 * the column without it). `targetIndex` is the index the moving card will have
 * among them: 0 = top, siblingPositions.length = bottom. It is truncated to an
 * integer and clamped into 0..length; NaN counts as "bottom" (append).
 *
 * Returns `{ position }` when a gap exists — only the moving card is written.
 * Otherwise returns `{ rebalance, position }`: `rebalance[i]` is the new
 * position of the sibling at `siblingPositions[i]` (same order, GAP apart) and
 * `position` slots the moving card at `targetIndex` among them. Duplicate or
 * unordered sibling positions also trigger a rebalance, which heals them.
 */
export function computeMovePosition(siblingPositions: number[], targetIndex: number): MovePosition {
  const count = siblingPositions.length;
  const index = Number.isNaN(targetIndex) ? count : Math.min(Math.max(Math.trunc(targetIndex), 0), count);

  const before = index > 0 ? (siblingPositions[index - 1] ?? null) : null;
  const after = index < count ? (siblingPositions[index] ?? null) : null;
  const position = positionBetween(before, after);
  if (position !== null) return { position };

  // Lay out the whole column including the moving card, then split it back out.
  const fresh = rebalancePositions(count + 1);
  const movingPosition = fresh[index] ?? (index + 1) * POSITION_GAP;
  const rebalance = [...fresh.slice(0, index), ...fresh.slice(index + 1)];
  return { rebalance, position: movingPosition };
}
