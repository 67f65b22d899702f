/**
 * The board load's one statement (lib/data/boards.ts BOARD_LOAD) against a real database: the same board as the
 * Prisma reads give (columns, lanes, open cards with every field, the ageing percentile), and the same refusals.
 * A field added to the card view but not to the board load's SQL fails here.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const DAY = 86_400_000;

async function load() {
  const { getDb } = await import('@/lib/db');
  return { db: getDb(), ...(await import('./boards')), ...(await import('./card-view')), ...(await import('./lanes')) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).name;
  }
}

describe.runIf(hasDatabase)('the board load', { timeout: 60_000 }, () => {
  it('gives exactly what the Prisma reads give, for members and viewers, in one round trip', async () => {
    const { db, getBoardForUser, getRecentCycleTimeP85, COLUMN_VIEW_SELECT, LANE_VIEW_SELECT, CARD_VIEW_SELECT, toCardView } = await load();
    const suffix = randomUUID().slice(0, 8);
    const now = new Date();
    const [member, viewer, outsider] = await Promise.all(
      ['m', 'v', 'o'].map((name) => db.user.create({ data: { email: `${name}.${suffix}@load.test`, name: `${name} ${suffix}` } })),
    );
    const team = await db.team.create({ data: { name: `Team ${suffix}` } });
    await db.membership.createMany({ data: [{ teamId: team.id, userId: member!.id, role: 'MEMBER' }, { teamId: team.id, userId: viewer!.id, role: 'VIEWER' }] });
    const board = await db.board.create({ data: { teamId: team.id, name: `Tavla ”${suffix}”` } });
    const columns = await Promise.all(
      (['NOT_STARTED', 'IN_PROGRESS', 'DONE'] as const).map((flowState, index) =>
        db.column.create({ data: { boardId: board.id, name: `K${index} åäö "citat"`, position: 1024 * (3 - index) + 0.5, flowState, wipLimit: index === 1 ? 4 : null, wipMode: index === 1 ? 'STRICT' : 'ADVISORY', policy: `**Policy** ${index}\nrad två` } }),
      ),
    );
    await db.column.create({ data: { boardId: board.id, name: 'Borttagen', position: 1, deletedAt: now } });
    const lanes = await Promise.all([
      db.lane.create({ data: { boardId: board.id, name: 'Standard', position: 2048 } }),
      db.lane.create({ data: { boardId: board.id, name: 'Akut', position: 1024, classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT', policy: 'Först' } }),
    ]);
    for (let index = 0; index < 12; index += 1) {
      const doneAt = new Date(now.getTime() - index * DAY - 123);
      await db.card.create({
        data: {
          boardId: board.id,
          columnId: columns[index % 3]!.id,
          laneId: lanes[index % 2]!.id,
          title: `Ärende ${index} \\ "${suffix}" 🙂`,
          position: (index % 4) * 1024 + 0.25,
          demand: (['VALUE', 'FAILURE', 'UNKNOWN'] as const)[index % 3],
          labels: index % 2 ? ['Akut', 'Ö-märkt'] : [],
          blockedReason: index % 5 === 0 ? 'Väntar' : null,
          blockedAt: index % 5 === 0 ? new Date(now.getTime() - 7) : null,
          createdAt: new Date(now.getTime() - (index + 10) * DAY),
          startedAt: index % 3 ? new Date(now.getTime() - (index + 5) * DAY + 999) : null,
          doneAt: index % 3 === 2 ? doneAt : null,
          lastMovedAt: new Date(now.getTime() - index * 1000),
          version: index + 1,
          commentCount: index % 4,
          archivedAt: index === 11 ? now : null,
        },
      });
    }
    // People on cards: two on one, one on another.
    const someCards = await db.card.findMany({ where: { boardId: board.id, archivedAt: null }, orderBy: { id: 'asc' }, take: 2, select: { id: true } });
    await db.cardPerson.createMany({ data: [{ cardId: someCards[0]!.id, userId: member!.id }, { cardId: someCards[0]!.id, userId: viewer!.id }, { cardId: someCards[1]!.id, userId: member!.id }] });
    // Finished and archived cards count for the percentile.
    for (let index = 0; index < 6; index += 1) {
      await db.card.create({ data: { boardId: board.id, columnId: columns[2]!.id, laneId: lanes[0]!.id, title: 'Klar', position: 0, startedAt: new Date(now.getTime() - (index + 2) * DAY), doneAt: new Date(now.getTime() - DAY), archivedAt: now } });
    }

    const expected = await db.board.findUniqueOrThrow({
      where: { id: board.id },
      select: {
        name: true,
        eventSeq: true,
        team: { select: { id: true, name: true } },
        columns: { where: { deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: COLUMN_VIEW_SELECT },
        lanes: { where: { deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: LANE_VIEW_SELECT },
        cards: { where: { archivedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: CARD_VIEW_SELECT },
      },
    });
    const p85 = await getRecentCycleTimeP85(board.id, now);
    expect(p85).not.toBeNull();
    for (const user of [member!, viewer!]) {
      const view = await getBoardForUser(user.id, board.id, now);
      expect(view).toEqual({
        id: board.id,
        name: expected.name,
        team: expected.team,
        role: user === member ? 'MEMBER' : 'VIEWER',
        archivedAt: null,
        columns: expected.columns,
        lanes: expected.lanes,
        cards: expected.cards.map(toCardView),
        cycleTimeP85Days: p85,
        eventSeq: expected.eventSeq,
        holdsClientData: false,
      });
    }
    expect((await getBoardForUser(member!.id, board.id, now)).cards).toHaveLength(11);

    // Refusals, as authorizeBoardAction gives them: not on the team and no such board look the same.
    expect(await codeOf(getBoardForUser(outsider!.id, board.id, now))).toBe('NOT_FOUND');
    expect(await codeOf(getBoardForUser(member!.id, 'no-such-board', now))).toBe('NOT_FOUND');
    await db.team.update({ where: { id: team.id }, data: { requireTwoFactor: true } });
    expect(await codeOf(getBoardForUser(member!.id, board.id, now))).toBe('TWO_FACTOR_REQUIRED');
    await db.user.update({ where: { id: member!.id }, data: { totpEnabledAt: now } });
    expect((await getBoardForUser(member!.id, board.id, now)).role).toBe('MEMBER');

    // An empty board (no columns, lanes or cards) and an archived one.
    const empty = await db.board.create({ data: { teamId: team.id, name: 'Tom', archivedAt: now } });
    const emptyView = await getBoardForUser(member!.id, empty.id, now);
    expect(emptyView).toMatchObject({ columns: [], lanes: [], cards: [], cycleTimeP85Days: null, archivedAt: now.toISOString() });
  });
});
