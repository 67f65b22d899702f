/**
 * The order in which a standup walks the board, as a pure function of the board (no clock: `now` is passed in).
 *
 * A Kanban standup walks the work, not the people: right to left, so the work closest to done is talked about
 * first ("what does it take to finish this?") and pulling new work comes last. Within a column, blocked work
 * comes first because it needs the team's help most, longest blocked first; then the oldest work, because age
 * is the earliest warning that something is stuck.
 *
 * Done columns are skipped by default. Work that is already delivered needs no discussion, and the
 * "since last standup" summary already lists what was finished. A team that wants to look at its deliveries
 * can include them (`includeDoneColumns`): they then come first, as the rightmost columns, but only with the
 * cards finished since `finishedSince` (the last standup), because a done column holds every finished card
 * until it is archived and walking weeks of finished work would drown the standup.
 *
 * On a board with lanes (issue 12) the walk goes lane by lane in the board's drawing order: the expedite lane
 * first, right to left, because its work is the most urgent; then each other lane, right to left. A stop is then
 * one column of one lane; a column's WIP count (and "over limit") is still the column's across all lanes.
 */
import { getAgeInCalendarDays, getElapsedDays } from '@/lib/board/age';
import type { FlowState } from '@/lib/domain/flow-states';
import { countLaneWip, orderLanesForDisplay, type ClassOfService } from '@/lib/domain/lanes';
import { isOverWipLimit } from '@/lib/domain/wip';

export type WalkColumn = { id: string; flowState: FlowState; wipLimit: number | null };
export type WalkLane = { id: string; position: number; classOfService: ClassOfService; wipLimit: number | null };

/** The card fields the walk needs; instants as ISO strings (the board's view format) or Dates. */
export type WalkCard = {
  id: string;
  columnId: string;
  /** The card's lane (needed only on a board with more than one lane). */
  laneId?: string;
  blockedAt: string | Date | null;
  startedAt: string | Date | null;
  createdAt: string | Date;
  doneAt: string | Date | null;
  lastMovedAt: string | Date;
};

export type StandupWalkCard<C extends WalkCard> = {
  card: C;
  /**
   * Calendar days since the card was started (the start day counts as 1): to `now` for open work, to its
   * finish for done work (its cycle time). Null while not started.
   */
  ageDays: number | null;
  /** Whole days since it last changed column (0 on the day it moved). */
  daysSinceMove: number;
  /** Whole days it has been blocked (0 on the first day); null when not blocked. */
  blockedDays: number | null;
  /** Its age is above the team's 85th-percentile cycle time; always false without flow metrics. */
  exceedsCycleTime: boolean;
};

export type StandupWalkColumn<Col extends WalkColumn, C extends WalkCard, L extends WalkLane = WalkLane> = {
  column: Col;
  /** On a board with lanes: the lane this stop is in (the stop shows only its cards). */
  lane?: L;
  /** The cards to talk about, in walk order. For a done column only the recently finished ones. */
  cards: StandupWalkCard<C>[];
  /** Every open card in the column, shown or not: what the WIP limit counts. */
  cardCount: number;
  isOverLimit: boolean;
};

export type BuildStandupWalkInput<Col extends WalkColumn, C extends WalkCard, L extends WalkLane = WalkLane> = {
  /** The board's columns in board order (left to right). */
  columns: readonly Col[];
  /** The board's open cards; cards of unknown columns are ignored. */
  cards: readonly C[];
  /** The board's lanes; with more than one the walk goes lane by lane (expedite first). */
  lanes?: readonly L[];
  now: Date;
  cycleTimeP85Days: number | null;
  includeDoneColumns?: boolean;
  /** With done columns included: show only cards finished at or after this instant (all when null). */
  finishedSince?: Date | null;
  timeZone?: string;
};

