/**
 * Issue 17 item 5: does notifying inside the move's transaction cost throughput? PostgreSQL takes one lock for
 * the whole server from a notifying commit's pre-commit until its WAL flush (async.c, PreCommit_Notify), so all
 * notifying commits queue behind each other's disk flush. Measured in one run, alternating, on the same database:
 *   in-transaction  TILLIT_LIVE_NOTIFY=in-transaction: the write statement calls pg_notify (the design before #17);
 *   after-commit    the default: the log row is written in the transaction and the instance's relay notifies after
 *                   COMMIT on its own connection with synchronous_commit off (lib/events/bus-postgres.ts).
 *
 *   npx tsx bench/notify.bench.ts [--clients=20] [--duration=15] [--rounds=2] [--fsync=on|off] [--no-build]
 *
 * 20 clients, each moving cards on its own board (20 boards, 5 columns × 8 cards), through the production server's
 * HTTP path; a second member watches every board's SSE stream. Per phase: moves/s, latency, CPU per move, and the
 * storm invariants: the log of every board is gap-free and holds one event per successful move, and every watcher
 * received every move's event exactly once, in sequence order. Starts its own embedded PostgreSQL
 * (BENCH_PG_PORT, 54352; fsync on by default) and server (BENCH_APP_PORT, 3303). Results: stdout and bench/out/notify-*.
 */
import os from 'node:os';
import { startBenchDatabase } from './lib/embedded-db';
import { appEnv, findPostmasterPid, prepareDatabaseAndBuild, readCpuMs, startAppServer } from './lib/app-server';
import { BenchClient, sessionCookie, SseSubscriber } from './lib/client';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb, seedBenchBoard, type BenchBoard } from './lib/seed';
import { formatSummary, summarize, type Summary } from './lib/stats';

type Mode = 'in-transaction' | 'after-commit';
const MODES: Mode[] = ['in-transaction', 'after-commit'];
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const SEED = Number(process.env.BENCH_SEED ?? 20261202);

function parseOptions(argv: string[]) {
  const get = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return {
    clients: Math.min(Number(get('clients') ?? 20), 100),
    durationS: Math.min(Number(get('duration') ?? 15), 120),
    rounds: Math.min(Number(get('rounds') ?? 2), 10),
    fsync: (get('fsync') ?? 'on') !== 'off',
    build: !argv.includes('--no-build'),
  };
}

