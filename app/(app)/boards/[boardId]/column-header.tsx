'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Markdown } from '@/components/markdown';
import type { BoardColumnView } from '@/lib/board/types';
import { isOverWipLimit } from '@/lib/domain/wip';
import { ColumnCount } from './column-count';
import { ColumnFilterNote } from './search/filtered-card-item';

type Props = {
  column: BoardColumnView;
  /** The column's cards in all lanes: what its WIP limit counts. */
  count: number;
  headingId: string;
  countId: string;
  canEdit: boolean;
  isCommitmentPoint: boolean;
  isDeliveryPoint: boolean;
  onOpenSettings: () => void;
};

/**
 * A column's head: name, count against its limit (across all lanes), flow state, commitment and delivery points,
 * its policy and settings. On a board with one lane it tops the column; with lanes it sits in the header row above
 * every lane (board-lanes.tsx).
 */
export function ColumnHeader({ column, count, headingId, countId, canEdit, ...props }: Props) {
  const t = useTranslations('board');
  const [isPolicyOpen, setIsPolicyOpen] = useState(false);
  const isOver = isOverWipLimit(count, column.wipLimit);
  const isAtLimit = column.wipLimit !== null && count === column.wipLimit;
  return (
    <header className="flex flex-col gap-1 border-b border-slate-300 p-2">
      <div className="flex items-start gap-2">
        <h2 id={headingId} className="min-w-0 flex-1 font-semibold wrap-anywhere">
          {column.name}
        </h2>
        <ColumnCount id={countId} count={count} limit={column.wipLimit} />
      </div>
      <ColumnFilterNote id={`${countId}-filter`} columnId={column.id} total={count} />
      <div className="flex flex-wrap items-center gap-1 text-xs text-slate-800">
        <span>{t(`flowState.${column.flowState}`)}</span>
        {props.isCommitmentPoint && <span className="rounded bg-white px-1"><span aria-hidden="true">▶ </span>{t('commitmentPoint')}</span>}
        {props.isDeliveryPoint && <span className="rounded bg-white px-1"><span aria-hidden="true">✓ </span>{t('deliveryPoint')}</span>}
        {column.wipLimit !== null && <span>· {column.wipMode === 'STRICT' ? t('strictLimit') : t('advisoryLimit')}</span>}
        {isOver && (
          <strong className="rounded bg-red-100 px-1 text-red-900">
            <span aria-hidden="true">⚠ </span>
            {t('overLimit')}
          </strong>
        )}
        {isAtLimit && <span className="rounded bg-amber-100 px-1 text-amber-950">{t('atLimit')}</span>}
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          aria-expanded={isPolicyOpen}
          aria-controls={`column-${column.id}-policy`}
          onClick={() => setIsPolicyOpen((open) => !open)}
          className="inline-flex min-h-6 items-center text-xs text-brand-700 underline underline-offset-2"
        >
          {t('showPolicy', { column: column.name })}
        </button>
        {canEdit && (
          <button type="button" onClick={props.onOpenSettings} className="ms-auto inline-flex size-6 items-center justify-center rounded text-sm hover:bg-slate-200" aria-label={t('columnSettings', { column: column.name })}>
            <span aria-hidden="true">⚙</span>
          </button>
        )}
      </div>
      {isPolicyOpen && (
        <div id={`column-${column.id}-policy`} className="rounded bg-white p-2 text-sm">
          {column.policy.trim() ? <Markdown text={column.policy} /> : <p className="text-slate-700">{t('noPolicy')}</p>}
        </div>
      )}
    </header>
  );
}
