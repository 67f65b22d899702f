import 'server-only';
/**
 * Flow metrics of a board, from its own card history, for the Flow page, its CSV export and the flow overview.
 *
 * Team level only, by construction: the history is read without actorId or any user field, so no figure here
 * can be broken down per person, not even by mistake. Everything returned is plain JSON-safe data (strings and
 * numbers; dates as 'YYYY-MM-DD' in the team's zone).
 *
 * How the history becomes lib/flow input:
 * - Stages are the board's current columns in position order, with their flow state.
 * - A card's transitions are its CREATED event (into toColumnId) and its MOVED events (into toColumnId).
 * - Removed columns: a transition into a removed column is mapped to a current column of the same flow state,
 *   the nearest one to its left (else to its right), because what the metrics need from a stage is whether it
 *   means "not started", "in progress" or "done". With no current column of that state the transition is
 *   dropped (lib/flow then ignores it; a CREATED event still dates the card's arrival).
 * - Archived cards are finished work and count like any other, EXCEPT cards archived before reaching a done
 *   column (abandoned work): lib/flow has no "left the system" transition, so they would stay in progress
 *   forever and distort WIP, ageing and forecasts. They are left out of the flow metrics, but still count as
 *   arrivals in the demand analysis, because demand is about what arrives.
 * - Blocked periods run from a BLOCKED event to the next UNBLOCKED event of the card (a repeated BLOCKED only
 *   changes the reason); one still open counts until now.
 */
import { getDb, type Db } from '@/lib/db';
import type { ClassOfService } from '@/lib/domain/lanes';
import { canPerform, type TeamRole } from '@/lib/domain/permissions';
import {
  buildCycleTimeSeries,
  buildWeeklyThroughputSeries,
  computeAgingWip,
  computeBlockedTime,
  computeDemandBreakdown,
  computeFlowByClass,
  computeFlowMetrics,
  computeServiceLevelExpectation,
  findLaneAt,
  computeXmR,
  addDaysToCalendarDate,
  createZonedCalendar,
  forecastHowMany,
  forecastWhen,
  formatDayNumber,
  getIsoWeek,
  type BlockedPeriod,
  type CalendarDate,
  type ClassFlowFigures,
  type CycleTimePercentiles,
  type DailyCount,
  type Demand,
  type DemandBreakdown,
  type DemandWeek,
  type FlowItem,
  type FlowStage,
  type FlowTransition,
  type HowManyForecast,
  type ItemBlockedTime,
  type LanePlacement,
  type StageState,
  type WhenForecast,
  type XmRChart,
  type ZonedCalendar,
} from '@/lib/flow';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import { authorizeBoardAction, teamsOpenToFilter } from './access';
import { loadLaneClassHistory, type LaneClassAt } from './flow-classes';

/** Forecast horizon of "how many items in the next … days". Two weeks is a common planning horizon. */
export const HOW_MANY_FORECAST_DAYS = 14;
/** Below this many finished items a percentile says more about chance than about the team's system. */
export const MIN_FINISHED_FOR_SLE = 5;
/** Weeks shown per board on the flow overview. */
export const OVERVIEW_WEEKS = 8;

export interface FlowStageView {
  readonly id: string;
  readonly name: string;
  readonly state: StageState;
}

/** One card as the export and tables show it: identified by its own id and title, never by a person. */
export interface FlowItemRow {
  readonly id: string;
  readonly title: string;
  readonly demand: Demand;
  /** The column the card is in (or ended in, when archived); null if its history names no current column. */
  readonly stageName: string | null;
  readonly createdDate: CalendarDate;
  readonly startedDate: CalendarDate | null;
  readonly doneDate: CalendarDate | null;
  /** Calendar days from start to done, both counted. */
  readonly cycleTimeDays: number | null;
  /** For work in progress: calendar days since start, today counted. */
  readonly ageDays: number | null;
  /** Total time blocked, days of 24 h. */
  readonly blockedDays: number;
  readonly isBlockedNow: boolean;
  readonly isArchived: boolean;
}

export interface FinishedItem {
  readonly id: string;
  readonly title: string;
  readonly startedDate: CalendarDate;
  readonly doneDate: CalendarDate;
  readonly cycleTimeDays: number;
  /** The class of the lane it was in when it finished (lib/flow/class-of-service.ts); null for unknown history. */
  readonly classOfService: ClassOfService | null;
}

export interface AgingItem {
  readonly id: string;
  readonly title: string;
  readonly stageId: string | null;
  readonly stageName: string | null;
  readonly startedDate: CalendarDate;
  readonly ageDays: number;
  readonly olderThanPercent: number | null;
  readonly isOlderThanP85: boolean;
  readonly isBlockedNow: boolean;
}

