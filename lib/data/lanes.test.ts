/**
 * Lanes in the data layer (issue 12): the lane commands with their history (before → after), moves across lanes
 * with both WIP limits, and bad input — a lane of another board, removing the last lane, removing a lane without
 * saying where its cards go, limits of 0 / negative / fractional, a class that does not exist — refused with its
 * code and nothing changed.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardCommandSchema, type BoardCommand } from '@/lib/board/commands';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

type Actor = { id: string; name: string };
const created: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

async function seed() {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const [member, viewer] = await Promise.all(
    ['Medlem', 'Läsare'].map((name) => db.user.create({ data: { email: `${name.toLowerCase()}.${suffix}@lanes.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } })),
  );
  const team = await db.team.create({ data: { name: `Banteamet ${suffix}` } });
  created.teamIds.push(team.id);
  created.userIds.push(member!.id, viewer!.id);
  await db.membership.createMany({ data: [{ teamId: team.id, userId: member!.id, role: 'MEMBER' }, { teamId: team.id, userId: viewer!.id, role: 'VIEWER' }] });
  const board = await db.board.create({ data: { teamId: team.id, name: `Tavla ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
  const columns = [];
  for (const [index, [name, flowState]] of ([['Inkommet', 'NOT_STARTED'], ['Utreds', 'IN_PROGRESS'], ['Beslut', 'IN_PROGRESS'], ['Klart', 'DONE']] as const).entries()) {
    columns.push(await db.column.create({ data: { boardId: board.id, name, flowState, position: (index + 1) * 1024 }, select: { id: true, name: true } }));
  }
  return { boardId: board.id, teamId: team.id, standardLaneId: board.lanes[0]!.id, columnIds: columns.map((c) => c.id), member: member as Actor, viewer: viewer as Actor };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

async function run(actor: Actor, boardId: string, command: Record<string, unknown>) {
  const { executeBoardCommand } = await import('./board-commands');
  return executeBoardCommand(actor, boardId, boardCommandSchema.parse(command) as BoardCommand, new Date());
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? (error instanceof Error && error.name === 'ZodError' ? 'VALIDATION' : String(error));
  }
}

/** Everything a lane command could change on a board. */
async function boardState(boardId: string) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const [lanes, cards, cardEvents, boardEvents] = await Promise.all([
    db.lane.findMany({ where: { boardId }, orderBy: { id: 'asc' } }),
    db.card.findMany({ where: { boardId }, orderBy: { id: 'asc' } }),
    db.cardEvent.count({ where: { boardId } }),
    db.boardEvent.count({ where: { boardId } }),
  ]);
  return JSON.stringify({ lanes, cards, cardEvents, boardEvents });
}

