/**
 * Fuzzing the HTTP API with property-based tests (issue 7): random and hostile requests to every board route
 * (commands, board state, card detail, the event stream, standups, flow export): wrong types, huge and odd
 * unicode strings, NUL characters, negative and enormous numbers, ids of another team's board, `__proto__` and
 * `constructor` keys, broken JSON, foreign origins, no session. Whatever comes in: never a 500, never a stack trace
 * in a body, and a refused request changes no row (the boards are compared before and after each one).
 *
 * Runs against the shared app instance with a bounded number of runs (TILLIT_FUZZ_RUNS, default 300 commands and
 * 150 other requests); the seed is printed by fast-check when a property fails, to replay it.
 */
import fc from 'fast-check';
import { encode } from 'next-auth/jwt';
import { expect, test } from './fixtures';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestBoard, type TestUser } from './fixtures/test-data';

const RUNS = Number(process.env.TILLIT_FUZZ_RUNS ?? 300);
/** Traces of an internal error: stack frames, source paths, Prisma's or PostgreSQL's own wording. */
const STACK_TRACE = /\n\s+at\s|\bat\s+\S+\s+\(\S*:\d+:\d+\)|node_modules\/|\.tsx?:\d+|PrismaClient|Invalid `|invalid byte sequence|violates .*constraint/i;
const COMMAND_TYPES = ['card.create', 'card.update', 'card.move', 'card.block', 'card.unblock', 'card.archive', 'column.create', 'column.update', 'column.reorder', 'column.delete', 'lane.create', 'lane.update', 'lane.reorder', 'lane.delete'];

async function cookieFor(user: TestUser): Promise<string> {
  const token = await encode({ token: { sub: user.id, name: user.name, email: user.email }, secret: process.env.AUTH_SECRET as string, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

/** Everything a board's team could see or change, to prove a refused request changed nothing. */
async function snapshot(boardIds: string[]): Promise<string> {
  const db = getTestDb();
  const [cards, columns, lanes, cardEvents, boardEvents, standups, boards] = await Promise.all([
    db.card.findMany({ where: { boardId: { in: boardIds } }, orderBy: { id: 'asc' } }),
    db.column.findMany({ where: { boardId: { in: boardIds } }, orderBy: { id: 'asc' } }),
    db.lane.findMany({ where: { boardId: { in: boardIds } }, orderBy: { id: 'asc' } }),
    db.cardEvent.aggregate({ where: { boardId: { in: boardIds } }, _count: true, _max: { id: true } }),
    db.boardEvent.aggregate({ where: { boardId: { in: boardIds } }, _count: true, _max: { id: true } }),
    db.standup.findMany({ where: { boardId: { in: boardIds } }, orderBy: { id: 'asc' } }),
    db.board.findMany({ where: { id: { in: boardIds } }, orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ cards, columns, lanes, cardEvents, boardEvents, standups, boards }, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

type Probe = { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: string; origin?: string; asUser: 'member' | 'outsider' | 'nobody' };

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

/** Percent-encodes any string, lone surrogates included (sent as UTF-8 of U+FFFD, as a browser would). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uFEFF',
    '\u202Eevil',
    'e\u0301\u0301\u0301',
    '👩‍👩‍👧‍👦',
    '﷽',
    '__proto__',
    'constructor',
    'prototype',
    "'; DROP TABLE \"Card\"; --",
    '../../../etc/passwd',
    '%00',
    '${7*7}',
    '<script>alert(1)</script>',
    '19121212-1212',
  ),
  fc.integer({ min: 201, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, -0, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 1_000_001),
);

const anyValue = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }), fc.array(hostileString, { maxLength: 3 }));

function commandArbitrary(board: TestBoard, other: TestBoard) {
  const ownIds = [...board.cards.map((c) => c.id), ...board.columns.map((c) => c.id), ...board.lanes.map((l) => l.id)];
  const foreignIds = [...other.cards.map((c) => c.id), ...other.columns.map((c) => c.id), ...other.lanes.map((l) => l.id)];
  const id = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ownIds) }, { weight: 3, arbitrary: fc.constantFrom(...foreignIds) }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: anyValue });
  const field = fc.oneof({ weight: 4, arbitrary: id }, { weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: hostileNumber }, { weight: 1, arbitrary: anyValue });
  const commandObject = fc
    .record(
      {
        type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...COMMAND_TYPES) }, { weight: 1, arbitrary: anyValue }),
        cardId: field,
        columnId: field,
        toColumnId: field,
        toLaneId: field,
        laneId: field,
        toIndex: fc.oneof(hostileNumber, anyValue),
        title: field,
        name: field,
        description: field,
        reason: field,
        demand: fc.oneof(fc.constantFrom('VALUE', 'FAILURE', 'UNKNOWN', 'value'), anyValue),
        wipLimit: fc.oneof(hostileNumber, anyValue),
        wipMode: fc.oneof(fc.constantFrom('STRICT', 'ADVISORY', 'strict'), anyValue),
        flowState: fc.oneof(fc.constantFrom('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'done'), anyValue),
        policy: field,
        confirmOverLimit: fc.oneof(fc.boolean(), anyValue),
        overLimitReason: field,
        moveCardsToColumnId: field,
        moveCardsToLaneId: field,
        classOfService: fc.oneof(fc.constantFrom('STANDARD', 'EXPEDITE', 'INTANGIBLE', 'URGENT', 'expedite'), anyValue),
        extra: anyValue,
      },
      { requiredKeys: ['type'] },
    )
    .map((command) => JSON.stringify(command));
  // Keys JSON.stringify would not write as own properties, written by hand.
  const prototypeKeys = fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom(...board.cards.map((c) => c.id)), fc.constantFrom(...board.columns.map((c) => c.id)))
    .map(([key, cardId, columnId]) => `{"type":"card.move","cardId":"${cardId}","toColumnId":"${columnId}","toIndex":0,"${key}":{"type":"column.delete","isAdmin":true,"prototype":{"polluted":true}}}`);
  const brokenJson = fc.oneof(hostileString, fc.constantFrom('{', '[]', 'null', '"card.move"', '{"type":', '{"type":"card.move"}}', '\u0000{}', '{"a":1e99999}'));
  return fc.oneof({ weight: 6, arbitrary: commandObject }, { weight: 2, arbitrary: prototypeKeys }, { weight: 1, arbitrary: brokenJson }, { weight: 1, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? '') });
}

function routeArbitrary(board: TestBoard, other: TestBoard) {
  const segment = fc.oneof(
    fc.constantFrom(board.boardId, other.boardId, ...board.cards.map((c) => c.id), ...other.cards.map((c) => c.id)),
    hostileString.filter((s) => s.length < 3_000),
  );
  const encoded = segment.map(encodeSegment);
  return fc.oneof(
    fc.record({ board: encoded }).map(({ board: b }): Probe => ({ method: 'GET', path: `/api/boards/${b}`, asUser: 'member' })),
    fc.record({ board: encoded, card: encoded }).map(({ board: b, card }): Probe => ({ method: 'GET', path: `/api/boards/${b}/cards/${card}`, asUser: 'member' })),
    fc.record({ board: encoded }).map(({ board: b }): Probe => ({ method: 'GET', path: `/api/boards/${b}/events`, asUser: 'member' })),
    fc.record({ board: encoded, dataset: fc.oneof(fc.constantFrom('items', 'throughput', 'wip', 'cfd'), hostileString), from: hostileString, to: hostileString }).map(
      ({ board: b, dataset, from, to }): Probe => ({
        method: 'GET',
        path: `/api/boards/${b}/flow/export?dataset=${encodeSegment(dataset)}&from=${encodeSegment(from.slice(0, 200))}&to=${encodeSegment(to.slice(0, 200))}`,
        asUser: 'member',
      }),
    ),
    fc.record({ board: encoded, body: fc.oneof(anyValue.map((v) => JSON.stringify(v) ?? ''), fc.constant('{"standupId":"x","__proto__":{}}')), method: fc.constantFrom('POST' as const, 'PATCH' as const) }).map(
      ({ board: b, body, method }): Probe => ({ method, path: `/api/boards/${b}/standups`, body, asUser: 'member' }),
    ),
    // Someone else, or no one, asking for this board; and a forged cross-site request.
    fc.constantFrom<Probe>(
      { method: 'GET', path: `/api/boards/${board.boardId}`, asUser: 'outsider' },
      { method: 'GET', path: `/api/boards/${board.boardId}/events`, asUser: 'outsider' },
      { method: 'POST', path: `/api/boards/${board.boardId}/commands`, body: `{"type":"card.archive","cardId":"${board.cards[0]!.id}"}`, asUser: 'outsider' },
      { method: 'POST', path: `/api/boards/${board.boardId}/commands`, body: `{"type":"card.archive","cardId":"${board.cards[0]!.id}"}`, asUser: 'nobody' },
      { method: 'POST', path: `/api/boards/${board.boardId}/commands`, body: `{"type":"card.archive","cardId":"${board.cards[0]!.id}"}`, asUser: 'member', origin: 'https://evil.example' },
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------

test.describe('API fuzzing', () => {
  test('hostile requests never cause a 500, a stack trace or a change', async ({ baseURL }) => {
    test.setTimeout(300_000);
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Strikt', flowState: 'IN_PROGRESS', wipLimit: 2, wipMode: 'STRICT' },
        { name: 'Klart', flowState: 'DONE' },
      ],
      lanes: [{ name: 'Standard' }, { name: 'Akut', classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT' }],
      cards: [
        { title: 'Ärende A', column: 0 },
        { title: 'Ärende B', column: 0 },
        { title: 'Akut C', column: 1, lane: 1 },
      ],
    });
    const other = await createTestBoard();
    const boardIds = [board.boardId, other.boardId];
    const cookies = { member: await cookieFor(board.member), outsider: await cookieFor(board.outsider), nobody: '' };
    const statuses = new Map<number, number>();
    let baseline = await snapshot(boardIds);

    const send = async (probe: Probe) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 15_000);
      try {
        const response = await fetch(`${baseURL}${probe.path}`, {
          method: probe.method,
          headers: { cookie: cookies[probe.asUser], origin: probe.origin ?? baseURL!, 'content-type': 'application/json', 'accept-language': 'sv-SE' },
          body: probe.body,
          signal: controller.signal,
        });
        const isStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
        // A stream that was allowed to open stays open: its status is all we need.
        const text = isStream ? '' : await response.text();
        if (isStream) controller.abort();
        return { status: response.status, text, contentType: response.headers.get('content-type') ?? '' };
      } finally {
        clearTimeout(timer);
      }
    };

    const check = async (probe: Probe) => {
      const { status, text, contentType } = await send(probe);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const where = `${probe.method} ${probe.path.slice(0, 200)} ${(probe.body ?? '').slice(0, 300)}`;
      expect(status, where).toBeLessThan(500);
      expect(text, where).not.toMatch(STACK_TRACE);
      // Our handlers answer every refusal with a JSON error code (a path no route matches gets Next's 404 page).
      if (status >= 400 && contentType.includes('application/json')) {
        expect((JSON.parse(text) as { error?: { code?: unknown } }).error?.code, where).toEqual(expect.any(String));
      }
      const now = await snapshot(boardIds);
      if (status >= 400) expect(now, `a refused request changed rows: ${where}`).toBe(baseline);
      baseline = now;
    };

    // Known edge cases first, every run: text the database itself refuses (NUL), a foreign board's card, an index
    // far out of range, a prototype key.
    const [card, column, lane] = [board.cards[0]!.id, board.columns[0]!.id, board.lanes[0]!.id];
    const expedite = board.lanes[1]!.id;
    const examples: [string][] = [
      [JSON.stringify({ type: 'card.create', columnId: column, title: 'a\u0000b' })],
      [JSON.stringify({ type: 'card.update', cardId: card, description: 'x\u0000' })],
      [JSON.stringify({ type: 'card.block', cardId: card, reason: '\u0000' })],
      [JSON.stringify({ type: 'column.create', name: '\u0000', flowState: 'DONE' })],
      [JSON.stringify({ type: 'column.update', columnId: column, policy: '\u0000' })],
      [JSON.stringify({ type: 'card.move', cardId: other.cards[0]!.id, toColumnId: column, toIndex: 0 })],
      [JSON.stringify({ type: 'card.move', cardId: card, toColumnId: other.columns[0]!.id, toIndex: 0 })],
      [JSON.stringify({ type: 'card.move', cardId: card, toColumnId: column, toIndex: -1 })],
      [JSON.stringify({ type: 'card.move', cardId: card, toColumnId: column, toIndex: 1e300 })],
      // Lanes (issue 12): another board's lane, the strict expedite lane that is full, limits of 0, negative and
      // fractional, a class that does not exist, the last lane of the other board's team is not ours to remove,
      // and removing a lane that holds cards without saying where they go.
      [JSON.stringify({ type: 'card.move', cardId: card, toColumnId: column, toLaneId: other.lanes[0]!.id, toIndex: 0 })],
      [JSON.stringify({ type: 'card.move', cardId: card, toColumnId: board.columns[1]!.id, toLaneId: expedite, toIndex: 0 })],
      [JSON.stringify({ type: 'lane.update', laneId: lane, wipLimit: 0 })],
      [JSON.stringify({ type: 'lane.update', laneId: lane, wipLimit: -1 })],
      [JSON.stringify({ type: 'lane.update', laneId: lane, wipLimit: 1.5 })],
      [JSON.stringify({ type: 'lane.update', laneId: lane, classOfService: 'URGENT' })],
      [JSON.stringify({ type: 'lane.create', name: 'Ny', classOfService: 'DEADLINE' })],
      [JSON.stringify({ type: 'lane.delete', laneId: other.lanes[0]!.id })],
      [JSON.stringify({ type: 'lane.delete', laneId: lane })],
      [JSON.stringify({ type: 'lane.delete', laneId: expedite, moveCardsToLaneId: expedite })],
      [JSON.stringify({ type: 'lane.delete', laneId: lane, moveCardsToLaneId: other.lanes[0]!.id })],
      [`{"type":"card.archive","cardId":"${card}","__proto__":{"type":"column.delete"}}`],
      [`{"type":"card.move","cardId":"${card}","toColumnId":"${column}","toIndex":0,"constructor":{"prototype":{"isAdmin":true}}}`],
    ];
    await fc.assert(
      fc.asyncProperty(commandArbitrary(board, other), async (body) => {
        await check({ method: 'POST', path: `/api/boards/${board.boardId}/commands`, body, asUser: 'member' });
      }),
      { numRuns: RUNS, examples },
    );
    await fc.assert(
      fc.asyncProperty(routeArbitrary(board, other), async (probe) => {
        await check(probe);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
    // The fuzzing reached the rules, not just the parser.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([404, 422]));
    test.info().annotations.push({ type: 'statuses', description: JSON.stringify(Object.fromEntries(statuses)) });
  });
});
