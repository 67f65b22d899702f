/**
 * Reliability of card moves under concurrency (issues 7 and 12), against a real database through the same
 * data-layer entry the HTTP route uses (executeBoardCommand):
 *  - a move storm: 10 clients move random cards between random columns and lanes (a strict column, a strict lane)
 *    for a bounded time; afterwards nothing is lost or duplicated, positions are a total order per cell (column ×
 *    lane), the card table agrees with its event log (columns and lanes), every successful move is exactly one
 *    MOVED event, and both strict limits held;
 *  - a strict WIP limit with one free slot, raced by 20 clients: exactly one wins, every round; the same for the
 *    last slot of a strict lane (entered in different columns) and of a strict column entered through different
 *    lanes;
 *  - one card moved to several places at once: the result is one of the requested moves and the history records
 *    exactly the moves that succeeded, in a consistent chain.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one. The storm lasts
 * TILLIT_STORM_MS (default 5000) milliseconds.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardCommand } from '@/lib/board/commands';
import { createMulberry32 } from '@/lib/flow/seeded-random';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';
const STORM_MS = Number(process.env.TILLIT_STORM_MS ?? 5_000);

type ColumnSpec = { name: string; flowState: 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE'; wipLimit?: number; wipMode?: 'ADVISORY' | 'STRICT' };
type LaneSpec = { name: string; classOfService?: 'STANDARD' | 'EXPEDITE' | 'INTANGIBLE'; wipLimit?: number; wipMode?: 'ADVISORY' | 'STRICT' };
type Actor = { id: string; name: string };
type Seeded = { teamId: string; boardId: string; columnIds: string[]; laneIds: string[]; cardIds: string[]; actors: Actor[]; userIds: string[] };

const created: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

/** A board with the given columns and lanes (one standard lane by default); card i starts in column cardColumns[i], lane cardLanes[i]. */
async function seedBoard(columns: ColumnSpec[], cardColumns: number[], actorCount = 3, lanes: LaneSpec[] = [{ name: 'Standard' }], cardLanes: number[] = []): Promise<Seeded> {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const users = await Promise.all(
    Array.from({ length: actorCount }, (_, index) =>
      db.user.create({ data: { email: `storm.${index}.${suffix}@storm.test`, name: `Stormare ${index} ${suffix}` }, select: { id: true, name: true } }),
    ),
  );
  const team = await db.team.create({ data: { name: `Stormteamet ${suffix}` } });
  created.teamIds.push(team.id);
  created.userIds.push(...users.map((u) => u.id));
  await db.membership.createMany({ data: users.map((u) => ({ teamId: team.id, userId: u.id, role: 'MEMBER' as const })) });
  const board = await db.board.create({ data: { teamId: team.id, name: `Stormtavla ${suffix}` } });
  const columnIds: string[] = [];
  for (const [index, spec] of columns.entries()) {
    const column = await db.column.create({
      data: { boardId: board.id, name: spec.name, position: (index + 1) * 1024, flowState: spec.flowState, wipLimit: spec.wipLimit ?? null, wipMode: spec.wipMode ?? 'ADVISORY' },
      select: { id: true },
    });
    columnIds.push(column.id);
  }
  const laneIds: string[] = [];
  for (const [index, spec] of lanes.entries()) {
    const lane = await db.lane.create({
      data: { boardId: board.id, name: spec.name, position: (index + 1) * 1024, classOfService: spec.classOfService ?? 'STANDARD', wipLimit: spec.wipLimit ?? null, wipMode: spec.wipMode ?? 'ADVISORY' },
      select: { id: true },
    });
    laneIds.push(lane.id);
  }
  const cards = cardColumns.map((column, index) => ({
    id: `storm-${suffix}-${index}`,
    boardId: board.id,
    columnId: columnIds[column] as string,
    laneId: laneIds[cardLanes[index] ?? 0] as string,
    title: `Ärende ${index} ${suffix}`,
    position: (index + 1) * 1024,
  }));
  await db.card.createMany({ data: cards });
  await db.cardEvent.createMany({ data: cards.map((c) => ({ boardId: board.id, cardId: c.id, type: 'CREATED' as const, toColumnId: c.columnId, toLaneId: c.laneId, at: new Date(Date.now() - 60_000) })) });
  return { teamId: team.id, boardId: board.id, columnIds, laneIds, cardIds: cards.map((c) => c.id), actors: users, userIds: users.map((u) => u.id) };
}

