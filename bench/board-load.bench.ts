/**
 * Board load bench (issue 11, "Speed"): a 500-card board's data read the way the board page and GET
 * /api/boards/:id read it (lib/data/boards.ts getBoardForUser: the caller's access, the board, its columns, lanes,
 * open cards and the ageing mark's 85th percentile), p50 / p95 over many runs, with the number of database round
 * trips and transactions one load takes. Also the board page's whole server-side read: the session's person, the
 * team's two-factor gate (layout) and the board.
 *
 *   node --conditions=react-server --import tsx bench/board-load.bench.ts [--runs=300] [--cards=500]
 *
 * Target: ≤ 9.25 ms p50, 1/8 of Planka 2.1.1's 74 ms p50 for the same board measured on this machine. Starts its
 * own throwaway embedded PostgreSQL (fsync off: measures the app; TILLIT_BENCH_PG_PORT, 54341) unless DATABASE_URL
 * is set. Results: stdout and bench/out/board-load-*.{txt,json}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrateDatabase } from '../scripts/lib/app-setup';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { writeResults } from './lib/report';
import { createBenchDb } from './lib/seed';
import { summarize, formatSummary, type Summary } from './lib/stats';

const get = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Math.min(Math.max(Number(get('runs') ?? 300), 10), 5_000);
const CARDS = Math.min(Math.max(Number(get('cards') ?? 500), 10), 20_000);
const TARGET_P50_MS = 74 / 8;
const COMMAND = 'node --conditions=react-server --import tsx bench/board-load.bench.ts';

/** Counts what reaches PostgreSQL: every query a pg client sends (a round trip) and every BEGIN (a transaction). */
function countRoundTrips() {
  const counts = { queries: 0, transactions: 0 };
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function patched(this: pg.Client, ...args: unknown[]) {
    counts.queries += 1;
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    if (typeof text === 'string' && /^\s*BEGIN\b/i.test(text)) counts.transactions += 1;
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return {
    measure: async <T>(work: () => Promise<T>): Promise<{ result: T; queries: number; transactions: number }> => {
      const before = { ...counts };
      const result = await work();
      return { result, queries: counts.queries - before.queries, transactions: counts.transactions - before.transactions };
    },
  };
}

/** A board like a busy team's: 6 columns, 2 lanes, `cards` open cards (labels, some blocked), and 12 weeks of finished work. */
async function seedBoard(databaseUrl: string, cards: number) {
  const db = createBenchDb(databaseUrl);
  const now = Date.now();
  const day = 86_400_000;
  const user = await db.user.create({ data: { email: `board-load-${now}@bench.example`, name: 'Bench Läsare' } });
  const team = await db.team.create({ data: { name: 'Bench team' } });
  await db.membership.create({ data: { teamId: team.id, userId: user.id, role: 'MEMBER' } });
  const board = await db.board.create({ data: { teamId: team.id, name: 'Mottagning (bench)' } });
  const flowStates = ['NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE'] as const;
  const columns = await Promise.all(
    flowStates.map((flowState, index) =>
      db.column.create({ data: { boardId: board.id, name: `Kolumn ${index + 1}`, position: (index + 1) * 1024, flowState, wipLimit: flowState === 'IN_PROGRESS' ? 120 : null, policy: `Policy för kolumn ${index + 1}: **när** ett ärende får gå vidare.` } }),
    ),
  );
  const lanes = await Promise.all([
    db.lane.create({ data: { boardId: board.id, name: 'Akut', position: 1024, classOfService: 'EXPEDITE', wipLimit: 3 } }),
    db.lane.create({ data: { boardId: board.id, name: 'Standard', position: 2048 } }),
  ]);
  const open = Array.from({ length: cards }, (_, index) => {
    const column = columns[index % columns.length]!;
    const createdAt = new Date(now - ((index * 7) % 60) * day);
    return {
      boardId: board.id,
      columnId: column.id,
      laneId: lanes[index % 25 === 0 ? 0 : 1]!.id,
      title: `Ärende ${index + 1}: ansökan om ekonomiskt bistånd, komplettering begärd`,
      description: 'Beskrivning '.repeat(20),
      position: (Math.floor(index / columns.length) + 1) * 1024,
      demand: (['VALUE', 'FAILURE', 'UNKNOWN'] as const)[index % 3],
      labels: index % 4 === 0 ? ['Akut', 'Komplettering'] : index % 4 === 1 ? ['Bostad'] : [],
      blockedReason: index % 17 === 0 ? 'Väntar på intyg' : null,
      blockedAt: index % 17 === 0 ? new Date(now - day) : null,
      createdAt,
      lastMovedAt: createdAt,
      startedAt: column.flowState === 'NOT_STARTED' ? null : createdAt,
      doneAt: column.flowState === 'DONE' ? new Date(createdAt.getTime() + 3 * day) : null,
    };
  });
  // Finished and archived (left the board): only the ageing mark's percentile reads them.
  const finished = Array.from({ length: 300 }, (_, index) => {
    const doneAt = new Date(now - (index % 80) * day);
    return {
      boardId: board.id,
      columnId: columns[5]!.id,
      laneId: lanes[1]!.id,
      title: `Avslutat ärende ${index + 1}`,
      position: index * 1024,
      createdAt: new Date(doneAt.getTime() - ((index % 20) + 2) * day),
      startedAt: new Date(doneAt.getTime() - ((index % 20) + 1) * day),
      doneAt,
      lastMovedAt: doneAt,
      archivedAt: doneAt,
    };
  });
  await db.card.createMany({ data: open });
  await db.card.createMany({ data: finished });
  await db.$disconnect();
  return { boardId: board.id, userId: user.id };
}

async function main() {
  let databaseUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let tempDir: string | undefined;
  try {
    if (!databaseUrl) {
      tempDir = mkdtempSync(path.join(os.tmpdir(), 'tillit-bench-'));
      embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), port: Number(process.env.TILLIT_BENCH_PG_PORT ?? 54341), database: 'tillit_bench', isThrowaway: true });
      databaseUrl = embedded.url;
      await migrateDatabase({ ...process.env, DATABASE_URL: databaseUrl });
    }
    process.env.DATABASE_URL = databaseUrl;
    process.env.AUTH_SECRET ??= 'tillit-bench-secret-not-for-production';
    const seeded = await seedBoard(databaseUrl, CARDS);
    const counter = countRoundTrips();
    const [{ getBoardForUser }, { findTwoFactorGate }, { findSessionUser }, { getDb }] = await Promise.all([
      import('../lib/data/boards'),
      import('../lib/data/access'),
      import('../lib/auth/session'),
      import('../lib/db'),
    ]);
    const loadBoard = () => getBoardForUser(seeded.userId, seeded.boardId, new Date());
    const loadPage = async () => {
      // What the board page reads on the server, in its order: the person (session), the layout's gate, the board.
      await findSessionUser({ userId: seeded.userId });
      await findTwoFactorGate(getDb(), seeded.userId, { boardId: seeded.boardId });
      return loadBoard();
    };

    const time = async (work: () => Promise<unknown>): Promise<Summary> => {
      for (let index = 0; index < 20; index += 1) await work();
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        await work();
        samples.push(performance.now() - started);
      }
      return summarize(samples);
    };

    const once = await counter.measure(loadBoard);
    const pageOnce = await counter.measure(loadPage);
    const board = await time(loadBoard);
    const page = await time(loadPage);
    await getDb().$disconnect();
    const [loadAverage = 0] = os.loadavg();
    const result = {
      name: 'board-load',
      cards: once.result.cards.length,
      columns: once.result.columns.length,
      lanes: once.result.lanes.length,
      runs: RUNS,
      board: { ...board, queries: once.queries, transactions: once.transactions },
      page: { ...page, queries: pageOnce.queries, transactions: pageOnce.transactions },
      targetP50Ms: TARGET_P50_MS,
      plankaP50Ms: 74,
      loadAverage: Math.round(loadAverage * 10) / 10,
      command: COMMAND,
    };
    const lines = [
      `Board load: ${result.cards} open cards, ${result.columns} columns, ${result.lanes} lanes (plus 300 finished cards for the ageing mark)`,
      `  command: ${COMMAND}${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
      `  board data (getBoardForUser, as the board page and GET /api/boards/:id): ${formatSummary(board)}`,
      `    ${once.queries} database round trip(s), ${once.transactions} transaction(s) per load`,
      `  board page, server side (session + two-factor gate + board): ${formatSummary(page)}`,
      `    ${pageOnce.queries} database round trip(s), ${pageOnce.transactions} transaction(s) per page`,
      `  target ≤ ${TARGET_P50_MS.toFixed(2)} ms p50 (1/8 of Planka 2.1.1's 74 ms): ${board.p50 <= TARGET_P50_MS ? 'within target' : 'OVER TARGET'}`,
      `  load average ${result.loadAverage} on ${os.cpus().length} cores (wall times are comparable only at similar load)`,
    ];
    console.log(lines.join('\n'));
    writeResults('board-load', result, `${lines.join('\n')}\n`);
  } finally {
    await embedded?.stop().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