type Phase = {
  mode: Mode;
  round: number;
  movesPerS: number;
  latency: Summary;
  statuses: Record<string, number>;
  cpuPerMove: { serverMs: number; databaseMs: number };
  invariants: { boards: number; logGaps: number; logEventsWithoutMove: number; missedByWatchers: number; duplicatedAtWatchers: number; outOfOrderAtWatchers: number };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runPhase(mode: Mode, round: number, databaseUrl: string, boards: BenchBoard[], options: ReturnType<typeof parseOptions>, postmasterPid: number | null): Promise<Phase> {
  const server = await startAppServer(databaseUrl, APP_PORT, { extraEnv: { TILLIT_LIVE_NOTIFY: mode } });
  const secret = appEnv(databaseUrl, APP_PORT).AUTH_SECRET as string;
  const db = createBenchDb(databaseUrl);
  try {
    const clients = await Promise.all(boards.map(async (board) => new BenchClient(server.url, await sessionCookie(board.mover, secret), 1)));
    const heads = new Map((await db.board.findMany({ where: { id: { in: boards.map((b) => b.boardId) } }, select: { id: true, eventSeq: true } })).map((b) => [b.id, b.eventSeq]));
    // One watcher per board, from the current head on: it records the sequence numbers of the events it receives.
    const received = new Map<string, number[]>();
    const upserts = new Map<string, Set<string>>();
    const watchers = await Promise.all(
      boards.map(async (board) => {
        const watcher = new SseSubscriber(server.url, `/api/boards/${board.boardId}/events?lastEventId=${heads.get(board.boardId) ?? 0}`, await sessionCookie(board.watcher, secret));
        received.set(board.boardId, []);
        upserts.set(board.boardId, new Set());
        watcher.onEvent(({ data, id }) => {
          if (data.kind !== 'card.upsert' || id === undefined) return;
          received.get(board.boardId)?.push(Number(id));
          const card = data.card as { id: string; version: number };
          upserts.get(board.boardId)?.add(`${card.id}#${card.version}`);
        });
        await watcher.start();
        return watcher;
      }),
    );
    const move = async (client: BenchClient, board: BenchBoard, random: ReturnType<typeof createRandom>) => {
      const cardId = random.pick(board.cardIds);
      const result = await client.request('POST', `/api/boards/${board.boardId}/commands`, { type: 'card.move', cardId, toColumnId: random.pick(board.columnIds), toIndex: random.int(10) });
      const version = result.status === 200 ? (JSON.parse(result.body) as { card: { version: number } }).card.version : null;
      return { status: result.status, ms: result.ms, key: version === null ? null : `${cardId}#${version}` };
    };
    // Warm-up: JIT, prepared statements on every pooled connection.
    await Promise.all(clients.map(async (client, index) => {
      const random = createRandom(SEED + index);
      for (let i = 0; i < 15; i += 1) await move(client, boards[index] as BenchBoard, random);
    }));
    await sleep(500);
    const logBefore = new Map((await db.board.findMany({ where: { id: { in: boards.map((b) => b.boardId) } }, select: { id: true, eventSeq: true } })).map((b) => [b.id, b.eventSeq]));
    const cpuServer0 = readCpuMs(server.process.pid!);
    const cpuDb0 = postmasterPid ? readCpuMs(postmasterPid) : 0;
    const started = performance.now();
    const ends = started + options.durationS * 1000;
    const results: { status: number; ms: number; key: string | null; boardId: string }[] = [];
    await Promise.all(
      clients.map(async (client, index) => {
        const board = boards[index] as BenchBoard;
        const random = createRandom(SEED * 7 + round * 100 + index);
        while (performance.now() < ends) results.push({ ...(await move(client, board, random).catch(() => ({ status: 0, ms: Number.NaN, key: null }))), boardId: board.boardId });
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const ok = results.filter((r) => r.status === 200);
    const cpuPerMove = { serverMs: (readCpuMs(server.process.pid!) - cpuServer0) / Math.max(ok.length, 1), databaseMs: postmasterPid ? (readCpuMs(postmasterPid) - cpuDb0) / Math.max(ok.length, 1) : Number.NaN };
    await sleep(1_500);

    // Invariants: the log per board, and what each watcher received.
    let logGaps = 0;
    let logEventsWithoutMove = 0;
    let missedByWatchers = 0;
    let duplicatedAtWatchers = 0;
    let outOfOrderAtWatchers = 0;
    for (const board of boards) {
      const events = await db.outboxEvent.findMany({ where: { boardId: board.boardId, seq: { gt: logBefore.get(board.boardId) ?? 0 } }, orderBy: { seq: 'asc' }, select: { seq: true } });
      const first = (logBefore.get(board.boardId) ?? 0) + 1;
      events.forEach((event, index) => {
        if (event.seq !== first + index) logGaps += 1;
      });
      const movesOnBoard = ok.filter((r) => r.boardId === board.boardId);
      logEventsWithoutMove += Math.abs(events.length - movesOnBoard.length);
      const seen = upserts.get(board.boardId) as Set<string>;
      missedByWatchers += movesOnBoard.filter((r) => r.key && !seen.has(r.key)).length;
      const seqs = received.get(board.boardId) as number[];
      duplicatedAtWatchers += seqs.length - new Set(seqs).size;
      outOfOrderAtWatchers += seqs.filter((seq, index) => index > 0 && seq <= (seqs[index - 1] as number)).length;
    }
    for (const watcher of watchers) watcher.close();
    for (const client of clients) client.close();
    const statuses: Record<string, number> = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    return {
      mode,
      round,
      movesPerS: ok.length / wall,
      latency: summarize(ok.map((r) => r.ms)),
      statuses,
      cpuPerMove,
      invariants: { boards: boards.length, logGaps, logEventsWithoutMove, missedByWatchers, duplicatedAtWatchers, outOfOrderAtWatchers },
    };
  } finally {
    await db.$disconnect();
    await server.stop();
  }
}

function describeInvariants(i: Phase['invariants']): string {
  const isConsistent = i.logGaps === 0 && i.logEventsWithoutMove === 0 && i.missedByWatchers === 0 && i.duplicatedAtWatchers === 0 && i.outOfOrderAtWatchers === 0;
  return `${isConsistent ? 'CONSISTENT' : 'INCONSISTENT'}: ${i.boards} boards, log gaps ${i.logGaps}, log events ≠ moves ${i.logEventsWithoutMove}, missed by watchers ${i.missedByWatchers}, duplicated ${i.duplicatedAtWatchers}, out of order ${i.outOfOrderAtWatchers}`;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const command = describeCommand('bench/notify.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT', 'BENCH_SEED']);
  const header = [
    'Tillit bench: pg_notify inside the move transaction vs after commit (issue 17 item 5)',
    `command: ${command}`,
    `date: ${new Date().toISOString()}  node ${process.version}  cpus ${os.cpus().length}  load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `PostgreSQL 18 (embedded), fsync ${options.fsync ? 'ON (durable commits)' : 'OFF'}; ${options.clients} clients, each on its own board (5 columns × 8 cards), ${options.durationS} s per phase, ${options.rounds} rounds alternating`,
  ].join('\n');
  console.log(header);
  const database = await startBenchDatabase({ port: PG_PORT, fsync: options.fsync });
  const phases: Phase[] = [];
  try {
    await prepareDatabaseAndBuild(database.url, APP_PORT, options.build);
    const prisma = createBenchDb(database.url);
    const boards: BenchBoard[] = [];
    for (let i = 0; i < options.clients; i += 1) boards.push(await seedBenchBoard(prisma, { columns: 5, cardsPerColumn: 8 }));
    await prisma.$disconnect();
    const postmasterPid = findPostmasterPid(database.dataDir);
    for (let round = 1; round <= options.rounds; round += 1) {
      // ABBA: each mode goes first in alternate rounds, so drift in the machine's load does not favour one.
      const order = round % 2 === 1 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const phase = await runPhase(mode, round, database.url, boards, options, postmasterPid);
        phases.push(phase);
        console.log(
          `round ${round} ${mode.padEnd(14)} ${phase.movesPerS.toFixed(1)} moves/s  ${formatSummary(phase.latency)}  statuses ${JSON.stringify(phase.statuses)}  CPU/move server ${phase.cpuPerMove.serverMs.toFixed(2)} ms, PostgreSQL ${phase.cpuPerMove.databaseMs.toFixed(2)} ms`,
        );
        console.log(`                         ${describeInvariants(phase.invariants)}`);
      }
    }
  } finally {
    await database.dispose();
  }
  const lines = [header, ''];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;
  const byMode = new Map(MODES.map((mode) => [mode, phases.filter((p) => p.mode === mode)]));
  for (const [mode, list] of byMode) {
    lines.push(`${mode.padEnd(14)} moves/s per round: ${list.map((p) => p.movesPerS.toFixed(1)).join(', ')}  (median ${median(list.map((p) => p.movesPerS)).toFixed(1)}); p50 latency ${list.map((p) => p.latency.p50.toFixed(1)).join(', ')} ms; p99 ${list.map((p) => p.latency.p99.toFixed(1)).join(', ')} ms`);
    for (const p of list) lines.push(`  round ${p.round}: ${describeInvariants(p.invariants)}`);
  }
  const inside = median((byMode.get('in-transaction') ?? []).map((p) => p.movesPerS));
  const after = median((byMode.get('after-commit') ?? []).map((p) => p.movesPerS));
  lines.push(`after-commit / in-transaction throughput: ${(after / inside).toFixed(2)}× (${after >= inside ? 'after-commit is faster' : 'in-transaction is faster'} by ${Math.abs(after - inside).toFixed(1)} moves/s)`);
  const text = `${lines.join('\n')}\n`;
  const files = writeResults('notify', { command, options, phases }, text);
  console.log(`\n${text}written: ${files.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