function random(seed: number) {
  const next = createMulberry32(seed);
  return { int: (max: number) => Math.floor(next() * max), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T };
}

type Outcome = { ok: true; cardId: string; toColumnId: string; version: number } | { ok: false; cardId: string; code: string };

async function move(actor: Actor, boardId: string, command: Extract<BoardCommand, { type: 'card.move' }>): Promise<Outcome> {
  const { executeBoardCommand } = await import('./board-commands');
  try {
    const result = await executeBoardCommand(actor, boardId, command, new Date());
    return { ok: true, cardId: command.cardId, toColumnId: command.toColumnId, version: result.card?.version ?? -1 };
  } catch (error) {
    return { ok: false, cardId: command.cardId, code: (error as { code?: string }).code ?? (error as Error).message };
  }
}

async function loadBoardState(boardId: string) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const [cards, events] = await Promise.all([
    db.card.findMany({ where: { boardId }, select: { id: true, columnId: true, laneId: true, position: true, version: true, archivedAt: true } }),
    db.cardEvent.findMany({
      where: { boardId },
      orderBy: { id: 'asc' },
      select: { id: true, cardId: true, type: true, fromColumnId: true, toColumnId: true, fromLaneId: true, toLaneId: true, at: true },
    }),
  ]);
  return { cards, events };
}

/** The invariants every board keeps, whatever happened concurrently. Returns the replayed columns. */
function expectConsistentBoard(state: Awaited<ReturnType<typeof loadBoardState>>, seeded: Seeded) {
  // Every card exactly once, none archived or lost.
  expect(state.cards.map((c) => c.id).sort()).toEqual([...seeded.cardIds].sort());
  expect(state.cards.every((c) => c.archivedAt === null)).toBe(true);

  // Positions within each cell (column × lane; one lane: the column): finite, distinct, so a total order.
  const byCell = new Map<string, number[]>();
  for (const card of state.cards) byCell.set(`${card.columnId}|${card.laneId}`, [...(byCell.get(`${card.columnId}|${card.laneId}`) ?? []), card.position]);
  for (const positions of byCell.values()) {
    expect(positions.every(Number.isFinite)).toBe(true);
    expect(new Set(positions).size).toBe(positions.length);
  }

  // Replaying the log from the start reproduces the board; each move starts where the previous one ended.
  const replayed = new Map<string, string>();
  const replayedLane = new Map<string, string>();
  const lastAt = new Map<string, Date>();
  const movesPerCard = new Map<string, number>();
  for (const event of state.events) {
    if (event.type === 'CREATED') {
      expect(replayed.has(event.cardId)).toBe(false);
      replayed.set(event.cardId, event.toColumnId as string);
      replayedLane.set(event.cardId, event.toLaneId as string);
    } else if (event.type === 'MOVED') {
      expect({ event: event.id, from: event.fromColumnId, fromLane: event.fromLaneId }).toEqual({
        event: event.id,
        from: replayed.get(event.cardId),
        fromLane: replayedLane.get(event.cardId),
      });
      replayed.set(event.cardId, event.toColumnId as string);
      replayedLane.set(event.cardId, event.toLaneId as string);
      movesPerCard.set(event.cardId, (movesPerCard.get(event.cardId) ?? 0) + 1);
    }
    // A card's history is in time order too (the log's order is the order the moves committed in).
    const previous = lastAt.get(event.cardId);
    if (previous) expect(event.at.getTime()).toBeGreaterThanOrEqual(previous.getTime());
    lastAt.set(event.cardId, event.at);
  }
  for (const card of state.cards) {
    expect({ card: card.id, column: replayed.get(card.id), lane: replayedLane.get(card.id) }).toEqual({ card: card.id, column: card.columnId, lane: card.laneId });
    // Every move bumped the version once (cards start at 1).
    expect({ card: card.id, version: card.version }).toEqual({ card: card.id, version: 1 + (movesPerCard.get(card.id) ?? 0) });
  }
  return replayed;
}