export interface WeekCount {
  /** ISO week, 'YYYY-Www'. */
  readonly week: string;
  readonly weekStart: CalendarDate;
  readonly count: number;
  /** The week containing today: still running, so its count is not comparable yet. */
  readonly isInProgress: boolean;
  /**
   * The period covers only part of this week (its first or last week, when the period does not start on a Monday
   * or end on a Sunday): the count is of those days only, so it is not comparable with a whole week's.
   */
  readonly isPartial: boolean;
}

/** A week of the demand analysis, counted over the period's days only (see WeekCount.isPartial). */
export interface DemandWeekView extends DemandWeek {
  readonly isPartial: boolean;
}

/** An XmR chart with what the page needs to name its points. */
export interface XmRView extends XmRChart {
  /** Per point: a title to show (week label or card title) and the date it belongs to. */
  readonly pointTitles: string[];
  readonly pointDates: CalendarDate[];
}

export interface BoardFlowData {
  readonly board: { readonly id: string; readonly name: string; readonly teamName: string };
  readonly range: {
    readonly from: CalendarDate;
    readonly to: CalendarDate;
    readonly today: CalendarDate;
    readonly timeZone: string;
    readonly dayCount: number;
    /** The requested period began before the board's history; `from` is the day the history starts. */
    readonly isClippedToHistory: boolean;
  };
  /** Current columns, left to right. */
  readonly stages: FlowStageView[];
  /** Per day of the range: for each stage (same order as `stages`) the number of items that had reached it. */
  readonly cfd: { readonly date: CalendarDate; readonly counts: number[] }[];
  readonly wip: DailyCount[];
  readonly dailyThroughput: DailyCount[];
  readonly weeklyThroughput: WeekCount[];
  /**
   * Arrivals: cards whose first entry to the board (their first recorded event) falls on a day of the period.
   * The one definition of "came in" on the page: the demand analysis counts exactly these cards.
   */
  readonly arrivedCount: number;
  /**
   * Of those, cards archived without being finished (abandoned): they arrived, so they count as arrivals and as
   * demand, but they are in no flow figure (see the file header), so the cumulative flow diagram leaves them out.
   */
  readonly abandonedArrivedCount: number;
  /** Items finished during the range, in order of completion. */
  readonly finished: FinishedItem[];
  readonly cycleTimePercentiles: CycleTimePercentiles | null;
  /**
   * Per class of service (issue 12), of the items finished in the range: throughput, share, cycle-time percentiles
   * and SLE (null with fewer than MIN_FINISHED_FOR_SLE of the class). `hasLanes`: the board has more than one lane.
   */
  readonly byClass: { readonly hasLanes: boolean; readonly classes: ClassFlowFigures[] };
  /** Derived from the range's finished items; null with fewer than MIN_FINISHED_FOR_SLE of them. */
  readonly serviceLevelExpectation: { readonly percentile: 85; readonly days: number; readonly basedOn: number } | null;
  /** Work in progress today, oldest first. */
  readonly agingWip: AgingItem[];
  readonly forecast: {
    /** Days of throughput history the simulations draw from (the range, without today's unfinished day). */
    readonly historyDays: number;
    readonly startDate: CalendarDate;
    readonly howMany: HowManyForecast | null;
    readonly wipNow: number;
    readonly when: WhenForecast | null;
  };
  readonly xmr: { readonly weeklyThroughput: XmRView; readonly cycleTime: XmRView };
  /** Arrivals by kind of demand, per ISO week, counting the period's days only: totals.total === arrivedCount. */
  readonly demand: Omit<DemandBreakdown, 'weeks'> & { readonly weeks: DemandWeekView[] };
  readonly blocked: { readonly finishedBlockedCount: number; readonly finishedBlockedDays: number };
  /**
   * Cards that were in play during the range (created by its end, not finished before its start); empty
   * unless asked for with `includeItems`.
   */
  readonly items: FlowItemRow[];
}

interface CardFacts {
  readonly title: string;
  readonly demand: Demand;
  readonly isArchived: boolean;
  /** Archived before reaching a done column: left out of the flow metrics (see the file header). */
  readonly isAbandoned: boolean;
}

/** A board's history in lib/flow's terms. */
export interface BoardHistory {
  readonly stages: FlowStage[];
  readonly cards: Map<string, CardFacts>;
  readonly transitions: FlowTransition[];
  /** First recorded instant of every card with history, abandoned ones included. */
  readonly arrivals: Map<string, Date>;
  readonly blockedPeriods: BlockedPeriod[];
  /** Per stage (same order as `stages`): settled cards that had reached it before the period. */
  readonly settledCounts: number[];
  /** Per card: the lanes it was placed in (its CREATED and MOVED events that name a lane). */
  readonly placements: Map<string, LanePlacement[]>;
  readonly laneClassAt: LaneClassAt;
  readonly currentLaneCount: number;
}

