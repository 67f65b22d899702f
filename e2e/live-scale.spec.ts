/**
 * A reconnect storm CI can afford (issue 17 item 2; `npm run bench -- --only=streams` measures 10,000): 2,000 live
 * streams on one board are cut at once, as a building's network going away would, and come back by themselves
 * with the board client's own backoff and jitter, while a colleague keeps moving cards. Every stream must open
 * again with no 5xx, no move may fail meanwhile, and afterwards every stream must have every event (its last SSE
 * id is the board's latest sequence number).
 */
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { SseSwarm } from '../bench/lib/sse-swarm';
import { expect, test } from './fixtures';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

const PORT_A = Number(process.env.E2E_PORT_A ?? 3100);
const STREAMS = Number(process.env.TILLIT_E2E_STORM_STREAMS ?? 2_000);

test('a reconnect storm of 2,000 streams: all open again, no 5xx, no failed move meanwhile, nothing missed', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const board = await createTestBoard();
  const db = getTestDb();
  const suffix = randomUUID().slice(0, 8);
  const ids = Array.from({ length: STREAMS }, (_, i) => `storm-${suffix}-${i}`);
  await db.user.createMany({ data: ids.map((id, i) => ({ id, email: `${id}@storm.example`, name: `Kollega ${i}` })) });
  await db.membership.createMany({ data: ids.map((userId) => ({ teamId: board.teamId, userId, role: 'MEMBER' as const })) });
  const secret = process.env.AUTH_SECRET!;
  const cookies = await Promise.all(ids.map(async (id, i) => `next-auth.session-token=${await encode({ token: { sub: id, name: `Kollega ${i}`, email: `${id}@storm.example` }, secret, maxAge: 3600 })}`));
  const swarm = new SseSwarm('127.0.0.1', PORT_A, cookies.map((cookie) => ({ boardId: board.boardId, cookie })));
  try {
    await swarm.openAll();
    await expect.poll(() => swarm.openCount, { timeout: 120_000, message: 'every stream opens' }).toBe(STREAMS);
    expect(swarm.stats.refused).toEqual({});

    // A colleague keeps working through the storm.
    const moves: number[] = [];
    let isStorming = true;
    const colleague = (async () => {
      const memberCookie = `next-auth.session-token=${await encode({ token: { sub: board.member.id, name: board.member.name, email: board.member.email }, secret, maxAge: 3600 })}`;
      for (let i = 0; isStorming; i += 1) {
        const response = await fetch(`${baseURL}/api/boards/${board.boardId}/commands`, {
          method: 'POST',
          headers: { cookie: memberCookie, origin: baseURL!, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'card.move', cardId: board.cards[i % board.cards.length]!.id, toColumnId: board.columns[i % board.columns.length]!.id, toIndex: 0 }),
        }).catch(() => null);
        moves.push(response?.status ?? 0);
        await response?.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await expect.poll(() => moves.length).toBeGreaterThan(2);

    const cutAt = Date.now();
    swarm.dropAll();
    await expect.poll(() => swarm.openCount, { timeout: 30_000, intervals: [100], message: 'every stream is open again within 30 s' }).toBe(STREAMS);
    test.info().annotations.push({ type: 'reconnect storm', description: `${STREAMS} streams open again ${Date.now() - cutAt} ms after the cut; ${moves.length} moves meanwhile` });
    await expect.poll(() => moves.length).toBeGreaterThan(moves.length + 2);
    isStorming = false;
    await colleague;

    expect(swarm.stats.refused).toEqual({});
    expect(moves.filter((status) => status !== 200)).toEqual([]);
    // Nothing missed: every stream ends at the board's latest event.
    const head = (await db.board.findUniqueOrThrow({ where: { id: board.boardId }, select: { eventSeq: true } })).eventSeq;
    const atHead = () => ids.filter((_, index) => swarm.lastEventId(index) === head).length;
    await expect.poll(atHead, { timeout: 15_000, message: 'every stream has every event' }).toBe(STREAMS);
  } finally {
    swarm.close();
  }
});
