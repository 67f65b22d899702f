'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useHiddenInColumn, useIsCardHidden } from './filter-store';

/**
 * A card's list item on the board, hidden (not removed) when the search or a filter leaves it out. Only this item
 * re-renders when that changes: the card inside it is the same element, so React keeps it as it is.
 */
export function FilteredCardItem({ cardId, className, children }: { cardId: string; className?: string; children: ReactNode }) {
  const isHidden = useIsCardHidden(cardId);
  return (
    <li className={className} hidden={isHidden || undefined} data-filtered={isHidden || undefined}>
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