type EventRow = { c: string; t: string; s: string | null; l: string | null; ms: number };
type CardRow = { id: string; title: string; columnId: string; demand: string; archived: boolean };
type SettledRow = { columnId: string; count: number };
type ColumnRow = { id: string; name: string; position: number; flowState: StageState; deletedAt: Date | null };

/**
 * Reads a board's columns, cards and card history in lib/flow's terms.
 *
 * Speed (a large board has 10,000 cards and 100,000 events): raw queries with only the needed columns, times
 * as epoch milliseconds rather than Date objects, and "settled" cards counted in SQL instead of read. A
 * settled card is in a done column and has not moved since `settledBefore` (the start of the first week the
 * page shows; Card.lastMovedAt is stamped by every create and move, and is never earlier than the card's
 * last CREATED/MOVED event). Its whole history lies before the period, so all it adds to any figure is +1 to
 * every column of the cumulative flow up to its own, on every day shown: started and finished before the
 * first day, it is in no day's WIP, throughput or cycle times. On a board with a year of history and a
 * 12-week period most cards are settled, and their events stay in the database. Cards archived before
 * `settledBefore` without being done (abandoned, see the file header) are not read at all: they are in no
 * flow figure, and they arrived before the first week the demand analysis counts.
 * Pass `settledBefore: null` to read every card's full history.
 */
export async function loadBoardHistory(db: Db, boardId: string, now: Date, settledBefore: Date | null): Promise<BoardHistory> {
  const columns = (await db.column.findMany({
    where: { boardId },
    select: { id: true, name: true, position: true, flowState: true, deletedAt: true },
  })) as ColumnRow[];
  const current = columns.filter((column) => column.deletedAt === null).sort((a, b) => a.position - b.position);
  const stages: FlowStage[] = current.map((column, order) => ({ id: column.id, name: column.name, order, state: column.flowState }));
  const stageIdByColumnId = mapColumnsToStages(columns, current);
  const stateByColumnId = new Map(columns.map((column) => [column.id, column.flowState]));
  const stateOfStage = new Map(stages.map((stage) => [stage.id, stage.state]));
  // Columns whose cards count as done: done columns and removed columns mapped onto one.
  const doneColumnIds = settledBefore === null ? [] : columns.filter((column) => stateOfStage.get(stageIdByColumnId.get(column.id) ?? '') === 'DONE').map((column) => column.id);
  const cutoff = settledBefore ?? new Date(0);

  const [cardRows, settledRows, events, laneClasses] = await Promise.all([
    db.$queryRaw<CardRow[]>`
      SELECT "id", "title", "columnId", "demand"::text AS "demand", ("archivedAt" IS NOT NULL) AS "archived"
      FROM "Card"
      WHERE "boardId" = ${boardId}
        AND NOT ("columnId" = ANY(${doneColumnIds}::text[]) AND "lastMovedAt" < ${cutoff})
        AND NOT ("archivedAt" IS NOT NULL AND "archivedAt" < ${cutoff} AND "lastMovedAt" < ${cutoff})`,
    db.$queryRaw<SettledRow[]>`
      SELECT "columnId", count(*)::int AS "count"
      FROM "Card"
      WHERE "boardId" = ${boardId} AND "columnId" = ANY(${doneColumnIds}::text[]) AND "lastMovedAt" < ${cutoff}
      GROUP BY "columnId"`,
    // Everything since the cutoff (a range of the (boardId, at) index), plus the earlier events of the cards
    // still in play. Ordered by time, then id, so moves made within one millisecond keep the order they were
    // stored in. (NOT (x AND y) with a NULL archivedAt would be NULL, i.e. false: hence IS NOT NULL.)
    db.$queryRaw<EventRow[]>`
      SELECT "c", "t", "s", "l", "ms" FROM (
        SELECT e."cardId" AS "c", e."type"::text AS "t", e."toColumnId" AS "s", e."toLaneId" AS "l", (EXTRACT(EPOCH FROM e."at") * 1000)::float8 AS "ms", e."at", e."id"
        FROM "CardEvent" e
        WHERE e."boardId" = ${boardId} AND e."at" >= ${cutoff} AND e."at" <= ${now} AND e."type" IN ('CREATED', 'MOVED', 'BLOCKED', 'UNBLOCKED')
        UNION ALL
        SELECT x."cardId", x."type"::text, x."toColumnId", x."toLaneId", (EXTRACT(EPOCH FROM x."at") * 1000)::float8, x."at", x."id"
        FROM "Card" c CROSS JOIN LATERAL (
          SELECT y."cardId", y."type", y."toColumnId", y."toLaneId", y."at", y."id" FROM "CardEvent" y
          WHERE y."cardId" = c."id" AND y."at" < ${cutoff} AND y."at" <= ${now} AND y."type" IN ('CREATED', 'MOVED', 'BLOCKED', 'UNBLOCKED')
        ) x
        WHERE c."boardId" = ${boardId}
          AND NOT (c."columnId" = ANY(${doneColumnIds}::text[]) AND c."lastMovedAt" < ${cutoff})
          AND NOT (c."archivedAt" IS NOT NULL AND c."archivedAt" < ${cutoff} AND c."lastMovedAt" < ${cutoff})
      ) AS "history"
      ORDER BY "at", "id"`,
    loadLaneClassHistory(db, boardId),
  ]);

  const cards = new Map<string, CardFacts>();
  for (const row of cardRows) {
    const demand: Demand = row.demand === 'VALUE' || row.demand === 'FAILURE' ? row.demand : 'UNKNOWN';
    cards.set(row.id, {
      title: row.title,
      demand,
      isArchived: row.archived,
      isAbandoned: row.archived && stateByColumnId.get(row.columnId) !== 'DONE',
    });
  }

  // Settled cards reached every column up to their own (lib/flow's skipped-stage rule).
  const settledCounts = stages.map(() => 0);
  for (const row of settledRows) {
    const index = stages.findIndex((stage) => stage.id === stageIdByColumnId.get(row.columnId));
    for (let stage = 0; stage <= index; stage += 1) settledCounts[stage] = (settledCounts[stage] as number) + row.count;
  }

  const transitions: FlowTransition[] = [];
  const placements = new Map<string, LanePlacement[]>();
  const arrivals = new Map<string, Date>();
  const blockedPeriods: BlockedPeriod[] = [];
  const openBlocks = new Map<string, Date>();
  for (const event of events) {
    const card = cards.get(event.c);
    if (card === undefined) continue;
    const at = new Date(event.ms);
    if (event.t === 'BLOCKED') {
      if (!openBlocks.has(event.c)) openBlocks.set(event.c, at);
      continue;
    }
    if (event.t === 'UNBLOCKED') {
      const start = openBlocks.get(event.c);
      if (start !== undefined) {
        blockedPeriods.push({ itemId: event.c, start, end: at });
        openBlocks.delete(event.c);
      }
      continue;
    }
    if (!arrivals.has(event.c)) arrivals.set(event.c, at);
    if (card.isAbandoned) continue;
    if (event.l !== null) {
      const list = placements.get(event.c);
      if (list) list.push({ at, laneId: event.l });
      else placements.set(event.c, [{ at, laneId: event.l }]);
    }
    const stageId = event.s === null ? undefined : stageIdByColumnId.get(event.s);
    if (stageId !== undefined) {
      transitions.push({ itemId: event.c, toStageId: stageId, at });
    } else if (event.t === 'CREATED') {
      // An unknown stage still dates the card's creation (lib/flow keeps it as the first transition).
      transitions.push({ itemId: event.c, toStageId: '', at });
    }
  }
  for (const [itemId, start] of openBlocks) blockedPeriods.push({ itemId, start, end: null });
  return { stages, cards, transitions, arrivals, blockedPeriods, settledCounts, placements, laneClassAt: laneClasses.classAt, currentLaneCount: laneClasses.currentLaneCount };
}

