/**
 * moveCard writes through the plain pool (lib/data/sql-pool.ts), whose timestamps must agree with Prisma's (UTC in
 * `timestamp(3)` columns) whatever the server's time zone: a move made at an instant is stored and read back as
 * that instant, also when the process runs in a zone far from UTC.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

describe.skipIf(!hasDatabase)('moveCard timestamps', { timeout: 30_000 }, () => {
  const cleanup: { teamId?: string; userId?: string } = {};
  const originalTz = process.env.TZ;

  afterAll(async () => {
    process.env.TZ = originalTz;
    const { getDb } = await import('@/lib/db');
    if (cleanup.teamId) await getDb().team.delete({ where: { id: cleanup.teamId } });
    if (cleanup.userId) await getDb().user.delete({ where: { id: cleanup.userId } });
  });

  it('stores and returns the exact instant of the move in a time zone far from UTC', async () => {
    process.env.TZ = 'America/Los_Angeles';
    const { getDb } = await import('@/lib/db');
    const { moveCard } = await import('./cards');
    const db = getDb();
    const suffix = randomUUID().slice(0, 8);
    const user = await db.user.create({ data: { email: `tz.${suffix}@test.example`, name: `Tid ${suffix}` } });
    cleanup.userId = user.id;
    const team = await db.team.create({ data: { name: `Tidteamet ${suffix}` } });
    cleanup.teamId = team.id;
    await db.membership.create({ data: { teamId: team.id, userId: user.id, role: 'MEMBER' } });
    const board = await db.board.create({ data: { teamId: team.id, name: 'Tavla', lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
    const todo = await db.column.create({ data: { boardId: board.id, name: 'Inkommet', position: 1024, flowState: 'NOT_STARTED' } });
    const doing = await db.column.create({ data: { boardId: board.id, name: 'Pågår', position: 2048, flowState: 'IN_PROGRESS' } });
    const created = new Date('2026-03-01T08:00:00.000Z');
    const card = await db.card.create({ data: { boardId: board.id, columnId: todo.id, laneId: board.lanes[0]!.id, title: 'Ärende', position: 1024, createdAt: created, lastMovedAt: created } });
    await db.cardEvent.create({ data: { boardId: board.id, cardId: card.id, type: 'CREATED', toColumnId: todo.id, at: created } });

    const now = new Date('2026-03-29T00:30:15.123Z'); // the night Europe moves its clocks: no room for a local-time slip
    const view = await moveCard({ id: user.id }, { boardId: board.id, cardId: card.id, toColumnId: doing.id, toIndex: 0 }, now);
    expect(view.startedAt).toBe(now.toISOString());
    expect(view.lastMovedAt).toBe(now.toISOString());
    expect(view.createdAt).toBe(created.toISOString());

    const stored = await db.card.findUniqueOrThrow({ where: { id: card.id } });
    expect(stored.startedAt?.toISOString()).toBe(now.toISOString());
    expect(stored.lastMovedAt.toISOString()).toBe(now.toISOString());
    const event = await db.cardEvent.findFirstOrThrow({ where: { cardId: card.id, type: 'MOVED' } });
    expect(event.at.toISOString()).toBe(now.toISOString());

    // A second move keeps the history in order: its time is read back through the pool as the same instant.
    const again = await moveCard({ id: user.id }, { boardId: board.id, cardId: card.id, toColumnId: todo.id, toIndex: 0 }, new Date(now.getTime() - 60_000));
    expect(again.lastMovedAt).toBe(now.toISOString());
  }, 30_000); // a correctness test: on a busy machine its first queries alone can take seconds
});
