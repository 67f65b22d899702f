/**
 * Comments bench (issue #11 §3 "comments reach a second browser as fast as moves do"): a comment posted through the
 * real HTTP path of the production build (POST /api/boards/:id/cards/:cardId/comments) → a second client's SSE
 * stream delivers its card.upsert ('commented', same card and version); measured in the same run, interleaved one
 * by one with card moves (POST /api/boards/:id/commands) → their card.upsert, so both meet the same machine load.
 *
 *   npx tsx bench/comments.bench.ts [--probes=200] [--no-build]
 *
 * Starts its own throwaway embedded PostgreSQL (fsync off: measures the app; BENCH_PG_PORT, 54352) and the
 * production server (BENCH_APP_PORT, 3303), seeds a 20-column board, and prints p50 / p95 of both propagation
 * times and of both request latencies. Only loopback traffic, bounded in count. Results: stdout and
 * bench/out/comments-*.{txt,json}.
 */
import os from 'node:os';
import { startBenchDatabase } from './lib/embedded-db';
import { appEnv, prepareDatabaseAndBuild, startAppServer, type AppServer } from './lib/app-server';
import { BenchClient, sessionCookie, SseSubscriber } from './lib/client';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb, seedBenchBoard } from './lib/seed';
import { formatSummary, summarize } from './lib/stats';

const get = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const OPTIONS = { probes: Math.min(Number(get('probes') ?? 200), 5_000), build: !process.argv.includes('--no-build') };
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const SEED = Number(process.env.BENCH_SEED ?? 20261203);

/** Arrival times of card.upsert events on the watcher's stream, by card id and version. */
class Arrivals {
  private readonly seen = new Map<string, { at: number; action: string }>();
  private readonly waiting = new Map<string, (at: number) => void>();

  constructor(subscriber: SseSubscriber) {
    subscriber.onEvent(({ at, data }) => {
      if (data.kind !== 'card.upsert') return;
      const card = data.card as { id: string; version: number };
      const key = `${card.id}#${card.version}`;
      this.seen.set(key, { at, action: String(data.action) });
      this.waiting.get(key)?.(at);
    });
  }

  waitFor(cardId: string, version: number, timeoutMs: number): Promise<{ at: number; action: string } | null> {
    const key = `${cardId}#${version}`;
    const known = this.seen.get(key);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(key, () => {
        clearTimeout(timer);
        this.waiting.delete(key);
        resolve(this.seen.get(key) ?? null);
      });
    });
  }
}

async function main() {
  const command = describeCommand('bench/comments.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT', 'BENCH_SEED']);
  const db = await startBenchDatabase({ port: PG_PORT, fsync: false });
  let server: AppServer | undefined;
  const prisma = createBenchDb(db.url);
  try {
    await prepareDatabaseAndBuild(db.url, APP_PORT, OPTIONS.build);
    const board = await seedBenchBoard(prisma, { columns: 20, cardsPerColumn: 10 });
    server = await startAppServer(db.url, APP_PORT);
    const secret = appEnv(db.url, APP_PORT).AUTH_SECRET as string;
    const client = new BenchClient(server.url, await sessionCookie(board.mover, secret), 1);
    const watcher = new SseSubscriber(server.url, `/api/boards/${board.boardId}/events`, await sessionCookie(board.watcher, secret));
    const arrivals = new Arrivals(watcher);
    await watcher.start();
    const random = createRandom(SEED);
    const pickCard = () => board.cardIds[Math.floor(random.next() * board.cardIds.length)]!;

    const move = async () => {
      const cardId = pickCard();
      const sentAt = performance.now();
      const result = await client.request('POST', `/api/boards/${board.boardId}/commands`, {
        type: 'card.move',
        cardId,
        toColumnId: board.columnIds[Math.floor(random.next() * board.columnIds.length)],
        toIndex: Math.floor(random.next() * 5),
      });
      const card = result.status === 200 ? (JSON.parse(result.body) as { card: { id: string; version: number } }).card : null;
      return { sentAt, result, card };
    };
    const comment = async (index: number) => {
      const cardId = pickCard();
      const sentAt = performance.now();
      const result = await client.request('POST', `/api/boards/${board.boardId}/cards/${cardId}/comments`, {
        body: `Kommentar ${index}: jag har ringt @${board.watcher.name} om **underlaget**.`,
      });
      const card = result.status === 201 ? (JSON.parse(result.body) as { card: { id: string; version: number } }).card : null;
      return { sentAt, result, card };
    };

    // Warm-up: JIT, route compilation caches, connection pool.
    for (let i = 0; i < 50; i += 1) {
      await move();
      await comment(i);
    }
    const loadBefore = os.loadavg();
    const samples = { move: [] as number[], comment: [] as number[], moveRequest: [] as number[], commentRequest: [] as number[] };
    const missing = { move: 0, comment: 0 };
    const statuses: Record<string, number> = {};
    for (let i = 0; i < OPTIONS.probes; i += 1) {
      // Alternate which goes first, so neither always meets a just-warmed connection.
      const order: ('move' | 'comment')[] = i % 2 === 0 ? ['move', 'comment'] : ['comment', 'move'];
      for (const kind of order) {
        const probe = kind === 'move' ? await move() : await comment(i);
        statuses[`${kind} ${probe.result.status}`] = (statuses[`${kind} ${probe.result.status}`] ?? 0) + 1;
        if (!probe.card) continue;
        samples[kind === 'move' ? 'moveRequest' : 'commentRequest'].push(probe.result.ms);
        const arrived = await arrivals.waitFor(probe.card.id, probe.card.version, 2_000);
        if (!arrived || arrived.action !== (kind === 'move' ? 'moved' : 'commented')) missing[kind] += 1;
        else samples[kind].push(arrived.at - probe.sentAt);
      }
    }
    const loadAfter = os.loadavg();
    const summaries = {
      commentPropagation: summarize(samples.comment),
      movePropagation: summarize(samples.move),
      commentRequest: summarize(samples.commentRequest),
      moveRequest: summarize(samples.moveRequest),
    };
    const lines = [
      'Tillit bench: comments and moves to a second client, same run, interleaved',
      `command: ${command}`,
      `date: ${new Date().toISOString()}  node ${process.version}  cpus ${os.cpus().length}  load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
      `probes: ${OPTIONS.probes} of each; statuses ${JSON.stringify(statuses)}`,
      `comment → 2nd SSE client   ${formatSummary(summaries.commentPropagation)}  missing ${missing.comment}`,
      `move    → 2nd SSE client   ${formatSummary(summaries.movePropagation)}  missing ${missing.move}`,
      `comment request            ${formatSummary(summaries.commentRequest)}`,
      `move request               ${formatSummary(summaries.moveRequest)}`,
      `comment / move propagation p50: ${(summaries.commentPropagation.p50 / summaries.movePropagation.p50).toFixed(2)}×`,
    ];
    console.log(`\n${lines.join('\n')}`);
    writeResults('comments', { command, options: OPTIONS, statuses, missing, ...summaries }, lines.join('\n'));
    watcher.close();
    client.close();
  } finally {
    await server?.stop().catch(() => {});
    await prisma.$disconnect().catch(() => {});
    await db.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
