/**
 * Lanes bench (issue 12): card moves on a board with 3 lanes × 6 columns × 300 cards against the same board with
 * one lane, in the same run, through the real HTTP path of the production build.
 *
 *   npx tsx bench/moves-lanes.bench.ts [--seq=300] [--clients=10] [--duration=10] [--rounds=2] [--no-build]
 *
 * Starts its own throwaway embedded PostgreSQL (BENCH_PG_PORT, 54352; fsync off: it measures the app, not the
 * disk) and the production server (BENCH_APP_PORT, 3303; builds first when the build is missing or stale, unless
 * --no-build), seeds both boards and measures, alternating one-lane and lanes in each round so that the machine's
 * other load falls on both alike:
 *   1. sequential move latency (random card → random column, on the lanes board also a random lane);
 *   2. throughput of 10 concurrent clients for the duration.
 * The lanes board gives every lane an advisory limit of 999 (never reached), so every move into an in-progress
 * column also runs the lane count of the move transaction: the worst case of the lane-aware WIP rule.
 * Target: sequential p50 and throughput within 10 % of the one-lane figures. Results: stdout and
 * bench/out/moves-lanes-*.{txt,json}.
 */
import os from 'node:os';
import { startBenchDatabase } from './lib/embedded-db';
import { appEnv, prepareDatabaseAndBuild, startAppServer } from './lib/app-server';
import { BenchClient, sessionCookie } from './lib/client';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb, seedBenchBoard, type BenchBoard } from './lib/seed';
import { formatSummary, summarize, type Summary } from './lib/stats';

type Options = { seq: number; clients: number; durationS: number; rounds: number; build: boolean };

function parseOptions(argv: string[]): Options {
  const get = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return {
    seq: Math.min(Number(get('seq') ?? 300), 10_000),
    clients: Math.min(Number(get('clients') ?? 10), 100),
    durationS: Math.min(Number(get('duration') ?? 10), 120),
    rounds: Math.min(Math.max(Number(get('rounds') ?? 2), 1), 10),
    build: !argv.includes('--no-build'),
  };
}

const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const SEED = Number(process.env.BENCH_SEED ?? 20261203);
/** Lanes may cost at most this much: p50 at most 10 % higher, throughput at most 10 % lower. */
const TOLERANCE = 0.1;

type Variant = { name: 'one lane' | '3 lanes'; board: BenchBoard };
type Measurement = { sequential: Summary; movesPerS: number; statuses: Record<string, number> };

function moveCommand(board: BenchBoard, random: ReturnType<typeof createRandom>) {
  return {
    type: 'card.move',
    cardId: random.pick(board.cardIds),
    toColumnId: random.pick(board.columnIds),
    ...(board.laneIds.length > 1 ? { toLaneId: random.pick(board.laneIds) } : {}),
    toIndex: random.int(20),
  };
}

