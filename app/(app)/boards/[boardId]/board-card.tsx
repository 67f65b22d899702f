'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { getAgeInCalendarDays, getElapsedDays } from '@/lib/board/age';
import type { BoardCardView, BoardColumnView } from '@/lib/board/types';

type Props = {
  card: BoardCardView;
  index: number;
  column: BoardColumnView;
  columns: BoardColumnView[];
  columnCardCount: number;
  canEdit: boolean;
  now: Date;
  cycleTimeP85Days: number | null;
  isDragging: boolean;
  onOpen: () => void;
  onMove: (request: { cardId: string; toColumnId: string; toIndex: number }) => void;
};

export function BoardCard(props: Props) {
  const { card, column, canEdit, now } = props;
  const t = useTranslations('board');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({ id: card.id, disabled: !canEdit });
  const isInProgress = column.flowState === 'IN_PROGRESS' && card.startedAt !== null;
  const ageDays = isInProgress && card.startedAt ? getAgeInCalendarDays(new Date(card.startedAt), now) : null;
  const isAging = ageDays !== null && props.cycleTimeP85Days !== null && ageDays > props.cycleTimeP85Days;

  return (
    <article
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="card"
      data-card-id={card.id}
      className={`rounded-md border bg-white p-2 shadow-sm ${card.blockedAt ? 'border-l-4 border-red-700' : 'border-slate-300'} ${props.isDragging ? 'opacity-40' : ''}`}
    >
      <div className="flex items-start gap-1">
        {canEdit && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={t('dragHandle', { title: card.title })}
            className="mt-0.5 cursor-grab touch-none rounded px-1 text-slate-700 hover:bg-slate-100 active:cursor-grabbing"
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <button type="button" onClick={props.onOpen} className="min-w-0 flex-1 break-words text-start font-medium hover:underline" aria-label={t('openCard', { title: card.title })}>
          {card.title}
        </button>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-1 text-xs">
        {card.blockedAt && (
          <span className="rounded bg-red-100 px-1 font-semibold text-red-900" title={card.blockedReason ?? undefined}>
            <span aria-hidden="true">⊘ </span>
            {t('blockedForDays', { days: getElapsedDays(new Date(card.blockedAt), now) })}
          </span>
        )}
        {card.demand !== 'UNKNOWN' && (
          <span className={`rounded px-1 ${card.demand === 'FAILURE' ? 'bg-amber-100 text-amber-950' : 'bg-brand-50 text-brand-800'}`}>
            {t(`demandShort.${card.demand}`)}
          </span>
        )}
        {ageDays !== null && (
          <span className="text-slate-700" data-testid="card-age">
            {t('ageDays', { days: ageDays })}
          </span>
        )}
        {isAging && props.cycleTimeP85Days !== null && (
          <span className="rounded border border-amber-700 px-1 font-semibold text-amber-950" title={t('agingMarkLabel', { days: props.cycleTimeP85Days })}>
            <span aria-hidden="true">◔ </span>
            {t('agingMark')}
            <span className="sr-only">: {t('agingMarkLabel', { days: props.cycleTimeP85Days })}</span>
          </span>
        )}
      </div>
      {card.labels.length > 0 && (
        <ul aria-label={t('labelsOnCard')} className="mt-1 flex flex-wrap gap-1 text-xs" data-testid="card-labels">
          {card.labels.map((label) => (
            <li key={label} className="max-w-full break-words rounded border border-slate-400 bg-slate-50 px-1 text-slate-800">
              {label}
            </li>
          ))}
        </ul>
      )}
      {card.blockedAt && card.blockedReason && <p className="mt-1 text-xs text-red-900">{t('blockedReason', { reason: card.blockedReason })}</p>}
      {canEdit && <MoveToMenu {...props} />}
    </article>
  );
}

/** The no-drag alternative (WCAG 2.5.7): every move a drag can make, as plain buttons. */
function MoveToMenu({ card, index, column, columns, columnCardCount, onMove }: Props) {
  const t = useTranslations('board');
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (isOpen) menuRef.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
  }, [isOpen]);

  const choose = (toColumnId: string, toIndex: number) => {
    setIsOpen(false);
    buttonRef.current?.focus();
    onMove({ cardId: card.id, toColumnId, toIndex });
  };

  return (
    <div
      className="relative mt-1"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && isOpen) {
          event.stopPropagation();
          setIsOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => setIsOpen((open) => !open)}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
      >
        {t('moveTo')}
        <span className="sr-only"> {card.title}</span>
      </button>
      {isOpen && (
        <ul ref={menuRef} id={menuId} className="absolute z-20 mt-1 flex w-60 flex-col rounded border border-slate-400 bg-white p-1 shadow-lg">
          {columns.map((target) => (
            <li key={target.id}>
              <button
                type="button"
                disabled={target.id === column.id}
                onClick={() => choose(target.id, Number.MAX_SAFE_INTEGER)}
                className="w-full rounded px-2 py-1 text-start text-sm hover:bg-slate-100 disabled:text-slate-600"
              >
                {t('moveToColumn', { column: target.name })} {target.id === column.id ? t('currentColumn') : ''}
              </button>
            </li>
          ))}
          <li>
            <button type="button" disabled={index === 0} onClick={() => choose(column.id, 0)} className="w-full rounded px-2 py-1 text-start text-sm hover:bg-slate-100 disabled:text-slate-600">
              {t('moveToTop')}
            </button>
          </li>
          <li>
            <button type="button" disabled={index === columnCardCount - 1} onClick={() => choose(column.id, columnCardCount - 1)} className="w-full rounded px-2 py-1 text-start text-sm hover:bg-slate-100 disabled:text-slate-600">
              {t('moveToBottom')}
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}

/** What follows the pointer while dragging. */
export function CardPreview({ card }: { card: BoardCardView }) {
  return <div className="w-68 rounded-md border border-brand-700 bg-white p-2 font-medium shadow-lg">{card.title}</div>;
}
