/**
 * Creates the flow-metrics benchmark board: 10,000 cards and exactly 100,000 card events over the past year,
 * on a five-column board, in the database at DATABASE_URL. Fast because rows go in as arrays through
 * INSERT … SELECT FROM unnest(…), a handful of statements instead of 110,000.
 *
 * Usage: DATABASE_URL=postgresql://… npx tsx bench/generate-flow-board.ts
 * Prints one JSON line: {"boardId":…,"viewerId":…,"cards":…,"events":…}. Re-running reuses the board if
 * it is already there (pass --fresh to create another one).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
// Deterministic randomness (mulberry32): every generated board has the same shape.
import { createMulberry32 as createRandom } from '../lib/flow/seeded-random';

export const BENCH_BOARD_NAME = 'Benchmark: flödestavla 10 000 kort';
export const BENCH_CARD_COUNT = 10_000;
export const BENCH_EVENT_COUNT = 100_000;

const DAY = 86_400_000;
const HISTORY_DAYS = 365;

export interface BenchBoard {
  readonly boardId: string;
  readonly viewerId: string;
  readonly cards: number;
  readonly events: number;
}


type EventType = 'CREATED' | 'MOVED' | 'BLOCKED' | 'UNBLOCKED' | 'ARCHIVED' | 'EDITED';
type PlannedEvent = { type: EventType; from: number | null; to: number | null; at: number };
type PlannedCard = {
  id: string;
  demand: 'VALUE' | 'FAILURE' | 'UNKNOWN';
  createdAt: number;
  events: PlannedEvent[];
  column: number;
  archivedAt: number | null;
  isBlocked: boolean;
};

const COLUMNS = [
  { name: 'Inkommet', flowState: 'NOT_STARTED' },
  { name: 'Utreds', flowState: 'IN_PROGRESS' },
  { name: 'Väntar på komplettering', flowState: 'IN_PROGRESS' },
  { name: 'Beslut', flowState: 'IN_PROGRESS' },
  { name: 'Klart', flowState: 'DONE' },
] as const;

/**
 * Plans each card's life: arrival, start, some back-and-forth while waiting for documents, a blocked spell,
 * decision, done, archived two weeks later. Cards whose plan runs past now are simply still in progress.
 * 2 % are abandoned (archived straight from the inbox). Finished cards then get extra waiting round trips
 * until the board has exactly BENCH_EVENT_COUNT events.
 */
