/**
 * The read log of boards that may hold client data, against a real database: a read of a card's content on such a
 * board writes its log row before the content is returned, a read whose row cannot be written is refused (the
 * content never leaves unlogged), exports log one row per card, only members mark boards and read the log, the
 * monthly sample is drawn and recorded, and the log has its own retention apart from the team's card retention.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

async function seed(holdsClientData: boolean) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const user = (name: string) => db.user.create({ data: { email: `${name.toLowerCase()}.${suffix}@read-log.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } });
  const [member, viewer, outsider] = await Promise.all([user('Maja'), user('Vera'), user('Otto')]);
  const team = await db.team.create({ data: { name: `Socialtjänsten ${suffix}` } });
  const otherTeam = await db.team.create({ data: { name: `Annat ${suffix}` } });
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: member.id, role: 'MEMBER' },
      { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      { teamId: otherTeam.id, userId: outsider.id, role: 'MEMBER' },
    ],
  });
  const board = await db.board.create({
    data: { teamId: team.id, name: `Ekonomiskt bistånd ${suffix}`, holdsClientData, lanes: { create: { name: 'Standard', position: 1024 } }, columns: { create: { name: 'Inkommet', position: 1024, flowState: 'NOT_STARTED' } } },
    include: { lanes: true, columns: true },
  });
  const card = (title: string, archivedAt: Date | null = null) =>
    db.card.create({ data: { boardId: board.id, columnId: board.columns[0]!.id, laneId: board.lanes[0]!.id, title, description: `Klient 19121212-1212: ${title}`, position: 1024, archivedAt }, select: { id: true } });
  const cards = [await card('Ansökan A'), await card('Ansökan B'), await card('Ansökan C'), await card('Avslutad', new Date())];
  return { db, member, viewer, outsider, teamId: team.id, boardId: board.id, cardIds: cards.map((c) => c.id) };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

const logOf = async (seeded: Seeded) =>
  seeded.db.cardReadLog.findMany({ where: { boardId: seeded.boardId }, orderBy: { id: 'asc' }, select: { cardId: true, readerId: true, readerName: true, channel: true, at: true } });

// Generous limits: the database tests share a busy machine (no test here waits for time).
describe.skipIf(!hasDatabase)('read log (database)', { timeout: 60_000 }, () => {
  let sensitive: Seeded;
  let normal: Seeded;

  beforeAll(async () => {
    [sensitive, normal] = await Promise.all([seed(true), seed(false)]);
  }, 60_000);

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().$disconnect();
  });

  it('logs a card-dialog read on a board that may hold client data — who, which card, how, when — and nothing on another board', async () => {
    const { getCardDetail } = await import('./cards');
    const before = new Date();
    const detail = await getCardDetail(sensitive.member.id, sensitive.boardId, sensitive.cardIds[0]!);
    expect(detail.description).toContain('19121212-1212');
    const rows = await logOf(sensitive);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ cardId: sensitive.cardIds[0], readerId: sensitive.member.id, readerName: sensitive.member.name, channel: 'DIALOG' });
    expect(rows[0]!.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    await getCardDetail(normal.member.id, normal.boardId, normal.cardIds[0]!);
    expect(await logOf(normal)).toHaveLength(0);
  });

  it("logs viewers' reads and API reads too (channel 'api')", async () => {
    const { getCardDetail } = await import('./cards');
    await getCardDetail(sensitive.viewer.id, sensitive.boardId, sensitive.cardIds[1]!, 'api');
    const rows = await logOf(sensitive);
    expect(rows.at(-1)).toMatchObject({ cardId: sensitive.cardIds[1], readerId: sensitive.viewer.id, channel: 'API' });
  });

  it('logs nothing for a read that is refused (an outsider, a card of another board)', async () => {
    const { getCardDetail } = await import('./cards');
    const count = (await logOf(sensitive)).length;
    await expect(getCardDetail(sensitive.outsider.id, sensitive.boardId, sensitive.cardIds[0]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getCardDetail(sensitive.member.id, sensitive.boardId, normal.cardIds[0]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await logOf(sensitive)).toHaveLength(count);
  });

  it('logs one row per card for every export (JSON, cards CSV, history CSV), with one statement each', async () => {
    const { getBoardExport, getCardsForCsv, getHistoryForCsv } = await import('./export-board');
    const { db } = sensitive;
    await db.cardEvent.create({ data: { boardId: sensitive.boardId, cardId: sensitive.cardIds[2]!, type: 'CREATED', actorId: sensitive.member.id } });
    const start = (await logOf(sensitive)).length;
    const document = await getBoardExport(sensitive.member.id, sensitive.boardId, new Date());
    expect(document.cards).toHaveLength(4);
    const afterJson = (await logOf(sensitive)).slice(start);
    expect(afterJson.map((row) => row.cardId).sort()).toEqual([...sensitive.cardIds].sort());
    expect(new Set(afterJson.map((row) => row.channel))).toEqual(new Set(['EXPORT']));
    // One bulk insert: every row of the export has the same transaction time.
    expect(new Set(afterJson.map((row) => row.at.getTime())).size).toBe(1);

    await getCardsForCsv(sensitive.viewer.id, sensitive.boardId);
    const afterCards = (await logOf(sensitive)).slice(start + 4);
    expect(afterCards).toHaveLength(4);
    expect(afterCards.every((row) => row.readerId === sensitive.viewer.id && row.channel === 'EXPORT')).toBe(true);

    await getHistoryForCsv(sensitive.viewer.id, sensitive.boardId);
    const afterHistory = (await logOf(sensitive)).slice(start + 8);
    expect(afterHistory.map((row) => row.cardId)).toEqual([sensitive.cardIds[2]]);

    await getBoardExport(normal.member.id, normal.boardId, new Date());
    expect(await logOf(normal)).toHaveLength(0);
  });

  it('logs an opening of a card once: its comments and refetches within a minute are the same read; a second person or another way is another', async () => {
    const { getCardDetail } = await import('./cards');
    const { listComments } = await import('./comments');
    const fresh = await seed(true);
    await getCardDetail(fresh.member.id, fresh.boardId, fresh.cardIds[0]!);
    await listComments(fresh.member.id, fresh.boardId, fresh.cardIds[0]!);
    await getCardDetail(fresh.member.id, fresh.boardId, fresh.cardIds[0]!);
    expect((await logOf(fresh)).map((row) => [row.readerId, row.channel])).toEqual([[fresh.member.id, 'DIALOG']]);
    await listComments(fresh.viewer.id, fresh.boardId, fresh.cardIds[0]!, 'api');
    await getCardDetail(fresh.member.id, fresh.boardId, fresh.cardIds[0]!, 'api');
    await listComments(fresh.member.id, fresh.boardId, fresh.cardIds[1]!);
    expect((await logOf(fresh)).map((row) => [row.cardId, row.readerId, row.channel])).toEqual([
      [fresh.cardIds[0], fresh.member.id, 'DIALOG'],
      [fresh.cardIds[0], fresh.viewer.id, 'API'],
      [fresh.cardIds[0], fresh.member.id, 'API'],
      [fresh.cardIds[1], fresh.member.id, 'DIALOG'],
    ]);
    // A read older than the window is not the same read: the next opening is logged again.
    await fresh.db.cardReadLog.updateMany({ where: { boardId: fresh.boardId }, data: { at: new Date(Date.now() - 61_000) } });
    await getCardDetail(fresh.member.id, fresh.boardId, fresh.cardIds[0]!);
    expect(await logOf(fresh)).toHaveLength(5);
  });

  it('refuses the read when its log row cannot be written: the content is never returned unlogged', async () => {
    const { getCardDetail } = await import('./cards');
    const { listComments } = await import('./comments');
    const { getBoardExport, getCardsForCsv } = await import('./export-board');
    // A board of its own, so no earlier read of the same card coalesces with these.
    const sensitive = await seed(true);
    const { db } = sensitive;
    // A trigger that makes every insert into the log for this board fail, as a full disk or a revoked privilege would.
    const fn = `read_log_fail_${sensitive.boardId.replace(/[^a-z0-9]/gi, '')}`;
    await db.$executeRawUnsafe(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."boardId" = '${sensitive.boardId}' THEN RAISE EXCEPTION 'read log unavailable'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT ON "CardReadLog" FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      const count = (await logOf(sensitive)).length;
      await expect(getCardDetail(sensitive.member.id, sensitive.boardId, sensitive.cardIds[0]!)).rejects.toMatchObject({ code: 'READ_NOT_LOGGED' });
      await expect(getCardDetail(sensitive.member.id, sensitive.boardId, sensitive.cardIds[0]!, 'api')).rejects.toMatchObject({ code: 'READ_NOT_LOGGED' });
      await expect(listComments(sensitive.viewer.id, sensitive.boardId, sensitive.cardIds[1]!)).rejects.toMatchObject({ code: 'READ_NOT_LOGGED' });
      await expect(getBoardExport(sensitive.member.id, sensitive.boardId, new Date())).rejects.toMatchObject({ code: 'READ_NOT_LOGGED' });
      await expect(getCardsForCsv(sensitive.member.id, sensitive.boardId)).rejects.toMatchObject({ code: 'READ_NOT_LOGGED' });
      expect(await logOf(sensitive)).toHaveLength(count);
      // The failing log of one board does not stop the reads of a board that is not marked.
      await expect(getCardDetail(normal.member.id, normal.boardId, normal.cardIds[0]!)).resolves.toMatchObject({ id: normal.cardIds[0] });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${fn} ON "CardReadLog"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
    const { HTTP_STATUS_BY_CODE } = await import('@/lib/errors');
    expect(HTTP_STATUS_BY_CODE.READ_NOT_LOGGED).toBe(503);
  });

  it('refuses the read when the privilege to write the log is revoked (a database role without INSERT on it)', async () => {
    const { db } = sensitive;
    const { recordCardReads } = await import('./read-log');
    const role = `read_log_reader_${randomUUID().slice(0, 8)}`;
    await db.$executeRawUnsafe(`CREATE ROLE ${role}`);
    try {
      await db.$executeRawUnsafe(`GRANT SELECT ON "User" TO ${role}`);
      await db.$executeRawUnsafe(`GRANT SELECT ON "CardReadLog" TO ${role}`);
      await expect(
        db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL ROLE ${role}`);
          await recordCardReads(tx, { boardId: sensitive.boardId, readerId: sensitive.member.id, cardIds: [sensitive.cardIds[0]!], channel: 'dialog' });
        }),
      ).rejects.toMatchObject({ code: 'READ_NOT_LOGGED' });
    } finally {
      await db.$executeRawUnsafe(`REVOKE ALL ON "User", "CardReadLog" FROM ${role}`);
      await db.$executeRawUnsafe(`DROP ROLE ${role}`);
    }
  });

  it('lets members mark a board (recorded once in its history) and refuses viewers and outsiders', async () => {
    const { setBoardHoldsClientData } = await import('./read-log');
    const fresh = await seed(false);
    await expect(setBoardHoldsClientData(fresh.viewer, { boardId: fresh.boardId, holdsClientData: true }, new Date())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setBoardHoldsClientData(fresh.outsider, { boardId: fresh.boardId, holdsClientData: true }, new Date())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await setBoardHoldsClientData(fresh.member, { boardId: fresh.boardId, holdsClientData: true }, new Date())).toEqual({ changed: true });
    expect(await setBoardHoldsClientData(fresh.member, { boardId: fresh.boardId, holdsClientData: true }, new Date())).toEqual({ changed: false });
    const board = await fresh.db.board.findUniqueOrThrow({ where: { id: fresh.boardId }, select: { holdsClientData: true } });
    expect(board.holdsClientData).toBe(true);
    const history = await fresh.db.boardEvent.findMany({ where: { boardId: fresh.boardId, type: { in: ['CLIENT_DATA_MARKED', 'CLIENT_DATA_UNMARKED'] } } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ type: 'CLIENT_DATA_MARKED', actorId: fresh.member.id });
    // From now on a read is logged.
    const { getCardDetail } = await import('./cards');
    await getCardDetail(fresh.viewer.id, fresh.boardId, fresh.cardIds[0]!);
    expect(await logOf(fresh)).toHaveLength(1);
  });

  it('shows the log to members only, filtered by card and period', async () => {
    const { getReadLogPage, getReadLogForCsv } = await import('./read-log-review');
    const { parseLogPeriod } = await import('@/lib/read-log/model');
    const period = parseLogPeriod({}, new Date());
    await expect(getReadLogPage(sensitive.viewer.id, sensitive.boardId, { period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getReadLogPage(sensitive.outsider.id, sensitive.boardId, { period })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getReadLogForCsv(sensitive.viewer.id, sensitive.boardId, { period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const all = await getReadLogPage(sensitive.member.id, sensitive.boardId, { period });
    expect(all.total).toBe((await logOf(sensitive)).length);
    expect(all.entries[0]!.at >= all.entries.at(-1)!.at).toBe(true);
    expect(all.cards.map((card) => card.id).sort()).toEqual([...sensitive.cardIds].sort());
    const one = await getReadLogPage(sensitive.member.id, sensitive.boardId, { cardId: sensitive.cardIds[1]!, period });
    expect(one.entries.length).toBeGreaterThan(0);
    expect(one.entries.every((entry) => entry.cardId === sensitive.cardIds[1] && entry.cardTitle === 'Ansökan B')).toBe(true);
    const past = await getReadLogPage(sensitive.member.id, sensitive.boardId, { period: parseLogPeriod({ from: '2020-01-01', to: '2020-01-31' }, new Date()) });
    expect(past.total).toBe(0);
  });

  it('draws a reproducible random sample, records who reviewed it and when, once', async () => {
    const { drawReadLogSample, getReadLogReview, recordReadLogReview } = await import('./read-log-review');
    const { parseLogPeriod, drawSample } = await import('@/lib/read-log/model');
    const { createMulberry32 } = await import('@/lib/flow/seeded-random');
    const period = parseLogPeriod({}, new Date());
    await expect(drawReadLogSample(sensitive.viewer, { boardId: sensitive.boardId, period, size: 3 }, new Date(), 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(drawReadLogSample(sensitive.member, { boardId: sensitive.boardId, period: parseLogPeriod({ from: '2020-01-01', to: '2020-01-02' }, new Date()), size: 3 }, new Date(), 1)).rejects.toMatchObject({ code: 'VALIDATION' });
    const drawnAt = new Date();
    const drawn = await drawReadLogSample(sensitive.member, { boardId: sensitive.boardId, period, size: 3 }, drawnAt, 12345);
    const population = await sensitive.db.cardReadLog.findMany({ where: { boardId: sensitive.boardId, at: { gte: period.start, lt: period.end } }, orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { id: true } });
    expect(drawn).toMatchObject({ sampleSize: 3, populationCount: population.length });
    const review = await getReadLogReview(sensitive.member.id, sensitive.boardId, drawn.reviewId);
    const expected = drawSample(population, 3, createMulberry32(12345)).map((row) => row.id.toString());
    expect(review.entries.map((entry) => entry.id).sort()).toEqual([...expected].sort());
    expect(review).toMatchObject({ drawnByName: sensitive.member.name, reviewedAt: null });

    await expect(recordReadLogReview(sensitive.viewer, { boardId: sensitive.boardId, reviewId: drawn.reviewId, note: '' }, new Date())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordReadLogReview(normal.member, { boardId: normal.boardId, reviewId: drawn.reviewId, note: '' }, new Date())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reviewedAt = new Date();
    expect(await recordReadLogReview(sensitive.member, { boardId: sensitive.boardId, reviewId: drawn.reviewId, note: 'Alla läsningar hörde till ärendet.' }, reviewedAt)).toEqual({ recorded: true });
    expect(await recordReadLogReview(sensitive.member, { boardId: sensitive.boardId, reviewId: drawn.reviewId, note: 'igen' }, new Date())).toEqual({ recorded: false });
    const recorded = await getReadLogReview(sensitive.member.id, sensitive.boardId, drawn.reviewId);
    expect(recorded).toMatchObject({ reviewedByName: sensitive.member.name, reviewedAt: reviewedAt.toISOString(), note: 'Alla läsningar hörde till ärendet.' });
  });

  it("keeps the log through the team's card retention, and deletes only what its own period has passed", async () => {
    const { runRetention } = await import('./retention');
    const { deleteExpiredReadLog } = await import('./read-log');
    const { readLogCutoff } = await import('@/lib/read-log/model');
    const fresh = await seed(true);
    const { db } = fresh;
    await db.team.update({ where: { id: fresh.teamId }, data: { retentionMonths: 6 } });
    const now = new Date('2031-06-01T02:00:00Z');
    const old = new Date('2025-06-01T00:00:00Z');
    const recent = new Date('2029-06-01T00:00:00Z');
    await db.card.update({ where: { id: fresh.cardIds[0]! }, data: { doneAt: old } });
    await db.cardReadLog.createMany({
      data: [
        { boardId: fresh.boardId, cardId: fresh.cardIds[0]!, readerId: fresh.member.id, readerName: fresh.member.name, channel: 'DIALOG', at: old },
        { boardId: fresh.boardId, cardId: fresh.cardIds[0]!, readerId: fresh.member.id, readerName: fresh.member.name, channel: 'EXPORT', at: recent },
      ],
    });
    await runRetention(now, { teamId: fresh.teamId });
    expect((await db.card.findUniqueOrThrow({ where: { id: fresh.cardIds[0]! } })).textClearedAt).not.toBeNull();
    expect(await logOf(fresh)).toHaveLength(2);
    // Five years back from 2031-06-01 is 2026-06-01: the 2025 read goes, the 2029 one stays. (Only rows this old
    // exist in the test database as this test's own; every other test writes reads at the current time.)
    const result = await deleteExpiredReadLog(readLogCutoff(now, 5));
    expect(result.reads).toBeGreaterThanOrEqual(1);
    expect((await logOf(fresh)).map((row) => row.at.toISOString())).toEqual([recent.toISOString()]);
  });
});
