import 'server-only';
import type { BoardCardView, DemandType } from '@/lib/board/types';
import { canPerform, TEAM_ROLES, type TeamRole } from '@/lib/domain/permissions';
import type { FlowState } from '@/lib/domain/flow-states';
import { computeMovePosition } from '@/lib/domain/positions';
import { doesMoveAddToLane } from '@/lib/domain/lanes';
import { evaluateMoveWip, type WipBreach, type WipMode } from '@/lib/domain/wip';
import { AppError } from '@/lib/errors';
import { announceCommitted } from '@/lib/events/after-commit';
import { BOARD_EVENTS_CHANNEL, describeInTransactionNotification, outboxCtes } from '@/lib/events/log';
import type { CommittedEvent } from '@/lib/events/types';
import { isSsoMultiFactorRequired } from './access';
import { toCardView } from './card-view';
import { runInPgTransaction, toIsoUtc } from './sql-pool';

/*
 * Moving a card: the hot path of the board, one round trip of hand-written SQL (lock, check, write, log) rather
 * than the Prisma calls of the other card writes in lib/data/cards.ts, which re-exports it.
 */

export type MoveCardInput = {
  boardId: string;
  cardId: string;
  toColumnId: string;
  /** The lane to move into; the card's current lane when left out. */
  toLaneId?: string;
  /** Index among the target cell's (column × lane) other cards (0 = top); clamped to the cell. */
  toIndex: number;
  /** The person confirmed going over an advisory WIP limit (the column's, the lane's, or both). */
  confirmOverLimit?: boolean;
  /** Optional reason given when going over an advisory limit; recorded in the board history. */
  overLimitReason?: string;
};

type MoveLockRow = {
  role: string;
  actorName: string;
  isArchived: boolean;
  targetId: string | null;
  targetName: string | null;
  wipLimit: number | null;
  wipMode: WipMode | null;
  flowState: FlowState | null;
  laneId: string | null;
  laneName: string | null;
  laneWipLimit: number | null;
  laneWipMode: WipMode | null;
  cardId: string | null;
  columnId: string | null;
  cardLaneId: string | null;
  fromFlowState: FlowState | null;
  title: string | null;
  position: number | null;
  demand: DemandType | null;
  labels: string[] | null;
  blockedReason: string | null;
  blockedAt: Date | null;
  createdAt: Date | null;
  startedAt: Date | null;
  doneAt: Date | null;
  lastMovedAt: Date | null;
  version: number | null;
  commentCount: number | null;
  /** The card's checklist and "waiting for" counts, for the view the move sends (read with the card's lock). */
  checklistTotal: number | null;
  checklistDone: number | null;
  waitingTotal: number | null;
  waitingDone: number | null;
};

/** Roles whose members may move cards, from the pure permission rule (so the SQL below never decides it). */
const ROLES_THAT_MAY_MOVE = TEAM_ROLES.filter((role) => canPerform(role, 'card.move'));

/** The card's update and its history event: the start of both write statements below ($1–$12). */
const MOVE_WRITE_CTES = `
      WITH moved AS (
        UPDATE "Card" SET "columnId" = $1, "laneId" = $11, position = $2::float8, version = version + 1,
          "lastMovedAt" = $3::timestamp(3), "startedAt" = $4::timestamp(3), "doneAt" = $5::timestamp(3)
        WHERE id = $6
        RETURNING version
      ), history AS (
        INSERT INTO "CardEvent" ("boardId", "cardId", type, "fromColumnId", "toColumnId", "fromLaneId", "toLaneId", "actorId", at)
        VALUES ($7, $6, 'MOVED'::"CardEventType", $8, $1, $12, $11, $9, $10::timestamp(3))
      )`;

/** The move's event in the board's log (lib/events/log.ts): the CTEs `next_seq` and `logged`, after the others ($13). */
const MOVE_LOG_CTES = outboxCtes('$7', `'card.upsert'`, '$13');

