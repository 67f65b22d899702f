'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { BoardCommand } from '@/lib/board/commands';
import type { BoardCardView, BoardColumnView, BoardLaneView } from '@/lib/board/types';
import { isOverWipLimit } from '@/lib/domain/wip';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import { BoardCard } from './board-card';
import { FilteredCardItem } from './search/filtered-card-item';
import { ColumnHeader } from './column-header';
import type { CommandOutcome } from './command-outcome';
import type { MoveRequest } from './move-to-menu';

export const COLUMN_DROP_PREFIX = 'column:';
/** A drop target on a board with lanes: one cell, column × lane. */
export const CELL_DROP_PREFIX = 'cell:';

export function cellDropId(columnId: string, laneId: string): string {
  return `${CELL_DROP_PREFIX}${columnId}:${laneId}`;
}

/** The column and lane of a cell's drop id, or null for any other id. */
export function parseCellDropId(id: string): { columnId: string; laneId: string } | null {
  if (!id.startsWith(CELL_DROP_PREFIX)) return null;
  const [columnId, laneId] = id.slice(CELL_DROP_PREFIX.length).split(':');
  return columnId && laneId ? { columnId, laneId } : null;
}

type Props = {
  column: BoardColumnView;
  columns: BoardColumnView[];
  /** The cards shown here: the column's, or in a lane's row the cell's. */
  cards: BoardCardView[];
  /** In a lane's row: the lane of this cell. */
  lane?: BoardLaneView;
  /** The column's cards in all lanes (its WIP count); defaults to `cards.length`. */
  columnCount?: number;
  canEdit: boolean;
  now: Date;
  cycleTimeP85Days: number | null;
  isCommitmentPoint: boolean;
  isDeliveryPoint: boolean;
  activeCardId: string | null;
  overId: string | null;
  onOpenCard: (cardId: string) => void;
  onOpenSettings: () => void;
  onMove: (request: MoveRequest) => void;
  runCommand: (command: BoardCommand) => Promise<CommandOutcome>;
};

/**
 * A column of the board. On a board with one lane: the whole column, its header on top. With lanes
 * (board-lanes.tsx): one cell (column × `lane`) of a lane's row, without a header (the header row above the lanes
 * has it); its region is named by column and lane, and a drop on it lands in that lane.
 */
export function BoardColumn(props: Props) {
  const { column, cards, canEdit, activeCardId, overId, lane } = props;
  const t = useTranslations('board');
  const tLanes = useTranslations('lanes');
  const dropId = lane ? cellDropId(column.id, lane.id) : `${COLUMN_DROP_PREFIX}${column.id}`;
  const { setNodeRef, isOver } = useDroppable({ id: dropId, disabled: !canEdit });
  const headingId = `column-${column.id}-heading`;
  const countId = `column-${column.id}-count`;
  // The column's count in all lanes: what its limit counts (in a cell, `cards` holds only the lane's).
  const count = props.columnCount ?? cards.length;
  const isOver_ = !lane && isOverWipLimit(count, column.wipLimit);
  const isDropTargetEnd = isOver || overId === dropId;
  const listLabel = lane ? tLanes('cellRegion', { column: column.name, lane: lane.name }) : undefined;

  return (
    <section
      aria-labelledby={lane ? undefined : headingId}
      aria-label={listLabel}
      aria-describedby={lane ? countId : `${countId} ${countId}-filter`}
      data-testid={lane ? `cell-${column.name}-${lane.name}` : `column-${column.name}`}
      className={`flex w-72 shrink-0 flex-col rounded-lg border bg-slate-100 ${isOver_ ? 'border-2 border-red-700' : 'border-slate-300'} ${isDropTargetEnd ? 'outline-dashed outline-2 outline-brand-700' : ''}`}
    >
      {lane ? null : (
        <ColumnHeader
          column={column}
          count={count}
          headingId={headingId}
          countId={countId}
          canEdit={canEdit}
          isCommitmentPoint={props.isCommitmentPoint}
          isDeliveryPoint={props.isDeliveryPoint}
          onOpenSettings={props.onOpenSettings}
        />
      )}
      <div ref={setNodeRef} className="flex min-h-16 flex-1 flex-col p-2">
        <SortableContext items={cards.map((card) => card.id)} strategy={verticalListSortingStrategy}>
          <ol className="flex flex-col gap-2" aria-labelledby={lane ? undefined : headingId} aria-label={listLabel}>
            {cards.map((card, index) => (
              <FilteredCardItem key={card.id} cardId={card.id} className="relative">
                {overId === card.id && activeCardId !== card.id && (
                  <div className="absolute -top-1.5 left-0 right-0 h-1 rounded bg-brand-700" aria-hidden="true" />
                )}
                <BoardCard
                  card={card}
                  index={index}
                  cellCount={cards.length}
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
              </FilteredCardItem>
            ))}
          </ol>
        </SortableContext>
        {cards.length === 0 && <p className="py-4 text-center text-sm text-slate-700">{t('emptyColumn')}</p>}
        {isDropTargetEnd && activeCardId && (
          <div className="mt-2 rounded border-2 border-dashed border-brand-700 p-1 text-center text-xs" aria-hidden="true">
            {t('dropHere')}
          </div>
        )}
        {canEdit && <AddCardForm column={column} lane={lane} runCommand={props.runCommand} />}
      </div>
    </section>
  );
}

function AddCardForm({ column, lane, runCommand }: { column: BoardColumnView; lane?: BoardLaneView; runCommand: Props['runCommand'] }) {
  const tLanes = useTranslations('lanes');
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
        <span className="sr-only"> {lane ? tLanes('cellRegion', { column: column.name, lane: lane.name }) : t('inColumn', { column: column.name })}</span>
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
        const outcome = await runCommand({ type: 'card.create', columnId: column.id, ...(lane ? { laneId: lane.id } : {}), title, description: '', demand: 'UNKNOWN' });
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
