import 'server-only';
import type { BoardView } from '@/lib/board/types';
import { getDb } from '@/lib/db';
import { authorizeBoardAction } from './access';
import { CARD_VIEW_SELECT, toCardView } from './card-view';
import { LANE_VIEW_SELECT } from './lanes';

export const COLUMN_VIEW_SELECT = {
  id: true,
  name: true,
  position: true,
  wipLimit: true,
  wipMode: true,
  policy: true,
  flowState: true,
} as const;

/** The whole board as its team sees it: columns in order, open cards in order. Members and viewers only. */
export async function getBoardForUser(userId: string, boardId: string, now: Date): Promise<BoardView> {
  const db = getDb();
  const access = await authorizeBoardAction(db, userId, boardId, 'board.read');
  const board = await db.board.findUniqueOrThrow({
    where: { id: boardId },
    select: {
      id: true,
      name: true,
      archivedAt: true,
      // Read with (or before) the cards, never after: the live stream resumes after it (BoardView.eventSeq).
      eventSeq: true,
      holdsClientData: true,
      team: { select: { id: true, name: true } },
      columns: { where: { deletedAt: null }, orderBy: { position: 'asc' }, select: COLUMN_VIEW_SELECT },
      lanes: { where: { deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: LANE_VIEW_SELECT },
      cards: { where: { archivedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: CARD_VIEW_SELECT },
    },
  });
  return {
    id: board.id,
    name: board.name,
    team: board.team,
    role: access.role,
    archivedAt: board.archivedAt?.toISOString() ?? null,
    columns: board.columns,
    lanes: board.lanes,
    cards: board.cards.map(toCardView),
    cycleTimeP85Days: await getRecentCycleTimeP85(boardId, now),
    eventSeq: board.eventSeq,
    holdsClientData: board.holdsClientData,
  };
}

const SLE_WINDOW_DAYS = 12 * 7;

/**
 * The 85th-percentile cycle time (calendar days, nearest rank) of cards finished in the last 12 weeks, used to
 * mark ageing work on the board. Null with fewer than 5 finished cards: too little to say anything.
 */
export async function getRecentCycleTimeP85(boardId: string, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - SLE_WINDOW_DAYS * 86_400_000);
  const rows = await getDb().$queryRaw<{ days: number }[]>`
    SELECT (("doneAt" AT TIME ZONE 'Europe/Stockholm')::date - ("startedAt" AT TIME ZONE 'Europe/Stockholm')::date + 1)::int AS days
    FROM "Card"
    WHERE "boardId" = ${boardId} AND "doneAt" >= ${since} AND "startedAt" IS NOT NULL
    ORDER BY days`;
  if (rows.length < 5) return null;
  const rank = Math.ceil(0.85 * rows.length);
  return rows[rank - 1]?.days ?? null;
}
