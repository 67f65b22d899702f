'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Markdown } from '@/components/markdown';
import type { BoardCommand } from '@/lib/board/commands';
import type { BoardCardView, BoardColumnView } from '@/lib/board/types';
import { isOverWipLimit } from '@/lib/domain/wip';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import { BoardCard } from './board-card';
import { ColumnCount } from './column-count';
import type { CommandOutcome } from './command-outcome';

export const COLUMN_DROP_PREFIX = 'column:';

type Props = {
  column: BoardColumnView;
  columns: BoardColumnView[];
  cards: BoardCardView[];
  canEdit: boolean;
  now: Date;
  cycleTimeP85Days: number | null;
  isCommitmentPoint: boolean;
  isDeliveryPoint: boolean;
  activeCardId: string | null;
  overId: string | null;
  onOpenCard: (cardId: string) => void;
  onOpenSettings: () => void;
  onMove: (request: { cardId: string; toColumnId: string; toIndex: number }) => void;
  runCommand: (command: BoardCommand) => Promise<CommandOutcome>;
};

export function BoardColumn(props: Props) {
  const { column, cards, canEdit, activeCardId, overId } = props;
  const t = useTranslations('board');
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN_DROP_PREFIX}${column.id}`, disabled: !canEdit });
  const [isPolicyOpen, setIsPolicyOpen] = useState(false);
  const headingId = `column-${column.id}-heading`;
  const countId = `column-${column.id}-count`;
  const count = cards.length;
  const isOver_ = isOverWipLimit(count, column.wipLimit);
  const isAtLimit = column.wipLimit !== null && count === column.wipLimit;
  const isDropTargetEnd = isOver || overId === `${COLUMN_DROP_PREFIX}${column.id}`;

  return (
    <section
      aria-labelledby={headingId}
      aria-describedby={countId}
      data-testid={`column-${column.name}`}
      className={`flex w-72 shrink-0 flex-col rounded-lg border bg-slate-100 ${isOver_ ? 'border-2 border-red-700' : 'border-slate-300'} ${isDropTargetEnd ? 'outline-dashed outline-2 outline-brand-700' : ''}`}
    >
      <header className="flex flex-col gap-1 border-b border-slate-300 p-2">
        <div className="flex items-start gap-2">
          <h2 id={headingId} className="min-w-0 flex-1 font-semibold wrap-anywhere">
            {column.name}
          </h2>
          <ColumnCount id={countId} count={count} limit={column.wipLimit} />
        </div>
        <div className="flex flex-wrap items-center gap-1 text-xs text-slate-800">
          <span>{t(`flowState.${column.flowState}`)}</span>
          {props.isCommitmentPoint && <span className="rounded bg-white px-1"><span aria-hidden="true">▶ </span>{t('commitmentPoint')}</span>}
          {props.isDeliveryPoint && <span className="rounded bg-white px-1"><span aria-hidden="true">✓ </span>{t('deliveryPoint')}</span>}
          {column.wipLimit !== null && <span>· {column.wipMode === 'STRICT' ? t('strictLimit') : t('advisoryLimit')}</span>}
          {isOver_ && (
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
      <div ref={setNodeRef} className="flex min-h-16 flex-1 flex-col p-2">
        <SortableContext items={cards.map((card) => card.id)} strategy={verticalListSortingStrategy}>
          <ol className="flex flex-col gap-2" aria-labelledby={headingId}>
            {cards.map((card, index) => (
              <li key={card.id} className="relative">
                {overId === card.id && activeCardId !== card.id && (
                  <div className="absolute -top-1.5 left-0 right-0 h-1 rounded bg-brand-700" aria-hidden="true" />
                )}
                <BoardCard
                  card={card}
                  index={index}
                  column={column}
                  columns={props.columns}
                  columnCardCount={count}
                  canEdit={canEdit}
                  now={props.now}
                  cycleTimeP85Days={props.cycleTimeP85Days}
                  isDragging={activeCardId === card.id}
                  onOpen={() => props.onOpenCard(card.id)}
                  onMove={props.onMove}
                />
              </li>
            ))}
          </ol>
        </SortableContext>
        {cards.length === 0 && <p className="py-4 text-center text-sm text-slate-700">{t('emptyColumn')}</p>}
        {isDropTargetEnd && activeCardId && (
          <div className="mt-2 rounded border-2 border-dashed border-brand-700 p-1 text-center text-xs" aria-hidden="true">
            {t('dropHere')}
          </div>
        )}
        {canEdit && <AddCardForm column={column} runCommand={props.runCommand} />}
      </div>
    </section>
  );
}

function AddCardForm({ column, runCommand }: { column: BoardColumnView; runCommand: Props['runCommand'] }) {
  const t = useTranslations('board');
  const tApp = useTranslations('app');
  const tCard = useTranslations('cardDialog');
  const [isOpen, setIsOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const openButtonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    // Closing the form (Cancel or Escape) hands focus back to the button that opened it, never to the page body.
    if (!isOpen && returnFocus.current) {
      returnFocus.current = false;
      openButtonRef.current?.focus();
    }
  }, [isOpen]);
  function close() {
    returnFocus.current = true;
    setError(null);
    setIsOpen(false);
  }
  if (!isOpen) {
    return (
      <button ref={openButtonRef} type="button" onClick={() => setIsOpen(true)} className="mt-2 rounded px-2 py-1 text-start text-sm text-slate-800 hover:bg-slate-200">
        <span aria-hidden="true">+ </span>
        {t('addCard')}
        <span className="sr-only"> {t('inColumn', { column: column.name })}</span>
      </button>
    );
  }
  return (
    <form
      className="mt-2 flex flex-col gap-2"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
      }}
      onSubmit={async (event) => {
        event.preventDefault();
        const outcome = await runCommand({ type: 'card.create', columnId: column.id, title, description: '', demand: 'UNKNOWN' });
        if (outcome.ok) {
          setTitle('');
          setError(null);
        } else setError(outcome.error.message);
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{t('cardTitle')}</span>
        <input autoFocus value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required className="rounded border border-slate-500 px-2 py-1" />
      </label>
      {/* Warns, never blocks: a personnummer does not belong on a board the whole team reads (as in the card dialog). */}
      <div role="status">
        {containsPersonalIdentityNumber(title) && (
          <p className="rounded border border-amber-700 bg-amber-50 p-2 text-sm text-amber-950" data-testid="add-card-personnummer">
            {tCard('personnummerWarning')}
          </p>
        )}
      </div>
      {error && <p role="alert" className="text-sm text-red-800">{error}</p>}
      <div className="flex gap-2">
        <button type="submit" className="rounded bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
          {t('create')}
        </button>
        <button type="button" onClick={close} className="rounded border border-slate-400 px-3 py-1 text-sm">
          {tApp('cancel')}
        </button>
      </div>
    </form>
  );
}
