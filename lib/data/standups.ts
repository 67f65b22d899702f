import 'server-only';
import type { BoardView } from '@/lib/board/types';
import { getDb, type Db, type Tx } from '@/lib/db';
import { canPerform } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import { getPreviousWorkingDayStart, summarizeChangesSince, type ChangesSince } from '@/lib/standup/changes-since';
import { authorizeBoardAction } from './access';
import { getBoardForUser } from './boards';

type Actor = { id: string; name: string };

/** A standup as recorded: when it started and ended, nothing about who spoke or attended. */
export type StandupView = { id: string; startedAt: string; endedAt: string | null };

export type StandupChangeCard = { id: string; title: string };

export type StandupData = {
  board: BoardView;
  /** The standup under way on this board, if any: starting one then joins it. */
  current: StandupView | null;
  /** When the previous standup started; null when the board has none (the summary then covers the last working day). */
  previousStartedAt: string | null;
  /** The window the summary covers. It ends when the current standup began, so everyone who joins sees the same. */
  since: string;
  until: string;
  changes: Record<keyof ChangesSince, StandupChangeCard[]>;
  canRun: boolean;
};

/**
 * An unended standup older than this is one somebody forgot to end (a closed laptop), not one to join: a new day's
 * standup starts fresh. Its row is left as it is rather than given an invented end time.
 */
const JOINABLE_FOR_MS = 2 * 60 * 60 * 1000;

const STANDUP_SELECT = { id: true, startedAt: true, endedAt: true } as const;

function toStandupView(row: { id: string; startedAt: Date; endedAt: Date | null }): StandupView {
  return { id: row.id, startedAt: row.startedAt.toISOString(), endedAt: row.endedAt?.toISOString() ?? null };
}

async function findStandupUnderWay(db: Db | Tx, boardId: string, now: Date) {
  return db.standup.findFirst({
    where: { boardId, endedAt: null, startedAt: { gte: new Date(now.getTime() - JOINABLE_FOR_MS), lte: now } },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    select: STANDUP_SELECT,
  });
}

/**
 * Starts the board's standup, or joins the one already under way, so that a team following on several laptops
 * shares one record (otherwise the second laptop's "since the last standup" would be the first laptop's start,
 * seconds ago). Members only.
 */
export async function startStandup(actor: Actor, boardId: string, now: Date): Promise<StandupView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, boardId, 'standup.run');
  return db.$transaction(async (tx) => {
    // Serialises two people pressing Start at once, so they end up in one standup. NO KEY UPDATE does not block
    // card inserts, which only take a key-share lock on the board.
    await tx.$queryRaw`SELECT id FROM "Board" WHERE id = ${boardId} FOR NO KEY UPDATE`;
    const underWay = await findStandupUnderWay(tx, boardId, now);
    if (underWay) return toStandupView(underWay);
    return toStandupView(await tx.standup.create({ data: { boardId, startedAt: now }, select: STANDUP_SELECT }));
  });
}

/** Records the end of a standup. Ending one already ended keeps the first end: everyone's laptop may press End. */
export async function endStandup(actor: Actor, boardId: string, standupId: string, now: Date): Promise<StandupView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, boardId, 'standup.run');
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; startedAt: Date; endedAt: Date | null }[]>`
      SELECT id, "startedAt", "endedAt" FROM "Standup" WHERE id = ${standupId} AND "boardId" = ${boardId} FOR UPDATE`;
    const standup = rows[0];
    if (!standup) throw new AppError('NOT_FOUND');
    if (standup.endedAt) return toStandupView(standup);
    // Two app instances' clocks may differ by a little; a standup never ends before it began.
    const endedAt = now < standup.startedAt ? standup.startedAt : now;
    return toStandupView(await tx.standup.update({ where: { id: standup.id }, data: { endedAt }, select: STANDUP_SELECT }));
  });
}

/**
 * Everything standup mode shows: the board, the standup under way, and what changed on the board since the
 * previous standup began (or since the start of the previous working day when there was none). Viewers and
 * members. The summary is team-level: card ids and titles only, never who made a change.
 */
export async function getStandupData(userId: string, boardId: string, now: Date): Promise<StandupData> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'standup.view');
  const board = await getBoardForUser(userId, boardId, now);
  const current = await findStandupUnderWay(db, boardId, now);
  const until = current?.startedAt ?? now;
  const previous = await db.standup.findFirst({
    where: { boardId, startedAt: { lt: until }, ...(current ? { NOT: { id: current.id } } : {}) },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    select: { startedAt: true },
  });
  const since = previous?.startedAt ?? getPreviousWorkingDayStart(until, DEFAULT_TIME_ZONE);

  const [events, columns] = await Promise.all([
    db.cardEvent.findMany({
      where: { boardId, at: { gte: since, lte: until }, type: { in: ['CREATED', 'MOVED', 'BLOCKED', 'UNBLOCKED'] } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { cardId: true, type: true, fromColumnId: true, toColumnId: true, at: true },
    }),
    // Removed columns too: a card may have left one during the window.
    db.column.findMany({ where: { boardId }, select: { id: true, flowState: true } }),
  ]);
  // Whether a card was already blocked when the window opened decides "newly blocked"; a re-block with a new
  // reason records another BLOCKED event.
  const blockCardIds = [...new Set(events.filter((e) => e.type === 'BLOCKED' || e.type === 'UNBLOCKED').map((e) => e.cardId))];
  const blockStateBefore = blockCardIds.length === 0
    ? []
    : await db.cardEvent.findMany({
        where: { boardId, cardId: { in: blockCardIds }, type: { in: ['BLOCKED', 'UNBLOCKED'] }, at: { lt: since } },
        distinct: ['cardId'],
        orderBy: [{ cardId: 'asc' }, { at: 'desc' }, { id: 'desc' }],
        select: { cardId: true, type: true, fromColumnId: true, toColumnId: true, at: true },
      });

  // Both reads ask for the four kinds of change the standup summarises (never people joining or leaving cards).
  const changes = [...blockStateBefore, ...events] as Parameters<typeof summarizeChangesSince>[0]['events'];
  const summary = summarizeChangesSince({ since, until, events: changes, columns });
  const ids = [...new Set(Object.values(summary).flat())];
  // Archived cards keep their titles here: a card finished and archived since yesterday was still finished.
  const titles = ids.length === 0
    ? new Map<string, string>()
    : new Map((await db.card.findMany({ where: { boardId, id: { in: ids } }, select: { id: true, title: true } })).map((c) => [c.id, c.title]));
  const named = (list: string[]): StandupChangeCard[] =>
    list.flatMap((id) => {
      const title = titles.get(id);
      return title === undefined ? [] : [{ id, title }];
    });

  return {
    board,
    current: current ? toStandupView(current) : null,
    previousStartedAt: previous?.startedAt.toISOString() ?? null,
    since: since.toISOString(),
    until: until.toISOString(),
    changes: {
      finished: named(summary.finished),
      started: named(summary.started),
      moved: named(summary.moved),
      blocked: named(summary.blocked),
      unblocked: named(summary.unblocked),
    },
    canRun: canPerform(board.role, 'standup.run'),
  };
}
