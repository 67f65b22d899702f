'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslations } from 'next-intl';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { MenuOpening } from '@/components/ui/menu-button';
import { describeWorkAge, getElapsedDays } from '@/lib/board/age';
import type { BoardCardView, BoardColumnView } from '@/lib/board/types';
import { useBoardCardSupport } from './board-card-context';
import { CardPeopleFaces } from './card-people';
import { CardWorkBadges } from './card-work-badges';
import { useCellMoveGroups } from './lane-move-menu';
import { MoveToMenu, type MoveRequest } from './move-to-menu';
import { CommentCount } from './card-comments';
import { useBoardKeyboardContext } from './use-board-keyboard';

/** The id of the board's keyboard instructions (the drag library's hidden text, given a stable id on the board). */
export const BOARD_INSTRUCTIONS_ID = 'board-keyboard-instructions';

type Props = {
  card: BoardCardView;
  index: number;
  column: BoardColumnView;
  columns: BoardColumnView[];
  columnCardCount: number;
  /** Cards in the card's cell (column × lane); on a board with one lane, the column's. */
  cellCount?: number;
  canEdit: boolean;
  now: Date;
  cycleTimeP85Days: number | null;
  isDragging: boolean;
  onOpen: () => void;
  onMove: (request: MoveRequest) => void;
};

