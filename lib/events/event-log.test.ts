/**
 * The event core against a real database: every change of a board is one event in its log, numbered without gaps
 * in commit order, whichever path wrote it (Prisma, moveCard's plain SQL, the membership trigger); a rolled-back
 * change leaves nothing; the dispatcher hands every event to its consumers once, in per-board order, resumes from
 * its stored cursors after a restart, retries a failing consumer, has one leader at a time, and prunes the log.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurableConsumer, EventConsumer } from './consumers';
import type { BoardEventRecord } from './types';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const created: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

async function seedTeam(boardCount = 1) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const users = await Promise.all(
    ['a', 'b', 'c'].map((letter) => db.user.create({ data: { email: `events.${letter}.${suffix}@test.example`, name: `Händelse ${letter} ${suffix}` }, select: { id: true, name: true } })),
  );
  created.userIds.push(...users.map((user) => user.id));
  const team = await db.team.create({ data: { name: `Händelseteamet ${suffix}` } });
  created.teamIds.push(team.id);
  await db.membership.createMany({ data: users.map((user) => ({ teamId: team.id, userId: user.id, role: 'MEMBER' as const })) });
  const boards = [];
  for (let b = 0; b < boardCount; b += 1) {
    const board = await db.board.create({ data: { teamId: team.id, name: `Tavla ${b}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
    const laneId = board.lanes[0]!.id;
    const columns = await Promise.all(
      ['Inkommet', 'Pågår', 'Klart'].map((name, index) =>
        db.column.create({ data: { boardId: board.id, name, position: (index + 1) * 1024, flowState: index === 0 ? 'NOT_STARTED' : index === 2 ? 'DONE' : 'IN_PROGRESS' }, select: { id: true } }),
      ),
    );
    const cards = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        db.card.create({ data: { boardId: board.id, columnId: columns[index % 3]!.id, laneId, title: `Ärende ${index}`, position: (index + 1) * 1024 }, select: { id: true } }),
      ),
    );
    boards.push({ boardId: board.id, columnIds: columns.map((c) => c.id), cardIds: cards.map((c) => c.id) });
  }
  return { teamId: team.id, users, boards };
}

async function readLog(boardId: string) {
  const { getDb } = await import('@/lib/db');
  return getDb().outboxEvent.findMany({ where: { boardId }, orderBy: { seq: 'asc' }, select: { seq: true, kind: true, payload: true } });
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A durable consumer that records what it was handed (after its transaction committed) and can be made to fail. */
function recordingConsumer(name: string, accepts: (record: BoardEventRecord['event']) => boolean = () => true) {
  const handled: BoardEventRecord[] = [];
  const control = { failuresLeft: 0, calls: 0 };
  const consumer: DurableConsumer = {
    name,
    kind: 'durable',
    accepts,
    async handle(tx, events) {
      control.calls += 1;
      await tx.$queryRaw`SELECT 1`;
      if (control.failuresLeft > 0) {
        control.failuresLeft -= 1;
        throw new Error('not now');
      }
      handled.push(...events);
    },
  };
  return { consumer, handled, control };
}