/** Current columns map to themselves; removed ones to the nearest current column of the same flow state. */
function mapColumnsToStages(all: readonly ColumnRow[], current: readonly ColumnRow[]): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const column of current) mapping.set(column.id, column.id);
  for (const column of all) {
    if (column.deletedAt === null) continue;
    const sameState = current.filter((candidate) => candidate.flowState === column.flowState);
    const left = sameState.filter((candidate) => candidate.position <= column.position).at(-1);
    const target = left ?? sameState.find((candidate) => candidate.position > column.position);
    if (target !== undefined) mapping.set(column.id, target.id);
  }
  return mapping;
}

interface RangeInput {
  readonly from: Date;
  readonly to: Date;
  readonly now: Date;
  readonly timeZone?: string;
  /** Fill `items` (one row per card in play). Only the CSV export needs them; the page does not, and skips the work. */
  readonly includeItems?: boolean;
}

/**
 * Everything the Flow page shows for `boardId` over the calendar days containing `from` … `to`. Members and
 * viewers of the board's team only (NOT_FOUND for anyone else, as for the board itself).
 */
export async function getBoardFlowData(userId: string, boardId: string, range: RangeInput): Promise<BoardFlowData> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'flow.read');
  const [board, historyStart, history] = await Promise.all([
    db.board.findUniqueOrThrow({ where: { id: boardId }, select: { id: true, name: true, team: { select: { name: true } } } }),
    getHistoryStart(db, boardId),
    loadBoardHistory(db, boardId, range.now, getStartOfFirstWeek(range)),
  ]);
  const from = clipToHistoryStart(range, historyStart);
  return computeBoardFlowData({ id: board.id, name: board.name, teamName: board.team.name }, history, { ...range, from }, from !== range.from);
}

