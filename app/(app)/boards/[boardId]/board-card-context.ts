'use client';

import { createContext, useContext } from 'react';

/**
 * What every card on the board needs from the board as a whole, without threading it through each column: the
 * column counts (for the Move-to menu) and the message about a refused move, shown next to the card it concerns.
 */
export type BoardCardSupport = {
  countInColumn: (columnId: string) => number;
  /** A refused move's message for this card, or null. */
  noticeFor: (cardId: string) => string | null;
  dismissNotice: (cardId: string) => void;
};

export const BoardCardContext = createContext<BoardCardSupport | null>(null);

export function useBoardCardSupport(): BoardCardSupport | null {
  return useContext(BoardCardContext);
}