describe.skipIf(!hasDatabase)('lanes (database)', () => {
  let seeded: Seeded;
  let other: Seeded;

  beforeAll(async () => {
    seeded = await seed();
    other = await seed();
  });

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.team.deleteMany({ where: { id: { in: created.teamIds } } });
    await db.user.deleteMany({ where: { id: { in: created.userIds } } });
  });

  it('adds an expedite lane with a strict limit of one and a policy, each change in the board history with before and after', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const { laneId } = await run(seeded.member, seeded.boardId, { type: 'lane.create', name: 'Akut', classOfService: 'EXPEDITE' });
    await run(seeded.member, seeded.boardId, { type: 'lane.update', laneId, wipLimit: 1, wipMode: 'STRICT', policy: 'Högst ett ärende. Dras före allt annat.' });
    await run(seeded.member, seeded.boardId, { type: 'lane.update', laneId, name: 'Brådskande' });
    const history = await db.boardEvent.findMany({ where: { boardId: seeded.boardId, laneId }, orderBy: { id: 'asc' }, select: { type: true, before: true, after: true, actorId: true } });
    expect(history).toEqual([
      { type: 'LANE_CREATED', before: null, after: { name: 'Akut', classOfService: 'EXPEDITE' }, actorId: seeded.member.id },
      { type: 'LANE_WIP_CHANGED', before: { name: 'Akut', wipLimit: null, wipMode: 'ADVISORY' }, after: { name: 'Akut', wipLimit: 1, wipMode: 'STRICT' }, actorId: seeded.member.id },
      { type: 'LANE_POLICY_CHANGED', before: { name: 'Akut', policy: '' }, after: { name: 'Akut', policy: 'Högst ett ärende. Dras före allt annat.' }, actorId: seeded.member.id },
      { type: 'LANE_RENAMED', before: { name: 'Akut' }, after: { name: 'Brådskande' }, actorId: seeded.member.id },
    ]);
    const { getBoardForUser } = await import('./boards');
    const view = await getBoardForUser(seeded.viewer.id, seeded.boardId, new Date());
    expect(view.lanes.map((lane) => [lane.name, lane.classOfService, lane.wipLimit, lane.wipMode])).toEqual([
      ['Standard', 'STANDARD', null, 'ADVISORY'],
      ['Brådskande', 'EXPEDITE', 1, 'STRICT'],
    ]);
  });

  it('moves cards across lanes: a strict lane limit of one refuses the second case, and the history names both lanes', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const { laneId: expedite } = await run(seeded.member, seeded.boardId, { type: 'lane.create', name: 'Akut 2', classOfService: 'EXPEDITE' });
    await run(seeded.member, seeded.boardId, { type: 'lane.update', laneId: expedite, wipLimit: 1, wipMode: 'STRICT' });
    // New cards go to the standard lane unless a lane is named.
    const first = (await run(seeded.member, seeded.boardId, { type: 'card.create', columnId: seeded.columnIds[0], title: 'Orosanmälan, akut' })).card!;
    const second = (await run(seeded.member, seeded.boardId, { type: 'card.create', columnId: seeded.columnIds[1], title: 'Ansökan' })).card!;
    expect([first.laneId, second.laneId]).toEqual([seeded.standardLaneId, seeded.standardLaneId]);

    const moved = (await run(seeded.member, seeded.boardId, { type: 'card.move', cardId: first.id, toColumnId: seeded.columnIds[1], toLaneId: expedite, toIndex: 0 })).card!;
    expect(moved).toMatchObject({ columnId: seeded.columnIds[1], laneId: expedite });
    // Into the same column, another lane: the column count does not change, the lane's would → refused.
    const before = await boardState(seeded.boardId);
    expect(await codeOf(run(seeded.member, seeded.boardId, { type: 'card.move', cardId: second.id, toColumnId: seeded.columnIds[1], toLaneId: expedite, toIndex: 0 }))).toBe('LANE_WIP_LIMIT_REACHED');
    expect(await codeOf(run(seeded.member, seeded.boardId, { type: 'card.move', cardId: second.id, toColumnId: seeded.columnIds[2], toLaneId: expedite, toIndex: 0, confirmOverLimit: true }))).toBe('LANE_WIP_LIMIT_REACHED');
    expect(await boardState(seeded.boardId)).toBe(before);
    // Done does not count: the expedite case finishes, then the next one may enter.
    await run(seeded.member, seeded.boardId, { type: 'card.move', cardId: first.id, toColumnId: seeded.columnIds[3], toIndex: 0 });
    await run(seeded.member, seeded.boardId, { type: 'card.move', cardId: second.id, toColumnId: seeded.columnIds[1], toLaneId: expedite, toIndex: 0 });

    const events = await db.cardEvent.findMany({ where: { cardId: first.id }, orderBy: { id: 'asc' }, select: { type: true, fromLaneId: true, toLaneId: true } });
    expect(events).toEqual([
      { type: 'CREATED', fromLaneId: null, toLaneId: seeded.standardLaneId },
      { type: 'MOVED', fromLaneId: seeded.standardLaneId, toLaneId: expedite },
      // No lane named: the card stays in its own.
      { type: 'MOVED', fromLaneId: expedite, toLaneId: expedite },
    ]);
    const { getCardDetail } = await import('./cards');
    const detail = await getCardDetail(seeded.viewer.id, seeded.boardId, first.id);
    expect(detail.history.map((entry) => [entry.type, entry.fromLaneName ?? null, entry.toLaneName ?? null])).toEqual([
      ['CREATED', null, null],
      ['MOVED', 'Standard', 'Akut 2'],
      ['MOVED', null, null],
    ]);
  });

  it('asks before going over an advisory lane limit and records the breach with the lane', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const { laneId } = await run(seeded.member, seeded.boardId, { type: 'lane.create', name: 'Förbättring', classOfService: 'INTANGIBLE' });
    await run(seeded.member, seeded.boardId, { type: 'lane.update', laneId, wipLimit: 1 });
    const [a, b] = [
      (await run(seeded.member, seeded.boardId, { type: 'card.create', columnId: seeded.columnIds[1], laneId, title: 'Ny mall för brev' })).card!,
      (await run(seeded.member, seeded.boardId, { type: 'card.create', columnId: seeded.columnIds[0], laneId, title: 'Färre återkomster' })).card!,
    ];
    expect(a.laneId).toBe(laneId);
    expect(await codeOf(run(seeded.member, seeded.boardId, { type: 'card.move', cardId: b.id, toColumnId: seeded.columnIds[2], toIndex: 0 }))).toBe('LANE_WIP_CONFIRMATION_NEEDED');
    await run(seeded.member, seeded.boardId, { type: 'card.move', cardId: b.id, toColumnId: seeded.columnIds[2], toIndex: 0, confirmOverLimit: true, overLimitReason: 'Kort jobb' });
    const breach = await db.boardEvent.findFirstOrThrow({ where: { boardId: seeded.boardId, type: 'WIP_LIMIT_EXCEEDED', laneId }, select: { columnId: true, after: true } });
    expect(breach).toEqual({ columnId: null, after: { cardId: b.id, cardTitle: 'Färre återkomster', limit: 1, count: 2, reason: 'Kort jobb', lane: 'Förbättring' } });
  });

  it('removes a lane: its cards move to the lane chosen, keeping their columns, and the last lane cannot go', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const board = await seed();
    const { laneId } = await run(board.member, board.boardId, { type: 'lane.create', name: 'Tillfällig', classOfService: 'STANDARD' });
    const card = (await run(board.member, board.boardId, { type: 'card.create', columnId: board.columnIds[2], laneId, title: 'Ärende i tillfällig bana' })).card!;

    const before = await boardState(board.boardId);
    expect(await codeOf(run(board.member, board.boardId, { type: 'lane.delete', laneId }))).toBe('LANE_NOT_EMPTY');
    expect(await codeOf(run(board.member, board.boardId, { type: 'lane.delete', laneId, moveCardsToLaneId: laneId }))).toBe('LANE_NOT_EMPTY');
    expect(await codeOf(run(board.member, board.boardId, { type: 'lane.delete', laneId, moveCardsToLaneId: other.standardLaneId }))).toBe('LANE_NOT_EMPTY');
    expect(await codeOf(run(board.member, board.boardId, { type: 'lane.delete', laneId: other.standardLaneId, moveCardsToLaneId: laneId }))).toBe('NOT_FOUND');
    expect(await codeOf(run(board.viewer, board.boardId, { type: 'lane.delete', laneId, moveCardsToLaneId: board.standardLaneId }))).toBe('FORBIDDEN');
    expect(await boardState(board.boardId)).toBe(before);

    await run(board.member, board.boardId, { type: 'lane.delete', laneId, moveCardsToLaneId: board.standardLaneId });
    const after = await db.card.findUniqueOrThrow({ where: { id: card.id }, select: { columnId: true, laneId: true, version: true } });
    expect(after).toEqual({ columnId: board.columnIds[2], laneId: board.standardLaneId, version: card.version + 1 });
    const moved = await db.cardEvent.findFirstOrThrow({ where: { cardId: card.id, type: 'MOVED' }, select: { fromColumnId: true, toColumnId: true, fromLaneId: true, toLaneId: true, data: true } });
    expect(moved).toEqual({ fromColumnId: board.columnIds[2], toColumnId: board.columnIds[2], fromLaneId: laneId, toLaneId: board.standardLaneId, data: { reason: 'lane-removed' } });
    const removed = await db.boardEvent.findFirstOrThrow({ where: { boardId: board.boardId, type: 'LANE_DELETED' }, select: { before: true, after: true } });
    expect(removed).toEqual({ before: { name: 'Tillfällig', classOfService: 'STANDARD', cardCount: 1 }, after: { movedTo: 'Standard' } });
    // The removed lane is kept for history, but is no longer on the board.
    expect(await db.lane.findUniqueOrThrow({ where: { id: laneId }, select: { deletedAt: true } })).not.toMatchObject({ deletedAt: null });

    const lastBefore = await boardState(board.boardId);
    expect(await codeOf(run(board.member, board.boardId, { type: 'lane.delete', laneId: board.standardLaneId }))).toBe('LAST_LANE');
    expect(await boardState(board.boardId)).toBe(lastBefore);
  });

  it('refuses a lane of another board, limits that are not whole numbers from 1, and a class that does not exist, changing nothing', async () => {
    const board = await seed();
    const [card] = [(await run(board.member, board.boardId, { type: 'card.create', columnId: board.columnIds[0], title: 'Ärende' })).card!];
    const before = await boardState(board.boardId);
    expect(await codeOf(run(board.member, board.boardId, { type: 'card.move', cardId: card.id, toColumnId: board.columnIds[1], toLaneId: other.standardLaneId, toIndex: 0 }))).toBe('NOT_FOUND');
    expect(await codeOf(run(board.member, board.boardId, { type: 'card.create', columnId: board.columnIds[0], laneId: other.standardLaneId, title: 'Smuggel' }))).toBe('NOT_FOUND');
    expect(await codeOf(run(board.member, board.boardId, { type: 'lane.update', laneId: other.standardLaneId, name: 'Kapad' }))).toBe('NOT_FOUND');
    expect(await codeOf(run(board.member, board.boardId, { type: 'lane.reorder', laneId: other.standardLaneId, toIndex: 0 }))).toBe('NOT_FOUND');
    for (const wipLimit of [0, -1, 1.5, 1000, '2']) {
      const parsed = boardCommandSchema.safeParse({ type: 'lane.update', laneId: board.standardLaneId, wipLimit });
      expect(parsed.success ? 'ok' : parsed.error.issues[0]?.message).toBe('wipLimitInvalid');
    }
    for (const classOfService of ['URGENT', 'expedite', '', null]) {
      for (const command of [{ type: 'lane.update', laneId: board.standardLaneId, classOfService }, { type: 'lane.create', name: 'Ny', classOfService }]) {
        const parsed = boardCommandSchema.safeParse(command);
        expect(parsed.success ? 'ok' : parsed.error.issues[0]?.message).toBe('classOfServiceInvalid');
      }
    }
    expect(await boardState(board.boardId)).toBe(before);
  });

  it('reorders lanes within their group: expedite lanes stay first, and the history says from where to where', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const board = await seed();
    const { laneId: improvement } = await run(board.member, board.boardId, { type: 'lane.create', name: 'Förbättring', classOfService: 'INTANGIBLE' });
    const { laneId: expedite } = await run(board.member, board.boardId, { type: 'lane.create', name: 'Akut', classOfService: 'EXPEDITE' });
    const { listBoardLanes } = await import('./lanes');
    const { orderLanesForDisplay } = await import('@/lib/domain/lanes');
    const drawn = async () => orderLanesForDisplay(await listBoardLanes(board.boardId)).map((lane) => lane.name);
    expect(await drawn()).toEqual(['Akut', 'Standard', 'Förbättring']);
    // A standard lane cannot go above the expedite lane: index 0 is clamped to 1.
    await run(board.member, board.boardId, { type: 'lane.reorder', laneId: improvement, toIndex: 0 });
    expect(await drawn()).toEqual(['Akut', 'Förbättring', 'Standard']);
    // Nor the expedite lane below the others.
    await run(board.member, board.boardId, { type: 'lane.reorder', laneId: expedite, toIndex: 2 });
    expect(await drawn()).toEqual(['Akut', 'Förbättring', 'Standard']);
    const events = await db.boardEvent.findMany({ where: { boardId: board.boardId, type: 'LANE_REORDERED' }, select: { before: true, after: true } });
    expect(events).toEqual([{ before: { name: 'Förbättring', index: 2 }, after: { name: 'Förbättring', index: 1 } }]);
  });

  it('keeps each card in its lane when its column is removed', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const board = await seed();
    const { laneId } = await run(board.member, board.boardId, { type: 'lane.create', name: 'Akut', classOfService: 'EXPEDITE' });
    const card = (await run(board.member, board.boardId, { type: 'card.create', columnId: board.columnIds[2], laneId, title: 'Akut ärende' })).card!;
    await run(board.member, board.boardId, { type: 'column.delete', columnId: board.columnIds[2], moveCardsToColumnId: board.columnIds[1] });
    expect(await db.card.findUniqueOrThrow({ where: { id: card.id }, select: { columnId: true, laneId: true } })).toEqual({ columnId: board.columnIds[1], laneId });
    const moved = await db.cardEvent.findFirstOrThrow({ where: { cardId: card.id, type: 'MOVED' }, select: { fromLaneId: true, toLaneId: true } });
    expect(moved).toEqual({ fromLaneId: laneId, toLaneId: laneId });
  });
});