/**
 * The statements of a move, as named prepared statements: PostgreSQL parses and plans each once per connection.
 *
 * LOCK: LATERAL makes the order explicit: membership, then the target column's lock, then the target lane's, then
 * the card's. A caller who is not on the team, or whose session has ended (its generation, $7, when the caller
 * comes with a session token), or who lacks the second factor their team requires ($8: SSO proves it;
 * lib/data/access.ts hasSecondFactor), gets no row; a caller whose role may not move cards gets the role
 * and takes no lock. The target lane is the one asked for ($6), else the card's own lane as read before the card
 * is locked (a concurrent move of the same card may change it meanwhile; the move then goes to the lane that was
 * locked, so the limits checked are always those of the lane the card lands in). The source column's flow state
 * is read without a lock: it only decides whether the move adds to the lane's count.
 * SIBLINGS: a new statement, so a fresh snapshot taken after the locks: the target cell's cards in order, the
 * target column's count across all lanes, the target lane's count over its in-progress columns (only when the
 * lane has a limit, $4), the time of the card's latest event and who is on the card (read after the card's lock,
 * so a person who joined it meanwhile is in the event).
 * WRITE: the card, its history event (and, over an advisory limit, one board event per limit exceeded) and the
 * board's event log row with its next sequence number; the board row is locked last, by that statement. The live
 * notification is sent after COMMIT (lib/events/after-commit.ts); with TILLIT_LIVE_NOTIFY=in-transaction (for
 * measuring only) the statement queues it itself (`pg_notify`, the two parameters after the others).
 */
const MOVE_STATEMENTS = {
  lock: {
    name: 'tillit_move_lock',
    text: `
      SELECT m.role, m."actorName", m."isArchived", t.id AS "targetId", t.name AS "targetName", t."wipLimit", t."wipMode", t."flowState",
             l.id AS "laneId", l.name AS "laneName", l."wipLimit" AS "laneWipLimit", l."wipMode" AS "laneWipMode",
             c.id AS "cardId", c."columnId", c."laneId" AS "cardLaneId", s."flowState" AS "fromFlowState", c.title, c.position,
             c.demand, c.labels, c."blockedReason", c."blockedAt", c."createdAt", c."startedAt", c."doneAt", c."lastMovedAt", c.version, c."commentCount",
             c."checklistTotal", c."checklistDone", c."waitingTotal", c."waitingDone"
      FROM (
        SELECT mm.role::text AS role, u.name AS "actorName", b."archivedAt" IS NOT NULL AS "isArchived"
        FROM "Membership" mm JOIN "Board" b ON b."teamId" = mm."teamId" JOIN "User" u ON u.id = mm."userId"
          JOIN "Team" tm ON tm.id = b."teamId"
        WHERE mm."userId" = $1 AND b.id = $2 AND ($7::int IS NULL OR u."sessionGeneration" = $7::int)
          AND (NOT tm."requireTwoFactor" OR u."totpEnabledAt" IS NOT NULL OR u."isIntegration" OR (u."passwordHash" IS NULL AND $8::boolean))
      ) m
      LEFT JOIN LATERAL (
        SELECT id, name, "wipLimit", "wipMode"::text AS "wipMode", "flowState"::text AS "flowState" FROM "Column"
        WHERE id = $3 AND "boardId" = $2 AND "deletedAt" IS NULL AND m.role = ANY($4::text[]) AND NOT m."isArchived"
        FOR UPDATE
      ) t ON true
      LEFT JOIN LATERAL (
        SELECT id, name, "wipLimit", "wipMode"::text AS "wipMode" FROM "Lane"
        WHERE id = COALESCE($6::text, (SELECT "laneId" FROM "Card" WHERE id = $5 AND "boardId" = $2))
          AND "boardId" = $2 AND "deletedAt" IS NULL AND t.id IS NOT NULL
        FOR UPDATE
      ) l ON true
      LEFT JOIN LATERAL (
        SELECT id, "columnId", "laneId", title, position, demand::text AS demand, labels, "blockedReason", "blockedAt", "createdAt",
               "startedAt", "doneAt", "lastMovedAt", version, "commentCount",
               (SELECT count(*)::int FROM "ChecklistItem" ci WHERE ci."cardId" = $5) AS "checklistTotal",
               (SELECT count(*)::int FROM "ChecklistItem" ci WHERE ci."cardId" = $5 AND ci."isDone") AS "checklistDone",
               (SELECT count(*)::int FROM "CardLink" cl WHERE cl."waitingCardId" = $5) AS "waitingTotal",
               (SELECT count(*)::int FROM "CardLink" cl JOIN "Card" ac ON ac.id = cl."awaitedCardId"
                WHERE cl."waitingCardId" = $5 AND (ac."doneAt" IS NOT NULL OR ac."archivedAt" IS NOT NULL)) AS "waitingDone"
        FROM "Card"
        WHERE id = $5 AND "boardId" = $2 AND "archivedAt" IS NULL AND l.id IS NOT NULL
        FOR UPDATE OF "Card"
      ) c ON true
      LEFT JOIN LATERAL (SELECT "flowState"::text AS "flowState" FROM "Column" WHERE id = c."columnId") s ON true`,
  },
  siblings: {
    name: 'tillit_move_siblings',
    text: `
      SELECT COALESCE(array_agg(id ORDER BY position ASC, id ASC) FILTER (WHERE "laneId" = $3), '{}') AS ids,
             COALESCE(array_agg(position ORDER BY position ASC, id ASC) FILTER (WHERE "laneId" = $3), '{}') AS positions,
             count(*)::int AS "columnCount",
             CASE WHEN $4::boolean THEN (
               SELECT count(*)::int FROM "Card" lc JOIN "Column" lcol ON lcol.id = lc."columnId"
               WHERE lc."laneId" = $3 AND lc."archivedAt" IS NULL AND lc.id <> $2 AND lcol."flowState" = 'IN_PROGRESS'
             ) END AS "laneCount",
             (SELECT max(e.at) FROM "CardEvent" e WHERE e."cardId" = $2) AS "lastEventAt",
             (SELECT COALESCE(json_agg(json_build_object('userId', p."userId", 'user', json_build_object('name', u.name))), '[]'::json)
              FROM "CardPerson" p JOIN "User" u ON u.id = p."userId" WHERE p."cardId" = $2) AS people
      FROM "Card"
      WHERE "columnId" = $1 AND "archivedAt" IS NULL AND id <> $2`,
  },
  rebalance: {
    name: 'tillit_move_rebalance',
    text: `
      UPDATE "Card" AS c SET position = v.position
      FROM unnest($1::text[], $2::float8[]) AS v(id, position)
      WHERE c.id = v.id`,
  },
} as const;