/** When the board's history begins: its creation, or its earliest card event if that is older (imported history). */
async function getHistoryStart(db: Db, boardId: string): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ first: Date | null }[]>`
    SELECT LEAST(
      (SELECT "createdAt" FROM "Board" WHERE "id" = ${boardId}),
      (SELECT min("at") FROM "CardEvent" WHERE "boardId" = ${boardId})
    ) AS "first"`;
  return row?.first ?? null;
}

/**
 * Starts the period no earlier than the day the board's history starts. Days before the board existed are not
 * days on which the team finished nothing: counted as zeros they would drag down the median and the forecast
 * and make a steady system look like it had changed. A period that ends before the history starts is kept.
 */
function clipToHistoryStart(range: RangeInput, historyStart: Date | null): Date {
  if (historyStart === null) return range.from;
  // By calendar day: `to` is an instant on the last day (its start), not the end of the period.
  const calendar = createZonedCalendar(range.timeZone ?? DEFAULT_TIME_ZONE);
  const startDay = calendar.getDayNumber(historyStart.getTime());
  const fromDay = calendar.getDayNumber(range.from.getTime());
  const toDay = calendar.getDayNumber(range.to.getTime());
  return startDay > fromDay && startDay <= toDay ? new Date(calendar.getStartOfDay(startDay)) : range.from;
}

/**
 * The start of the ISO week containing `from`: weekly figures count whole weeks, so history from there on
 * must be read in full.
 */
function getStartOfFirstWeek(range: RangeInput): Date {
  const calendar = createZonedCalendar(range.timeZone ?? DEFAULT_TIME_ZONE);
  return new Date(calendar.getStartOfDay(getIsoWeek(calendar.getDayNumber(range.from.getTime())).mondayDayNumber));
}

