import 'server-only';
/**
 * Reading a board's read log and its monthly review ("Stickprov"): the log filtered by card and period (page and
 * CSV), a random sample of a period's reads drawn by a member and recorded as reviewed. Only the team's members
 * (readlog.read / readlog.review): the log names colleagues and what they opened, so viewers — who read the board
 * and its flow, typically managers — do not read it (docs/security-and-sign-in.md). The log is read entry by entry:
 * nothing here counts, ranks or times a person, and no metric reads it.
 */
import { randomInt } from 'node:crypto';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createMulberry32 } from '@/lib/flow/seeded-random';
import { drawSample, fromStoredChannel, MAX_SAMPLE_SIZE, type LogPeriod, type ReadChannel } from '@/lib/read-log/model';
import { authorizeBoardAction } from './access';

/** The log page shows the newest reads of the period up to this many; the CSV has all of them (up to CSV_MAX_ROWS). */
export const PAGE_MAX_ENTRIES = 500;
export const CSV_MAX_ROWS = 200_000;

export type ReadLogEntry = {
  id: string;
  at: string;
  readerName: string;
  channel: ReadChannel;
  cardId: string;
  /** The card's title now; null when retention cleared its text or the card no longer exists. */
  cardTitle: string | null;
};

export type ReadLogFilter = { cardId?: string; period: Pick<LogPeriod, 'start' | 'end'> };

export type ReadLogReviewSummary = {
  id: string;
  periodFrom: string;
  periodTo: string;
  populationCount: number;
  sampleSize: number;
  drawnByName: string;
  drawnAt: string;
  reviewedByName: string | null;
  reviewedAt: string | null;
  note: string;
};

export type ReadLogPage = {
  board: { id: string; name: string; holdsClientData: boolean };
  entries: ReadLogEntry[];
  /** Reads in the period (and card, when filtered), of which `entries` are the newest PAGE_MAX_ENTRIES. */
  total: number;
  /** The cards read in the period, for the card filter. */
  cards: { id: string; title: string | null }[];
  reviews: ReadLogReviewSummary[];
};

type LogRow = { id: bigint; at: Date; readerName: string; channel: string; cardId: string };

async function titlesOf(boardId: string, cardIds: string[]): Promise<Map<string, string | null>> {
  if (cardIds.length === 0) return new Map();
  const cards = await getDb().card.findMany({ where: { boardId, id: { in: cardIds } }, select: { id: true, title: true, textClearedAt: true } });
  return new Map(cards.map((card) => [card.id, card.textClearedAt || card.title === '' ? null : card.title]));
}

async function toEntries(boardId: string, rows: LogRow[]): Promise<ReadLogEntry[]> {
  const titles = await titlesOf(boardId, [...new Set(rows.map((row) => row.cardId))]);
  return rows.map((row) => ({
    id: row.id.toString(),
    at: row.at.toISOString(),
    readerName: row.readerName,
    channel: fromStoredChannel(row.channel),
    cardId: row.cardId,
    cardTitle: titles.get(row.cardId) ?? null,
  }));
}

function whereOf(boardId: string, filter: ReadLogFilter) {
  return { boardId, at: { gte: filter.period.start, lt: filter.period.end }, ...(filter.cardId ? { cardId: filter.cardId } : {}) };
}

const LOG_SELECT = { id: true, at: true, readerName: true, channel: true, cardId: true } as const;

/** The board's read log for the page: the newest reads of the period (optionally of one card), the cards read, the reviews. Members only. */
export async function getReadLogPage(userId: string, boardId: string, filter: ReadLogFilter): Promise<ReadLogPage> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'readlog.read');
  const where = whereOf(boardId, filter);
  const [board, rows, total, readCards, reviews] = await Promise.all([
    db.board.findUniqueOrThrow({ where: { id: boardId }, select: { id: true, name: true, holdsClientData: true } }),
    db.cardReadLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: PAGE_MAX_ENTRIES, select: LOG_SELECT }),
    db.cardReadLog.count({ where }),
    db.cardReadLog.findMany({ where: whereOf(boardId, { period: filter.period }), distinct: ['cardId'], select: { cardId: true }, take: 2000 }),
    db.readLogReview.findMany({
      where: { boardId },
      orderBy: [{ drawnAt: 'desc' }, { id: 'desc' }],
      take: 24,
      include: { _count: { select: { entries: true } } },
    }),
  ]);
  const cardIds = [...new Set([...readCards.map((row) => row.cardId), ...(filter.cardId ? [filter.cardId] : [])])];
  const titles = await titlesOf(boardId, cardIds);
  return {
    board,
    entries: await toEntries(boardId, rows),
    total,
    cards: cardIds
      .map((id) => ({ id, title: titles.get(id) ?? null }))
      .sort((a, b) => (a.title ?? '\uffff').localeCompare(b.title ?? '\uffff', 'sv') || a.id.localeCompare(b.id)),
    reviews: reviews.map((review) => ({
      id: review.id,
      periodFrom: review.periodFrom.toISOString(),
      periodTo: review.periodTo.toISOString(),
      populationCount: review.populationCount,
      sampleSize: review._count.entries,
      drawnByName: review.drawnByName,
      drawnAt: review.drawnAt.toISOString(),
      reviewedByName: review.reviewedByName,
      reviewedAt: review.reviewedAt?.toISOString() ?? null,
      note: review.note,
    })),
  };
}

