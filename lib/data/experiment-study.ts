import 'server-only';
/**
 * What the board's own history says about its experiments: the study of one experiment (its measure before and
 * after the start, read against the baseline's natural process limits), the start and end markers the Flow page
 * draws, and the per-team counts of the flow overview. Team level only, like every flow figure: the history is
 * read without anyone's name.
 */
import { getDb, type Db } from '@/lib/db';
import { canPerform } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ExperimentMeasure, ExperimentStatus } from '@/lib/experiments/model';
import { BASELINE_DAYS, buildMeasureSeries, isWeeklyMeasure, studyExperiment, type ExperimentStudy, type MeasurePoint } from '@/lib/experiments/measures';
import { createZonedCalendar, formatDayNumber, getIsoWeek, type ChangeDetection, type ZonedCalendar } from '@/lib/flow';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import { authorizeBoardAction, teamsOpenToFilter } from './access';
import { loadBoardHistory } from './flow';

const DAY = 86_400_000;

export type StudyPoint = MeasurePoint & { readonly phase: 'before' | 'after'; readonly title: string };

export type ExperimentStudyView = {
  readonly measure: ExperimentMeasure;
  readonly isWeekly: boolean;
  readonly points: StudyPoint[];
  readonly detection: ChangeDetection;
  readonly afterMean: number | null;
  readonly isExpectedDirection: ExperimentStudy['isExpectedDirection'];
  /** The days the study covers, 'YYYY-MM-DD': from the baseline's first day to the end (or today). */
  readonly from: string;
  readonly to: string;
  /** Whether the study runs to the experiment's end (it ended) or to today (it runs). */
  readonly isFinal: boolean;
};

/**
 * The study of a started experiment: its measure from BASELINE_DAYS before the start up to its end (or now), the
 * points before the start being the baseline. Null for an experiment that has not started. Members and viewers;
 * NOT_FOUND for anyone else or for an experiment of another board.
 */
export async function getExperimentStudy(userId: string, boardId: string, experimentId: string, now: Date): Promise<ExperimentStudyView | null> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'experiment.read');
  const experiment = await db.experiment.findFirst({
    where: { id: experimentId, boardId },
    select: { measure: true, expectedDirection: true, startedAt: true, endedAt: true },
  });
  if (!experiment) throw new AppError('NOT_FOUND');
  if (experiment.startedAt === null) return null;
  return computeStudy(db, boardId, { ...experiment, startedAt: experiment.startedAt }, now);
}

async function computeStudy(
  db: Db,
  boardId: string,
  experiment: { measure: ExperimentMeasure; expectedDirection: 'UP' | 'DOWN'; startedAt: Date; endedAt: Date | null },
  now: Date,
): Promise<ExperimentStudyView> {
  const timeZone = DEFAULT_TIME_ZONE;
  const calendar = createZonedCalendar(timeZone);
  const from = new Date(calendar.getStartOfDay(calendar.getDayNumber(experiment.startedAt.getTime() - BASELINE_DAYS * DAY)));
  const end = experiment.endedAt ?? now;
  const to = new Date(calendar.getStartOfDay(calendar.getDayNumber(end.getTime())));
  // Whole history from the Monday of the baseline's first week: the weekly measures need whole weeks.
  const weekStart = new Date(calendar.getStartOfDay(getIsoWeek(calendar.getDayNumber(from.getTime())).mondayDayNumber));
  const history = await loadBoardHistory(db, boardId, now, weekStart);
  const series = buildMeasureSeries(experiment.measure, {
    stages: history.stages,
    transitions: history.transitions,
    blockedPeriods: history.blockedPeriods,
    arrivals: [...history.arrivals].map(([itemId, at]) => ({ itemId, at, demand: history.cards.get(itemId)?.demand ?? 'UNKNOWN' })),
    from,
    to,
    // An ended experiment is studied as the team saw it at its review: nothing after the end counts.
    now: end,
    timeZone,
    excludeWeekOf: experiment.startedAt,
  });
  const study = studyExperiment({ series, startedAt: experiment.startedAt, expectedDirection: experiment.expectedDirection });
  const start = experiment.startedAt.getTime();
  const isWeekly = isWeeklyMeasure(experiment.measure);
  return {
    measure: experiment.measure,
    isWeekly,
    points: series.map((point) => ({
      ...point,
      phase: point.at.getTime() < start ? 'before' : 'after',
      title: isWeekly ? point.key : (history.cards.get(point.key)?.title ?? ''),
    })),
    detection: study.detection,
    afterMean: study.afterMean,
    isExpectedDirection: study.isExpectedDirection,
    from: calendarDate(calendar, from),
    to: calendarDate(calendar, to),
    isFinal: experiment.endedAt !== null,
  };
}