export function BoardCard(props: Props) {
  const { card, column, canEdit, now } = props;
  const t = useTranslations('board');
  const tA11y = useTranslations('boardA11y');
  const keyboard = useBoardKeyboardContext();
  const support = useBoardCardSupport();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({ id: card.id, disabled: !canEdit });
  const [menuOpenAt, setMenuOpenAt] = useState<MenuOpening | null>(null);
  const articleRef = useRef<HTMLElement | null>(null);
  const mainRef = useRef<HTMLButtonElement | null>(null);
  const factsId = `card-${card.id}-facts`;
  const isInProgress = column.flowState === 'IN_PROGRESS' && card.startedAt !== null;
  const age = isInProgress && card.startedAt ? describeWorkAge(new Date(card.startedAt), now) : null;
  const isAging = age !== null && props.cycleTimeP85Days !== null && age.days > props.cycleTimeP85Days;
  const notice = support?.noticeFor(card.id) ?? null;
  const cellGroups = useCellMoveGroups(card, props.onMove);

  // Removed from the page while focus is in it (moved to another column, snapped back, moved by a colleague):
  // the board puts focus on it again in its new place. The layout cleanup runs while the old DOM is still there.
  const noteFocusLost = keyboard?.noteFocusLost;
  useLayoutEffect(() => {
    const article = articleRef.current;
    return () => {
      if (article && article.contains(document.activeElement)) noteFocusLost?.(card.id);
    };
  }, [card.id, noteFocusLost]);

  const { onPointerDown } = (listeners ?? {}) as { onPointerDown?: (event: PointerEvent<HTMLElement>) => void };
  const dragKeyDown = (listeners as { onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void } | undefined)?.onKeyDown;
  // The board's one tab stop is a card (roving tabindex); without the board's keyboard model every card is one.
  const tabIndex = keyboard ? (keyboard.tabStopCardId === card.id ? 0 : -1) : 0;

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (keyboard?.handleCardKeyDown(event, card.id)) return;
    const isPlainKey = !event.ctrlKey && !event.metaKey && !event.altKey;
    if (canEdit && isPlainKey && (event.key === 'm' || event.key === 'M')) {
      event.preventDefault();
      setMenuOpenAt('first');
      return;
    }
    // Space picks the card up (Enter stays "open"): the drag library listens on this element.
    if (canEdit) dragKeyDown?.(event);
  }

  return (
    <article
      ref={(node) => {
        setNodeRef(node);
        articleRef.current = node;
      }}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="card"
      data-card-id={card.id}
      className={`rounded-md border bg-white p-2 shadow-sm ${card.blockedAt ? 'border-l-4 border-red-700' : 'border-slate-300'} ${props.isDragging ? 'opacity-40' : ''}`}
    >
      <div className="flex items-start gap-1">
        {canEdit && (
          // For mouse and touch only: the keyboard drags from the card itself (Space), so this is no tab stop and
          // not in the accessibility tree.
          <span
            aria-hidden="true"
            data-testid="drag-handle"
            onPointerDown={(event) => {
              // Focus rides with the card, as for a keyboard drag: after the drop it is on the card in its new place.
              mainRef.current?.focus({ preventScroll: true });
              onPointerDown?.(event);
            }}
            onMouseDown={(event) => event.preventDefault()}
            className="inline-flex size-6 shrink-0 cursor-grab touch-none items-center justify-center rounded text-slate-700 hover:bg-slate-100 active:cursor-grabbing"
          >
            ⠿
          </span>
        )}
        <button
          type="button"
          ref={(node) => {
            setActivatorNodeRef(node);
            mainRef.current = node;
          }}
          {...(canEdit ? attributes : {})}
          aria-roledescription={undefined}
          aria-describedby={`${factsId} ${BOARD_INSTRUCTIONS_ID}`}
          aria-keyshortcuts={canEdit ? 'Enter M Space' : 'Enter'}
          tabIndex={tabIndex}
          data-card-nav={card.id}
          data-nav-column={card.columnId}
          data-nav-lane={card.laneId}
          onKeyDown={handleKeyDown}
          onFocus={() => keyboard?.noteFocus(card.id)}
          onClick={props.onOpen}
          className="min-h-6 min-w-0 flex-1 rounded text-start font-medium wrap-anywhere hover:underline"
          aria-label={t('openCard', { title: card.title })}
        >
          {card.title}
        </button>
      </div>
      <div id={factsId}>
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
          <CommentCount count={card.commentCount} />
          {age !== null && (
            <span className="text-slate-700" data-testid="card-age">
              {age.isFirstDay ? tA11y('startedToday') : t('ageDays', { days: age.days })}
            </span>
          )}
          {isAging && props.cycleTimeP85Days !== null && (
            <span className="rounded border border-amber-700 px-1 font-semibold text-amber-950" title={t('agingMarkLabel', { days: props.cycleTimeP85Days })}>
              <span aria-hidden="true">◔ </span>
              {t('agingMark')}
              <span className="sr-only">: {t('agingMarkLabel', { days: props.cycleTimeP85Days })}</span>
            </span>
          )}
          <CardWorkBadges card={card} />
        </div>
        {card.labels.length > 0 && (
          <ul aria-label={t('labelsOnCard')} className="mt-1 flex flex-wrap gap-1 text-xs" data-testid="card-labels">
            {card.labels.map((label) => (
              <li key={label} className="max-w-full rounded border border-slate-400 bg-slate-50 px-1 text-slate-800 wrap-anywhere">
                {label}
              </li>
            ))}
          </ul>
        )}
        {card.blockedAt && card.blockedReason && <p className="mt-1 text-xs text-red-900 wrap-anywhere">{t('blockedReason', { reason: card.blockedReason })}</p>}
        <CardPeopleFaces people={card.people} className="mt-1" />
      </div>
      {notice && (
        <div role="alert" className="mt-1 flex items-start gap-1 rounded border border-red-700 bg-red-50 p-1 text-xs text-red-900" data-testid="card-notice">
          <p className="min-w-0 flex-1 wrap-anywhere">{notice}</p>
          <button
            type="button"
            onClick={() => {
              support?.dismissNotice(card.id);
              mainRef.current?.focus();
            }}
            className="inline-flex size-6 shrink-0 items-center justify-center rounded hover:bg-red-100"
            aria-label={tA11y('dismissNotice', { title: card.title })}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      )}
      {canEdit && (
        <div className="mt-1">
          <MoveToMenu
            cardId={card.id}
            cardTitle={card.title}
            columnId={column.id}
            index={props.index}
            columns={props.columns}
            countInColumn={support?.countInColumn ?? (() => props.columnCardCount)}
            onMove={props.onMove}
            cellGroups={cellGroups}
            cellCount={props.cellCount}
            openAt={menuOpenAt}
            onOpenChange={setMenuOpenAt}
            returnFocus={() => mainRef.current?.focus()}
            buttonTabIndex={keyboard ? -1 : undefined}
          />
        </div>
      )}
    </article>
  );
}

/** What follows the pointer while dragging. */
export function CardPreview({ card }: { card: BoardCardView }) {
  return <div className="w-68 rounded-md border border-brand-700 bg-white p-2 font-medium shadow-lg">{card.title}</div>;
}