async function measure(url: string, cookie: string, variant: Variant, options: Options, seed: number): Promise<Measurement> {
  const statuses: Record<string, number> = {};
  const count = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);
  const random = createRandom(seed);
  const client = new BenchClient(url, cookie, 1);
  const path = `/api/boards/${variant.board.boardId}/commands`;
  for (let i = 0; i < 50; i += 1) await client.request('POST', path, moveCommand(variant.board, random));
  const sequential: number[] = [];
  for (let i = 0; i < options.seq; i += 1) {
    const result = await client.request('POST', path, moveCommand(variant.board, random));
    count(result.status);
    if (result.status === 200) sequential.push(result.ms);
  }
  client.close();
  const clients = Array.from({ length: options.clients }, (_, index) => ({ client: new BenchClient(url, cookie, 1), random: createRandom(seed * 31 + index) }));
  let ok = 0;
  const started = performance.now();
  const ends = started + options.durationS * 1000;
  await Promise.all(
    clients.map(async ({ client: each, random: own }) => {
      while (performance.now() < ends) {
        const result = await each.request('POST', path, moveCommand(variant.board, own)).catch(() => ({ status: 0 }));
        count(result.status);
        if (result.status === 200) ok += 1;
      }
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  for (const { client: each } of clients) each.close();
  return { sequential: summarize(sequential), movesPerS: ok / wallS, statuses };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const command = describeCommand('bench/moves-lanes.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT', 'BENCH_SEED', 'NEXT_DIST_DIR']);
  const header = [
    'Tillit bench: card moves with lanes (issue 12)',
    `command: ${command}`,
    `date: ${new Date().toISOString()}  node ${process.version}  cpus ${os.cpus().length}  load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `boards: 6 columns × 300 cards, one lane vs 3 lanes (lane limits 999, advisory); ${options.rounds} rounds, ${options.seq} sequential moves and ${options.clients} clients × ${options.durationS} s per variant and round; PostgreSQL fsync off`,
  ].join('\n');
  console.log(header);
  const db = await startBenchDatabase({ port: PG_PORT, fsync: false });
  const prisma = createBenchDb(db.url);
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    await prepareDatabaseAndBuild(db.url, APP_PORT, options.build);
    const variants: Variant[] = [
      { name: 'one lane', board: await seedBenchBoard(prisma, { columns: 6, cardsPerColumn: 50 }) },
      { name: '3 lanes', board: await seedBenchBoard(prisma, { columns: 6, cardsPerColumn: 50, lanes: 3, laneWipLimit: 999 }) },
    ];
    await prisma.$disconnect();
    server = await startAppServer(db.url, APP_PORT);
    const secret = appEnv(db.url, APP_PORT).AUTH_SECRET as string;
    const results: Record<Variant['name'], Measurement[]> = { 'one lane': [], '3 lanes': [] };
    for (let round = 0; round < options.rounds; round += 1) {
      // Alternate which variant goes first, so neither always runs on a warmer (or busier) machine.
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) {
        const cookie = await sessionCookie(variant.board.mover, secret);
        const measured = await measure(server.url, cookie, variant, options, SEED + round * 7 + (variant.name === '3 lanes' ? 1 : 0));
        results[variant.name].push(measured);
        console.log(`round ${round + 1} ${variant.name.padEnd(8)} sequential ${formatSummary(measured.sequential)}  throughput ${measured.movesPerS.toFixed(1)} moves/s  statuses ${JSON.stringify(measured.statuses)}`);
      }
    }
    const figures = (name: Variant['name']) => ({
      sequentialP50: median(results[name].map((m) => m.sequential.p50)),
      movesPerS: median(results[name].map((m) => m.movesPerS)),
    });
    const one = figures('one lane');
    const three = figures('3 lanes');
    const p50Ratio = three.sequentialP50 / one.sequentialP50;
    const throughputRatio = three.movesPerS / one.movesPerS;
    const lines = [
      header,
      '',
      `one lane   sequential p50 ${one.sequentialP50.toFixed(2)} ms, ${options.clients}-client throughput ${one.movesPerS.toFixed(1)} moves/s (medians of ${options.rounds} rounds)`,
      `3 lanes    sequential p50 ${three.sequentialP50.toFixed(2)} ms, ${options.clients}-client throughput ${three.movesPerS.toFixed(1)} moves/s`,
      `${p50Ratio <= 1 + TOLERANCE ? 'PASS' : 'MISS'}  sequential p50 with lanes: ${(p50Ratio * 100).toFixed(1)} % of one lane (target ≤ ${(100 + TOLERANCE * 100).toFixed(0)} %)`,
      `${throughputRatio >= 1 - TOLERANCE ? 'PASS' : 'MISS'}  throughput with lanes: ${(throughputRatio * 100).toFixed(1)} % of one lane (target ≥ ${(100 - TOLERANCE * 100).toFixed(0)} %)`,
      `machine load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores: above 2 means other work competed)`,
    ];
    const text = `${lines.join('\n')}\n`;
    const files = writeResults('moves-lanes', { command, seed: SEED, options, results, one, three, p50Ratio, throughputRatio }, text);
    console.log(`\n${text}written: ${files.join(', ')}`);
  } finally {
    await prisma.$disconnect().catch(() => {});
    await server?.stop();
    await db.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