/** The write statement, in both notification modes (in-transaction: its notification parameters come last). */
function buildMoveWrites(notifyInTransaction: boolean) {
  const notify = (prefixParam: number) =>
    notifyInTransaction ? `, pg_notify('${BOARD_EVENTS_CHANNEL}', $${prefixParam} || logged.seq::text || $${prefixParam + 1})::text AS notified` : '';
  const suffix = notifyInTransaction ? '_notify' : '';
  return {
    write: {
      name: `tillit_move_write${suffix}`,
      text: `${MOVE_WRITE_CTES}, ${MOVE_LOG_CTES}
      SELECT moved.version, logged.seq${notify(14)} FROM moved, logged`,
    },
    writeOverLimit: {
      name: `tillit_move_write_over_limit${suffix}`,
      text: `${MOVE_WRITE_CTES}, over_limit AS (
        INSERT INTO "BoardEvent" ("boardId", type, "columnId", "laneId", "actorId", at, after)
        SELECT $7, 'WIP_LIMIT_EXCEEDED'::"BoardEventType", x."columnId", x."laneId", $9, $10::timestamp(3), x.after
        FROM jsonb_to_recordset($14::jsonb) AS x("columnId" text, "laneId" text, after jsonb)
      ), ${MOVE_LOG_CTES}
      SELECT moved.version, logged.seq${notify(15)} FROM moved, logged`,
    },
  } as const;
}

const MOVE_WRITES = { afterCommit: buildMoveWrites(false), inTransaction: buildMoveWrites(true) };

