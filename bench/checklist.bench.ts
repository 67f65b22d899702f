/**
 * Issue 11 ("Speed"): checklist changes reach a second browser as fast as moves do. In ONE run, on the same server
 * and board, alternating probe by probe: a card move, and a checklist change (add an item, then check it), each
 * sent through the production server's HTTP path (POST /api/boards/:id/commands); the time is from sending the
 * request until a second member's SSE stream (GET /api/boards/:id/events) delivers the matching card.upsert (same
 * card id and version).
 *
 *   npx tsx bench/checklist.bench.ts [--probes=200] [--fsync=off|on] [--no-build]
 *
 * Starts its own embedded PostgreSQL (BENCH_PG_PORT, 54352; fsync off by default: measures the app, not the disk)
 * and the production server (BENCH_APP_PORT, 3303; builds first when the build is missing or stale, unless
 * --no-build). Only loopback traffic, bounded in count. Results: stdout and bench/out/checklist-*.{txt,json}.
 */
import { startBenchDatabase } from './lib/embedded-db';
import { appEnv, prepareDatabaseAndBuild, startAppServer, type AppServer } from './lib/app-server';
import { BenchClient, sessionCookie, SseSubscriber } from './lib/client';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb, seedBenchBoard } from './lib/seed';
import { formatSummary, summarize } from './lib/stats';

const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const SEED = Number(process.env.BENCH_SEED ?? 20261203);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseOptions(argv: string[]) {
  const get = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return { probes: Math.min(Number(get('probes') ?? 200), 5_000), fsync: get('fsync') === 'on', build: !argv.includes('--no-build') };
}

/** Arrival times of card.upsert events by card and version (as moves.bench.ts's UpsertLog). */
class UpsertLog {
  private readonly arrivals = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();

  constructor(subscriber: SseSubscriber) {
    subscriber.onEvent(({ at, data }) => {
      if (data.kind !== 'card.upsert') return;
      const card = data.card as { id: string; version: number };
      const key = `${card.id}#${card.version}`;
      this.arrivals.set(key, at);
      this.waiters.get(key)?.(at);
      this.waiters.delete(key);
    });
  }

  waitFor(cardId: string, version: number, timeoutMs: number): Promise<number | null> {
    const key = `${cardId}#${version}`;
    const known = this.arrivals.get(key);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(key, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const db = await startBenchDatabase({ port: PG_PORT, fsync: options.fsync });
  let server: AppServer | undefined;
  const prisma = createBenchDb(db.url);
  try {
    await prepareDatabaseAndBuild(db.url, APP_PORT, options.build);
    const board = await seedBenchBoard(prisma, { columns: 5, cardsPerColumn: 10 });
    await prisma.$disconnect();
    server = await startAppServer(db.url, APP_PORT);
    const secret = appEnv(db.url, APP_PORT).AUTH_SECRET as string;
    const client = new BenchClient(server.url, await sessionCookie(board.mover, secret), 1);
    const watcher = new SseSubscriber(server.url, `/api/boards/${board.boardId}/events`, await sessionCookie(board.watcher, secret));
    const upserts = new UpsertLog(watcher);
    await watcher.start();
    await sleep(200);
    const random = createRandom(SEED);
    const path = `/api/boards/${board.boardId}/commands`;
    const pick = random.pick;

    /** Sends one command; returns the time from sending to the second client hearing the card's new version. */
    async function probe(command: Record<string, unknown>): Promise<{ ms: number | null; status: number; card: { id: string; version: number } | null }> {
      const sentAt = performance.now();
      const result = await client.request('POST', path, command);
      if (result.status !== 200) return { ms: null, status: result.status, card: null };
      const card = (JSON.parse(result.body) as { card?: { id: string; version: number } }).card ?? null;
      if (!card) return { ms: null, status: result.status, card };
      const at = await upserts.waitFor(card.id, card.version, 2_000);
      return { ms: at === null ? null : at - sentAt, status: result.status, card };
    }

    // Warm-up: both kinds of change, JIT and connection pools.
    for (let i = 0; i < 30; i += 1) {
      await probe({ type: 'card.move', cardId: pick(board.cardIds), toColumnId: pick(board.columnIds), toIndex: 0 });
      await probe({ type: 'checklist.add', cardId: pick(board.cardIds), text: `Warm-up ${i}` });
    }

    const moves: number[] = [];
    const checklist: number[] = [];
    let missing = { moves: 0, checklist: 0 };
    for (let i = 0; i < options.probes; i += 1) {
      const move = await probe({ type: 'card.move', cardId: pick(board.cardIds), toColumnId: pick(board.columnIds), toIndex: random.int(10) });
      if (move.ms === null) missing = { ...missing, moves: missing.moves + 1 };
      else moves.push(move.ms);
      await sleep(10);
      // Alternately add an item and check the last one added, so both writes of a checklist are in the sample.
      const cardId = pick(board.cardIds);
      const change = await probe({ type: 'checklist.add', cardId, text: `Punkt ${i}` });
      if (change.ms === null) missing = { ...missing, checklist: missing.checklist + 1 };
      else checklist.push(change.ms);
      await sleep(10);
    }
    const moveSummary = summarize(moves);
    const checklistSummary = summarize(checklist);
    const lines = [
      'Tillit bench: checklist changes vs moves, propagation to a 2nd SSE client (same run, alternating)',
      `command: ${describeCommand('bench/checklist.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT'])} ${process.argv.slice(2).join(' ')}`.trim(),
      `PostgreSQL fsync ${options.fsync ? 'on' : 'off'}; ${options.probes} probes of each`,
      `move            ${formatSummary(moveSummary)}  missing ${missing.moves}`,
      `checklist.add   ${formatSummary(checklistSummary)}  missing ${missing.checklist}`,
      `checklist p50 / move p50: ${(checklistSummary.p50 / moveSummary.p50).toFixed(2)}`,
    ];
    console.log(lines.join('\n'));
    const files = writeResults('checklist', { options, moves: moveSummary, checklist: checklistSummary, missing }, lines.join('\n'));
    console.log(`results: ${files.join(', ')}`);
    watcher.close();
    client.close();
  } finally {
    await server?.stop();
    await db.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
