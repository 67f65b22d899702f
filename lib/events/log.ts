import 'server-only';
import { getPgPool } from '@/lib/data/sql-pool';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { recordForAfterCommit } from './after-commit';
import { getLiveConfig } from './config';
import { getInstanceId } from './instance';
import type { BoardChange, CommittedEvent } from './types';
import { MAX_NOTIFICATION_BYTES } from './wire';

/**
 * The board event log (table OutboxEvent): every change of a board appends one row, in the change's own
 * transaction, numbered with the board's next sequence number (Board.eventSeq + 1). The number is taken by an
 * UPDATE of the board row, so it is gap-free and in commit order: the row lock makes a board's writers take turns
 * from that statement to their commit. Take it last, after every other lock of the change (column → lane → card →
 * board, boards in id order), so changes never deadlock; it is then held only for the commit itself.
 */

/** The PostgreSQL channel every instance listens on (lib/events/bus-postgres.ts; also the membership trigger). */
export const BOARD_EVENTS_CHANNEL = 'tillit_board_events';

/**
 * Appends `event` to its board's log inside the caller's transaction and returns it with its sequence number. After
 * the transaction commits, every instance hears it (lib/events/after-commit.ts); a rolled-back change is never
 * heard. Throws NOT_FOUND when the board does not exist.
 */
export async function appendBoardEvent(tx: Tx, event: BoardChange): Promise<CommittedEvent> {
  const payload = JSON.stringify(event);
  const notify = describeInTransactionNotification(event.boardId, payload);
  const rows = notify
    ? await tx.$queryRaw<{ seq: number }[]>`
        WITH next_seq AS (UPDATE "Board" SET "eventSeq" = "eventSeq" + 1 WHERE id = ${event.boardId} RETURNING "eventSeq" AS seq),
        logged AS (INSERT INTO "OutboxEvent" ("boardId", seq, kind, payload) SELECT ${event.boardId}, seq, ${event.kind}, ${payload} FROM next_seq RETURNING seq)
        SELECT seq, pg_notify(${BOARD_EVENTS_CHANNEL}, ${notify.prefix} || seq::text || ${notify.suffix})::text AS notified FROM logged`
    : await tx.$queryRaw<{ seq: number }[]>`
        WITH next_seq AS (UPDATE "Board" SET "eventSeq" = "eventSeq" + 1 WHERE id = ${event.boardId} RETURNING "eventSeq" AS seq)
        INSERT INTO "OutboxEvent" ("boardId", seq, kind, payload) SELECT ${event.boardId}, seq, ${event.kind}, ${payload} FROM next_seq RETURNING seq`;
  const seq = rows[0]?.seq;
  if (seq === undefined) throw new AppError('NOT_FOUND');
  const committed: CommittedEvent = { boardId: event.boardId, seq, payload };
  recordForAfterCommit(tx, committed, { isNotified: notify !== null });
  return committed;
}

/**
 * The parts of a notification sent inside the transaction (TILLIT_LIVE_NOTIFY=in-transaction, for measuring only):
 * `prefix || seq || suffix` is the wire format of lib/events/wire.ts, id-only when the whole event would not fit.
 * Null in the default mode, where the relay notifies after commit.
 */
export function describeInTransactionNotification(boardId: string, payload: string): { prefix: string; suffix: string } | null {
  if (getLiveConfig().notifyMode !== 'in-transaction') return null;
  const prefix = `${getInstanceId()}\n${boardId}\t`;
  // The longest sequence number a board can reach has 10 digits (an int4).
  const fits = Buffer.byteLength(prefix) + 10 + 1 + Buffer.byteLength(payload) <= MAX_NOTIFICATION_BYTES;
  return { prefix, suffix: fits ? `\t${payload}` : '\t' };
}

/**
 * SQL for a statement that appends to the log itself (moveCard's single write statement): CTEs `next_seq` and
 * `logged` (which yields the new `seq`), given the placeholders of the board id, the kind and the payload.
 */
export function outboxCtes(boardParam: string, kindParam: string, payloadParam: string): string {
  return `next_seq AS (
        UPDATE "Board" SET "eventSeq" = "eventSeq" + 1 WHERE id = ${boardParam} RETURNING "eventSeq" AS seq
      ), logged AS (
        INSERT INTO "OutboxEvent" ("boardId", seq, kind, payload) SELECT ${boardParam}, seq, ${kindParam}, ${payloadParam} FROM next_seq RETURNING seq
      )`;
}

export type LoggedEvent = { seq: number; payload: string; at: Date };

/** A board's events after `afterSeq`, in order, at most `limit` (from the plain pool: the hub and the dispatcher read here). */
export async function readBoardEvents(boardId: string, afterSeq: number, limit: number, upToSeq?: number): Promise<LoggedEvent[]> {
  const { rows } = await getPgPool().query<LoggedEvent>({
    name: 'tillit_read_board_events',
    text: `SELECT seq, payload, at FROM "OutboxEvent" WHERE "boardId" = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
    values: [boardId, afterSeq, upToSeq ?? 2_147_483_647, limit],
  });
  return rows;
}

/** The latest sequence number of each board (0 for a board without events; absent for one that does not exist). */
export async function readBoardHeads(boardIds: readonly string[]): Promise<Map<string, number>> {
  if (boardIds.length === 0) return new Map();
  const { rows } = await getPgPool().query<{ id: string; eventSeq: number }>({
    name: 'tillit_read_board_heads',
    text: `SELECT id, "eventSeq" FROM "Board" WHERE id = ANY($1::text[])`,
    values: [boardIds],
  });
  return new Map(rows.map((row) => [row.id, row.eventSeq]));
}