describe.skipIf(!hasDatabase)('the board event log (database)', () => {
  beforeAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().$queryRaw`SELECT 1`;
  });

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.team.deleteMany({ where: { id: { in: created.teamIds } } });
    await db.user.deleteMany({ where: { id: { in: created.userIds } } });
  });

  it('numbers every change of a board 1, 2, 3… in commit order, whichever path wrote it, with nothing for refused changes', { timeout: 120_000 }, async () => {
    const { executeBoardCommand } = await import('@/lib/data/board-commands');
    const seeded = await seedTeam();
    const board = seeded.boards[0]!;
    const actor = seeded.users[0]!;
    let successes = 0;
    await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const cardId = board.cardIds[index % board.cardIds.length]!;
        const command =
          index % 4 === 0
            ? ({ type: 'card.update', cardId, title: `Ärende ${index}` } as const)
            : index % 4 === 1
              ? index % 8 === 1
                ? ({ type: 'card.block', cardId, reason: 'Väntar' } as const)
                : ({ type: 'card.unblock', cardId } as const)
              : index % 4 === 2
                ? ({ type: 'card.move', cardId: 'no-such-card', toColumnId: board.columnIds[1]!, toIndex: 0 } as const)
                : ({ type: 'card.move', cardId, toColumnId: board.columnIds[index % 3]!, toIndex: index % 4 } as const);
        try {
          await executeBoardCommand(actor, board.boardId, command, new Date());
          successes += 1;
        } catch (error) {
          expect((error as { code?: string }).code).toBe('NOT_FOUND');
        }
      }),
    );
    expect(successes).toBe(30);
    const log = await readLog(board.boardId);
    expect(log.map((event) => event.seq)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    const versions = new Map<string, number>();
    for (const event of log) {
      const card = (JSON.parse(event.payload) as { card: { id: string; version: number } }).card;
      expect(card.version).toBeGreaterThan(versions.get(card.id) ?? 0);
      versions.set(card.id, card.version);
    }
  });

  it('a change that rolls back leaves neither an event nor a gap', async () => {
    const { getDb } = await import('@/lib/db');
    const { publishBoardEvent } = await import('@/lib/live/publish');
    const seeded = await seedTeam();
    const { boardId } = seeded.boards[0]!;
    const event = { kind: 'board.changed', boardId, actorId: seeded.users[0]!.id, actorName: 'A' } as const;
    await getDb().$transaction((tx) => publishBoardEvent(tx, event));
    await expect(
      getDb().$transaction(async (tx) => {
        await publishBoardEvent(tx, event);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const next = await getDb().$transaction((tx) => publishBoardEvent(tx, event));
    expect(next.seq).toBe(2);
    expect((await readLog(boardId)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('a removal, a role change and an account deletion are events on every board of the team (the membership trigger)', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const seeded = await seedTeam(2);
    const [anna, bo] = seeded.users;
    await db.membership.update({ where: { teamId_userId: { teamId: seeded.teamId, userId: bo!.id } }, data: { role: 'VIEWER' } });
    await db.membership.update({ where: { teamId_userId: { teamId: seeded.teamId, userId: bo!.id } }, data: { role: 'VIEWER' } });
    await db.membership.delete({ where: { teamId_userId: { teamId: seeded.teamId, userId: bo!.id } } });
    await db.user.delete({ where: { id: anna!.id } });
    for (const board of seeded.boards) {
      const log = await readLog(board.boardId);
      expect(log.map((event) => ({ seq: event.seq, kind: event.kind, ...JSON.parse(event.payload) }))).toEqual([
        { seq: 1, kind: 'access.changed', boardId: board.boardId, userId: bo!.id, role: 'VIEWER' },
        { seq: 2, kind: 'access.changed', boardId: board.boardId, userId: bo!.id, role: null },
        { seq: 3, kind: 'access.changed', boardId: board.boardId, userId: anna!.id, role: null },
      ]);
    }
  });

  it('a session that ends (the session generation of the account rises) is an event on every board of every team of the person', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const first = await seedTeam(2);
    const anna = first.users[0]!;
    const second = await seedTeam(1);
    await db.membership.create({ data: { teamId: second.teamId, userId: anna.id, role: 'VIEWER' } });
    await db.user.update({ where: { id: anna.id }, data: { sessionGeneration: { increment: 1 } } });
    // Unchanged generation (another column updated): nothing.
    await db.user.update({ where: { id: anna.id }, data: { name: 'Anna Annan' } });
    for (const [board, role] of [[first.boards[0]!, 'MEMBER'], [first.boards[1]!, 'MEMBER'], [second.boards[0]!, 'VIEWER']] as const) {
      const log = await readLog(board.boardId);
      expect(log.map((event) => JSON.parse(event.payload))).toEqual([{ kind: 'access.changed', boardId: board.boardId, userId: anna.id, role, reason: 'session-ended' }]);
    }
  });

  it('the trigger notifies every instance in the wire format of the bus, with the whole event', async () => {
    const pg = (await import('pg')).default;
    const { decodeNotification } = await import('./wire');
    const { getDb } = await import('@/lib/db');
    const seeded = await seedTeam(1);
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (message) => heard.push(message.payload ?? ''));
      await listener.query('LISTEN tillit_board_events');
      await getDb().membership.delete({ where: { teamId_userId: { teamId: seeded.teamId, userId: seeded.users[1]!.id } } });
      await waitFor(() => heard.some((text) => text.includes(seeded.boards[0]!.boardId)), 'the notification');
      const decoded = heard.map(decodeNotification).find((n) => n.events.some((e) => e.boardId === seeded.boards[0]!.boardId));
      expect(decoded?.origin).toBe('');
      expect(decoded?.events).toEqual([{ boardId: seeded.boards[0]!.boardId, seq: 1, payload: expect.stringContaining('"access.changed"') }]);
    } finally {
      await listener.end();
    }
  });

  it('dispatches every event once, in order per board; resumes from its cursors after a restart; retries a failing consumer', { timeout: 120_000 }, async () => {
    const { getDb } = await import('@/lib/db');
    const { EventDispatcher } = await import('./dispatcher');
    const { executeBoardCommand } = await import('@/lib/data/board-commands');
    const seeded = await seedTeam(2);
    const actor = seeded.users[0]!;
    const lockKey = `test-dispatcher-${randomUUID()}`;
    const name = `test-consumer-${randomUUID().slice(0, 8)}`;
    // Other test files change other boards meanwhile, and this dispatcher hears them too: consider only ours.
    const ours = new Set(seeded.boards.map((board) => board.boardId));
    const all = recordingConsumer(name, (event) => ours.has(event.boardId));
    const moves = recordingConsumer(`${name}-moves`, (event) => ours.has(event.boardId) && event.kind === 'card.upsert' && event.action === 'moved');
    const consumers: EventConsumer[] = [all.consumer, moves.consumer];
    const change = (boardIndex: number, index: number) => {
      const board = seeded.boards[boardIndex]!;
      const cardId = board.cardIds[index % board.cardIds.length]!;
      return index % 2 === 0
        ? executeBoardCommand(actor, board.boardId, { type: 'card.move', cardId, toColumnId: board.columnIds[index % 3]!, toIndex: 0 }, new Date())
        : executeBoardCommand(actor, board.boardId, { type: 'card.update', cardId, title: `T ${index}` }, new Date());
    };
    const perBoard = (records: BoardEventRecord[], boardId: string) => records.filter((r) => r.boardId === boardId).map((r) => r.seq);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    const first = new EventDispatcher(consumers, { lockKey, sweepMs: 200, leadershipRetryMs: 200 });
    first.start();
    await waitFor(() => first.isLeader, 'leadership');
    // Events written after the consumers were registered are theirs; none before.
    for (let i = 0; i < 10; i += 1) await Promise.all([change(0, i), change(1, i)]);
    all.control.failuresLeft = 2;
    await waitFor(() => all.handled.length === 20 && moves.handled.length === 10, 'the first 20 events', 30_000);
    expect(all.control.calls).toBeGreaterThan(2);
    for (const board of seeded.boards) expect(perBoard(all.handled, board.boardId)).toEqual(range(1, 10));
    expect(moves.handled.every((r) => r.event.kind === 'card.upsert' && r.event.action === 'moved')).toBe(true);
    await first.stop();

    // Changes while no dispatcher runs, then a new one: exactly the new events, from the stored cursors.
    for (let i = 10; i < 15; i += 1) await change(0, i);
    const second = new EventDispatcher(consumers, { lockKey, sweepMs: 200, leadershipRetryMs: 200 });
    second.start();
    await waitFor(() => all.handled.length === 25, 'the 5 events written meanwhile', 30_000);
    await second.whenIdle();
    expect(perBoard(all.handled, seeded.boards[0]!.boardId)).toEqual(range(1, 15));
    expect(new Set(all.handled.map((r) => `${r.boardId}#${r.seq}`)).size).toBe(all.handled.length);
    const stored = await getDb().eventCursor.findMany({ where: { consumer: name, boardId: { in: [...ours] } } });
    expect(stored.map((c) => c.seq).sort((a, b) => a - b)).toEqual([10, 15]);
    await second.stop();
  });

  it('has one leader at a time, and another takes over when it stops', { timeout: 60_000 }, async () => {
    const { EventDispatcher } = await import('./dispatcher');
    const lockKey = `test-dispatcher-${randomUUID()}`;
    const a = new EventDispatcher([], { lockKey, leadershipRetryMs: 100 });
    const b = new EventDispatcher([], { lockKey, leadershipRetryMs: 100 });
    a.start();
    await waitFor(() => a.isLeader, 'a leader');
    b.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await waitFor(() => b.isLeader, 'b taking over');
    await b.stop();
  });

  it('prunes events older than the resume window that every durable consumer has passed, and keeps the rest', { timeout: 60_000 }, async () => {
    const { getDb } = await import('@/lib/db');
    const { EventDispatcher } = await import('./dispatcher');
    const db = getDb();
    const seeded = await seedTeam(1);
    const { boardId } = seeded.boards[0]!;
    const name = `test-pruner-${randomUUID().slice(0, 8)}`;
    const recorder = recordingConsumer(name, (event) => event.boardId === boardId);
    const dispatcher = new EventDispatcher([recorder.consumer], { lockKey: `test-dispatcher-${randomUUID()}`, leadershipRetryMs: 100, pruneMs: 3_600_000 });
    dispatcher.start();
    await waitFor(() => dispatcher.isLeader, 'leadership');
    const { publishBoardEvent } = await import('@/lib/live/publish');
    for (let i = 0; i < 6; i += 1) await db.$transaction((tx) => publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: 'x', actorName: 'X' }));
    await waitFor(() => recorder.handled.length === 6, 'the consumer to pass all six');
    // Make the first four old; the consumer's cursor is at 6 for this board. A second board's cursor lags.
    await db.$executeRaw`UPDATE "OutboxEvent" SET at = now() - interval '1 hour' WHERE "boardId" = ${boardId} AND seq <= 4`;
    await db.eventCursor.update({ where: { consumer_boardId: { consumer: name, boardId } }, data: { seq: 2 } });
    await dispatcher.prune();
    expect((await readLog(boardId)).map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    await dispatcher.stop();
  });
});