/**
 * The board's event log after concurrent changes: sequence numbers 1..n without a gap or a duplicate, one event per
 * successful change, and each card's versions rising with the sequence (the log's order is the commit order).
 */
async function expectGapFreeEventLog(boardId: string, successfulChanges: number) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const [events, board] = await Promise.all([
    db.outboxEvent.findMany({ where: { boardId }, orderBy: { seq: 'asc' }, select: { seq: true, kind: true, payload: true } }),
    db.board.findUniqueOrThrow({ where: { id: boardId }, select: { eventSeq: true } }),
  ]);
  expect(events.map((event) => event.seq)).toEqual(Array.from({ length: events.length }, (_, index) => index + 1));
  expect(board.eventSeq).toBe(events.length);
  expect(events).toHaveLength(successfulChanges);
  const lastVersion = new Map<string, number>();
  for (const event of events) {
    const card = (JSON.parse(event.payload) as { card?: { id: string; version: number } }).card;
    if (!card) continue;
    expect(card.version).toBeGreaterThan(lastVersion.get(card.id) ?? 0);
    lastVersion.set(card.id, card.version);
  }
}

describe.skipIf(!hasDatabase)('card moves under concurrency (database)', () => {
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

  it(`survives a ${STORM_MS} ms storm of 10 concurrent clients: 0 lost, 0 duplicated, log and board agree`, { timeout: STORM_MS + 60_000 }, async () => {
    const columns: ColumnSpec[] = [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Utreds', flowState: 'IN_PROGRESS' },
      { name: 'Granskas', flowState: 'IN_PROGRESS', wipLimit: 3, wipMode: 'ADVISORY' },
      { name: 'Beslut', flowState: 'IN_PROGRESS', wipLimit: 4, wipMode: 'STRICT' },
      { name: 'Väntar', flowState: 'IN_PROGRESS' },
      { name: 'Klart', flowState: 'DONE' },
    ];
    const lanes: LaneSpec[] = [
      { name: 'Standard' },
      { name: 'Brådskande', classOfService: 'EXPEDITE', wipLimit: 2, wipMode: 'STRICT' },
      { name: 'Förbättring', classOfService: 'INTANGIBLE', wipLimit: 3, wipMode: 'ADVISORY' },
    ];
    const cardColumns = Array.from({ length: 36 }, (_, index) => [0, 1, 4, 5][index % 4] as number);
    // Every card starts in the standard lane; the expedite lane fills up (and refuses) during the storm.
    const seeded = await seedBoard(columns, cardColumns, 3, lanes);
    const outcomes: Outcome[] = [];
    const deadline = Date.now() + STORM_MS;
    await Promise.all(
      Array.from({ length: 10 }, async (_, client) => {
        const rnd = random(1000 + client);
        const actor = seeded.actors[client % seeded.actors.length] as Actor;
        while (Date.now() < deadline) {
          outcomes.push(
            await move(actor, seeded.boardId, {
              type: 'card.move',
              cardId: rnd.pick(seeded.cardIds),
              toColumnId: rnd.pick(seeded.columnIds),
              // Sometimes no lane: the card stays in its own.
              ...(rnd.int(4) === 0 ? {} : { toLaneId: rnd.pick(seeded.laneIds) }),
              toIndex: rnd.int(12),
              confirmOverLimit: true,
            }),
          );
        }
      }),
    );
    const failures = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    const successes = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
    // The only refusals possible here are the strict column or the strict lane being full.
    expect([...new Set(failures.map((f) => f.code))].filter((code) => code !== 'WIP_LIMIT_REACHED' && code !== 'LANE_WIP_LIMIT_REACHED')).toEqual([]);
    expect(successes.length).toBeGreaterThan(20);

    const state = await loadBoardState(seeded.boardId);
    expectConsistentBoard(state, seeded);
    // One MOVED event per successful response, no more, no fewer, and one response per event version.
    expect(state.events.filter((e) => e.type === 'MOVED')).toHaveLength(successes.length);
    const versions = successes.map((s) => `${s.cardId}#${s.version}`);
    expect(new Set(versions).size).toBe(versions.length);
    // Both strict limits held: the column's across all lanes, the lane's across its in-progress columns.
    expect(state.cards.filter((c) => c.columnId === seeded.columnIds[3]).length).toBeLessThanOrEqual(4);
    const inProgress = new Set(seeded.columnIds.slice(1, 5));
    expect(state.cards.filter((c) => c.laneId === seeded.laneIds[1] && inProgress.has(c.columnId)).length).toBeLessThanOrEqual(2);
    // The storm did reach the lanes.
    expect(successes.length).toBeGreaterThan(0);
    expect(state.events.some((e) => e.type === 'MOVED' && e.fromLaneId !== e.toLaneId)).toBe(true);
    // Every successful move is exactly one event in the board's log, numbered without a gap, in commit order.
    await expectGapFreeEventLog(seeded.boardId, successes.length);
  });

  it('lets exactly one of 20 simultaneous moves into the last free slot of a strict column through, every round', { timeout: 120_000 }, async () => {
    const limit = 3;
    const columns: ColumnSpec[] = [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Strikt', flowState: 'IN_PROGRESS', wipLimit: limit, wipMode: 'STRICT' },
      { name: 'Klart', flowState: 'DONE' },
    ];
    // limit − 1 cards in the strict column, 20 challengers outside.
    const cardColumns = [...Array.from({ length: limit - 1 }, () => 1), ...Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0 : 2))];
    const seeded = await seedBoard(columns, cardColumns, 20);
    const strictId = seeded.columnIds[1] as string;
    const challengers = seeded.cardIds.slice(limit - 1);
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    let successCount = 0;
    for (let round = 0; round < 20; round += 1) {
      const before = await db.card.findMany({ where: { id: { in: challengers } }, select: { id: true, columnId: true, position: true, version: true } });
      const outcomes = await Promise.all(
        challengers.map((cardId, index) => move(seeded.actors[index] as Actor, seeded.boardId, { type: 'card.move', cardId, toColumnId: strictId, toIndex: index % 3 })),
      );
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).map((o) => (o as { code: string }).code)).toEqual(Array(19).fill('WIP_LIMIT_REACHED'));
      successCount += 1;
      const after = await db.card.findMany({ where: { id: { in: challengers } }, select: { id: true, columnId: true, position: true, version: true } });
      const winner = winners[0]!.cardId;
      // The refused cards are exactly where they were.
      expect(after.filter((c) => c.id !== winner).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before.filter((c) => c.id !== winner).sort((a, b) => a.id.localeCompare(b.id)));
      expect(await db.card.count({ where: { columnId: strictId, archivedAt: null } })).toBe(limit);
      // Free the slot again for the next round.
      const back = await move(seeded.actors[0] as Actor, seeded.boardId, { type: 'card.move', cardId: winner, toColumnId: seeded.columnIds[round % 2 === 0 ? 0 : 2] as string, toIndex: 0 });
      expect(back.ok).toBe(true);
      successCount += 1;
    }
    const state = await loadBoardState(seeded.boardId);
    expectConsistentBoard(state, seeded);
    expect(state.events.filter((e) => e.type === 'MOVED')).toHaveLength(successCount);
    // Refused moves left no event and no gap in the board's log.
    await expectGapFreeEventLog(seeded.boardId, successCount);
  });

  it('lets exactly one of 20 simultaneous moves into the last free slot of a strict lane through, whichever column each enters', { timeout: 120_000 }, async () => {
    const columns: ColumnSpec[] = [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Utreds', flowState: 'IN_PROGRESS' },
      { name: 'Beslut', flowState: 'IN_PROGRESS' },
      { name: 'Väntar', flowState: 'IN_PROGRESS' },
      { name: 'Klart', flowState: 'DONE' },
    ];
    const lanes: LaneSpec[] = [{ name: 'Standard' }, { name: 'Brådskande', classOfService: 'EXPEDITE', wipLimit: 2, wipMode: 'STRICT' }];
    // One expedite case in progress (limit − 1), one expedite case waiting before the commitment point (not counted),
    // and 20 challengers: standard cards everywhere, plus that waiting expedite case.
    const challengerColumns = Array.from({ length: 19 }, (_, i) => i % 5);
    const seeded = await seedBoard(columns, [1, 0, ...challengerColumns], 20, lanes, [1, 1, ...challengerColumns.map(() => 0)]);
    const expedite = seeded.laneIds[1] as string;
    const challengers = seeded.cardIds.slice(1);
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const inProgress = seeded.columnIds.slice(1, 4);
    const countExpedite = () => db.card.count({ where: { laneId: expedite, columnId: { in: inProgress }, archivedAt: null } });
    let successCount = 0;
    for (let round = 0; round < 10; round += 1) {
      const before = await db.card.findMany({ where: { id: { in: challengers } }, select: { id: true, columnId: true, laneId: true, position: true, version: true } });
      // Each challenger enters the lane in one of its three in-progress columns (the waiting expedite case too).
      const outcomes = await Promise.all(
        challengers.map((cardId, index) =>
          move(seeded.actors[index] as Actor, seeded.boardId, { type: 'card.move', cardId, toColumnId: inProgress[(index + round) % 3] as string, toLaneId: expedite, toIndex: 0 }),
        ),
      );
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).map((o) => (o as { code: string }).code)).toEqual(Array(19).fill('LANE_WIP_LIMIT_REACHED'));
      successCount += 1;
      const winner = winners[0]!.cardId;
      const after = await db.card.findMany({ where: { id: { in: challengers } }, select: { id: true, columnId: true, laneId: true, position: true, version: true } });
      const byId = (rows: typeof before) => rows.filter((c) => c.id !== winner).sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(after)).toEqual(byId(before));
      expect(await countExpedite()).toBe(2);
      // Free the slot: back to the standard lane, in a column of its own round.
      const back = await move(seeded.actors[0] as Actor, seeded.boardId, { type: 'card.move', cardId: winner, toColumnId: seeded.columnIds[round % 5] as string, toLaneId: seeded.laneIds[0] as string, toIndex: 0 });
      expect(back.ok).toBe(true);
      successCount += 1;
    }
    const state = await loadBoardState(seeded.boardId);
    expectConsistentBoard(state, seeded);
    expect(state.events.filter((e) => e.type === 'MOVED')).toHaveLength(successCount);
  });

  it('lets exactly one of 20 simultaneous moves into the last free slot of a strict column through when they come in through different lanes', { timeout: 120_000 }, async () => {
    const limit = 3;
    const columns: ColumnSpec[] = [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Strikt', flowState: 'IN_PROGRESS', wipLimit: limit, wipMode: 'STRICT' },
      { name: 'Klart', flowState: 'DONE' },
    ];
    const lanes: LaneSpec[] = [{ name: 'Standard' }, { name: 'Brådskande', classOfService: 'EXPEDITE' }, { name: 'Förbättring', classOfService: 'INTANGIBLE' }];
    // limit − 1 cards in the strict column, in two different lanes; 20 challengers outside, spread over all lanes.
    const cardColumns = [1, 1, ...Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 0 : 2))];
    const cardLanes = [0, 1, ...Array.from({ length: 20 }, (_, i) => i % 3)];
    const seeded = await seedBoard(columns, cardColumns, 20, lanes, cardLanes);
    const strictId = seeded.columnIds[1] as string;
    const challengers = seeded.cardIds.slice(limit - 1);
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    let successCount = 0;
    for (let round = 0; round < 10; round += 1) {
      // Every challenger asks for a lane of its own choosing (its own, or the next one): the column counts them all.
      const outcomes = await Promise.all(
        challengers.map((cardId, index) =>
          move(seeded.actors[index] as Actor, seeded.boardId, { type: 'card.move', cardId, toColumnId: strictId, toLaneId: seeded.laneIds[(index + round) % 3] as string, toIndex: 0 }),
        ),
      );
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).map((o) => (o as { code: string }).code)).toEqual(Array(19).fill('WIP_LIMIT_REACHED'));
      successCount += 1;
      expect(await db.card.count({ where: { columnId: strictId, archivedAt: null } })).toBe(limit);
      const back = await move(seeded.actors[0] as Actor, seeded.boardId, { type: 'card.move', cardId: winners[0]!.cardId, toColumnId: seeded.columnIds[round % 2 === 0 ? 0 : 2] as string, toIndex: 0 });
      expect(back.ok).toBe(true);
      successCount += 1;
    }
    const state = await loadBoardState(seeded.boardId);
    expectConsistentBoard(state, seeded);
    expect(state.events.filter((e) => e.type === 'MOVED')).toHaveLength(successCount);
  });

  it('moves one card to several places at once: it ends at one of them and the history holds exactly the moves that succeeded', { timeout: 120_000 }, async () => {
    const columns: ColumnSpec[] = [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Utreds', flowState: 'IN_PROGRESS' },
      { name: 'Full', flowState: 'IN_PROGRESS', wipLimit: 1, wipMode: 'STRICT' },
      { name: 'Väntar', flowState: 'IN_PROGRESS' },
      { name: 'Klart', flowState: 'DONE' },
    ];
    // Card 0 races; card 1 fills the strict column, so moves of card 0 there are refused (unless card 0 is it).
    const seeded = await seedBoard(columns, [0, 2, 1, 3, 4], 5);
    const raced = seeded.cardIds[0] as string;
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    let movedEvents = 0;
    for (let round = 0; round < 20; round += 1) {
      const eventsBefore = await db.cardEvent.count({ where: { cardId: raced, type: 'MOVED' } });
      const targets = [0, 1, 2, 3, 4].map((i) => seeded.columnIds[(i + round) % 5] as string);
      const outcomes = await Promise.all(
        targets.map((toColumnId, index) => move(seeded.actors[index] as Actor, seeded.boardId, { type: 'card.move', cardId: raced, toColumnId, toIndex: index })),
      );
      const successes = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
      for (const failure of outcomes.filter((o) => !o.ok)) expect((failure as { code: string }).code).toBe('WIP_LIMIT_REACHED');
      expect(successes.length).toBeGreaterThanOrEqual(4);
      const card = await db.card.findUniqueOrThrow({ where: { id: raced }, select: { columnId: true, version: true } });
      const events = await db.cardEvent.findMany({ where: { cardId: raced, type: 'MOVED' }, orderBy: { id: 'asc' }, select: { toColumnId: true } });
      const roundEvents = events.slice(eventsBefore);
      // Exactly the successful moves are recorded: same number, same destinations.
      expect(roundEvents.map((e) => e.toColumnId).sort()).toEqual(successes.map((s) => s.toColumnId).sort());
      // The final state is one of the requested moves: the one that committed last, and the response said so.
      expect(targets).toContain(card.columnId);
      expect(card.columnId).toBe(roundEvents[roundEvents.length - 1]?.toColumnId);
      const latest = successes.reduce((a, b) => (b.version > a.version ? b : a));
      expect(latest.toColumnId).toBe(card.columnId);
      expect(latest.version).toBe(card.version);
      movedEvents += successes.length;
    }
    const state = await loadBoardState(seeded.boardId);
    expectConsistentBoard(state, seeded);
    expect(state.events.filter((e) => e.type === 'MOVED')).toHaveLength(movedEvents);
    await expectGapFreeEventLog(seeded.boardId, movedEvents);
  });
});
