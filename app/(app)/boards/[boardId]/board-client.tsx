'use client';

import { isCardWorkAction } from '@/lib/board/card-work-actions';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { BoardCommand } from '@/lib/board/commands';
import { cellKey, describeCellTargets, groupCardsByCell, hasLaneRows } from '@/lib/board/lane-view';
import type { BoardActivityEvent, BoardCardView, BoardColumnView, BoardLaneView, BoardView } from '@/lib/board/types';
import {
  deriveVisibleCards,
  mergeRemoteEvents,
  settleMutation,
  type SyncEvent,
  type SyncState,
  rebaseOnSnapshot,
} from '@/lib/domain/board-sync';
import { orderLanesForDisplay } from '@/lib/domain/lanes';
import { positionBetween } from '@/lib/domain/positions';
import { BoardColumn, COLUMN_DROP_PREFIX, parseCellDropId } from './board-column';
import { BoardLanes } from './board-lanes';
import { BOARD_INSTRUCTIONS_ID, CardPreview } from './board-card';
import { BoardCardContext, type BoardCardSupport } from './board-card-context';
import { CardDialog } from './card-dialog';
import { ColumnSettingsDialog } from './column-settings-dialog';
import type { CommandOutcome } from './command-outcome';
import { KeyboardHelpButton, KeyboardHelpDialog } from './keyboard-help';
import { LaneSettingsDialog } from './lane-settings-dialog';
import type { MoveRequest } from './move-to-menu';
import { OverLimitDialog } from './over-limit-dialog';
import { PresenceList } from './presence-list';
import { BoardKeyboardContext, useBoardKeyboard } from './use-board-keyboard';
import { useBoardLive } from './use-board-live';
import { useCollapsedLanes } from './use-collapsed-lanes';
import { useResyncBuffer } from './use-resync-buffer';
import { BoardSearchBar } from './search/board-search-bar';
import { BoardFilterContext, useBoardFilterSetup } from './search/filter-store';
import { FilterFocusKeeper } from './search/filtered-card-item';

type Props = {
  initialBoard: BoardView;
  currentUser: { id: string; name: string };
  nowIso: string;
  /** The notice above a board the person cannot change: a viewer's, or an archived board's banner. */
  labels: { readOnly: ReactNode };
  /** The board's improvement experiments link and its running experiments (server-rendered, see experiments/). */
  experimentsNav?: ReactNode;
};

/**
 * Where a move came from decides what is said afterwards: a drag has already been announced by the drag library
 * ("dropped in …"), a move from the card dialog is reported inside the dialog (the board behind it is inert).
 */
type MoveOrigin = 'menu' | 'drag' | 'dialog';
type MoveOptions = { confirmOverLimit?: boolean; overLimitReason?: string; origin?: MoveOrigin };
type OverLimitPrompt = MoveRequest & { column: string; limit: number; origin: MoveOrigin; message?: string };

let mutationCounter = 0;

const KEYBOARD_DRAG_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };

