import 'server-only';
import type { BoardView } from '@/lib/board/types';
import { getDb } from '@/lib/db';
import { canPerform, type TeamRole } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import { isSsoMultiFactorRequired } from './access';
import { cardViewFromSqlRow, CARD_VIEW_SQL_COLUMNS, type CardSqlRow } from './card-view';
import { getPgPool, toIsoUtc } from './sql-pool';

export const COLUMN_VIEW_SELECT = {
  id: true,
  name: true,
  position: true,
  wipLimit: true,
  wipMode: true,
  policy: true,
  flowState: true,
} as const;

const SLE_WINDOW_DAYS = 12 * 7;

/** The SQL form of a timestamp in JSON (`timestamp(3)` is stored in UTC, without a zone) → ISO. */
const isoFromJson = (value: string | null): string | null => (value === null ? null : new Date(`${value}Z`).toISOString());

/**
 * The board page's one statement (a named prepared statement on the plain pool, lib/data/sql-pool.ts): the caller's
 * membership and role, whether they meet the team's two-factor rule ($3: the instance requires the SSO provider's
 * multi-factor claim, lib/data/access.ts hasSecondFactor), the board with its team, and — only when they may read
 * it — the current columns and lanes and the open cards in order (JSON arrays, one row per item), and the 85th
 * percentile of the recent cycle times (getRecentCycleTimeP85, same rule). One statement is one snapshot: the
 * event sequence number is read with the cards, so the live stream resumes exactly after them (BoardView.eventSeq).
 * Not on the team, or no such board: no row.
 */
const BOARD_LOAD = {
  name: 'tillit_board_load',
  text: `
    WITH access AS (
      SELECT m.role::text AS role, b.id, b.name, b."archivedAt", b."eventSeq", b."holdsClientData", t.id AS "teamId", t.name AS "teamName",
             (NOT t."requireTwoFactor" OR u."totpEnabledAt" IS NOT NULL OR u."isIntegration" OR (u."passwordHash" IS NULL AND $3::boolean)) AS "mayRead"
      FROM "Board" b
      JOIN "Team" t ON t.id = b."teamId"
      JOIN "Membership" m ON m."teamId" = b."teamId" AND m."userId" = $1
      JOIN "User" u ON u.id = m."userId"
      WHERE b.id = $2
    )
    SELECT a.role, a.name, a."archivedAt", a."eventSeq", a."holdsClientData", a."teamId", a."teamName", a."mayRead",
      CASE WHEN a."mayRead" THEN (
        SELECT COALESCE(json_agg(json_build_array(c.id, c.name, c.position, c."wipLimit", c."wipMode", c.policy, c."flowState") ORDER BY c.position, c.id), '[]')
        FROM "Column" c WHERE c."boardId" = a.id AND c."deletedAt" IS NULL
      ) END AS columns,
      CASE WHEN a."mayRead" THEN (
        SELECT COALESCE(json_agg(json_build_array(l.id, l.name, l.position, l."classOfService", l."wipLimit", l."wipMode", l.policy) ORDER BY l.position, l.id), '[]')
        FROM "Lane" l WHERE l."boardId" = a.id AND l."deletedAt" IS NULL
      ) END AS lanes,
      CASE WHEN a."mayRead" THEN (
        SELECT COALESCE(json_agg(json_build_array(${CARD_VIEW_SQL_COLUMNS}) ORDER BY card.position, card.id), '[]')
        FROM "Card" card WHERE card."boardId" = a.id AND card."archivedAt" IS NULL
      ) END AS cards,
      CASE WHEN a."mayRead" THEN (
        SELECT CASE WHEN count(*) >= 5 THEN percentile_disc(0.85) WITHIN GROUP (ORDER BY x.days) END
        FROM (
          SELECT (("doneAt" AT TIME ZONE 'Europe/Stockholm')::date - ("startedAt" AT TIME ZONE 'Europe/Stockholm')::date + 1)::int AS days
          FROM "Card" WHERE "boardId" = a.id AND "doneAt" >= $4::timestamp(3) AND "startedAt" IS NOT NULL
        ) x
      ) END AS "cycleTimeP85Days"
    FROM access a`,
} as const;

type BoardLoadRow = {
  role: string;
  name: string;
  archivedAt: Date | null;
  eventSeq: number;
  holdsClientData: boolean;
  teamId: string;
  teamName: string;
  mayRead: boolean;
  columns: [string, string, number, number | null, BoardView['columns'][number]['wipMode'], string, BoardView['columns'][number]['flowState']][] | null;
  lanes: [string, string, number, BoardView['lanes'][number]['classOfService'], number | null, BoardView['lanes'][number]['wipMode'], string][] | null;
  cards: CardSqlRow[] | null;
  cycleTimeP85Days: number | null;
};

/**
 * The whole board as its team sees it: columns in order, lanes in order, open cards in order, the ageing mark's
 * percentile and the event sequence number. Members and viewers only: NOT_FOUND when the board does not exist or
 * the caller is not on its team (indistinguishable), TWO_FACTOR_REQUIRED when the team requires two-factor sign-in
 * the caller lacks (lib/data/access.ts; checked before the role, as there). One database round trip
 * (BOARD_LOAD); bench/board-load.bench.ts measures it. An archived board reads as usual, with `archivedAt` set.
 */
export async function getBoardForUser(userId: string, boardId: string, now: Date): Promise<BoardView> {
  const since = new Date(now.getTime() - SLE_WINDOW_DAYS * 86_400_000);
  const { rows } = await getPgPool().query<BoardLoadRow>({ ...BOARD_LOAD, values: [userId, boardId, isSsoMultiFactorRequired(), toIsoUtc(since)] });
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.mayRead) throw new AppError('TWO_FACTOR_REQUIRED');
  const role = row.role as TeamRole;
  if (!canPerform(role, 'board.read')) throw new AppError('FORBIDDEN');
  return {
    id: boardId,
    name: row.name,
    team: { id: row.teamId, name: row.teamName },
    role,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    columns: (row.columns ?? []).map(([id, name, position, wipLimit, wipMode, policy, flowState]) => ({ id, name, position, wipLimit, wipMode, policy, flowState })),
    lanes: (row.lanes ?? []).map(([id, name, position, classOfService, wipLimit, wipMode, policy]) => ({ id, name, position, classOfService, wipLimit, wipMode, policy })),
    cards: (row.cards ?? []).map((card) => cardViewFromSqlRow(card, isoFromJson)),
    cycleTimeP85Days: row.cycleTimeP85Days,
    eventSeq: row.eventSeq,
    holdsClientData: row.holdsClientData,
  };
}

/**
 * The 85th-percentile cycle time (calendar days, nearest rank) of cards finished in the last 12 weeks, used to
 * mark ageing work on the board. Null with fewer than 5 finished cards: too little to say anything. (The board
 * load computes the same in its statement, BOARD_LOAD.)
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