function computeBoardFlowData(board: BoardFlowData['board'], history: BoardHistory, input: RangeInput, isClipped: boolean): BoardFlowData {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const { from, to, now } = input;
  const calendar = createZonedCalendar(timeZone);
  const formatDay = createDayFormatter();
  const toDate = (date: Date) => formatDay(calendar.getDayNumber(date.getTime()));
  const fromDay = calendar.getDayNumber(from.getTime());
  const toDay = calendar.getDayNumber(to.getTime());
  const today = calendar.getDayNumber(now.getTime());

  const metrics = computeFlowMetrics({ stages: history.stages, transitions: history.transitions, from, to, now, timeZone });
  const stageNameById = new Map(history.stages.map((stage) => [stage.id, stage.name]));
  const blockedById = new Map<string, ItemBlockedTime>(
    computeBlockedTime({ blockedPeriods: history.blockedPeriods, now }).map((entry) => [entry.itemId, entry]),
  );
  const titleOf = (id: string) => history.cards.get(id)?.title ?? '';

  const finishedItems = metrics.items.filter((item) => isDoneWithin(item, calendar, fromDay, toDay));
  const finishedCycleTimes = finishedItems.map((item) => item.cycleTimeCalendarDays as number);
  // A card's class: its lane's when it finished (lib/flow/class-of-service.ts).
  const classOf = (item: FlowItem): ClassOfService | null => {
    const laneId = findLaneAt(history.placements.get(item.id) ?? [], item.doneAt as Date);
    return laneId === null ? null : history.laneClassAt(laneId, item.doneAt as Date);
  };
  const finished: FinishedItem[] = finishedItems
    .map((item) => ({
      id: item.id,
      title: titleOf(item.id),
      startedDate: toDate(item.startedAt as Date),
      doneDate: toDate(item.doneAt as Date),
      cycleTimeDays: item.cycleTimeCalendarDays as number,
      classOfService: classOf(item),
      doneTime: (item.doneAt as Date).getTime(),
    }))
    .sort((a, b) => a.doneTime - b.doneTime || (a.id < b.id ? -1 : 1))
    .map(({ doneTime: _doneTime, ...item }) => item);

  const sleValue = finishedCycleTimes.length >= MIN_FINISHED_FOR_SLE ? computeServiceLevelExpectation(finishedCycleTimes) : null;

  const agingWip: AgingItem[] = computeAgingWip(metrics.items, { historicalCycleTimesCalendarDays: finishedCycleTimes }).map((item) => ({
    id: item.id,
    title: titleOf(item.id),
    stageId: item.currentStageId,
    stageName: item.currentStageId === null ? null : stageNameById.get(item.currentStageId) ?? null,
    startedDate: toDate(item.startedAt),
    ageDays: item.ageCalendarDays,
    olderThanPercent: item.olderThanPercent,
    isOlderThanP85: item.isOlderThanP85,
    isBlockedNow: blockedById.get(item.id)?.isBlocked ?? false,
  }));

  const period = { from: formatDayNumber(fromDay), to: formatDayNumber(toDay) };
  // Only items finished within the period: the weeks add up to the period's finished count.
  const weekly = buildWeeklyThroughputSeries({ items: finishedItems, from, to, timeZone });
  const currentMonday = getIsoWeek(today).mondayDayNumber;
  const weeklyThroughput: WeekCount[] = weekly.labels.map((week, index) => ({
    week,
    weekStart: weekly.weekStarts[index] as CalendarDate,
    count: weekly.values[index] as number,
    isInProgress: (weekly.weekStarts[index] as CalendarDate) >= formatDay(currentMonday),
    isPartial: isPartialWeek(weekly.weekStarts[index] as CalendarDate, period),
  }));
  // The running week and weeks the period only partly covers would read as dips (false signals), so the process
  // behaviour chart leaves them out.
  const completeWeeks = weeklyThroughput.filter((week) => !week.isInProgress && !week.isPartial);
  const throughputXmR = computeXmR(
    completeWeeks.map((week) => week.count),
    completeWeeks.map((week) => week.week),
  );
  const cycleSeries = buildCycleTimeSeries(finishedItems);
  const cycleXmR = computeXmR(cycleSeries.values, cycleSeries.labels);
  const doneDateById = new Map(finished.map((item) => [item.id, item.doneDate]));

  // Today is not over, so its throughput would bias the simulation towards zero.
  const startDate = formatDay(today);
  const pastDays = metrics.throughput.filter((day) => day.date < startDate);
  const dailyHistory = (pastDays.length > 0 ? pastDays : metrics.throughput).map((day) => day.count);
  const wipNow = agingWip.length;

  // Arrivals: one definition for every "came in" on the page (see BoardFlowData.arrivedCount).
  const arrivals: { createdAt: Date; demand: Demand }[] = [];
  let abandonedArrivedCount = 0;
  for (const [id, createdAt] of history.arrivals) {
    const day = calendar.getDayNumber(createdAt.getTime());
    if (day < fromDay || day > toDay) continue;
    const card = history.cards.get(id);
    arrivals.push({ createdAt, demand: card?.demand ?? 'UNKNOWN' });
    if (card?.isAbandoned === true) abandonedArrivedCount += 1;
  }
  const demandBreakdown = computeDemandBreakdown({ items: arrivals, from, to, timeZone });
  const demand = {
    ...demandBreakdown,
    weeks: demandBreakdown.weeks.map((week: DemandWeek): DemandWeekView => ({ ...week, isPartial: isPartialWeek(week.weekStart, period) })),
  };

  let finishedBlockedCount = 0;
  let finishedBlockedDays = 0;
  for (const item of finished) {
    const blocked = blockedById.get(item.id);
    if (blocked === undefined || blocked.blockedDays <= 0) continue;
    finishedBlockedCount += 1;
    finishedBlockedDays += blocked.blockedDays;
  }

  const items: FlowItemRow[] = [];
  for (const item of input.includeItems === true ? metrics.items : []) {
    const createdDay = calendar.getDayNumber(item.createdAt.getTime());
    const doneDay = item.doneAt === null ? null : calendar.getDayNumber(item.doneAt.getTime());
    if (createdDay > toDay || (doneDay !== null && doneDay < fromDay)) continue;
    const card = history.cards.get(item.id);
    const blocked = blockedById.get(item.id);
    items.push({
      id: item.id,
      title: card?.title ?? '',
      demand: card?.demand ?? 'UNKNOWN',
      stageName: item.currentStageId === null ? null : stageNameById.get(item.currentStageId) ?? null,
      createdDate: formatDay(createdDay),
      startedDate: item.startedAt === null ? null : toDate(item.startedAt),
      doneDate: doneDay === null ? null : formatDay(doneDay),
      cycleTimeDays: item.cycleTimeCalendarDays,
      ageDays: item.ageCalendarDays,
      blockedDays: blocked?.blockedDays ?? 0,
      isBlockedNow: blocked?.isBlocked ?? false,
      isArchived: card?.isArchived ?? false,
    });
  }

  return {
    board,
    range: { from: formatDayNumber(fromDay), to: formatDayNumber(toDay), today: startDate, timeZone, dayCount: metrics.days.length, isClippedToHistory: isClipped },
    stages: history.stages.map((stage) => ({ id: stage.id, name: stage.name, state: stage.state })),
    cfd: metrics.cfd.map((day) => ({
      date: day.date,
      counts: history.stages.map((stage, index) => (day.counts[stage.id] ?? 0) + (history.settledCounts[index] as number)),
    })),
    wip: metrics.wip,
    dailyThroughput: metrics.throughput,
    weeklyThroughput,
    arrivedCount: arrivals.length,
    abandonedArrivedCount,
    finished,
    cycleTimePercentiles: metrics.cycleTimePercentiles,
    byClass: {
      hasLanes: history.currentLaneCount > 1,
      // Cards finished before lanes existed have no lane in their history: they were standard work.
      classes: computeFlowByClass(
        finished.map((item) => ({ classOfService: item.classOfService ?? 'STANDARD', cycleTimeCalendarDays: item.cycleTimeDays })),
        MIN_FINISHED_FOR_SLE,
      ),
    },
    serviceLevelExpectation: sleValue === null ? null : { percentile: 85, days: sleValue.days, basedOn: finishedCycleTimes.length },
    agingWip,
    forecast: {
      historyDays: dailyHistory.length,
      startDate,
      howMany: forecastHowMany({ dailyThroughput: dailyHistory, days: HOW_MANY_FORECAST_DAYS }),
      wipNow,
      when: wipNow > 0 ? forecastWhen({ dailyThroughput: dailyHistory, itemCount: wipNow, startDate, timeZone }) : null,
    },
    xmr: {
      weeklyThroughput: {
        ...throughputXmR,
        pointTitles: completeWeeks.map((week) => week.week),
        pointDates: completeWeeks.map((week) => week.weekStart),
      },
      cycleTime: {
        ...cycleXmR,
        pointTitles: cycleSeries.labels.map(titleOf),
        pointDates: cycleSeries.labels.map((id) => doneDateById.get(id) ?? ''),
      },
    },
    demand,
    blocked: { finishedBlockedCount, finishedBlockedDays },
    items,
  };
}