/**
 * Moves a card: the one server function behind drag, keyboard and the "Move to…" menu. In one transaction it
 * locks the target column, the target lane and the card (so two moves into the last free slot of a strict column
 * or a strict lane cannot both pass), applies the team's WIP rule (lib/domain/wip.ts evaluateMoveWip: the
 * column's limit counts its cards in all lanes, the lane's limit its cards in all in-progress columns), places
 * the card among its new cell's cards with gap-based positions and records the move with both lanes.
 *
 * It is the hottest write path, so it makes few round trips on the plain pool (lib/data/sql-pool.ts): one
 * statement checks the caller's membership and role, reads their name for the live announcement (a removed
 * account has no membership, so it gets NOT_FOUND) and takes the three row locks, one reads the target cell and
 * the counts, and one writes the card, its history event (and over-limit board events) and the board's event
 * log row; after COMMIT the event is announced to every instance (lib/events/after-commit.ts). Locks are always
 * taken column, then lane, then card, then the board row (by the write), the order every structural change uses
 * too (removing a column locks the board's columns, then their cards; removing a lane the board's lanes, then
 * their cards; both then append to the board's log), so moves and removals can never deadlock.
 */
export async function moveCard(actor: { id: string; sessionGeneration?: number }, input: MoveCardInput, now: Date): Promise<BoardCardView> {
  const { view, committed, isNotified } = await runInPgTransaction(async (client) => {
    const { rows } = await client.query<MoveLockRow>({
      ...MOVE_STATEMENTS.lock,
      values: [actor.id, input.boardId, input.toColumnId, ROLES_THAT_MAY_MOVE, input.cardId, input.toLaneId ?? null, actor.sessionGeneration ?? null, isSsoMultiFactorRequired()],
    });
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    if (!canPerform(row.role as TeamRole, 'card.move')) throw new AppError('FORBIDDEN');
    // An archived board is read-only (lib/data/access.ts authorizeBoardAction): the statement took no lock on it.
    if (row.isArchived) throw new AppError('BOARD_ARCHIVED');
    // A column or lane of another board, a removed one, or a card that is not on the board: not found.
    if (!row.targetId || !row.laneId || !row.cardId) throw new AppError('NOT_FOUND');
    const target = { id: row.targetId, name: row.targetName ?? '', wipLimit: row.wipLimit, wipMode: row.wipMode ?? 'ADVISORY', flowState: row.flowState ?? 'IN_PROGRESS' };
    const lane = { id: row.laneId, name: row.laneName ?? '', wipLimit: row.laneWipLimit, wipMode: row.laneWipMode ?? 'ADVISORY' };
    const card = row as MoveLockRow & { cardId: string; columnId: string; cardLaneId: string; title: string; position: number; demand: DemandType; createdAt: Date; lastMovedAt: Date; version: number };

    const {
      rows: [cell],
    } = await client.query<{ ids: string[]; positions: number[]; columnCount: number; laneCount: number | null; lastEventAt: Date | null; people: { userId: string; user: { name: string } }[] }>({
      ...MOVE_STATEMENTS.siblings,
      values: [target.id, card.cardId, lane.id, lane.wipLimit !== null],
    });
    const siblings = (cell?.ids ?? []).map((id, index) => ({ id, position: cell?.positions[index] as number }));
    // `now` is taken when the request arrives, before the lock: a move that waited for another move of the same
    // card could otherwise be recorded as earlier than the move it followed. A card's history stays in order.
    const at = cell?.lastEventAt && cell.lastEventAt > now ? cell.lastEventAt : now;
    const isSameColumn = card.columnId === target.id;
    const columnCount = cell?.columnCount ?? 0;
    const laneCount = cell?.laneCount ?? 0;
    const decision = evaluateMoveWip({
      column: { wipLimit: target.wipLimit, mode: target.wipMode, countExcludingCard: columnCount, isEntering: !isSameColumn },
      lane: {
        wipLimit: lane.wipLimit,
        mode: lane.wipMode,
        countExcludingCard: laneCount,
        isEntering: doesMoveAddToLane({ fromLaneId: card.cardLaneId, toLaneId: lane.id, fromFlowState: card.fromFlowState ?? 'NOT_STARTED', toFlowState: target.flowState }),
      },
      hasConfirmedOverLimit: input.confirmOverLimit === true,
    });
    if (decision.kind === 'refused') {
      throw decision.scope === 'column'
        ? new AppError('WIP_LIMIT_REACHED', { column: target.name, limit: decision.limit })
        : new AppError('LANE_WIP_LIMIT_REACHED', { lane: lane.name, limit: decision.limit });
    }
    if (decision.kind === 'needs-confirmation') throw confirmationNeeded(decision.breaches, target.name, lane.name);

    const placement = computeMovePosition(siblings.map((s) => s.position), input.toIndex);
    if ('rebalance' in placement) {
      await client.query({ ...MOVE_STATEMENTS.rebalance, values: [siblings.map((s) => s.id), placement.rebalance] });
    }
    // The card as it will be after the update below (its row is locked, so nothing else can change it meanwhile).
    // Moving back before the commitment point un-starts the card (it re-starts when it crosses again); a card
    // reopened from done keeps its original start. Reaching done records delivery. A move within the column (a
    // reorder, or to another lane) changes only the position and the lane.
    const view = toCardView({
      id: card.cardId,
      columnId: target.id,
      laneId: lane.id,
      title: card.title,
      position: placement.position,
      demand: card.demand,
      labels: card.labels ?? [],
      blockedReason: card.blockedReason,
      blockedAt: card.blockedAt,
      createdAt: card.createdAt,
      lastMovedAt: isSameColumn ? card.lastMovedAt : at,
      startedAt: isSameColumn ? card.startedAt : target.flowState === 'NOT_STARTED' ? null : (card.startedAt ?? at),
      doneAt: isSameColumn ? card.doneAt : target.flowState === 'DONE' ? at : null,
      version: card.version + 1,
      commentCount: card.commentCount ?? 0,
      people: cell?.people ?? [],
      checklistItems: [],
      waitingLinks: [],
    });
    view.checklist = card.checklistTotal ? { done: card.checklistDone ?? 0, total: card.checklistTotal } : null;
    view.waitingFor = card.waitingTotal ? { done: card.waitingDone ?? 0, total: card.waitingTotal } : null;
    const payload = JSON.stringify({
      kind: 'card.upsert',
      boardId: input.boardId,
      card: view,
      actorId: actor.id,
      actorName: row.actorName,
      action: 'moved',
      fromColumnId: card.columnId,
      fromLaneId: card.cardLaneId,
    });
    const values: unknown[] = [
      target.id,
      placement.position,
      view.lastMovedAt,
      view.startedAt,
      view.doneAt,
      card.cardId,
      input.boardId,
      card.columnId,
      actor.id,
      toIsoUtc(at),
      lane.id,
      card.cardLaneId,
      payload,
    ];
    const notify = describeInTransactionNotification(input.boardId, payload);
    const notifyValues = notify ? [notify.prefix, notify.suffix] : [];
    const statements = notify ? MOVE_WRITES.inTransaction : MOVE_WRITES.afterCommit;
    const written =
      decision.kind === 'allowed-over-limit'
        ? await client.query<{ version: number; seq: number }>({
            ...statements.writeOverLimit,
            values: [
              ...values,
              JSON.stringify(
                decision.breaches.map((breach) => ({
                  columnId: breach.scope === 'column' ? target.id : null,
                  laneId: breach.scope === 'lane' ? lane.id : null,
                  after: {
                    cardId: card.cardId,
                    cardTitle: card.title,
                    limit: breach.limit,
                    count: breach.countAfter,
                    reason: input.overLimitReason ?? '',
                    ...(breach.scope === 'lane' ? { lane: lane.name } : {}),
                  },
                })),
              ),
              ...notifyValues,
            ],
          })
        : await client.query<{ version: number; seq: number }>({ ...statements.write, values: [...values, ...notifyValues] });
    const result = written.rows[0];
    if (result?.version !== view.version) throw new Error('moveCard: the locked card changed unexpectedly');
    const committed: CommittedEvent = { boardId: input.boardId, seq: result.seq, payload };
    return { view, committed, isNotified: notify !== null };
  });
  announceCommitted([committed], { isNotified });
  return view;
}

/**
 * The question to ask before a move over advisory limits: about the column (with the lane too, when both are
 * over), or about the lane alone. One confirmation then covers both.
 */
function confirmationNeeded(breaches: WipBreach[], columnName: string, laneName: string): AppError {
  const column = breaches.find((breach) => breach.scope === 'column');
  const lane = breaches.find((breach) => breach.scope === 'lane');
  if (column) {
    return new AppError('WIP_CONFIRMATION_NEEDED', { column: columnName, limit: column.limit, ...(lane ? { lane: laneName, laneLimit: lane.limit } : {}) });
  }
  return new AppError('LANE_WIP_CONFIRMATION_NEEDED', { lane: laneName, limit: lane?.limit ?? 0 });
}
