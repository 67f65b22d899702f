'use client';

import { isCardWorkAction } from '@/lib/board/card-work-actions';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { FormField } from '@/components/ui/form-field';
import type { BoardCommand } from '@/lib/board/commands';
import { getElapsedDays } from '@/lib/board/age';
import { CLASS_MARKS } from '@/lib/board/lane-view';
import type { BoardActivityEvent, BoardCardView, BoardColumnView, BoardLaneView, BoardView } from '@/lib/board/types';
import type { StandupData, StandupView } from '@/lib/data/standups';
import { applyServerEvent, rebaseOnSnapshot, type SyncEvent } from '@/lib/domain/board-sync';
import {
  buildStandupWalk,
  findColumnStart,
  findOverLimitColumns,
  findOverLimitLanes,
  flattenStandupWalk,
  resolveWalkIndex,
  type WalkStop,
} from '@/lib/standup/walk-order';
import { CardDialog } from '../card-dialog';
import type { CommandOutcome } from '../command-outcome';
import { OverLimitDialog } from '../over-limit-dialog';
import { useBoardLive } from '../use-board-live';
import { useResyncBuffer } from '../use-resync-buffer';
import { postBoardCommand, requestStandupEnd, requestStandupStart } from './standup-api';
import { BlockDialog, EndDialog, MoveDialog, UnblockDialog } from './standup-dialogs';
import { ChangesSummary, WipCallout } from './standup-overview';
import { StandupTimer } from './standup-timer';
import { BoardSearchBar } from '../search/board-search-bar';
import { BoardFilterContext, useBoardFilterSetup, useShownCards } from '../search/filter-store';
import { StandupWalkCard } from './standup-walk-card';
import { useStandupKeys, type StandupKeyAction } from './use-standup-keys';

type Props = {
  initialData: StandupData;
  currentUser: { id: string; name: string };
  nowIso: string;
  /** Experiments due for review, for the opening summary (server-rendered, see ../experiments/). */
  experimentsDue?: ReactNode;
};

type Phase = 'ready' | 'running' | 'ended';
type OpenDialog = { kind: 'card' | 'block' | 'unblock' | 'move'; cardId: string } | { kind: 'end' } | null;

const TIMEBOX_CHOICES = [0, 5, 10, 15, 20, 30] as const;
// Choices of this browser only: the timebox is a help for the facilitator, never a record or a target.
const storageKeys = {
  timebox: (boardId: string) => `tillit.standup.timebox.${boardId}`,
  includeDone: (boardId: string) => `tillit.standup.includeDone.${boardId}`,
  singleKeys: 'tillit.standup.singleKeyShortcuts',
};

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: the choice simply is not remembered.
  }
}

const buttonPrimary =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70';
const buttonSecondary =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded border border-slate-500 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-slate-100';
const kbdClass = 'rounded border border-slate-500 bg-slate-100 px-1.5 font-mono text-sm text-slate-900';