/** Whether the period `range` covers only part of the ISO week that starts on `weekStart`. */
export function isPartialWeek(weekStart: CalendarDate, range: { readonly from: CalendarDate; readonly to: CalendarDate }): boolean {
  return weekStart < range.from || addDaysToCalendarDate(weekStart, 6) > range.to;
}

/** formatDayNumber with a memo: a board's items fall on a few hundred distinct days, formatted thousands of times. */
function createDayFormatter(): (dayNumber: number) => CalendarDate {
  const cache = new Map<number, CalendarDate>();
  return (dayNumber) => {
    let text = cache.get(dayNumber);
    if (text === undefined) {
      text = formatDayNumber(dayNumber);
      cache.set(dayNumber, text);
    }
    return text;
  };
}

/** Finished on a calendar day within the range. */
function isDoneWithin(item: FlowItem, calendar: ZonedCalendar, fromDay: number, toDay: number): boolean {
  if (item.doneAt === null || item.cycleTimeCalendarDays === null) return false;
  const doneDay = calendar.getDayNumber(item.doneAt.getTime());
  return doneDay >= fromDay && doneDay <= toDay;
}

/** One board's figures on the flow overview. */
export interface BoardFlowSummary {
  /** When the team archived the board, or null; archived boards are in the overview only when asked for. */
  readonly archivedAt: string | null;
  readonly boardId: string;
  readonly boardName: string;
  /** Items in progress now (started, not done). */
  readonly wipNow: number;
  /** Items finished per week over the last OVERVIEW_WEEKS complete weeks (fewer for a younger board), oldest first. */
  readonly weeklyThroughput: WeekCount[];
  readonly finishedCount: number;
  /** 85th percentile of those weeks' cycle times (calendar days); null with fewer than MIN_FINISHED_FOR_SLE items. */
  readonly cycleTimeP85: number | null;
  /** Points with an XmR signal: weekly throughput plus the cycle times of the items finished in those weeks. */
  readonly throughputSignalCount: number;
  readonly cycleTimeSignalCount: number;
  readonly arrivedCount: number;
  /** Share (0–1) of those weeks' arrivals that were failure demand; null when nothing arrived. */
  readonly failureDemandShare: number | null;
  readonly unknownDemandShare: number | null;
  /**
   * On a board with lanes: the share (0–1) of those weeks' finished items that were expedite (the class of the
   * lane each finished in); null on a board with one lane or with nothing finished. A rising share says the
   * urgent is crowding out the planned.
   */
  readonly expediteShare: number | null;
}

export interface TeamFlowSummary {
  readonly teamId: string;
  readonly teamName: string;
  readonly role: TeamRole;
  readonly boards: BoardFlowSummary[];
}

export interface FlowOverview {
  /** The complete weeks summarised: Monday of the first, Sunday of the last. */
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly teams: TeamFlowSummary[];
}

/**
 * The flow overview: for every team the user is a member or viewer of, each board's WIP now and the last
 * OVERVIEW_WEEKS complete weeks. Read-only figures; there is deliberately nothing here to compare against a goal.
 * It lists the teams' working boards; archived boards only with `includeArchived` ("Visa arkiverade").
 */
