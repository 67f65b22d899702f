'use client';

import { createContext, useContext } from 'react';
import type { CellMoveTarget } from '@/lib/board/lane-view';

/**
 * What every card on the board needs from the board as a whole, without threading it through each column: the
 * column counts (for the Move-to menu) and the message about a refused move, shown next to the card it concerns.
 */
export type BoardCardSupport = {
  countInColumn: (columnId: string) => number;
  /** A refused move's message for this card, or null. */
  noticeFor: (cardId: string) => string | null;
  dismissNotice: (cardId: string) => void;
  /** On a board with lanes: every cell the card could move to, with what moving there would do; else null. */
  cellTargetsFor?: (cardId: string) => CellMoveTarget[] | null;
};

export const BoardCardContext = createContext<BoardCardSupport | null>(null);

export function useBoardCardSupport(): BoardCardSupport | null {
  return useContext(BoardCardContext);
}