function planCards(now: number): PlannedCard[] {
  const random = createRandom(20_261_126);
  const between = (min: number, max: number) => min + random() * (max - min);
  const start = now - HISTORY_DAYS * DAY;
  const cards: PlannedCard[] = [];
  for (let index = 0; index < BENCH_CARD_COUNT; index += 1) {
    const createdAt = start + (index / BENCH_CARD_COUNT) * HISTORY_DAYS * DAY + between(0, DAY / 2);
    const roll = random();
    const demand = roll < 0.7 ? 'VALUE' : roll < 0.92 ? 'FAILURE' : 'UNKNOWN';
    const card: PlannedCard = { id: `bench${randomUUID().replace(/-/g, '').slice(0, 20)}`, demand, createdAt, events: [], column: 0, archivedAt: null, isBlocked: false };
    card.events.push({ type: 'CREATED', from: null, to: 0, at: createdAt });
    if (random() < 0.02) {
      const at = createdAt + between(1, 5) * DAY;
      if (at < now) {
        card.events.push({ type: 'ARCHIVED', from: 0, to: null, at });
        card.archivedAt = at;
      }
      cards.push(card);
      continue;
    }
    let time = createdAt;
    const step = (type: EventType, to: number | null, minDays: number, maxDays: number): boolean => {
      const at = time + between(minDays, maxDays) * DAY;
      if (at >= now) return false;
      card.events.push({ type, from: type === 'MOVED' || type === 'ARCHIVED' ? card.column : null, to, at });
      time = at;
      if (type === 'MOVED' && to !== null) card.column = to;
      if (type === 'BLOCKED') card.isBlocked = true;
      if (type === 'UNBLOCKED') card.isBlocked = false;
      return true;
    };
    const plan: [EventType, number | null, number, number][] = [
      ['MOVED', 1, 0.2, 4],
      ['MOVED', 2, 0.5, 5],
      ['MOVED', 1, 1, 8],
      ['BLOCKED', null, 0.2, 3],
      ['UNBLOCKED', null, 0.5, 5],
      ['MOVED', 3, 0.5, 6],
      ['MOVED', 4, 0.2, 3],
      ['ARCHIVED', null, 14, 15],
    ];
    for (const [type, to, minDays, maxDays] of plan) {
      if (!step(type, to, minDays, maxDays)) break;
      if (type === 'ARCHIVED') card.archivedAt = time;
    }
    cards.push(card);
  }

  // Top up to the exact event count with waiting round trips (Utreds → Väntar → Utreds) on finished cards,
  // inserted between their start and their decision.
  let total = cards.reduce((sum, card) => sum + card.events.length, 0);
  const finished = cards.filter((card) => card.column === 4);
  let cursor = 0;
  while (total + 2 <= BENCH_EVENT_COUNT && finished.length > 0) {
    const card = finished[cursor % finished.length] as PlannedCard;
    cursor += 1;
    const startIndex = card.events.findIndex((event) => event.type === 'MOVED' && event.to === 1);
    const before = card.events[startIndex] as PlannedEvent;
    const after = card.events[startIndex + 1] as PlannedEvent;
    const gap = (after.at - before.at) / 3;
    card.events.splice(
      startIndex + 1,
      0,
      { type: 'MOVED', from: 1, to: 2, at: before.at + gap },
      { type: 'MOVED', from: 2, to: 1, at: before.at + 2 * gap },
    );
    total += 2;
  }
  if (total < BENCH_EVENT_COUNT) {
    // An odd remainder: one edit, which the flow metrics do not read (as on a real board).
    const card = finished[0] as PlannedCard;
    card.events.push({ type: 'EDITED', from: null, to: null, at: (card.events[0] as PlannedEvent).at + 1000 });
  }
  return cards;
}

async function findExistingBoard(client: pg.Client): Promise<BenchBoard | null> {
  const found = await client.query<{ id: string }>('SELECT id FROM "Board" WHERE name = $1 ORDER BY "createdAt" DESC LIMIT 1', [BENCH_BOARD_NAME]);
  const boardId = found.rows[0]?.id;
  if (!boardId) return null;
  const viewer = await client.query<{ userId: string }>(
    `SELECT m."userId" FROM "Membership" m JOIN "Board" b ON b."teamId" = m."teamId" WHERE b.id = $1 AND m.role = 'VIEWER' LIMIT 1`,
    [boardId],
  );
  const counts = await client.query<{ cards: string; events: string }>(
    'SELECT (SELECT count(*) FROM "Card" WHERE "boardId" = $1) AS cards, (SELECT count(*) FROM "CardEvent" WHERE "boardId" = $1) AS events',
    [boardId],
  );
  const viewerId = viewer.rows[0]?.userId;
  if (!viewerId) return null;
  return { boardId, viewerId, cards: Number(counts.rows[0]?.cards), events: Number(counts.rows[0]?.events) };
}