export function StandupClient({ initialData, currentUser, nowIso, experimentsDue }: Props) {
  const t = useTranslations('standup');
  const tBoard = useTranslations('board');
  const tPeople = useTranslations('cardPeople');
  const tWork = useTranslations('cardWork');
  const tA11y = useTranslations('boardA11y');
  const tErrors = useTranslations('errors');
  const format = useFormatter();
  const board = initialData.board;
  const boardId = board.id;
  const canRun = initialData.canRun;
  const ids = { keysHint: useId() };

  const [phase, setPhase] = useState<Phase>('ready');
  const [standup, setStandup] = useState<StandupView | null>(initialData.current);
  // A viewer follows without a record of its own; their timer counts from the standup under way, else from now.
  const [followStartedAt, setFollowStartedAt] = useState<string | null>(null);
  const [columns, setColumns] = useState<BoardColumnView[]>(board.columns);
  const [lanes, setLanes] = useState<BoardLaneView[]>(board.lanes);
  const tLanes = useTranslations('lanes');
  const [cards, setCards] = useState<BoardCardView[]>(board.cards);
  const [cycleTimeP85Days, setCycleTimeP85Days] = useState(board.cycleTimeP85Days);
  const [now, setNow] = useState(() => new Date(nowIso));
  const [timeboxMinutes, setTimeboxMinutes] = useState(0);
  const [includeDone, setIncludeDone] = useState(false);
  const [areSingleKeysOn, setAreSingleKeysOn] = useState(true);
  const [position, setPosition] = useState<{ cardId: string | null; index: number }>({ cardId: null, index: 0 });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [announcement, setAnnouncement] = useState({ id: 0, text: '' });
  // What the open card dialog should read out (the page behind a modal dialog is not read), and a move from it
  // that first asks about an advisory WIP limit.
  const [dialogNotice, setDialogNotice] = useState<{ cardId: string; id: number; text: string } | null>(null);
  const [overLimitMove, setOverLimitMove] = useState<{ cardId: string; toColumnId: string; column: string; limit: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  // Known only in the browser; the button appears after mounting where the page may go full screen.
  const [fullScreen, setFullScreen] = useState<{ isAvailable: boolean; isOn: boolean }>({ isAvailable: false, isOn: false });

  const walkRef = useRef<HTMLOListElement>(null);
  const walkHeadingRef = useRef<HTMLHeadingElement>(null);
  const endedHeadingRef = useRef<HTMLHeadingElement>(null);
  // Set when a key moved the walk: the next render puts keyboard focus on the new current card.
  const shouldFocusCard = useRef(false);
  // Keyboard focus was on a card when a re-render (a live update, a closed dialog) dropped it: put it back.
  const wasFocusInWalk = useRef(false);
  const scrolledToCardId = useRef<string | null>(null);

  useEffect(() => {
    const timebox = Number(readStored(storageKeys.timebox(boardId)));
    if ((TIMEBOX_CHOICES as readonly number[]).includes(timebox)) setTimeboxMinutes(timebox);
    setIncludeDone(readStored(storageKeys.includeDone(boardId)) === 'true');
    setAreSingleKeysOn(readStored(storageKeys.singleKeys) !== 'false');
  }, [boardId]);

  useEffect(() => {
    const update = () => setFullScreen({ isAvailable: document.fullscreenEnabled, isOn: document.fullscreenElement !== null });
    update();
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const finishedSince = useMemo(() => new Date(initialData.since), [initialData.since]);
  // The search and filters of the board (search/) filter the walk too; limits and counts still see every card.
  const filterStore = useBoardFilterSetup({ cards, columns, userId: currentUser.id, now, cycleTimeP85Days });
  const walkCards = useShownCards(filterStore, cards);
  const walk = useMemo(
    () => buildStandupWalk({ columns, cards: walkCards as BoardCardView[], lanes, now, cycleTimeP85Days, includeDoneColumns: includeDone, finishedSince }),
    [columns, walkCards, lanes, now, cycleTimeP85Days, includeDone, finishedSince],
  );
  const stops = useMemo(() => flattenStandupWalk(walk), [walk]);
  const overLimit = useMemo(() => findOverLimitColumns(columns, cards), [columns, cards]);
  const overLimitLanes = useMemo(() => (lanes.length > 1 ? findOverLimitLanes(lanes, columns, cards) : []), [lanes, columns, cards]);
  const countByColumn = useMemo(() => {
    const counts = new Map<string, number>();
    for (const card of cards) counts.set(card.columnId, (counts.get(card.columnId) ?? 0) + 1);
    return counts;
  }, [cards]);
  const currentIndex = resolveWalkIndex(stops, position.cardId, position.index);
  const currentStop = stops[currentIndex];
  const currentCard = currentStop?.item.card;
  const columnName = useCallback((id: string) => columns.find((column) => column.id === id)?.name ?? '', [columns]);

  const announce = useCallback((text: string, { append = false } = {}) => {
    setAnnouncement((previous) => ({ id: previous.id + 1, text: append && previous.text ? `${previous.text} ${text}` : text }));
  }, []);

  const describeStop = useCallback(
    (stop: WalkStop<BoardCardView>, index: number, total: number): string => {
      const { card, ageDays, blockedDays, exceedsCycleTime } = stop.item;
      const parts = [t('announce.current', { position: index + 1, total, column: columnName(card.columnId), title: card.title })];
      if (blockedDays !== null) {
        parts.push(`${blockedDays === 0 ? t('card.blockedToday') : t('card.blockedDays', { days: blockedDays })}.`);
        if (card.blockedReason) parts.push(`${t('card.blockedReason', { reason: card.blockedReason })}.`);
      }
      const isDone = walk[stop.columnIndex]?.column.flowState === 'DONE';
      if (ageDays === null) parts.push(`${t('card.notStarted')}.`);
      // The first calendar day reads "started today" (lib/board/age.ts).
      else parts.push(`${isDone ? t('card.cycleTime', { days: ageDays }) : ageDays === 1 ? tA11y('startedToday') : t('card.ageDays', { days: ageDays })}.`);
      if (exceedsCycleTime) parts.push(`${t('card.aging')}.`);
      return parts.join(' ');
    },
    [columnName, t, tA11y, walk],
  );

  // ---- live updates ---------------------------------------------------------------------------------------------
  const { recordApplied, withBuffer } = useResyncBuffer<BoardCardView>();
  const applyServerEvents = useCallback(
    (events: SyncEvent<BoardCardView>[]) => {
      recordApplied(events);
      setCards((current) => events.reduce(applyServerEvent, current));
    },
    [recordApplied],
  );

  const resync = useCallback(
    () =>
      withBuffer(
        async () => {
          const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, { cache: 'no-store' }).catch(() => null);
          return response?.ok ? ((await response.json()) as BoardView) : null;
        },
        (next, appliedSince) => {
          setColumns(next.columns);
          setLanes(next.lanes);
          // Changes heard while the snapshot was on its way are replayed on top of it, not rolled back.
          setCards(rebaseOnSnapshot(next.cards, appliedSince));
          setCycleTimeP85Days(next.cycleTimeP85Days);
        },
      ),
    [boardId, withBuffer],
  );

  const describeRemoteEvent = useCallback(
    (event: BoardActivityEvent): string => {
      const actor = event.actorName || tBoard('live.someone');
      if (event.kind === 'board.changed') return tBoard('live.boardChanged', { actor });
      if (event.kind === 'card.remove') return tBoard('live.cardRemoved', { actor, title: event.title });
      if (isCardWorkAction(event.action)) return tWork(`live.${event.action}`, { actor, title: event.card.title });
      if (event.action === 'joined' || event.action === 'left') return tPeople(`live.${event.action}`, { actor, title: event.card.title });
      const key = ({ created: 'live.cardCreated', moved: 'live.cardMoved', edited: 'live.cardEdited', blocked: 'live.cardBlocked', unblocked: 'live.cardUnblocked', commented: 'live.cardCommented', 'comment-edited': 'live.commentEdited', 'comment-deleted': 'live.commentDeleted' } as const)[event.action];
      return tBoard(key, { actor, title: event.card.title, column: columnName(event.card.columnId) });
    },
    [columnName, tBoard, tPeople, tWork],
  );

  const { status: liveStatus } = useBoardLive(boardId, {
    initialSeq: board.eventSeq,
    onResync: () => void resync(),
    onEvent: (event) => {
      if (event.kind === 'board.changed') void resync();
      else if (event.kind === 'card.upsert') applyServerEvents([{ type: 'card.upsert', card: event.card }]);
      else applyServerEvents([{ type: 'card.remove', cardId: event.cardId }]);
      // Our own changes come back on the stream too; announce only colleagues', politely.
      if (event.actorId !== currentUser.id) {
        const text = describeRemoteEvent(event);
        if (phase === 'running') announce(text);
        const cardId = event.kind === 'card.upsert' ? event.card.id : event.kind === 'card.remove' ? event.cardId : null;
        if (cardId) setDialogNotice((previous) => ({ cardId, id: (previous?.id ?? 0) + 1, text }));
      }
    },
  });

  // The walk follows the current card by id through every change; when it leaves the walk (finished, archived),
  // the card that slid into its place becomes current, so the team carries on where it was.
  useEffect(() => {
    const id = currentCard?.id ?? null;
    const index = Math.max(currentIndex, 0);
    if (id === position.cardId && index === position.index) return;
    const hasLeft = position.cardId !== null && id !== position.cardId;
    setPosition({ cardId: id, index });
    if (hasLeft && currentCard && phase === 'running') announce(t('announce.walkContinues', { title: currentCard.title }), { append: true });
  }, [announce, currentCard, currentIndex, phase, position, t]);

  useEffect(() => {
    if (phase !== 'running' || !currentCard) return;
    const button = walkRef.current?.querySelector<HTMLElement>(`[data-walk-card="${CSS.escape(currentCard.id)}"]`);
    if (!button) return;
    if (scrolledToCardId.current !== currentCard.id || shouldFocusCard.current) {
      scrolledToCardId.current = currentCard.id;
      button.closest('li')?.scrollIntoView({ block: 'nearest' });
    }
    const active = document.activeElement;
    const isFocusLost = active === null || active === document.body;
    if (shouldFocusCard.current || (isFocusLost && wasFocusInWalk.current && dialog === null)) button.focus({ preventScroll: true });
    shouldFocusCard.current = false;
  }, [currentCard, dialog, phase, walk]);

  useEffect(() => {
    if (phase === 'ended') endedHeadingRef.current?.focus();
  }, [phase]);

  useEffect(() => {
    const trackFocus = (event: FocusEvent) => {
      wasFocusInWalk.current = event.target instanceof Node && !!walkRef.current?.contains(event.target);
    };
    document.addEventListener('focusin', trackFocus);
    return () => document.removeEventListener('focusin', trackFocus);
  }, []);

  // ---- changes --------------------------------------------------------------------------------------------------
  const runCommand = useCallback(
    async (command: BoardCommand): Promise<CommandOutcome> => {
      const outcome = await postBoardCommand(boardId, command);
      if (!outcome.ok && !outcome.error.message) outcome.error.message = tErrors(outcome.error.code === 'UNAVAILABLE' ? 'UNAVAILABLE' : 'UNKNOWN');
      if (outcome.ok && outcome.card) {
        applyServerEvents([{ type: 'card.upsert', card: outcome.card }]);
      }
      if (outcome.ok && command.type === 'card.archive') await resync();
      return outcome;
    },
    [applyServerEvents, boardId, resync, tErrors],
  );

  const closeDialog = useCallback(() => {
    const wasOnCard = dialog !== null && dialog.kind !== 'end';
    setDialog(null);
    // The dialog hands focus back to what opened it; if that card was re-rendered meanwhile, to the current card.
    if (wasOnCard) {
      setTimeout(() => {
        const active = document.activeElement;
        if (active === null || active === document.body) {
          walkRef.current?.querySelector<HTMLElement>('li[aria-current] [data-walk-card]')?.focus();
        }
      }, 0);
    }
  }, [dialog]);

  async function unblock(card: BoardCardView): Promise<CommandOutcome> {
    const outcome = await runCommand({ type: 'card.unblock', cardId: card.id });
    if (outcome.ok) {
      closeDialog();
      announce(t('announce.unblocked', { title: card.title }));
    }
    return outcome;
  }

  async function block(card: BoardCardView, reason: string): Promise<CommandOutcome> {
    const outcome = await runCommand({ type: 'card.block', cardId: card.id, reason });
    if (outcome.ok) {
      closeDialog();
      announce(t('announce.blocked', { title: card.title }));
    }
    return outcome;
  }

  async function move(card: BoardCardView, toColumnId: string, options: { confirmOverLimit?: boolean; overLimitReason?: string }): Promise<CommandOutcome> {
    const toIndex = (countByColumn.get(toColumnId) ?? 0) - (card.columnId === toColumnId ? 1 : 0);
    const outcome = await runCommand({ type: 'card.move', cardId: card.id, toColumnId, toIndex: Math.max(toIndex, 0), ...options });
    if (outcome.ok) {
      closeDialog();
      announce(t('announce.moved', { title: card.title, column: columnName(toColumnId) }));
    }
    return outcome;
  }

  /** A move chosen in the card dialog: the same command as M in the walk; the dialog stays open. */
  async function moveFromCardDialog(cardId: string, toColumnId: string, options: { confirmOverLimit?: boolean; overLimitReason?: string } = {}) {
    const card = cards.find((candidate) => candidate.id === cardId);
    if (!card) return null;
    const toIndex = Math.max(countByColumn.get(toColumnId) ?? 0, 0);
    const outcome = await runCommand({ type: 'card.move', cardId, toColumnId, toIndex, ...options });
    if (outcome.ok) {
      setDialogNotice((previous) => ({ cardId, id: (previous?.id ?? 0) + 1, text: tBoard('moved', { title: card.title, column: columnName(toColumnId) }) }));
    } else if (outcome.error.code === 'WIP_CONFIRMATION_NEEDED') {
      const column = columns.find((candidate) => candidate.id === toColumnId);
      setOverLimitMove({ cardId, toColumnId, column: column?.name ?? '', limit: column?.wipLimit ?? 0 });
    }
    return outcome;
  }

  async function start() {
    if (isStarting) return;
    setError(null);
    if (canRun) {
      setIsStarting(true);
      const outcome = await requestStandupStart(boardId);
      setIsStarting(false);
      if (!outcome.ok) {
        setError(t('setup.startFailed', { message: outcome.error.message || tErrors('UNAVAILABLE') }));
        return;
      }
      setStandup(outcome.standup);
    } else {
      setFollowStartedAt(initialData.current?.startedAt ?? new Date().toISOString());
    }
    setPhase('running');
    const first = stops[0];
    setPosition({ cardId: first?.item.card.id ?? null, index: 0 });
    const opening = canRun ? t('announce.started', { count: stops.length }) : t('announce.following', { count: stops.length });
    if (first) {
      shouldFocusCard.current = true;
      announce(`${opening} ${describeStop(first, 0, stops.length)}`);
    } else {
      announce(`${opening} ${t('announce.empty')}`);
      setTimeout(() => walkHeadingRef.current?.focus(), 0);
    }
  }

  async function end(): Promise<string | null> {
    if (!standup) return null;
    const outcome = await requestStandupEnd(boardId, standup.id);
    if (!outcome.ok) return t('endDialog.failed', { message: outcome.error.message || tErrors('UNAVAILABLE') });
    setStandup(outcome.standup);
    setDialog(null);
    setPhase('ended');
    return null;
  }

  // ---- navigation -----------------------------------------------------------------------------------------------
  function goTo(index: number, moveFocus: boolean) {
    const stop = stops[index];
    if (!stop) return;
    setPosition({ cardId: stop.item.card.id, index });
    shouldFocusCard.current = moveFocus;
    announce(describeStop(stop, index, stops.length));
  }

  function runAction(action: StandupKeyAction, fromKeyboard: boolean) {
    if (phase !== 'running') return;
    if (stops.length === 0 && action !== 'end') {
      announce(t('announce.empty'));
      return;
    }
    switch (action) {
      case 'next':
        if (currentIndex >= stops.length - 1) announce(t('announce.lastCard'));
        else goTo(currentIndex + 1, fromKeyboard);
        return;
      case 'previous':
        if (currentIndex <= 0) announce(t('announce.firstCard'));
        else goTo(currentIndex - 1, fromKeyboard);
        return;
      case 'nextColumn': {
        const target = findColumnStart(stops, currentIndex, 1);
        if (target === currentIndex) announce(t('announce.lastColumn'));
        else goTo(target, fromKeyboard);
        return;
      }
      case 'previousColumn': {
        const target = findColumnStart(stops, currentIndex, -1);
        if (target === currentIndex) announce(t('announce.firstCard'));
        else goTo(target, fromKeyboard);
        return;
      }
      case 'open':
        if (currentCard) setDialog({ kind: 'card', cardId: currentCard.id });
        return;
      case 'block':
        if (!canRun || !currentCard) return;
        if (currentCard.blockedAt === null) setDialog({ kind: 'block', cardId: currentCard.id });
        else setDialog({ kind: 'unblock', cardId: currentCard.id });
        return;
      case 'move':
        if (canRun && currentCard) setDialog({ kind: 'move', cardId: currentCard.id });
        return;
      case 'end':
        if (canRun && standup) setDialog({ kind: 'end' });
        return;
    }
  }

  useStandupKeys(phase === 'running' && dialog === null, areSingleKeysOn, (action) => runAction(action, true));

  const dialogCard = dialog && dialog.kind !== 'end' ? cards.find((card) => card.id === dialog.cardId) : undefined;
  const timerStart = standup?.startedAt ?? followStartedAt;
  const timeFormat = { hour: '2-digit', minute: '2-digit' } as const;

  return (
    <BoardFilterContext.Provider value={filterStore}>
    <div className="flex flex-1 flex-col" data-testid="standup" data-phase={phase}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-300 bg-white px-4 py-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-700">
            {board.team.name} · {t('boardName', { board: board.name })}
          </p>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
        </div>
        <Link href={`/boards/${boardId}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToBoard', { board: board.name })}
        </Link>
        <div className="ms-auto flex flex-wrap items-center gap-3">
          {phase === 'running' && timeboxMinutes > 0 && timerStart && (
            <StandupTimer startedAt={timerStart} minutes={timeboxMinutes} onElapsed={() => announce(t('announce.timeboxOver', { minutes: timeboxMinutes }))} />
          )}
          <p role="status" className="flex items-center gap-1 text-sm" data-live-status={liveStatus}>
            <span aria-hidden="true">{liveStatus === 'live' ? '●' : '○'}</span>
            {liveStatus === 'paused' ? tBoard('live.paused') : liveStatus === 'live' ? tBoard('live.connected') : null}
          </p>
          {phase === 'running' && fullScreen.isAvailable && (
            <button
              type="button"
              className={buttonSecondary}
              onClick={() => void (fullScreen.isOn ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {})}
            >
              {fullScreen.isOn ? t('controls.exitFullScreen') : t('controls.fullScreen')}
            </button>
          )}
          {phase === 'running' && canRun && standup && (
            <button type="button" className={buttonSecondary} aria-keyshortcuts={areSingleKeysOn ? 'E' : undefined} onClick={() => setDialog({ kind: 'end' })}>
              {t('controls.end')}
              {areSingleKeysOn && <Kbd>E</Kbd>}
            </button>
          )}
        </div>
      </div>
      <BoardSearchBar boardId={boardId} />

      {!canRun && <p className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">{t('viewerNotice')}</p>}
      <div role="alert">
        {error && <p className="mx-4 mt-3 rounded border border-red-700 bg-red-50 p-2 text-red-900">{error}</p>}
      </div>
      {/* A new element per message, so that repeating the same words is announced again. */}
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="standup-announcer">
        <p key={announcement.id}>{announcement.text}</p>
      </div>

      {phase === 'ended' ? (
        <section aria-labelledby="standup-ended-heading" className="mx-auto w-full max-w-2xl p-6">
          <h2 id="standup-ended-heading" ref={endedHeadingRef} tabIndex={-1} className="text-2xl font-semibold">
            {t('ended.heading')}
          </h2>
          {standup?.endedAt && (
            <p className="mt-2">
              {t('ended.body', { start: format.dateTime(new Date(standup.startedAt), timeFormat), end: format.dateTime(new Date(standup.endedAt), timeFormat) })}
            </p>
          )}
          <p className="mt-4">
            <Link href={`/boards/${boardId}`} className={buttonPrimary}>
              {t('ended.back')}
            </Link>
          </p>
        </section>
      ) : (
        <div className="grid flex-1 items-start gap-4 p-3 sm:p-4 lg:grid-cols-[minmax(16rem,24rem)_1fr]">
          <div className="flex flex-col gap-4">
            <WipCallout overLimit={overLimit} overLimitLanes={overLimitLanes} />
            <ChangesSummary data={initialData} />
            {experimentsDue}
            {phase === 'running' && (
              <section aria-labelledby="standup-keys-heading" className="rounded-lg border border-slate-300 bg-white p-4">
                <h2 id="standup-keys-heading" className="text-lg font-semibold">
                  {t('keys.heading')}
                </h2>
                <label className="mt-2 flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    className="size-5"
                    checked={areSingleKeysOn}
                    aria-describedby={ids.keysHint}
                    onChange={(event) => {
                      setAreSingleKeysOn(event.target.checked);
                      writeStored(storageKeys.singleKeys, String(event.target.checked));
                    }}
                  />
                  <span>{t('keys.toggle')}</span>
                </label>
                <p id={ids.keysHint} className="text-sm text-slate-700">
                  {t('keys.toggleHint')}
                </p>
                <KeyLegend canRun={canRun} areSingleKeysOn={areSingleKeysOn} />
              </section>
            )}
          </div>

          {phase === 'ready' ? (
            <section aria-labelledby="standup-setup-heading" className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-4">
              <h2 id="standup-setup-heading" className="text-lg font-semibold">
                {t('setup.heading')}
              </h2>
              <p className="max-w-prose">{t('intro')}</p>
              <FormField label={t('setup.timebox')} hint={t('setup.timeboxHint')}>
                {(control) => (
                  <select
                    {...control}
                    value={timeboxMinutes}
                    onChange={(event) => {
                      setTimeboxMinutes(Number(event.target.value));
                      writeStored(storageKeys.timebox(boardId), event.target.value);
                    }}
                    className="min-h-11 max-w-xs rounded border border-slate-500 bg-white px-2 text-slate-900"
                  >
                    {TIMEBOX_CHOICES.map((minutes) => (
                      <option key={minutes} value={minutes}>
                        {minutes === 0 ? t('setup.timeboxNone') : t('setup.timeboxMinutes', { minutes })}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <label className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  className="size-5"
                  checked={includeDone}
                  onChange={(event) => {
                    setIncludeDone(event.target.checked);
                    writeStored(storageKeys.includeDone(boardId), String(event.target.checked));
                  }}
                />
                <span>{t('setup.includeDone')}</span>
              </label>
              <div>
                <button type="button" className={buttonPrimary} onClick={() => void start()} aria-disabled={isStarting || undefined}>
                  {isStarting
                    ? t('setup.starting')
                    : !canRun
                      ? t('setup.follow')
                      : standup
                        ? t('setup.join', { time: format.dateTime(new Date(standup.startedAt), timeFormat) })
                        : t('setup.start')}
                </button>
              </div>
            </section>
          ) : (
            <section aria-labelledby="standup-walk-heading" className="flex min-w-0 flex-col gap-3">
              <h2 id="standup-walk-heading" ref={walkHeadingRef} tabIndex={-1} className="text-xl font-semibold">
                {t('walk.heading')}
                {currentIndex >= 0 && (
                  <span className="ms-2 text-base font-normal text-slate-700">{t('walk.position', { position: currentIndex + 1, total: stops.length })}</span>
                )}
              </h2>
              <div role="group" aria-label={t('controls.label')} className="sticky top-0 z-10 flex flex-wrap gap-2 rounded-lg border border-slate-300 bg-white p-2 shadow-sm">
                <ControlButton label={t('controls.previous')} keyHint="K" shortcuts="K ArrowUp" showKey={areSingleKeysOn} onClick={() => runAction('previous', false)} />
                <ControlButton label={t('controls.next')} keyHint="J" shortcuts="J ArrowDown" showKey={areSingleKeysOn} onClick={() => runAction('next', false)} />
                <ControlButton label={t('controls.nextColumn')} keyHint="N" shortcuts="N" showKey={areSingleKeysOn} onClick={() => runAction('nextColumn', false)} />
                <ControlButton label={t('controls.open')} keyHint="Enter" shortcuts="Enter" showKey onClick={() => runAction('open', false)} />
                {canRun && (
                  <>
                    <ControlButton
                      label={currentCard?.blockedAt ? t('controls.unblock') : t('controls.block')}
                      keyHint="B"
                      shortcuts="B"
                      showKey={areSingleKeysOn}
                      onClick={() => runAction('block', false)}
                    />
                    <ControlButton label={t('controls.move')} keyHint="M" shortcuts="M" showKey={areSingleKeysOn} onClick={() => runAction('move', false)} />
                  </>
                )}
                {!canRun && (
                  <Link href={`/boards/${boardId}`} className={buttonSecondary}>
                    {t('controls.leave')}
                  </Link>
                )}
              </div>
              {stops.length === 0 && <p className="rounded-lg border border-slate-300 bg-white p-4">{t('walk.empty')}</p>}
              <ol ref={walkRef} aria-label={t('walk.listLabel')} className="flex flex-col gap-5">
                {walk.map((entry) => {
                  const headingId = `standup-column-${entry.column.id}${entry.lane ? `-${entry.lane.id}` : ''}`;
                  return (
                    <li key={`${entry.column.id}:${entry.lane?.id ?? ''}`} data-testid="walk-column" data-column-name={entry.column.name} data-lane-name={entry.lane?.name}>
                      <div className="mb-2 flex flex-wrap items-center gap-2">
                        <h3 id={headingId} className="text-lg font-semibold">
                          {entry.lane ? (
                            <>
                              <span aria-hidden="true">{CLASS_MARKS[entry.lane.classOfService]} </span>
                              {tLanes('standup.stop', { lane: entry.lane.name, column: entry.column.name })}
                            </>
                          ) : (
                            entry.column.name
                          )}
                        </h3>
                        <span className="text-sm text-slate-700">
                          {entry.column.wipLimit === null
                            ? t('walk.columnCount', { count: entry.cardCount })
                            : t('walk.columnCountLimit', { count: entry.cardCount, limit: entry.column.wipLimit })}
                        </span>
                        {entry.isOverLimit && (
                          <strong className="rounded bg-red-100 px-1 text-sm text-red-900">
                            <span aria-hidden="true">⚠ </span>
                            {t('walk.overLimit')}
                          </strong>
                        )}
                      </div>
                      {entry.column.flowState === 'DONE' && <p className="mb-2 text-sm text-slate-700">{t('walk.doneNote')}</p>}
                      {entry.cards.length === 0 ? (
                        <p className="text-sm text-slate-700">{t('walk.emptyColumn')}</p>
                      ) : (
                        <ol aria-labelledby={headingId} className="flex flex-col gap-2">
                          {entry.cards.map((item) => (
                            <StandupWalkCard
                              key={item.card.id}
                              item={item}
                              column={entry.column}
                              isCurrent={item.card.id === currentCard?.id}
                              cycleTimeP85Days={cycleTimeP85Days}
                              onOpen={() => {
                                const index = stops.findIndex((stop) => stop.item.card.id === item.card.id);
                                if (index !== -1 && index !== currentIndex) goTo(index, false);
                                setDialog({ kind: 'card', cardId: item.card.id });
                              }}
                            />
                          ))}
                        </ol>
                      )}
                    </li>
                  );
                })}
              </ol>
            </section>
          )}
        </div>
      )}

      {dialog?.kind === 'card' && (
        <CardDialog
          boardId={boardId}
          cardId={dialog.cardId}
          columns={columns}
          canEdit={canRun}
          currentUserId={currentUser.id}
          onClose={closeDialog}
          runCommand={runCommand}
          liveCard={cards.find((card) => card.id === dialog.cardId) ?? null}
          liveNotice={dialogNotice?.cardId === dialog.cardId ? dialogNotice : null}
          countInColumn={(columnId) => countByColumn.get(columnId) ?? 0}
          onMove={(request) => moveFromCardDialog(request.cardId, request.toColumnId)}
        />
      )}
      {overLimitMove && (
        <OverLimitDialog
          column={overLimitMove.column}
          limit={overLimitMove.limit}
          onCancel={() => setOverLimitMove(null)}
          onConfirm={(reason) => {
            setOverLimitMove(null);
            void moveFromCardDialog(overLimitMove.cardId, overLimitMove.toColumnId, { confirmOverLimit: true, overLimitReason: reason || undefined });
          }}
        />
      )}
      {dialog?.kind === 'block' && dialogCard && <BlockDialog card={dialogCard} onClose={closeDialog} onBlock={(reason) => block(dialogCard, reason)} />}
      {dialog?.kind === 'unblock' && dialogCard && (
        <UnblockDialog
          card={dialogCard}
          blockedDays={dialogCard.blockedAt ? getElapsedDays(new Date(dialogCard.blockedAt), now) : 0}
          onClose={closeDialog}
          onUnblock={() => unblock(dialogCard)}
        />
      )}
      {dialog?.kind === 'move' && dialogCard && (
        <MoveDialog
          card={dialogCard}
          columns={columns}
          countByColumn={countByColumn}
          onClose={closeDialog}
          onMove={(toColumnId, options) => move(dialogCard, toColumnId, options)}
        />
      )}
      {dialog?.kind === 'end' && <EndDialog onClose={closeDialog} onEnd={end} />}
    </div>
    </BoardFilterContext.Provider>
  );
}

function Kbd({ children }: { children: ReactNode }) {
  // The key is in aria-keyshortcuts for assistive technology; shown here for everyone else.
  return (
    <kbd aria-hidden="true" className={kbdClass}>
      {children}
    </kbd>
  );
}

function ControlButton({ label, keyHint, shortcuts, showKey, onClick }: { label: string; keyHint: string; shortcuts: string; showKey: boolean; onClick: () => void }) {
  // Arrow keys and Enter stay on when single-key shortcuts are off, so only those remain in aria-keyshortcuts.
  const active = showKey ? shortcuts : shortcuts.split(' ').filter((key) => key.length > 1).join(' ');
  return (
    <button type="button" className={buttonSecondary} aria-keyshortcuts={active || undefined} onClick={onClick}>
      {label}
      {showKey && <Kbd>{keyHint}</Kbd>}
    </button>
  );
}

function KeyLegend({ canRun, areSingleKeysOn }: { canRun: boolean; areSingleKeysOn: boolean }) {
  const t = useTranslations('standup');
  const arrow = (symbol: string, name: string) => (
    <kbd className={kbdClass}>
      <span aria-hidden="true">{symbol}</span>
      <span className="sr-only">{name}</span>
    </kbd>
  );
  const letter = (key: string) => <kbd className={kbdClass}>{key}</kbd>;
  const rows: { keys: ReactNode; action: string; isSingleKey: boolean }[] = [
    {
      keys: areSingleKeysOn ? <>{letter('J')} {t('keys.or')} {arrow('↓', t('keys.arrowDown'))}</> : arrow('↓', t('keys.arrowDown')),
      action: t('keys.nextCard'),
      isSingleKey: false,
    },
    {
      keys: areSingleKeysOn ? <>{letter('K')} {t('keys.or')} {arrow('↑', t('keys.arrowUp'))}</> : arrow('↑', t('keys.arrowUp')),
      action: t('keys.previousCard'),
      isSingleKey: false,
    },
    { keys: letter('N'), action: t('keys.nextColumn'), isSingleKey: true },
    { keys: <>{letter(t('keys.shift'))} + {letter('N')}</>, action: t('keys.previousColumn'), isSingleKey: true },
    { keys: letter('Enter'), action: t('keys.openCard'), isSingleKey: false },
    ...(canRun
      ? [
          { keys: letter('B'), action: t('keys.block'), isSingleKey: true },
          { keys: letter('M'), action: t('keys.move'), isSingleKey: true },
          { keys: letter('E'), action: t('keys.end'), isSingleKey: true },
        ]
      : []),
  ];
  return (
    <dl className="mt-3 grid grid-cols-[max-content_1fr] items-center gap-x-3 gap-y-2 text-sm" data-testid="standup-key-legend">
      {rows
        .filter((row) => areSingleKeysOn || !row.isSingleKey)
        .map((row) => (
          <div key={row.action} className="contents">
            <dt className="whitespace-nowrap">{row.keys}</dt>
            <dd>{row.action}</dd>
          </div>
        ))}
    </dl>
  );
}