export async function getFlowOverview(userId: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE, options: { includeArchived?: boolean } = {}): Promise<FlowOverview> {
  const db = getDb();
  const memberships = await db.membership.findMany({
    // Teams that require two-factor sign-in the person lacks are left out (lib/data/access.ts).
    where: { userId, ...(await teamsOpenToFilter(db, userId)) },
    select: {
      role: true,
      team: {
        select: {
          id: true,
          name: true,
          boards: { where: options.includeArchived ? {} : { archivedAt: null }, select: { id: true, name: true, archivedAt: true }, orderBy: { name: 'asc' } },
        },
      },
    },
    orderBy: { team: { name: 'asc' } },
  });
  const calendar = createZonedCalendar(timeZone);
  const currentMonday = getIsoWeek(calendar.getDayNumber(now.getTime())).mondayDayNumber;
  const firstDay = currentMonday - OVERVIEW_WEEKS * 7;
  const lastDay = currentMonday - 1;
  const from = new Date(calendar.getStartOfDay(firstDay));
  const to = new Date(calendar.getStartOfDay(lastDay));

  const teams: TeamFlowSummary[] = [];
  for (const { role, team } of memberships) {
    if (!canPerform(role, 'flow.read')) continue;
    // One board at a time: an overview of many teams must not open a burst of parallel heavy queries.
    const boards: BoardFlowSummary[] = [];
    for (const board of team.boards) {
      const [history, historyStart] = await Promise.all([loadBoardHistory(db, board.id, now, from), getHistoryStart(db, board.id)]);
      // Whole weeks from the week the board's history starts, if that is later (see clipToHistoryStart).
      const clipped = clipToHistoryStart({ from, to, now, timeZone }, historyStart);
      const boardFrom = clipped === from ? from : new Date(calendar.getStartOfDay(getIsoWeek(calendar.getDayNumber(clipped.getTime())).mondayDayNumber));
      boards.push(summariseBoardFlow(board, history, { from: boardFrom, to, now, timeZone }, calendar));
    }
    teams.push({ teamId: team.id, teamName: team.name, role, boards });
  }
  return { from: formatDayNumber(firstDay), to: formatDayNumber(lastDay), teams };
}

function summariseBoardFlow(
  board: { id: string; name: string; archivedAt: Date | null },
  history: BoardHistory,
  range: RangeInput & { timeZone: string },
  calendar: ZonedCalendar,
): BoardFlowSummary {
  const { from, to, timeZone } = range;
  const metrics = computeFlowMetrics({ stages: history.stages, transitions: history.transitions, ...range });
  const fromDay = calendar.getDayNumber(from.getTime());
  const toDay = calendar.getDayNumber(to.getTime());
  const finishedItems = metrics.items.filter((item) => isDoneWithin(item, calendar, fromDay, toDay));
  const cycleTimes = finishedItems.map((item) => item.cycleTimeCalendarDays as number);
  const weekly = buildWeeklyThroughputSeries({ items: metrics.items, from, to, timeZone });
  const cycleSeries = buildCycleTimeSeries(finishedItems);
  const demand = computeDemandBreakdown({
    items: [...history.arrivals].map(([id, createdAt]) => ({ createdAt, demand: history.cards.get(id)?.demand ?? 'UNKNOWN' })),
    from,
    to,
    timeZone,
  });
  return {
    boardId: board.id,
    boardName: board.name,
    archivedAt: board.archivedAt?.toISOString() ?? null,
    wipNow: metrics.items.filter((item) => item.startedAt !== null && item.doneAt === null).length,
    weeklyThroughput: weekly.labels.map((week, index) => ({
      week,
      weekStart: weekly.weekStarts[index] as CalendarDate,
      count: weekly.values[index] as number,
      isInProgress: false,
      // The overview counts whole weeks (from the week the board's history starts).
      isPartial: false,
    })),
    finishedCount: cycleTimes.length,
    expediteShare: history.currentLaneCount > 1 && finishedItems.length > 0 ? countExpedite(finishedItems, history) / finishedItems.length : null,
    cycleTimeP85: cycleTimes.length >= MIN_FINISHED_FOR_SLE ? (computeServiceLevelExpectation(cycleTimes)?.days ?? null) : null,
    throughputSignalCount: countSignals(computeXmR(weekly.values)),
    cycleTimeSignalCount: countSignals(computeXmR(cycleSeries.values)),
    arrivedCount: demand.totals.total,
    failureDemandShare: demand.totals.failureShare,
    unknownDemandShare: demand.totals.unknownShare,
  };
}

/** Points flagged by any of the XmR rules (each point once). */
/** How many of the finished items were finished in a lane that was expedite at the time (lib/flow/class-of-service.ts). */
function countExpedite(items: readonly FlowItem[], history: BoardHistory): number {
  return items.filter((item) => {
    const laneId = findLaneAt(history.placements.get(item.id) ?? [], item.doneAt as Date);
    return laneId !== null && history.laneClassAt(laneId, item.doneAt as Date) === 'EXPEDITE';
  }).length;
}

export function countSignals(chart: XmRChart): number {
  return chart.points.filter((point) => point.isOutsideLimits || point.isMovingRangeAboveLimit || point.isInLongRun).length;
}
