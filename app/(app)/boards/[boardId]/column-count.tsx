'use client';

import { useTranslations } from 'next-intl';
import { isOverWipLimit } from '@/lib/domain/wip';

/**
 * A column's card count against its WIP limit: "4 / 3" to the eye, "4 kort, gränsen är 3, över gränsen" to
 * assistive technology (as real text, read in reading order, and the column region's description via `id`) —
 * "4 / 3" alone is read as "4 slash 3". The visible part keeps the `wip-count` test id.
 */
export function ColumnCount({ id, count, limit }: { id: string; count: number; limit: number | null }) {
  const t = useTranslations('board');
  const tA11y = useTranslations('boardA11y');
  const isOver = isOverWipLimit(count, limit);
  const spoken =
    limit === null
      ? tA11y('columnCount.noLimit', { count })
      : tA11y(isOver ? 'columnCount.overLimit' : count === limit ? 'columnCount.atLimit' : 'columnCount.limit', { count, limit });
  return (
    <span id={id} className={`shrink-0 rounded px-2 py-0.5 text-sm font-semibold ${isOver ? 'bg-red-700 text-white' : 'bg-white text-slate-800'}`}>
      <span aria-hidden="true" data-testid="wip-count">
        {limit === null ? count : t('wipCount', { count, limit })}
      </span>
      <span className="sr-only">{spoken}</span>
    </span>
  );
}
