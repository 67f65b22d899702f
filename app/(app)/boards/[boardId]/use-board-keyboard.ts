'use client';

import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import {
  findFirstCard,
  findNavigationTarget,
  findReplacementCard,
  toNavigationKey,
  type VisibleBoard,
} from '@/lib/board/keyboard-navigation';

/**
 * The board as one composite keyboard widget (WAI-ARIA "roving tabindex"): the cards are ONE tab stop; arrow keys,
 * Home/End and Ctrl+Home/End move between them (lib/board/keyboard-navigation.ts). Each card's focusable element
 * carries `data-card-nav` (its id) and `data-nav-column`; a lane container, when there is one, `data-nav-lane`.
 * The visible cards are read from the page at each key press, so a search filter (cards not rendered or hidden)
 * and lanes (rows) are followed without telling this hook about them.
 *
 * It also keeps focus on the card a person was on (WCAG 2.4.3): when a card holding focus is re-rendered in another
 * place (moved by Move-to, by drag, snapped back after a refused move, or moved by a colleague), focus follows it to
 * its new place; when it leaves the board, focus goes to the card that took its place, never to <body>.
 */

const CARD_SELECTOR = '[data-card-nav]';

function isShown(element: HTMLElement): boolean {
  return element.getClientRects().length > 0 && !element.closest('[hidden], [inert]');
}

/** The cards the person sees, in visual order: columns by first appearance, lanes by first appearance. */
export function readVisibleBoard(container: HTMLElement | null): VisibleBoard {
  const columns = new Map<string, Map<string, string[]>>();
  for (const element of container?.querySelectorAll<HTMLElement>(CARD_SELECTOR) ?? []) {
    if (!isShown(element)) continue;
    const columnId = element.dataset.navColumn ?? '';
    const laneId = element.dataset.navLane ?? element.closest<HTMLElement>('[data-nav-lane]')?.dataset.navLane ?? '';
    let lanes = columns.get(columnId);
    if (!lanes) columns.set(columnId, (lanes = new Map()));
    let cards = lanes.get(laneId);
    if (!cards) lanes.set(laneId, (cards = []));
    cards.push(element.dataset.cardNav!);
  }
  return [...columns].map(([id, lanes]) => ({ id, lanes: [...lanes].map(([laneId, cardIds]) => ({ id: laneId, cardIds })) }));
}

type FocusRequest = { cardId: string; replacementId: string | null; onlyIfLost: boolean };

export type BoardKeyboard = {
  /** The card that is the board's tab stop (tabIndex 0); every other card has -1. */
  tabStopCardId: string | null;
  /** A card's focusable element received focus: it becomes the tab stop. */
  noteFocus: (cardId: string) => void;
  /** Arrow keys, Home/End and "?" (the shortcut help) on a card; returns true when the key was handled. */
  handleCardKeyDown: (event: KeyboardEvent<HTMLElement>, cardId: string) => boolean;
  /** Called by a card being removed from the page while it holds focus (its DOM is still there). */
  noteFocusLost: (cardId: string) => void;
  /**
   * Puts focus on the card after the board's next render, wherever it is then (or on the card that took its
   * place). `onlyIfLost`: only when focus has fallen to <body> meanwhile (a dialog handed it back to nothing).
   */
  focusCardAfterRender: (cardId: string, options?: { onlyIfLost?: boolean }) => void;
};

export const BoardKeyboardContext = createContext<BoardKeyboard | null>(null);

export function useBoardKeyboardContext(): BoardKeyboard | null {
  return useContext(BoardKeyboardContext);
}

function cardElement(container: HTMLElement | null, cardId: string): HTMLElement | null {
  const element = container?.querySelector<HTMLElement>(`[data-card-nav="${CSS.escape(cardId)}"]`) ?? null;
  return element && isShown(element) ? element : null;
}

function isFocusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}

/**
 * `containerRef`: the element holding every card (the board's columns); `initialTabStop`: the first card as the
 * server renders it, so the board has its tab stop before the page's script runs; `isDragging`: while a drag is
 * under way the arrow keys belong to the drag.
 */
export function useBoardKeyboard({
  containerRef,
  initialTabStop,
  isDragging,
  fallbackFocusRef,
  onShortcutHelp,
}: {
  containerRef: RefObject<HTMLElement | null>;
  initialTabStop: string | null;
  isDragging: boolean;
  /** Where focus goes when no card is left to take it (the board's heading). */
  fallbackFocusRef: RefObject<HTMLElement | null>;
  /** "?" on a card: show the board's keyboard shortcuts. */
  onShortcutHelp: () => void;
}): BoardKeyboard {
  const [tabStopCardId, setTabStopCardId] = useState<string | null>(initialTabStop);
  const pendingFocus = useRef<FocusRequest | null>(null);
  const isDraggingRef = useRef(isDragging);
  isDraggingRef.current = isDragging;
  const onShortcutHelpRef = useRef(onShortcutHelp);
  onShortcutHelpRef.current = onShortcutHelp;

  // After every render of the board: carry out a pending focus request, and keep the tab stop on a shown card.
  useLayoutEffect(() => {
    const container = containerRef.current;
    const request = pendingFocus.current;
    if (request) {
      pendingFocus.current = null;
      if (!request.onlyIfLost || isFocusLost()) {
        const target =
          cardElement(container, request.cardId) ?? (request.replacementId ? cardElement(container, request.replacementId) : null);
        if (target) target.focus();
        else if (isFocusLost()) fallbackFocusRef.current?.focus();
      }
    }
    if (tabStopCardId === null || !cardElement(container, tabStopCardId)) {
      const first = findFirstCard(readVisibleBoard(container));
      if (first !== tabStopCardId) setTabStopCardId(first);
    }
  });

  const noteFocus = useCallback((cardId: string) => setTabStopCardId(cardId), []);

  const handleCardKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>, cardId: string) => {
      if (isDraggingRef.current || event.altKey || event.nativeEvent.isComposing) return false;
      if (event.key === '?' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        onShortcutHelpRef.current();
        return true;
      }
      if (event.shiftKey) return false;
      const key = toNavigationKey(event.key, event.ctrlKey || event.metaKey);
      if (!key) return false;
      event.preventDefault();
      const container = containerRef.current;
      const target = findNavigationTarget(readVisibleBoard(container), cardId, key);
      if (target) cardElement(container, target)?.focus();
      return true;
    },
    [containerRef],
  );

  const noteFocusLost = useCallback(
    (cardId: string) => {
      pendingFocus.current = { cardId, replacementId: findReplacementCard(readVisibleBoard(containerRef.current), cardId), onlyIfLost: false };
    },
    [containerRef],
  );

  const focusCardAfterRender = useCallback(
    (cardId: string, options: { onlyIfLost?: boolean } = {}) => {
      pendingFocus.current = {
        cardId,
        replacementId: findReplacementCard(readVisibleBoard(containerRef.current), cardId),
        onlyIfLost: options.onlyIfLost ?? false,
      };
    },
    [containerRef],
  );

  return useMemo(
    () => ({ tabStopCardId, noteFocus, handleCardKeyDown, noteFocusLost, focusCardAfterRender }),
    [tabStopCardId, noteFocus, handleCardKeyDown, noteFocusLost, focusCardAfterRender],
  );
}