/** Creates (or with `reuse`, finds) the benchmark board in the database at `connectionString`. */
export async function generateFlowBoard(connectionString: string, options: { reuse?: boolean; now?: Date } = {}): Promise<BenchBoard> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    if (options.reuse !== false) {
      const existing = await findExistingBoard(client);
      if (existing) return existing;
    }
    const now = (options.now ?? new Date()).getTime();
    const suffix = randomUUID().slice(0, 8);
    const teamId = randomUUID();
    const boardId = randomUUID();
    const viewerId = randomUUID();
    const columnIds = COLUMNS.map(() => randomUUID());
    const cards = planCards(now);

    await client.query('BEGIN');
    await client.query('INSERT INTO "User" (id, email, name) VALUES ($1, $2, $3)', [viewerId, `bench.viewer.${suffix}@bench.example`, 'Bänk Läsare']);
    await client.query('INSERT INTO "Team" (id, name) VALUES ($1, $2)', [teamId, `Benchmarkteamet ${suffix}`]);
    await client.query(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'VIEWER')`, [randomUUID(), teamId, viewerId]);
    await client.query('INSERT INTO "Board" (id, "teamId", name) VALUES ($1, $2, $3)', [boardId, teamId, BENCH_BOARD_NAME]);
    for (const [index, column] of COLUMNS.entries()) {
      await client.query(`INSERT INTO "Column" (id, "boardId", name, position, "flowState") VALUES ($1, $2, $3, $4, $5::"FlowState")`, [
        columnIds[index],
        boardId,
        column.name,
        (index + 1) * 1024,
        column.flowState,
      ]);
    }

    const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());
    const startedAt = (card: PlannedCard) => card.events.find((event) => event.type === 'MOVED' && event.to !== null && event.to >= 1)?.at ?? null;
    await client.query(
      `INSERT INTO "Card" (id, "boardId", "columnId", title, position, demand, "archivedAt", "createdAt", "lastMovedAt", "startedAt", "doneAt", "blockedAt", "blockedReason")
       SELECT id, $1, "columnId", title, position, demand::"DemandType", "archivedAt", "createdAt", "lastMovedAt", "startedAt", "doneAt", "blockedAt", "blockedReason"
       FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::timestamp(3)[], $8::timestamp(3)[], $9::timestamp(3)[], $10::timestamp(3)[], $11::timestamp(3)[], $12::timestamp(3)[], $13::text[])
         AS t(id, "columnId", title, position, demand, "archivedAt", "createdAt", "lastMovedAt", "startedAt", "doneAt", "blockedAt", "blockedReason")`,
      [
        boardId,
        cards.map((card) => card.id),
        cards.map((card) => columnIds[card.column]),
        cards.map((_, index) => `Ärende ${String(index + 1).padStart(5, '0')}`),
        cards.map((_, index) => (index + 1) * 1024),
        cards.map((card) => card.demand),
        cards.map((card) => iso(card.archivedAt)),
        cards.map((card) => iso(card.createdAt)),
        cards.map((card) => iso(card.events.filter((event) => event.type === 'MOVED').at(-1)?.at ?? card.createdAt)),
        cards.map((card) => iso(startedAt(card))),
        cards.map((card) => iso(card.column === 4 ? (card.events.find((event) => event.to === 4)?.at ?? null) : null)),
        cards.map((card) => iso(card.isBlocked ? (card.events.filter((event) => event.type === 'BLOCKED').at(-1)?.at ?? null) : null)),
        cards.map((card) => (card.isBlocked ? 'Väntar på underlag' : null)),
      ],
    );

    // In time order, as a real board appends its history: the table's physical order then matches the
    // (boardId, at) index, as it does in production.
    const events = cards.flatMap((card) => card.events.map((event) => ({ card, event }))).sort((a, b) => a.event.at - b.event.at);
    const CHUNK = 25_000;
    for (let offset = 0; offset < events.length; offset += CHUNK) {
      const chunk = events.slice(offset, offset + CHUNK);
      await client.query(
        `INSERT INTO "CardEvent" ("boardId", "cardId", type, "fromColumnId", "toColumnId", at)
         SELECT $1, "cardId", type::"CardEventType", "fromColumnId", "toColumnId", at
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[]) AS t("cardId", type, "fromColumnId", "toColumnId", at)`,
        [
          boardId,
          chunk.map(({ card }) => card.id),
          chunk.map(({ event }) => event.type),
          chunk.map(({ event }) => (event.from === null ? null : columnIds[event.from])),
          chunk.map(({ event }) => (event.to === null ? null : columnIds[event.to])),
          chunk.map(({ event }) => iso(event.at)),
        ],
      );
    }
    await client.query('COMMIT');
    await client.query('ANALYZE "Card"; ANALYZE "CardEvent";');
    return { boardId, viewerId, cards: cards.length, events: events.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('Set DATABASE_URL to the database that should hold the benchmark board.');
  const startedAt = Date.now();
  const board = await generateFlowBoard(connectionString, { reuse: !process.argv.includes('--fresh') });
  console.error(`Benchmark board ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(board));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
