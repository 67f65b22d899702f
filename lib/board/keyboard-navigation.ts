/**
 * The board as one keyboard widget (a roving tab stop over the cards): which card an arrow key goes to.
 *
 * The model works on the cards a person can SEE, in the order they see them: columns left to right; in a column,
 * its lanes top to bottom; in a lane, its cards top to bottom. Cards a search or filter hides are simply not in it,
 * and a board without lanes has one lane per column. The board UI reads this shape from the page itself
 * (use-board-keyboard.ts), so filters, lanes and live changes never need to tell the keyboard model about themselves.
 *
 * Keys (documented in the board's shortcut help and the README):
 * - ↓ / ↑: next / previous card in the column, crossing from one lane into the next; no wrap at the ends.
 * - → / ←: the nearest column to the right / left that shows a card, in the same lane when that lane shows a card
 *   there (else the nearest lane that does), at the same place in the lane or its last card.
 * - Home / End: first / last card of the column; Ctrl+Home / Ctrl+End: first / last card of the board.
 * Pure: no DOM, no React.
 */

export type VisibleLane = { id: string; cardIds: readonly string[] };
export type VisibleColumn = { id: string; lanes: readonly VisibleLane[] };
export type VisibleBoard = readonly VisibleColumn[];

export type NavigationKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'BoardStart' | 'BoardEnd';

type Place = { column: number; lane: number; index: number };

/** Maps a keyboard event's key (with Ctrl/Cmd for the board-wide ends) to a navigation key, or null. */
export function toNavigationKey(key: string, isCtrlOrMeta: boolean): NavigationKey | null {
  switch (key) {
    case 'ArrowUp':
    case 'ArrowDown':
    case 'ArrowLeft':
    case 'ArrowRight':
      return isCtrlOrMeta ? null : key;
    case 'Home':
      return isCtrlOrMeta ? 'BoardStart' : 'Home';
    case 'End':
      return isCtrlOrMeta ? 'BoardEnd' : 'End';
    default:
      return null;
  }
}

function locate(board: VisibleBoard, cardId: string): Place | null {
  for (const [column, { lanes }] of board.entries()) {
    for (const [lane, { cardIds }] of lanes.entries()) {
      const index = cardIds.indexOf(cardId);
      if (index !== -1) return { column, lane, index };
    }
  }
  return null;
}

function columnCards(column: VisibleColumn | undefined): string[] {
  return column ? column.lanes.flatMap((lane) => lane.cardIds) : [];
}

/** The first card the person sees (top of the leftmost column that shows one), or null on an empty board. */
export function findFirstCard(board: VisibleBoard): string | null {
  for (const column of board) {
    const first = columnCards(column)[0];
    if (first !== undefined) return first;
  }
  return null;
}

function findLastCard(board: VisibleBoard): string | null {
  for (let column = board.length - 1; column >= 0; column -= 1) {
    const cards = columnCards(board[column]);
    if (cards.length > 0) return cards[cards.length - 1]!;
  }
  return null;
}

/** In `column`, the card nearest to lane `laneId` (by lane order when the lane shows nothing there) at `index`. */
function cardInColumnNear(column: VisibleColumn, laneId: string, laneIndex: number, index: number): string | null {
  const candidates = column.lanes
    .map((lane, position) => ({ lane, position }))
    .filter(({ lane }) => lane.cardIds.length > 0);
  if (candidates.length === 0) return null;
  const sameLane = candidates.find(({ lane }) => lane.id === laneId);
  const target =
    sameLane ??
    candidates.reduce((best, candidate) =>
      Math.abs(candidate.position - laneIndex) < Math.abs(best.position - laneIndex) ? candidate : best,
    );
  const { cardIds } = target.lane;
  return cardIds[Math.min(index, cardIds.length - 1)] ?? null;
}

/**
 * The card `key` moves to from `fromCardId`, or null when there is nowhere to go (an edge of the board: focus
 * stays where it is). A card that is no longer shown starts over at the first card.
 */
export function findNavigationTarget(board: VisibleBoard, fromCardId: string, key: NavigationKey): string | null {
  if (key === 'BoardStart') return findFirstCard(board);
  if (key === 'BoardEnd') return findLastCard(board);
  const place = locate(board, fromCardId);
  if (!place) return findFirstCard(board);
  const column = board[place.column]!;
  const cards = columnCards(column);
  const position = cards.indexOf(fromCardId);
  switch (key) {
    case 'ArrowDown':
      return cards[position + 1] ?? null;
    case 'ArrowUp':
      return position > 0 ? cards[position - 1]! : null;
    case 'Home':
      return cards[0] ?? null;
    case 'End':
      return cards[cards.length - 1] ?? null;
    case 'ArrowRight':
    case 'ArrowLeft': {
      const step = key === 'ArrowRight' ? 1 : -1;
      const laneId = column.lanes[place.lane]!.id;
      for (let next = place.column + step; next >= 0 && next < board.length; next += step) {
        const target = cardInColumnNear(board[next]!, laneId, place.lane, place.index);
        if (target !== null) return target;
      }
      return null;
    }
  }
}

/**
 * Where keyboard focus goes when `cardId` leaves the board the person sees (archived, filtered out, moved away by
 * a colleague into a column that is hidden): the card below it, else the one above, else the nearest card in the
 * columns to the right, then to the left. `board` is the board as it was, with the card still in it.
 */
export function findReplacementCard(board: VisibleBoard, cardId: string): string | null {
  const place = locate(board, cardId);
  if (!place) return findFirstCard(board);
  const cards = columnCards(board[place.column]);
  const position = cards.indexOf(cardId);
  const sibling = cards[position + 1] ?? cards[position - 1];
  if (sibling !== undefined) return sibling;
  return findNavigationTarget(board, cardId, 'ArrowRight') ?? findNavigationTarget(board, cardId, 'ArrowLeft');
}