async function postCommand(boardId: string, command: BoardCommand): Promise<CommandOutcome> {
  try {
    const response = await fetch(`/api/boards/${boardId}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(command),
    });
    const body = (await response.json().catch(() => ({}))) as { card?: BoardCardView; error?: { code: string; message: string; details?: Record<string, unknown> } };
    if (!response.ok) return { ok: false, error: body.error ?? { code: 'UNKNOWN', message: response.statusText } };
    return { ok: true, card: body.card, laneId: (body as { laneId?: string }).laneId };
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: '' } };
  }
}

export function BoardClient({ initialBoard, currentUser, nowIso, labels, experimentsNav }: Props) {
  const t = useTranslations('board');
  const tWork = useTranslations('cardWork');
  const tErrors = useTranslations('errors');
  const tData = useTranslations('data');
  const tReadLog = useTranslations('readLog');
  const tA11y = useTranslations('boardA11y');
  const tKeys = useTranslations('boardKeys');
  const tPeople = useTranslations('cardPeople');
  const boardId = initialBoard.id;
  const canEdit = initialBoard.role === 'MEMBER' && initialBoard.archivedAt === null;

  const tLanes = useTranslations('lanes');
  const [columns, setColumns] = useState<BoardColumnView[]>(initialBoard.columns);
  const [lanes, setLanes] = useState<BoardLaneView[]>(initialBoard.lanes);
  // Drawn expedite first; a board with one lane has no lane rows at all (it looks as it always did).
  const displayLanes = useMemo(() => orderLanesForDisplay(lanes), [lanes]);
  const isLaneBoard = hasLaneRows(lanes);
  const collapsedLanes = useCollapsedLanes(currentUser.id, initialBoard.id);
  const [settingsLaneId, setSettingsLaneId] = useState<string | 'new' | null>(null);
  // A removed lane takes its settings button with it: once its dialog has closed (and the modal no longer makes the
  // board inert), focus goes to the board's heading, never to <body>.
  const shouldFocusHeading = useRef(false);
  useEffect(() => {
    if (settingsLaneId === null && shouldFocusHeading.current) {
      shouldFocusHeading.current = false;
      headingRef.current?.focus();
    }
  }, [settingsLaneId]);
  const [cycleTimeP85Days, setCycleTimeP85Days] = useState(initialBoard.cycleTimeP85Days);
  const [sync, setSync] = useState<SyncState<BoardCardView>>({ confirmed: initialBoard.cards, pending: [] });
  const [now, setNow] = useState(() => new Date(nowIso));
  // A new element per message, so that the same words twice are announced twice.
  const [announcement, setAnnouncement] = useState({ id: 0, text: '' });
  const announce = useCallback((text: string) => setAnnouncement((previous) => ({ id: previous.id + 1, text })), []);
  // The message about a refused move, shown next to the card it concerns.
  const [notice, setNotice] = useState<{ cardId: string; message: string } | null>(null);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  // The latest colleague's change to the card open in the dialog, read out there (the board behind is inert).
  const [dialogNotice, setDialogNotice] = useState<{ cardId: string; id: number; text: string } | null>(null);
  const columnsRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [openCardId, setOpenCardId] = useState<string | null>(null);
  const [settingsColumnId, setSettingsColumnId] = useState<string | null>(null);
  const [overLimitPrompt, setOverLimitPrompt] = useState<OverLimitPrompt | null>(null);
  const [activeCardId, setActiveCardId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);

  // Cards this person is dragging or editing: remote updates to them wait until they finish.
  const heldCardIds = useRef(new Set<string>());
  const deferredEvents = useRef<SyncEvent<BoardCardView>[]>([]);

  const cards = useMemo(() => deriveVisibleCards(sync.confirmed, sync.pending), [sync]);
  const cardsByColumn = useMemo(() => {
    const map = new Map<string, BoardCardView[]>(columns.map((column) => [column.id, []]));
    for (const card of [...cards].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))) {
      map.get(card.columnId)?.push(card);
    }
    return map;
  }, [cards, columns]);
  const cardsByCell = useMemo(() => groupCardsByCell(cards), [cards]);
  const columnName = useCallback((id: string) => columns.find((c) => c.id === id)?.name ?? '', [columns]);
  const laneName = useCallback((id: string) => lanes.find((lane) => lane.id === id)?.name ?? '', [lanes]);
  /** The cards of a card's (or a target's) cell: on a one-lane board, its column's. */
  const cellCards = useCallback((columnId: string, laneId: string) => cardsByCell.get(cellKey(columnId, laneId)) ?? [], [cardsByCell]);
  const keyboard = useBoardKeyboard({
    containerRef: columnsRef as RefObject<HTMLElement | null>,
    initialTabStop:
      columns.map((column) => (isLaneBoard ? displayLanes.map((lane) => cellCards(column.id, lane.id)[0]?.id).find(Boolean) : cardsByColumn.get(column.id)?.[0]?.id)).find((id) => id !== undefined) ??
      null,
    isDragging: activeCardId !== null,
    fallbackFocusRef: headingRef,
    onShortcutHelp: () => setIsHelpOpen(true),
  });
  const cardSupport = useMemo<BoardCardSupport>(
    () => ({
      countInColumn: (columnId) => cardsByColumn.get(columnId)?.length ?? 0,
      noticeFor: (cardId) => (notice?.cardId === cardId ? notice.message : null),
      dismissNotice: () => setNotice(null),
      cellTargetsFor: (cardId) => {
        const card = isLaneBoard ? cards.find((each) => each.id === cardId) : undefined;
        return card ? describeCellTargets(card, { columns, lanes, cards }) : null;
      },
    }),
    [cards, cardsByColumn, columns, isLaneBoard, lanes, notice],
  );
  const cardTitle = useCallback((id: string) => cards.find((c) => c.id === id)?.title ?? '', [cards]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const { recordApplied, withBuffer } = useResyncBuffer<BoardCardView>();

  const resync = useCallback(
    () =>
      withBuffer(
        async () => {
          const response = await fetch(`/api/boards/${boardId}`, { cache: 'no-store' }).catch(() => null);
          if (!response) return null;
          if (response.status === 404 || response.status === 401) {
            window.location.assign('/teams');
            return null;
          }
          if (!response.ok) return null;
          return (await response.json()) as BoardView;
        },
        (board, appliedSince) => {
          setColumns(board.columns);
          setLanes(board.lanes);
          setCycleTimeP85Days(board.cycleTimeP85Days);
          // Changes heard while the snapshot was on its way are replayed on top of it, not rolled back.
          setSync((state) => ({ confirmed: rebaseOnSnapshot(board.cards, appliedSince), pending: state.pending }));
        },
      ),
    [boardId, withBuffer],
  );

  /** Applies server changes to the confirmed cards; those for a card this person is holding wait for its release. */
  const applyRemoteEvents = useCallback(
    (events: SyncEvent<BoardCardView>[]) => {
      const held = new Set(heldCardIds.current);
      const ready = events.filter((event) => !held.has(event.type === 'card.upsert' ? event.card.id : event.cardId));
      deferredEvents.current.push(...events.filter((event) => !ready.includes(event)));
      recordApplied(ready);
      setSync((state) => mergeRemoteEvents(state, ready, new Set()).state);
    },
    [recordApplied],
  );

  const releaseCard = useCallback(
    (cardId: string) => {
      heldCardIds.current.delete(cardId);
      const ready = deferredEvents.current.filter((event) => (event.type === 'card.upsert' ? event.card.id : event.cardId) === cardId);
      deferredEvents.current = deferredEvents.current.filter((event) => !ready.includes(event));
      if (ready.length > 0) applyRemoteEvents(ready);
    },
    [applyRemoteEvents],
  );

  const describeRemoteEvent = useCallback(
    (event: BoardActivityEvent): string => {
      const actor = event.actorName || t('live.someone');
      if (event.kind === 'board.changed') return t('live.boardChanged', { actor });
      if (event.kind === 'card.remove') return t('live.cardRemoved', { actor, title: event.title });
      const values = { actor, title: event.card.title, column: columnName(event.card.columnId) };
      if (isCardWorkAction(event.action)) return tWork(`live.${event.action}`, { actor, title: event.card.title });
      if (event.action === 'joined' || event.action === 'left') return tPeople(`live.${event.action}`, { actor, title: event.card.title });
      const key = ({ created: 'live.cardCreated', moved: 'live.cardMoved', edited: 'live.cardEdited', blocked: 'live.cardBlocked', unblocked: 'live.cardUnblocked', commented: 'live.cardCommented', 'comment-edited': 'live.commentEdited', 'comment-deleted': 'live.commentDeleted' } as const)[event.action];
      return t(key, values);
    },
    [columnName, t, tPeople, tWork],
  );

  const { status: liveStatus, viewers, viewerTotal } = useBoardLive(boardId, {
    initialSeq: initialBoard.eventSeq,
    onResync: () => void resync(),
    onEvent: (event) => {
      if (event.kind === 'board.changed') void resync();
      else if (event.kind === 'card.upsert') applyRemoteEvents([{ type: 'card.upsert', card: event.card }]);
      else applyRemoteEvents([{ type: 'card.remove', cardId: event.cardId }]);
      // Our own changes come back on the stream too; announce only colleagues' (politely, never stealing focus).
      if (event.actorId !== currentUser.id) {
        const text = describeRemoteEvent(event);
        announce(text);
        const cardId = event.kind === 'card.upsert' ? event.card.id : event.kind === 'card.remove' ? event.cardId : null;
        if (cardId) setDialogNotice((previous) => ({ cardId, id: (previous?.id ?? 0) + 1, text }));
      }
    },
  });

  const runCommand = useCallback(
    async (command: BoardCommand): Promise<CommandOutcome> => {
      const outcome = await postCommand(boardId, command);
      if (!outcome.ok && outcome.error.code === 'UNAVAILABLE' && !outcome.error.message) {
        outcome.error.message = tErrors('UNAVAILABLE');
      }
      if (outcome.ok && outcome.card) {
        // This person's own change: applied at once, even to a card they hold open.
        const confirmed: SyncEvent<BoardCardView>[] = [{ type: 'card.upsert', card: outcome.card }];
        recordApplied(confirmed);
        setSync((state) => mergeRemoteEvents(state, confirmed, new Set()).state);
      }
      if (outcome.ok && (command.type.startsWith('column.') || command.type.startsWith('lane.') || command.type === 'card.archive')) await resync();
      if (outcome.ok && command.type === 'card.create') {
        announce(tA11y('cardCreated', { title: outcome.card?.title ?? command.title, column: columnName(command.columnId) }));
      }
      return outcome;
    },
    [announce, boardId, columnName, recordApplied, resync, tA11y, tErrors],
  );

  /** The single client path for every move — drag, keyboard and "Move to…" menu: optimistic, then settled. */
  const moveCard = useCallback(
    async (request: MoveRequest, { origin = 'menu', ...options }: MoveOptions = {}): Promise<CommandOutcome | null> => {
      const card = cards.find((c) => c.id === request.cardId);
      if (!card) return null;
      const toLaneId = request.toLaneId ?? card.laneId;
      const siblings = cellCards(request.toColumnId, toLaneId).filter((c) => c.id !== card.id);
      const index = Math.min(Math.max(request.toIndex, 0), siblings.length);
      const before = siblings[index - 1]?.position ?? null;
      const after = siblings[index]?.position ?? null;
      const position = positionBetween(before, after) ?? ((before ?? 0) + (after ?? (before ?? 0) + 2)) / 2;
      mutationCounter += 1;
      const mutationId = `m${mutationCounter}`;
      setNotice(null);
      setSync((state) => ({ ...state, pending: [...state.pending, { mutationId, cardId: card.id, toColumnId: request.toColumnId, toLaneId, position }] }));

      const outcome = await postCommand(boardId, { type: 'card.move', ...request, ...(isLaneBoard ? { toLaneId } : {}), toIndex: index, ...options });
      if (outcome.ok && outcome.card) recordApplied([{ type: 'card.upsert', card: outcome.card }]);
      setSync((state) =>
        settleMutation(state, mutationId, outcome.ok && outcome.card ? { ok: true, card: outcome.card } : { ok: false }),
      );
      if (outcome.ok) {
        const text = isLaneBoard
          ? tLanes('moved', { title: card.title, column: columnName(request.toColumnId), lane: laneName(toLaneId) })
          : t('moved', { title: card.title, column: columnName(request.toColumnId) });
        if (origin === 'dialog') setDialogNotice((previous) => ({ cardId: card.id, id: (previous?.id ?? 0) + 1, text }));
        else if (origin === 'menu' || options.confirmOverLimit) announce(text);
        return outcome;
      }
      if (outcome.error.code === 'WIP_CONFIRMATION_NEEDED' || outcome.error.code === 'LANE_WIP_CONFIRMATION_NEEDED') {
        const details = (outcome.error as { details?: { column?: string; limit?: number } }).details ?? {};
        setOverLimitPrompt({
          ...request,
          ...(isLaneBoard ? { toLaneId } : {}),
          // A lane's limit: the server's own words name the lane (the column's question is asked as before).
          message: outcome.error.code === 'LANE_WIP_CONFIRMATION_NEEDED' || (details as { lane?: string }).lane ? outcome.error.message : undefined,
          toIndex: index,
          origin,
          column: String(details.column ?? columnName(request.toColumnId)),
          limit: Number(details.limit ?? 0),
        });
        return outcome;
      }
      const message = t('moveFailed', { title: card.title, message: outcome.error.message || tErrors('UNKNOWN') });
      if (origin !== 'dialog') setNotice({ cardId: card.id, message });
      return { ok: false, error: { code: outcome.error.code, message } };
    },
    [announce, boardId, cards, cellCards, columnName, isLaneBoard, laneName, recordApplied, t, tErrors, tLanes],
  );

  // ---- drag and drop -------------------------------------------------------------------------------------------
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Space picks a card up; Enter is left to open it (the card is a button). Both drop.
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates, keyboardCodes: KEYBOARD_DRAG_CODES }),
  );
  // The pick-up is announced, then the library reports the card "over" its own place at once: that would
  // overwrite the pick-up message, so the own place is announced only after the card has been somewhere else.
  const hasLeftOrigin = useRef(false);

  /** Where a drop on `overId` puts the active card: the target column and index among its other cards. */
  const resolveDrop = useCallback(
    (activeId: string, dropId: string | null): MoveRequest | null => {
      if (!dropId) return null;
      const cell = parseCellDropId(dropId);
      if (cell) {
        const others = cellCards(cell.columnId, cell.laneId).filter((c) => c.id !== activeId);
        return { cardId: activeId, toColumnId: cell.columnId, toLaneId: cell.laneId, toIndex: others.length };
      }
      if (dropId.startsWith(COLUMN_DROP_PREFIX)) {
        const toColumnId = dropId.slice(COLUMN_DROP_PREFIX.length);
        const others = (cardsByColumn.get(toColumnId) ?? []).filter((c) => c.id !== activeId);
        return { cardId: activeId, toColumnId, toIndex: others.length };
      }
      const overCard = cards.find((c) => c.id === dropId);
      const activeCard = cards.find((c) => c.id === activeId);
      if (!overCard || !activeCard) return null;
      const cellOfOver = cellCards(overCard.columnId, overCard.laneId);
      const overIndex = cellOfOver.findIndex((c) => c.id === overCard.id);
      // Within one cell the card takes the place of the one it is over (like arrayMove); into another cell it
      // goes in front of it.
      return { cardId: activeId, toColumnId: overCard.columnId, ...(isLaneBoard ? { toLaneId: overCard.laneId } : {}), toIndex: overIndex };
    },
    [cards, cardsByColumn, cellCards, isLaneBoard],
  );

  const describeTarget = useCallback(
    (activeId: string, dropId: string | null) => {
      const title = cardTitle(activeId);
      if (!dropId) return t('dnd.droppedNowhere', { title });
      const cell = parseCellDropId(dropId);
      if (cell) return tLanes('dnd.overCell', { title, column: columnName(cell.columnId), lane: laneName(cell.laneId) });
      if (dropId.startsWith(COLUMN_DROP_PREFIX)) return t('dnd.overColumn', { title, column: columnName(dropId.slice(COLUMN_DROP_PREFIX.length)) });
      if (dropId === activeId) return t('dnd.overOwnPlace', { title });
      const over = cards.find((c) => c.id === dropId);
      if (isLaneBoard) return tLanes('dnd.overCard', { title, target: over?.title ?? '', column: columnName(over?.columnId ?? ''), lane: laneName(over?.laneId ?? '') });
      return t('dnd.overCard', { title, target: over?.title ?? '', column: columnName(over?.columnId ?? '') });
    },
    [cardTitle, cards, columnName, isLaneBoard, laneName, t, tLanes],
  );

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      hasLeftOrigin.current = false;
      return t('dnd.pickedUp', { title: cardTitle(String(active.id)) });
    },
    onDragOver: ({ active, over }) => {
      if (over?.id === active.id && !hasLeftOrigin.current) return undefined;
      hasLeftOrigin.current = true;
      return describeTarget(String(active.id), over ? String(over.id) : null);
    },
    onDragEnd: ({ active, over }) => {
      if (!over || over.id === active.id) return t('dnd.droppedNowhere', { title: cardTitle(String(active.id)) });
      const drop = resolveDrop(String(active.id), over ? String(over.id) : null);
      if (!drop) return t('dnd.droppedNowhere', { title: cardTitle(String(active.id)) });
      const laneId = drop.toLaneId ?? cards.find((c) => c.id === String(active.id))?.laneId ?? '';
      return isLaneBoard
        ? tLanes('dnd.dropped', { title: cardTitle(String(active.id)), column: columnName(drop.toColumnId), lane: laneName(laneId) })
        : t('dnd.dropped', { title: cardTitle(String(active.id)), column: columnName(drop.toColumnId) });
    },
    onDragCancel: ({ active }) => t('dnd.cancelled', { title: cardTitle(String(active.id)) }),
  };

  function handleDragStart(event: DragStartEvent) {
    const id = String(event.active.id);
    heldCardIds.current.add(id);
    setActiveCardId(id);
  }

  function handleDragOver(event: DragOverEvent) {
    setOverId(event.over ? String(event.over.id) : null);
  }

  function finishDrag(activeId: string) {
    setActiveCardId(null);
    setOverId(null);
    releaseCard(activeId);
  }

  function handleDragEnd(event: DragEndEvent) {
    const activeId = String(event.active.id);
    const drop = resolveDrop(activeId, event.over ? String(event.over.id) : null);
    finishDrag(activeId);
    if (!drop) return;
    const card = cards.find((c) => c.id === activeId);
    if (!card) return;
    const currentIndex = cellCards(card.columnId, card.laneId).findIndex((c) => c.id === activeId);
    if (card.columnId === drop.toColumnId && card.laneId === (drop.toLaneId ?? card.laneId) && currentIndex === drop.toIndex) return;
    void moveCard(drop, { origin: 'drag' });
  }

  // The open card is not held: its dialog shows colleagues' changes as they happen (a colleague's unblock at once).
  const openCard = (cardId: string) => {
    setDialogNotice(null);
    setOpenCardId(cardId);
  };
  const closeCard = () => {
    // The dialog hands focus back to the card that opened it; when that card has moved meanwhile, to its new place.
    // A card opened from a link (a notification) had no opener on the board: focus goes to the card itself.
    const wasLinked = forgetLinkedCard();
    if (openCardId) keyboard.focusCardAfterRender(openCardId, { onlyIfLost: !wasLinked });
    setOpenCardId(null);
  };
  // A link to a card (?card=<id>, e.g. from a notification) opens its dialog once the board is interactive.
  useEffect(() => {
    const linked = readLinkedCard();
    if (linked && initialBoard.cards.some((card) => card.id === linked)) setOpenCardId(linked);
  }, [initialBoard.cards]);

  const activeCard = activeCardId ? cards.find((c) => c.id === activeCardId) : undefined;
  const settingsColumn = settingsColumnId ? columns.find((c) => c.id === settingsColumnId) : undefined;
  const firstInProgress = columns.find((c) => c.flowState === 'IN_PROGRESS')?.id;
  const firstDone = columns.find((c) => c.flowState === 'DONE')?.id;
  // "Sök på tavlan" and its filters (search/): they hide cards, never change counts or limits.
  const filterStore = useBoardFilterSetup({ cards, columns, userId: currentUser.id, now, cycleTimeP85Days });

  return (
    <BoardFilterContext.Provider value={filterStore}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-300 bg-white px-4 py-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-700">{initialBoard.team.name}</p>
          <h1 ref={headingRef} tabIndex={-1} className="text-xl font-semibold wrap-anywhere">
            {initialBoard.name}
          </h1>
        </div>
        <nav aria-label={initialBoard.name} className="flex flex-wrap gap-3 text-sm">
          <Link className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100" href={`/boards/${boardId}/standup`}>
            {t('standup')}
          </Link>
          <Link className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100" href={`/boards/${boardId}/flow`}>
            {t('flow')}
          </Link>
          <Link className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100" href={`/boards/${boardId}/history`}>
            {t('history')}
          </Link>
          <Link className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100" href={`/boards/${boardId}/export`}>
            {tData('export.link')}
          </Link>
          {experimentsNav}
          {initialBoard.role === 'MEMBER' && (
            <Link className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100" href={`/boards/${boardId}/access-log`}>
              {tReadLog('boardLink')}
            </Link>
          )}
        </nav>
        <div className="ms-auto flex flex-wrap items-center gap-3">
          {canEdit && (
            <button type="button" onClick={() => setSettingsLaneId('new')} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">
              <span aria-hidden="true">+ </span>
              {tLanes('addLane')}
            </button>
          )}
          <KeyboardHelpButton onOpen={() => setIsHelpOpen(true)} />
          <PresenceList viewers={viewers} total={viewerTotal} currentUserId={currentUser.id} />
          <p role="status" className="flex items-center gap-1 text-sm" data-live-status={liveStatus}>
            <span aria-hidden="true">{liveStatus === 'live' ? '●' : '○'}</span>
            {liveStatus === 'paused' ? t('live.paused') : liveStatus === 'live' ? t('live.connected') : null}
          </p>
        </div>
      </div>
      {!canEdit && <p className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">{labels.readOnly}</p>}
      {initialBoard.holdsClientData && <p className="border-b border-slate-300 bg-slate-100 px-4 py-2 text-sm text-slate-900">{tReadLog('boardNotice')}</p>}
      <BoardSearchBar boardId={boardId} />
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
        <p key={announcement.id}>{announcement.text}</p>
      </div>

      <BoardKeyboardContext.Provider value={keyboard}>
      <FilterFocusKeeper containerRef={columnsRef} />
      <BoardCardContext.Provider value={cardSupport}>
      <DndContext
        // A stable id: the cards' aria-describedby, rendered on the server, must name the same element in the
        // browser (the library's default id comes from a per-process counter that differs between the two).
        id={BOARD_INSTRUCTIONS_ID}
        sensors={sensors}
        collisionDetection={closestCorners}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: canEdit ? tKeys('instructionsMember') : tKeys('instructionsViewer') },
        }}
        onDragStart={handleDragStart}
        onDragOver={handleDragOver}
        onDragEnd={handleDragEnd}
        onDragCancel={(event) => finishDrag(String(event.active.id))}
      >
        <section ref={columnsRef} aria-label={t('columnsLabel', { board: initialBoard.name })} className="relative flex min-h-0 flex-1 gap-3 overflow-x-auto p-3 sm:p-4">
          {isLaneBoard ? (
            <BoardLanes
              lanes={displayLanes}
              columns={columns}
              cards={cards}
              cardsByCell={cardsByCell}
              countInColumn={cardSupport.countInColumn}
              collapsed={collapsedLanes.collapsed}
              onToggleCollapsed={collapsedLanes.toggle}
              canEdit={canEdit}
              now={now}
              cycleTimeP85Days={cycleTimeP85Days}
              firstInProgressId={firstInProgress}
              firstDoneId={firstDone}
              activeCardId={activeCardId}
              overId={overId}
              onOpenCard={openCard}
              onOpenColumnSettings={setSettingsColumnId}
              onOpenLaneSettings={setSettingsLaneId}
              onMove={(request) => void moveCard(request)}
              runCommand={runCommand}
            />
          ) : columns.map((column) => (
            <BoardColumn
              key={column.id}
              column={column}
              columns={columns}
              cards={cardsByColumn.get(column.id) ?? []}
              canEdit={canEdit}
              now={now}
              cycleTimeP85Days={cycleTimeP85Days}
              isCommitmentPoint={column.id === firstInProgress}
              isDeliveryPoint={column.id === firstDone}
              activeCardId={activeCardId}
              overId={overId}
              onOpenCard={openCard}
              onOpenSettings={() => setSettingsColumnId(column.id)}
              onMove={(request) => void moveCard(request)}
              runCommand={runCommand}
            />
          ))}
          {canEdit && <AddColumnForm runCommand={runCommand} />}
        </section>
        <DragOverlay>{activeCard ? <CardPreview card={activeCard} /> : null}</DragOverlay>
      </DndContext>
      </BoardCardContext.Provider>
      </BoardKeyboardContext.Provider>

      {openCardId && (
        <CardDialog
          boardId={boardId}
          cardId={openCardId}
          columns={columns}
          canEdit={canEdit}
          currentUserId={currentUser.id}
          onClose={closeCard}
          runCommand={runCommand}
          liveCard={cards.find((card) => card.id === openCardId) ?? null}
          liveNotice={dialogNotice?.cardId === openCardId ? dialogNotice : null}
          countInColumn={cardSupport.countInColumn}
          onMove={(request) => moveCard(request, { origin: 'dialog' })}
        />
      )}
      {isHelpOpen && <KeyboardHelpDialog canEdit={canEdit} onClose={() => setIsHelpOpen(false)} />}
      {settingsColumn && canEdit && (
        <ColumnSettingsDialog
          column={settingsColumn}
          columns={columns}
          cardCount={(cardsByColumn.get(settingsColumn.id) ?? []).length}
          onClose={() => setSettingsColumnId(null)}
          runCommand={runCommand}
        />
      )}
      {settingsLaneId && canEdit && (
        <LaneSettingsDialog
          lane={settingsLaneId === 'new' ? undefined : displayLanes.find((lane) => lane.id === settingsLaneId)}
          lanes={displayLanes}
          cardCount={cards.filter((card) => card.laneId === settingsLaneId).length}
          onClose={(result) => {
            if (result?.removed) shouldFocusHeading.current = true;
            setSettingsLaneId(null);
          }}
          runCommand={runCommand}
        />
      )}
      {overLimitPrompt && (
        <OverLimitDialog
          message={overLimitPrompt.message}
          column={overLimitPrompt.column}
          limit={overLimitPrompt.limit}
          onCancel={() => {
            // Back to the card, where it still is (from the card dialog: back into the dialog, natively).
            if (overLimitPrompt.origin !== 'dialog') keyboard.focusCardAfterRender(overLimitPrompt.cardId);
            setOverLimitPrompt(null);
          }}
          onConfirm={(reason) => {
            const { column: _column, limit: _limit, origin, message: _message, ...request } = overLimitPrompt;
            if (origin !== 'dialog') keyboard.focusCardAfterRender(request.cardId);
            setOverLimitPrompt(null);
            void moveCard(request, { confirmOverLimit: true, overLimitReason: reason || undefined, origin });
          }}
        />
      )}
    </BoardFilterContext.Provider>
  );
}

function AddColumnForm({ runCommand }: { runCommand: (command: BoardCommand) => Promise<CommandOutcome> }) {
  const t = useTranslations('board');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex w-64 shrink-0 flex-col gap-2 self-start rounded-lg border border-dashed border-slate-400 p-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const outcome = await runCommand({ type: 'column.create', name, flowState: 'IN_PROGRESS' });
        if (outcome.ok) {
          setName('');
          setError(null);
        } else setError(outcome.error.message);
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{t('columnName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required className="rounded border border-slate-500 px-2 py-1" />
      </label>
      {error && <p role="alert" className="text-sm text-red-800">{error}</p>}
      <button type="submit" className="rounded bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
        {t('addColumn')}
      </button>
    </form>
  );
}

/** The card a link asks to open (?card=<id>), if any. */
function readLinkedCard(): string | null {
  return new URLSearchParams(window.location.search).get('card');
}

/** Once its dialog closes, the link's card leaves the address, so a reload shows the board itself. */
function forgetLinkedCard(): boolean {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('card')) return false;
  url.searchParams.delete('card');
  window.history.replaceState(window.history.state, '', url);
  return true;
}