/** Every read of the period (optionally of one card), oldest first, for the log's CSV. Members only. */
export async function getReadLogForCsv(userId: string, boardId: string, filter: ReadLogFilter): Promise<{ boardName: string; entries: ReadLogEntry[] }> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'readlog.read');
  const [board, rows] = await Promise.all([
    db.board.findUniqueOrThrow({ where: { id: boardId }, select: { name: true } }),
    db.cardReadLog.findMany({ where: whereOf(boardId, filter), orderBy: [{ at: 'asc' }, { id: 'asc' }], take: CSV_MAX_ROWS, select: LOG_SELECT }),
  ]);
  return { boardName: board.name, entries: await toEntries(boardId, rows) };
}

/**
 * Draws the monthly review's random sample: `size` reads (1–200) chosen uniformly from the board's reads in the
 * period, with a fresh random seed that is kept with the review (the same seed over the same reads gives the same
 * sample). Writes the review — who drew it, when, the period, how many reads it held — with its entries, in one
 * transaction. A period without reads draws nothing and is refused (VALIDATION). Members only.
 */
export async function drawReadLogSample(
  actor: { id: string; name: string },
  input: { boardId: string; period: Pick<LogPeriod, 'start' | 'end'>; size: number },
  now: Date,
  seed: number = randomInt(0, 2 ** 31 - 1),
): Promise<{ reviewId: string; sampleSize: number; populationCount: number }> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'readlog.review');
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > MAX_SAMPLE_SIZE) throw new AppError('VALIDATION');
  return db.$transaction(async (tx) => {
    const ids = await tx.cardReadLog.findMany({ where: whereOf(input.boardId, { period: input.period }), orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { id: true } });
    if (ids.length === 0) throw new AppError('VALIDATION');
    const sample = drawSample(ids, input.size, createMulberry32(seed));
    const review = await tx.readLogReview.create({
      data: {
        boardId: input.boardId,
        periodFrom: input.period.start,
        periodTo: input.period.end,
        populationCount: ids.length,
        seed,
        drawnById: actor.id,
        drawnByName: actor.name,
        drawnAt: now,
        entries: { createMany: { data: sample.map((row) => ({ entryId: row.id })) } },
      },
      select: { id: true },
    });
    return { reviewId: review.id, sampleSize: sample.length, populationCount: ids.length };
  });
}

export type ReadLogReviewDetail = ReadLogReviewSummary & { entries: ReadLogEntry[] };

/** One review with its sampled reads (in time order). Members only; NOT_FOUND for another board's review. */
export async function getReadLogReview(userId: string, boardId: string, reviewId: string): Promise<ReadLogReviewDetail> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'readlog.read');
  const review = await db.readLogReview.findFirst({
    where: { id: reviewId, boardId },
    include: { entries: { include: { entry: { select: LOG_SELECT } } } },
  });
  if (!review) throw new AppError('NOT_FOUND');
  const rows = review.entries.map((item) => item.entry).sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id - b.id));
  return {
    id: review.id,
    periodFrom: review.periodFrom.toISOString(),
    periodTo: review.periodTo.toISOString(),
    populationCount: review.populationCount,
    sampleSize: rows.length,
    drawnByName: review.drawnByName,
    drawnAt: review.drawnAt.toISOString(),
    reviewedByName: review.reviewedByName,
    reviewedAt: review.reviewedAt?.toISOString() ?? null,
    note: review.note,
    entries: await toEntries(boardId, rows),
  };
}

export const REVIEW_NOTE_MAX = 4000;

/**
 * Records that `actor` reviewed the sample, now, with what they noted (may be empty: "nothing to remark"). A review
 * is recorded once: recording it again changes nothing (`recorded: false`). Members only.
 */
export async function recordReadLogReview(actor: { id: string; name: string }, input: { boardId: string; reviewId: string; note: string }, now: Date): Promise<{ recorded: boolean }> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'readlog.review');
  if (input.note.length > REVIEW_NOTE_MAX) throw new AppError('VALIDATION');
  const updated = await db.readLogReview.updateMany({
    where: { id: input.reviewId, boardId: input.boardId, reviewedAt: null },
    data: { reviewedById: actor.id, reviewedByName: actor.name, reviewedAt: now, note: input.note },
  });
  if (updated.count === 1) return { recorded: true };
  const exists = await db.readLogReview.findFirst({ where: { id: input.reviewId, boardId: input.boardId }, select: { id: true } });
  if (!exists) throw new AppError('NOT_FOUND');
  return { recorded: false };
}
