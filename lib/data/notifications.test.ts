/**
 * A person's own notifications (issue #11 §3): created inside a transaction for members of the board's team only,
 * never for the actor; listed, counted and marked read by that person only.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const created: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

async function seed() {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const [anna, bo, outsider] = await Promise.all(
    ['Anna', 'Bo', 'Utomstående'].map((name) => db.user.create({ data: { email: `${name.toLowerCase()}.${suffix}@notifications.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } })),
  );
  const team = await db.team.create({ data: { name: `Aviseringsteamet ${suffix}` } });
  const otherTeam = await db.team.create({ data: { name: `Andra teamet ${suffix}` } });
  created.teamIds.push(team.id, otherTeam.id);
  created.userIds.push(anna!.id, bo!.id, outsider!.id);
  await db.membership.createMany({ data: [{ teamId: team.id, userId: anna!.id, role: 'MEMBER' }, { teamId: team.id, userId: bo!.id, role: 'VIEWER' }, { teamId: otherTeam.id, userId: outsider!.id, role: 'MEMBER' }] });
  const board = await db.board.create({ data: { teamId: team.id, name: `Tavla ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
  const column = await db.column.create({ data: { boardId: board.id, name: 'Pågår', position: 1024 } });
  const card = await db.card.create({ data: { boardId: board.id, columnId: column.id, laneId: board.lanes[0]!.id, title: 'Bostadsanpassning', position: 1024 } });
  return { boardId: board.id, cardId: card.id, anna: anna!, bo: bo!, outsider: outsider! };
}

describe.skipIf(!hasDatabase)('notifications (database)', () => {
  let seeded: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    seeded = await seed();
  }, 60_000);

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.team.deleteMany({ where: { id: { in: created.teamIds } } });
    await db.user.deleteMany({ where: { id: { in: created.userIds } } });
  });

  it('notifies members of the board’s team once, never the actor or someone of another team; each sees only their own', { timeout: 60_000 }, async () => {
    const { getDb } = await import('@/lib/db');
    const { createNotifications, listNotifications, countUnreadNotifications, markNotificationRead, markAllNotificationsRead } = await import('./notifications');
    const { anna, bo, outsider, boardId, cardId } = seeded;
    const told = await getDb().$transaction((tx) =>
      createNotifications(tx, { userIds: [bo.id, bo.id, anna.id, outsider.id], kind: 'awaited-done', boardId, cardId, actorId: anna.id, data: { awaitedCardId: cardId } }),
    );
    expect(told).toEqual([bo.id]);
    expect(await countUnreadNotifications(bo.id)).toBe(1);
    expect(await countUnreadNotifications(anna.id)).toBe(0);
    expect(await listNotifications(outsider.id)).toEqual([]);
    const [only] = await listNotifications(bo.id);
    expect(only).toMatchObject({ kind: 'awaited-done', boardId, cardId, cardTitle: 'Bostadsanpassning', actorName: anna.name, isRead: false });

    // Someone else's notification cannot be marked: NOT_FOUND, and it stays unread.
    await expect(markNotificationRead(anna.id, only!.id, new Date())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await countUnreadNotifications(bo.id)).toBe(1);
    await markNotificationRead(bo.id, only!.id, new Date());
    expect(await countUnreadNotifications(bo.id)).toBe(0);
    expect((await listNotifications(bo.id))[0]!.isRead).toBe(true);

    await getDb().$transaction((tx) => createNotifications(tx, { userIds: [bo.id], kind: 'mentioned', boardId, cardId, actorId: anna.id }));
    await getDb().$transaction((tx) => createNotifications(tx, { userIds: [bo.id], kind: 'mentioned', boardId, cardId, actorId: null }));
    expect(await countUnreadNotifications(bo.id)).toBe(2);
    expect(await markAllNotificationsRead(anna.id, new Date())).toBe(0);
    expect(await markAllNotificationsRead(bo.id, new Date())).toBe(2);
    expect(await countUnreadNotifications(bo.id)).toBe(0);
  });

  it('leaves out boards of a team the person has left', { timeout: 60_000 }, async () => {
    const { getDb } = await import('@/lib/db');
    const { createNotifications, listNotifications, countUnreadNotifications } = await import('./notifications');
    const { anna, bo, boardId, cardId } = seeded;
    await getDb().$transaction((tx) => createNotifications(tx, { userIds: [bo.id], kind: 'mentioned', boardId, cardId, actorId: anna.id }));
    expect(await countUnreadNotifications(bo.id)).toBe(1);
    const board = await getDb().board.findUniqueOrThrow({ where: { id: boardId }, select: { teamId: true } });
    await getDb().membership.delete({ where: { teamId_userId: { teamId: board.teamId, userId: bo.id } } });
    expect(await countUnreadNotifications(bo.id)).toBe(0);
    expect(await listNotifications(bo.id)).toEqual([]);
    // And no new ones are created for someone no longer on the team.
    expect(await getDb().$transaction((tx) => createNotifications(tx, { userIds: [bo.id], kind: 'mentioned', boardId, cardId, actorId: anna.id }))).toEqual([]);
  });
});