function calendarDate(calendar: ZonedCalendar, instant: Date): string {
  return formatDayNumber(calendar.getDayNumber(instant.getTime()));
}

/** An experiment's start or end on the Flow page's charts. */
export type ExperimentMarker = {
  readonly experimentId: string;
  /** 1, 2, …: the experiment's number in the page's list (by start), used as the marker's short label. */
  readonly number: number;
  readonly change: string;
  readonly kind: 'start' | 'end';
  /** The instant and its calendar day, 'YYYY-MM-DD'. */
  readonly at: string;
  readonly date: string;
};

/**
 * Starts and ends of the board's experiments that fall on the days `from` … `to` ('YYYY-MM-DD'), oldest first,
 * numbered by start. The caller (the Flow page) has checked that the person may read the board's flow.
 */
export async function listExperimentMarkers(boardId: string, from: string, to: string): Promise<ExperimentMarker[]> {
  const calendar = createZonedCalendar(DEFAULT_TIME_ZONE);
  const rows = await getDb().experiment.findMany({
    where: { boardId, startedAt: { not: null } },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, change: true, startedAt: true, endedAt: true },
  });
  const markers: ExperimentMarker[] = [];
  let number = 0;
  for (const row of rows) {
    const events = [
      { kind: 'start' as const, at: row.startedAt as Date },
      ...(row.endedAt ? [{ kind: 'end' as const, at: row.endedAt }] : []),
    ].map((event) => ({ ...event, date: calendarDate(calendar, event.at) }));
    const shown = events.filter((event) => event.date >= from && event.date <= to);
    if (shown.length === 0) continue;
    number += 1;
    for (const event of shown) markers.push({ experimentId: row.id, number, change: row.change, kind: event.kind, at: event.at.toISOString(), date: event.date });
  }
  return markers.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Per team on the flow overview: how many experiments run now, and how many were reviewed in the period. */
export type TeamExperimentCounts = { readonly running: number; readonly reviewed: number };

/**
 * For each team the person may read the flow of: experiments running now on its boards, and experiments reviewed
 * (ended) between `from` and `to` (instants). Counts only, never outcomes: what a team decided is for the team to
 * learn from, not for comparing teams.
 */
export async function countExperimentsByTeam(userId: string, from: Date, to: Date): Promise<Map<string, TeamExperimentCounts>> {
  const db = getDb();
  const memberships = await db.membership.findMany({ where: { userId, ...(await teamsOpenToFilter(db, userId)) }, select: { teamId: true, role: true } });
  const teamIds = memberships.filter((membership) => canPerform(membership.role, 'experiment.read')).map((membership) => membership.teamId);
  const counts = new Map<string, TeamExperimentCounts>(teamIds.map((teamId) => [teamId, { running: 0, reviewed: 0 }]));
  if (teamIds.length === 0) return counts;
  const rows = await db.experiment.findMany({
    where: {
      board: { teamId: { in: teamIds } },
      OR: [{ status: 'RUNNING' satisfies ExperimentStatus }, { status: 'ENDED' satisfies ExperimentStatus, endedAt: { gte: from, lt: to } }],
    },
    select: { status: true, board: { select: { teamId: true } } },
  });
  for (const row of rows) {
    const entry = counts.get(row.board.teamId);
    if (!entry) continue;
    counts.set(row.board.teamId, row.status === 'RUNNING' ? { ...entry, running: entry.running + 1 } : { ...entry, reviewed: entry.reviewed + 1 });
  }
  return counts;
}
