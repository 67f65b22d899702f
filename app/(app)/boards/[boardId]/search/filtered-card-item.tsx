'use client';

import { useTranslations } from 'next-intl';
import { useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { findFirstCard } from '@/lib/board/keyboard-navigation';
import { readVisibleBoard, useBoardKeyboardContext } from '../use-board-keyboard';
import { useBoardFilterStore, useHiddenInColumn, useIsCardHidden } from './filter-store';

/**
 * A card's list item on the board, hidden (not removed) when the search or a filter leaves it out. Only this item
 * re-renders when that changes: the card inside it is the same element, so React keeps it as it is.
 */
export function FilteredCardItem({ cardId, className, children }: { cardId: string; className?: string; children: ReactNode }) {
  const isHidden = useIsCardHidden(cardId);
  const ref = useRef<HTMLLIElement>(null);
  // A card holding focus that a live change hides (it stopped matching): focus goes to the first card still shown,
  // else to the search field — never to the page body.
  useLayoutEffect(() => {
    const item = ref.current;
    if (!isHidden || !item || !item.contains(document.activeElement)) return;
    const board = item.closest('section[aria-label]')?.parentElement ?? document;
    const next = [...board.querySelectorAll<HTMLElement>('[data-card-nav]')].find((element) => element.getClientRects().length > 0);
    (next ?? document.querySelector<HTMLElement>('input[type="search"]'))?.focus();
  }, [isHidden]);
  return (
    <li ref={ref} className={className} hidden={isHidden || undefined} data-filtered={isHidden || undefined}>
      {children}
    </li>
  );
}

/**
 * Under a column's count, while a filter hides some of its cards: "4 kort, 2 dolda av filtret". The column's WIP
 * count and limit always count every card; this says why fewer are shown. Always on the page (empty when nothing
 * is hidden), so the column region can name it in its description.
 */
export function ColumnFilterNote({ id, columnId, total }: { id: string; columnId: string; total: number }) {
  const t = useTranslations('boardSearch');
  const hidden = useHiddenInColumn(columnId);
  return (
    <span id={id} className="flex flex-col text-xs text-slate-800" data-testid="column-filter-note">
      {hidden > 0 && <span>{t('columnHidden', { total, hidden })}</span>}
      {hidden > 0 && hidden === total && <span className="italic">{t('columnAllHidden')}</span>}
    </span>
  );
}

/**
 * Keeps the board's one tab stop on a card the filter shows: when the search hides the card that was the tab stop,
 * the first shown card becomes it (Tab into the board never lands on nothing).
 */
export function FilterFocusKeeper({ containerRef }: { containerRef: RefObject<HTMLElement | null> }) {
  const store = useBoardFilterStore();
  const keyboard = useBoardKeyboardContext();
  const keyboardRef = useRef(keyboard);
  keyboardRef.current = keyboard;
  useLayoutEffect(() => {
    if (!store) return;
    return store.subscribe(() => {
      const current = keyboardRef.current;
      if (!current) return;
      const tabStop = current.tabStopCardId;
      if (tabStop !== null && !store.isHidden(tabStop)) return;
      // After React has applied the change to the page.
      requestAnimationFrame(() => {
        const first = findFirstCard(readVisibleBoard(containerRef.current));
        if (first && first !== keyboardRef.current?.tabStopCardId) keyboardRef.current?.noteFocus(first);
      });
    });
  }, [containerRef, store]);
  return null;
}