function toTime(value: string | Date): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** Blocked first (longest blocked first), then oldest (started, else created), then id so every client agrees. */
export function compareWalkCards(a: WalkCard, b: WalkCard): number {
  if ((a.blockedAt === null) !== (b.blockedAt === null)) return a.blockedAt !== null ? -1 : 1;
  if (a.blockedAt !== null && b.blockedAt !== null) {
    const blocked = toTime(a.blockedAt) - toTime(b.blockedAt);
    if (blocked !== 0) return blocked;
  }
  const age = toTime(a.startedAt ?? a.createdAt) - toTime(b.startedAt ?? b.createdAt);
  if (age !== 0) return age;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function describeWalkCard<C extends WalkCard>(
  card: C,
  column: WalkColumn,
  now: Date,
  cycleTimeP85Days: number | null,
  timeZone: string,
): StandupWalkCard<C> {
  // A card in a not-started column may still carry a start from a move back; it is not in progress any more.
  const isStarted = card.startedAt !== null && column.flowState !== 'NOT_STARTED';
  const ageEnd = column.flowState === 'DONE' && card.doneAt !== null ? toDate(card.doneAt) : now;
  const ageDays = isStarted && card.startedAt !== null ? getAgeInCalendarDays(toDate(card.startedAt), ageEnd, timeZone) : null;
  return {
    card,
    ageDays,
    daysSinceMove: getElapsedDays(toDate(card.lastMovedAt), now),
    blockedDays: card.blockedAt !== null ? getElapsedDays(toDate(card.blockedAt), now) : null,
    exceedsCycleTime: ageDays !== null && cycleTimeP85Days !== null && ageDays > cycleTimeP85Days,
  };
}

/** The standup walk: columns right to left, each with its cards in talking order (see the module comment). */
export function buildStandupWalk<Col extends WalkColumn, C extends WalkCard, L extends WalkLane = WalkLane>(
  input: BuildStandupWalkInput<Col, C, L>,
): StandupWalkColumn<Col, C, L>[] {
  const { columns, cards, now, cycleTimeP85Days, includeDoneColumns = false, finishedSince = null, timeZone = 'Europe/Stockholm' } = input;
  const cardsByColumn = new Map<string, C[]>(columns.map((column) => [column.id, []]));
  for (const card of cards) cardsByColumn.get(card.columnId)?.push(card);
  const lanes: (L | undefined)[] = input.lanes && input.lanes.length > 1 ? orderLanesForDisplay(input.lanes) : [undefined];

  const walk: StandupWalkColumn<Col, C, L>[] = [];
  for (const lane of lanes) {
    for (const column of [...columns].reverse()) {
      const isDone = column.flowState === 'DONE';
      if (isDone && !includeDoneColumns) continue;
      const all = cardsByColumn.get(column.id) ?? [];
      const inLane = lane ? all.filter((card) => card.laneId === lane.id) : all;
      const shown = isDone && finishedSince !== null
        ? inLane.filter((card) => card.doneAt !== null && toTime(card.doneAt) >= finishedSince.getTime())
        : inLane;
      walk.push({
        column,
        ...(lane ? { lane } : {}),
        cards: [...shown].sort(compareWalkCards).map((card) => describeWalkCard(card, column, now, cycleTimeP85Days, timeZone)),
        cardCount: all.length,
        isOverLimit: isOverWipLimit(all.length, column.wipLimit),
      });
    }
  }
  return walk;
}

export type OverLimitLane<L extends WalkLane> = { lane: L; count: number; limit: number };

/**
 * Lanes holding more in-progress cards than their own limit, in drawing order (expedite first), for the same
 * callout as the columns: a lane's limit counts its cards in in-progress columns (lib/domain/lanes.ts).
 */
export function findOverLimitLanes<L extends WalkLane>(
  lanes: readonly L[],
  columns: readonly WalkColumn[],
  cards: readonly { columnId: string; laneId?: string }[],
): OverLimitLane<L>[] {
  const flowStates = new Map(columns.map((column) => [column.id, column.flowState]));
  const placed = cards.filter((card): card is { columnId: string; laneId: string } => card.laneId !== undefined);
  const over: OverLimitLane<L>[] = [];
  for (const lane of orderLanesForDisplay(lanes)) {
    const count = countLaneWip(placed, lane.id, (columnId) => flowStates.get(columnId));
    if (lane.wipLimit !== null && isOverWipLimit(count, lane.wipLimit)) over.push({ lane, count, limit: lane.wipLimit });
  }
  return over;
}

export type OverLimitColumn<Col extends WalkColumn> = { column: Col; count: number; limit: number };

/**
 * Columns holding more cards than their WIP limit, in walk order (right to left), for the callout at the start
 * ("Utreds: 5 of 4"): the standup talks about the system's load before anyone's work. Done columns count too.
 */
export function findOverLimitColumns<Col extends WalkColumn>(
  columns: readonly Col[],
  cards: readonly Pick<WalkCard, 'columnId'>[],
): OverLimitColumn<Col>[] {
  const counts = new Map<string, number>();
  for (const card of cards) counts.set(card.columnId, (counts.get(card.columnId) ?? 0) + 1);
  const over: OverLimitColumn<Col>[] = [];
  for (const column of [...columns].reverse()) {
    const count = counts.get(column.id) ?? 0;
    if (column.wipLimit !== null && isOverWipLimit(count, column.wipLimit)) over.push({ column, count, limit: column.wipLimit });
  }
  return over;
}

/** A position in the walk: one card in one column, flattened for next/previous navigation. */
export type WalkStop<C extends WalkCard> = { columnIndex: number; item: StandupWalkCard<C> };

/** Every card of the walk in talking order, with the index of its column in the walk. */
export function flattenStandupWalk<Col extends WalkColumn, C extends WalkCard>(walk: readonly StandupWalkColumn<Col, C>[]): WalkStop<C>[] {
  return walk.flatMap((column, columnIndex) => column.cards.map((item) => ({ columnIndex, item })));
}

/**
 * Where the walk stands after a change: on the same card if it is still in the walk, else at the same index
 * (the card that slid into its place), clamped to the walk. -1 for an empty walk.
 */
export function resolveWalkIndex(stops: readonly WalkStop<WalkCard>[], cardId: string | null, fallbackIndex: number): number {
  if (stops.length === 0) return -1;
  const found = cardId === null ? -1 : stops.findIndex((stop) => stop.item.card.id === cardId);
  if (found !== -1) return found;
  return Math.min(Math.max(fallbackIndex, 0), stops.length - 1);
}

/**
 * The first card of the next column that has cards after the one at `index`; stays put at the last column.
 * With `direction` -1, the first card of the previous column with cards (or of this column when past its first).
 */
export function findColumnStart(stops: readonly WalkStop<WalkCard>[], index: number, direction: 1 | -1): number {
  const current = stops[index];
  if (!current) return index;
  if (direction === 1) {
    const next = stops.findIndex((stop, i) => i > index && stop.columnIndex !== current.columnIndex);
    return next === -1 ? index : next;
  }
  const columnStart = stops.findIndex((stop) => stop.columnIndex === current.columnIndex);
  if (columnStart < index) return columnStart;
  const previous = stops[index - 1];
  if (!previous) return index;
  return stops.findIndex((stop) => stop.columnIndex === previous.columnIndex);
}
