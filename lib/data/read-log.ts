import 'server-only';
/**
 * The read log of boards that may hold client data ("Kan innehålla klientuppgifter"), #15 item 10: the board's
 * mark, and one log row per read of a card's content — who, which card, when, how — written BEFORE the content
 * leaves the data layer. A read whose row cannot be written is refused (READ_NOT_LOGGED, 503): the content is never
 * returned unlogged. What counts as a read, who may read the log and how long it is kept: docs/security-and-sign-in.md.
 *
 * Reading and sampling the log: lib/data/read-log-review.ts. Pure parts (periods, sampling): lib/read-log/model.ts.
 */
import { describeErrorForLog } from '@/lib/api/error-log';
import { getDb, type Db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import { log } from '@/lib/log';
import { toStoredChannel, type ReadChannel } from '@/lib/read-log/model';
import { authorizeBoardAction } from './access';

/**
 * One opening of a card is several requests (the card, its comments; a refetch each time a colleague changes it
 * while it is open): the same person reading the same card the same way ('dialog' or 'api') within this window is
 * one read, logged once. Every export is logged in full: each file is a disclosure of its own.
 */
export const READ_COALESCE_SECONDS = 60;

/**
 * Writes one log row per card (one statement, however many cards: an export logs every card it contains) and
 * returns only once they are written. The reader's name is copied from the account in the same statement, so the
 * log still says who read after the account is gone. A dialog or API read that the same person made of the same
 * card in the last READ_COALESCE_SECONDS is already logged and writes no second row. Throws READ_NOT_LOGGED when the
 * rows cannot be written (or the reader's account no longer exists): callers let it propagate, so the read fails
 * instead of going unlogged.
 */
export async function recordCardReads(db: Db | Tx, input: { boardId: string; readerId: string; cardIds: readonly string[]; channel: ReadChannel }): Promise<void> {
  const cardIds = [...new Set(input.cardIds)];
  if (cardIds.length === 0) return;
  const channel = toStoredChannel(input.channel);
  const coalesceSeconds = input.channel === 'export' ? 0 : READ_COALESCE_SECONDS;
  let result: { readers: number }[];
  try {
    result = await db.$queryRaw<{ readers: number }[]>`
      WITH reader AS (SELECT id, name FROM "User" WHERE id = ${input.readerId}),
      inserted AS (
        INSERT INTO "CardReadLog" ("boardId", "cardId", "readerId", "readerName", "channel")
        SELECT ${input.boardId}, card_id, reader.id, reader.name, ${channel}::"CardReadChannel"
        FROM reader, unnest(${cardIds}::text[]) AS card_id
        WHERE ${coalesceSeconds}::int = 0 OR NOT EXISTS (
          SELECT 1 FROM "CardReadLog" earlier
          WHERE earlier."boardId" = ${input.boardId} AND earlier."cardId" = card_id AND earlier."readerId" = reader.id
            AND earlier.channel = ${channel}::"CardReadChannel" AND earlier.at > now() - make_interval(secs => ${coalesceSeconds}::int))
        RETURNING 1)
      SELECT (SELECT count(*) FROM reader)::int AS readers, (SELECT count(*) FROM inserted)::int AS inserted`;
  } catch (error) {
    log.error({ boardId: input.boardId, channel: input.channel, err: describeErrorForLog(error) }, 'read log write failed; the read is refused');
    throw new AppError('READ_NOT_LOGGED');
  }
  if (result[0]?.readers !== 1) {
    log.error({ boardId: input.boardId, channel: input.channel }, 'read log: the reader has no account; the read is refused');
    throw new AppError('READ_NOT_LOGGED');
  }
}

/** Logs the reads when the board may hold client data; on any other board it does nothing (and costs one query only when `holdsClientData` is not known). */
export async function recordCardReadsIfSensitive(
  db: Db | Tx,
  input: { boardId: string; readerId: string; cardIds: readonly string[]; channel: ReadChannel; holdsClientData?: boolean },
): Promise<void> {
  const holdsClientData = input.holdsClientData ?? (await isBoardHoldingClientData(db, input.boardId));
  if (holdsClientData) await recordCardReads(db, input);
}

export async function isBoardHoldingClientData(db: Db | Tx, boardId: string): Promise<boolean> {
  const board = await db.board.findUnique({ where: { id: boardId }, select: { holdsClientData: true } });
  return board?.holdsClientData ?? false;
}

/**
 * A member marks the board as one that may hold client data, or takes the mark away. One transaction with the
 * board history row (CLIENT_DATA_MARKED / CLIENT_DATA_UNMARKED, who and when) and the board's live event. Setting
 * the state it already has changes nothing and writes no history. Taking the mark away stops new log rows; the
 * log kept so far stays, for its retention period.
 */
export async function setBoardHoldsClientData(actor: { id: string; name: string }, input: { boardId: string; holdsClientData: boolean }, now: Date): Promise<{ changed: boolean }> {
  return getDb().$transaction(async (tx) => {
    await authorizeBoardAction(tx, actor.id, input.boardId, 'board.edit');
    const [board] = await tx.$queryRaw<{ holdsClientData: boolean }[]>`SELECT "holdsClientData" FROM "Board" WHERE id = ${input.boardId} FOR UPDATE`;
    if (!board) throw new AppError('NOT_FOUND');
    if (board.holdsClientData === input.holdsClientData) return { changed: false };
    await tx.board.update({ where: { id: input.boardId }, data: { holdsClientData: input.holdsClientData } });
    await tx.boardEvent.create({
      data: {
        boardId: input.boardId,
        type: input.holdsClientData ? 'CLIENT_DATA_MARKED' : 'CLIENT_DATA_UNMARKED',
        actorId: actor.id,
        at: now,
        before: { holdsClientData: board.holdsClientData },
        after: { holdsClientData: input.holdsClientData },
      },
    });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
    return { changed: true };
  });
}

const READ_LOG_DELETE_BATCH = 10_000;

/**
 * The read log's own retention (scripts/retention.ts, nightly): deletes reads and log reviews older than the kept
 * period (TILLIT_READ_LOG_RETENTION_YEARS, default 5 years; lib/read-log/model.ts), in batches so no statement
 * holds many rows. The team's card retention never touches the log, and this never touches cards.
 */
export async function deleteExpiredReadLog(cutoff: Date): Promise<{ reads: number; reviews: number }> {
  const db = getDb();
  let reads = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "CardReadLog" WHERE id IN (SELECT id FROM "CardReadLog" WHERE at <= ${cutoff} ORDER BY at LIMIT ${READ_LOG_DELETE_BATCH})`;
    reads += deleted;
    if (deleted < READ_LOG_DELETE_BATCH) break;
  }
  const reviews = await db.readLogReview.deleteMany({ where: { drawnAt: { lte: cutoff } } });
  return { reads, reviews: reviews.count };
}
