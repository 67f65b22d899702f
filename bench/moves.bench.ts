/**
 * Live collaboration bench (issue 3, recovery from issue 7): card moves through the real HTTP path of the
 * production build, and how fast a second subscribed client hears about them.
 *
 *   npx tsx bench/moves.bench.ts [--fsync=off|on|both] [--seq=500] [--clients=10] [--duration=20] [--probes=200]
 *                                [--no-recovery] [--no-build]
 *
 * Starts its own throwaway embedded PostgreSQL (BENCH_PG_PORT, 54352) and the production server (server.ts, with
 * the build in NEXT_DIST_DIR; BENCH_APP_PORT, 3303; builds first when the build is missing or stale, unless --no-build: then it measures the
 * build that is there, e.g. an older one kept for a before/after comparison), seeds a 20-column board, signs in
 * with a next-auth JWT cookie, and measures:
 *   1. sequential move latency (POST /api/boards/:id/commands, card.move, random card, column and index);
 *   2. 10 concurrent clients for 20 s (a move storm): latency percentiles and moves/s, then the storm's invariants
 *      (every card once, distinct positions, one MOVED event per successful move, the event log replays to the board);
 *   3. propagation: request sent → a second client's SSE stream (GET /api/boards/:id/events) delivers the
 *      matching card.upsert (same card id and version), idle and under the 10-client load;
 *   4. peak RSS (VmHWM) of the server process;
 *   5. recovery after a database restart: time until /api/health is 200 and a move succeeds.
 * With each latency figure it prints the CPU time per move of the server and of PostgreSQL (from /proc), which
 * stays meaningful when other work competes for the machine, and the load average before and after. Client,
 * server and database share the machine's cores. By default it runs twice: PostgreSQL with fsync off (like the
 * test runner's throwaway cluster: measures the app, not the disk) and with fsync on (durable commits).
 * BENCH_DEBUG=1 prints every health probe during the recovery measurement.
 * Only loopback traffic, bounded in count and time. Results: stdout and bench/out/moves-*.{txt,json}.
 */
import os from 'node:os';
import { startBenchDatabase, type BenchDatabase } from './lib/embedded-db';
import { appEnv, findPostmasterPid, prepareDatabaseAndBuild, readCpuMs, readPeakRss, startAppServer, type AppServer } from './lib/app-server';
import { BenchClient, sessionCookie, SseSubscriber, type HttpResult } from './lib/client';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb, seedBenchBoard, type BenchBoard } from './lib/seed';
import { formatSummary, summarize, type Summary } from './lib/stats';

type Options = { fsyncModes: boolean[]; seq: number; clients: number; durationS: number; probes: number; recovery: boolean; build: boolean };

function parseOptions(argv: string[]): Options {
  const get = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const fsync = get('fsync') ?? 'both';
  if (!['on', 'off', 'both'].includes(fsync)) throw new Error('--fsync must be on, off or both');
  return {
    fsyncModes: fsync === 'both' ? [false, true] : [fsync === 'on'],
    seq: Math.min(Number(get('seq') ?? 500), 20_000),
    clients: Math.min(Number(get('clients') ?? 10), 100),
    durationS: Math.min(Number(get('duration') ?? 20), 120),
    probes: Math.min(Number(get('probes') ?? 200), 5_000),
    recovery: !argv.includes('--no-recovery'),
    build: !argv.includes('--no-build'),
  };
}

const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const SEED = Number(process.env.BENCH_SEED ?? 20261126);
const TARGETS = { seqP50: 7, throughput: 180, propIdleP50: 8, propLoadP50: 60 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type MoveResult = { http: HttpResult; sentAt: number; cardId: string; version: number | null };

class Mover {
  constructor(
    private readonly client: BenchClient,
    private readonly board: BenchBoard,
    private readonly random: ReturnType<typeof createRandom>,
  ) {}

  async move(cardId = this.random.pick(this.board.cardIds)): Promise<MoveResult> {
    const command = { type: 'card.move', cardId, toColumnId: this.random.pick(this.board.columnIds), toIndex: this.random.int(25) };
    const sentAt = performance.now();
    const http = await this.client.request('POST', `/api/boards/${this.board.boardId}/commands`, command);
    let version: number | null = null;
    if (http.status === 200) version = (JSON.parse(http.body) as { card?: { version?: number } }).card?.version ?? null;
    return { http, sentAt, cardId, version };
  }
}

/** Every card.upsert the watcher receives, keyed by card id and version (unique per change). */
class UpsertLog {
  readonly arrivals = new Map<string, number>();
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

function statusCounts(results: { http: HttpResult }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { http } of results) counts[http.status] = (counts[http.status] ?? 0) + 1;
  return counts;
}

/** CPU time per move, of the server (Next.js process) and of PostgreSQL (all its processes). */
type CpuPerMove = { serverMs: number; databaseMs: number };

function startCpuMeter(serverPid: number, postmasterPid: number | null) {
  const server0 = readCpuMs(serverPid);
  const database0 = postmasterPid ? readCpuMs(postmasterPid) : 0;
  return (moves: number): CpuPerMove => ({
    serverMs: (readCpuMs(serverPid) - server0) / Math.max(moves, 1),
    databaseMs: postmasterPid ? (readCpuMs(postmasterPid) - database0) / Math.max(moves, 1) : Number.NaN,
  });
}

const formatCpu = (cpu: CpuPerMove) => `CPU per move: server ${cpu.serverMs.toFixed(2)} ms, PostgreSQL ${cpu.databaseMs.toFixed(2)} ms`;

type ModeResult = {
  fsync: boolean;
  loadAverage: { before: number[]; after: number[] };
  board: { columns: number; cards: number };
  sequential: { latency: Summary; statuses: Record<string, number>; wallS: number; cpu: CpuPerMove };
  concurrent: { clients: number; durationS: number; latency: Summary; statuses: Record<string, number>; movesPerS: number; propagation: Summary; missingEvents: number; cpu: CpuPerMove; storm: StormCheck };
  propagationIdle: { propagation: Summary; responseLatency: Summary; missingEvents: number };
  peakRss: { pid: number; command: string; peakMiB: number; currentMiB: number }[];
  recovery?: RecoveryResult;
};

type RecoveryResult = {
  stopMs: number;
  whileDown: { healthStatus: number; moveStatus: number; moveCode: string | null; hasStackTrace: boolean; serverAlive: boolean };
  pgStartMs: number;
  healthOkAfterPgReadyMs: number;
  moveOkAfterPgReadyMs: number;
  liveAgainAfterPgReadyMs: number | null;
  failedMovesDuringRecovery: number;
};

async function measureRecovery(db: BenchDatabase, server: AppServer, board: BenchBoard, mover: Mover, watcherCookie: string): Promise<RecoveryResult> {
  const health = new BenchClient(server.url, '', 1);
  const watcher = new SseSubscriber(server.url, `/api/boards/${board.boardId}/events`, watcherCookie, 100);
  const upserts = new UpsertLog(watcher);
  await watcher.start();
  try {
    const stopStarted = performance.now();
    await db.stop();
    const stopMs = performance.now() - stopStarted;
    await sleep(500);
    const downHealth = await health.request('GET', '/api/health');
    const downMove = await mover.move();
    const body = downMove.http.body;
    const whileDown = {
      healthStatus: downHealth.status,
      moveStatus: downMove.http.status,
      moveCode: (() => {
        try {
          return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? null;
        } catch {
          return null;
        }
      })(),
      hasStackTrace: /\n\s+at\s|node_modules|\.ts:\d+|\.js:\d+/.test(body),
      serverAlive: server.process.exitCode === null && server.process.signalCode === null,
    };
    await sleep(1_000);

    const pgStart = performance.now();
    await db.restart();
    const pgReady = performance.now();
    let healthOk = Number.NaN;
    while (performance.now() - pgReady < 30_000) {
      const response = await health.request('GET', '/api/health').catch((error: Error) => ({ status: -1, body: error.message, ms: 0, endedAt: 0 }));
      if (process.env.BENCH_DEBUG) console.log('health', (performance.now() - pgReady).toFixed(0), response.status, response.body.slice(0, 120));
      if (response.status === 200) {
        healthOk = response.endedAt;
        break;
      }
      await sleep(20);
    }
    let moveOk = Number.NaN;
    let failed = 0;
    let lastMove: MoveResult | null = null;
    while (performance.now() - pgReady < 30_000) {
      const result = await mover.move().catch(() => null);
      if (result?.http.status === 200) {
        moveOk = result.http.endedAt;
        lastMove = result;
        break;
      }
      failed += 1;
      await sleep(20);
    }
    // The watcher's stream was closed when the database went away; it reconnects on its own. Live again = it
    // receives a move made after the restart.
    let liveAgain: number | null = null;
    while (performance.now() - pgReady < 30_000 && liveAgain === null) {
      const probe = lastMove ?? (await mover.move());
      lastMove = null;
      if (probe.version !== null) liveAgain = await upserts.waitFor(probe.cardId, probe.version, 250);
    }
    return {
      stopMs,
      whileDown,
      pgStartMs: pgReady - pgStart,
      healthOkAfterPgReadyMs: healthOk - pgReady,
      moveOkAfterPgReadyMs: moveOk - pgReady,
      liveAgainAfterPgReadyMs: liveAgain === null ? null : liveAgain - pgReady,
      failedMovesDuringRecovery: failed,
    };
  } finally {
    watcher.close();
    health.close();
  }
}

async function runMode(fsync: boolean, options: Options): Promise<ModeResult> {
  console.log(`\n== PostgreSQL with fsync ${fsync ? 'ON (synchronous_commit on, durable commits)' : 'OFF (fsync, synchronous_commit and full_page_writes off: measures the app, not the disk)'} ==`);
  const db = await startBenchDatabase({ port: PG_PORT, fsync });
  let server: AppServer | undefined;
  const prisma = createBenchDb(db.url);
  try {
    await prepareDatabaseAndBuild(db.url, APP_PORT, options.build);
    const board = await seedBenchBoard(prisma, { columns: 20, cardsPerColumn: 20 });
    await prisma.$disconnect();
    server = await startAppServer(db.url, APP_PORT);
    const secret = appEnv(db.url, APP_PORT).AUTH_SECRET as string;
    const moverCookie = await sessionCookie(board.mover, secret);
    const watcherCookie = await sessionCookie(board.watcher, secret);
    const random = createRandom(SEED + (fsync ? 1 : 0));
    const client = new BenchClient(server.url, moverCookie, 1);
    const mover = new Mover(client, board, random);

    // Warm-up: JIT, route compilation caches, connection pool.
    for (let i = 0; i < 100; i += 1) await mover.move();

    const postmasterPid = findPostmasterPid(db.dataDir);
    const loadBefore = os.loadavg();

    // 1. Sequential.
    const seqCpu = startCpuMeter(server.process.pid!, postmasterPid);
    const seqStarted = performance.now();
    const sequential: MoveResult[] = [];
    for (let i = 0; i < options.seq; i += 1) sequential.push(await mover.move());
    const seqWall = (performance.now() - seqStarted) / 1000;
    const seqCpuPerMove = seqCpu(sequential.length);
    const seqSummary = summarize(sequential.filter((r) => r.http.status === 200).map((r) => r.http.ms));
    console.log(`sequential moves        ${formatSummary(seqSummary)}  statuses ${JSON.stringify(statusCounts(sequential))}; ${formatCpu(seqCpuPerMove)}`);

    // 3a. Propagation, idle: one move at a time, a second client (another member) subscribed to the board.
    const watcher = new SseSubscriber(server.url, `/api/boards/${board.boardId}/events`, watcherCookie);
    const upserts = new UpsertLog(watcher);
    await watcher.start();
    await sleep(200);
    const idle: number[] = [];
    const idleResponse: number[] = [];
    let idleMissing = 0;
    for (let i = 0; i < options.probes; i += 1) {
      const result = await mover.move();
      if (result.version === null) continue;
      idleResponse.push(result.http.ms);
      const at = await upserts.waitFor(result.cardId, result.version, 2_000);
      if (at === null) idleMissing += 1;
      else idle.push(at - result.sentAt);
      await sleep(10);
    }
    const idleSummary = summarize(idle);
    console.log(`propagation, idle       ${formatSummary(idleSummary)}  missing ${idleMissing}`);

    // 2 + 3b. Concurrent clients, each its own connection, for a fixed time; every move's event is matched.
    const clients = Array.from({ length: options.clients }, () => new BenchClient(server!.url, moverCookie, 1));
    const movers = clients.map((c, index) => new Mover(c, board, createRandom(SEED * 31 + index)));
    const concurrent: MoveResult[] = [];
    const checker = createBenchDb(db.url);
    const movedEventsBefore = await checker.cardEvent.count({ where: { boardId: board.boardId, type: 'MOVED' } });
    const loadCpu = startCpuMeter(server.process.pid!, postmasterPid);
    const loadStarted = performance.now();
    const loadEnds = loadStarted + options.durationS * 1000;
    await Promise.all(
      movers.map(async (m) => {
        while (performance.now() < loadEnds) {
          concurrent.push(await m.move().catch((error: Error) => ({ http: { status: 0, body: error.message, ms: Number.NaN, endedAt: performance.now() }, sentAt: 0, cardId: '', version: null })));
        }
      }),
    );
    const loadWall = (performance.now() - loadStarted) / 1000;
    const loadCpuPerMove = loadCpu(concurrent.length);
    await sleep(1_000);
    const ok = concurrent.filter((r) => r.http.status === 200);
    const loadPropagation: number[] = [];
    let loadMissing = 0;
    for (const r of ok) {
      const at = upserts.arrivals.get(`${r.cardId}#${r.version}`);
      if (at === undefined) loadMissing += 1;
      else loadPropagation.push(at - r.sentAt);
    }
    const loadSummary = summarize(ok.map((r) => r.http.ms));
    const loadPropSummary = summarize(loadPropagation);
    const movesPerS = ok.length / loadWall;
    console.log(`${options.clients} clients, ${options.durationS} s   ${formatSummary(loadSummary)}  statuses ${JSON.stringify(statusCounts(concurrent))}`);
    console.log(`throughput              ${movesPerS.toFixed(1)} moves/s; ${formatCpu(loadCpuPerMove)}`);
    console.log(`propagation, under load ${formatSummary(loadPropSummary)}  missing ${loadMissing}`);
    const storm = await checkStormConsistency(checker, board, ok.length, movedEventsBefore);
    await checker.$disconnect();
    console.log(`storm check             ${describeStorm(storm)}`);
    watcher.close();
    for (const c of clients) c.close();

    // 4. Peak memory of the server process (and any children).
    const peakRss = readPeakRss(server.process.pid!);
    for (const p of peakRss) console.log(`peak RSS (VmHWM)        ${p.peakMiB.toFixed(1)} MiB  (now ${p.currentMiB.toFixed(1)} MiB)  pid ${p.pid}: ${p.command}`);

    // 5. Database restart.
    let recovery: RecoveryResult | undefined;
    if (options.recovery) {
      recovery = await measureRecovery(db, server, board, mover, watcherCookie);
      console.log(
        `database restart        while down: health ${recovery.whileDown.healthStatus}, move ${recovery.whileDown.moveStatus} ${recovery.whileDown.moveCode ?? ''}` +
          `${recovery.whileDown.hasStackTrace ? ' WITH STACK TRACE' : ''}, server ${recovery.whileDown.serverAlive ? 'alive' : 'DEAD'}`,
      );
      console.log(
        `                        PostgreSQL start ${recovery.pgStartMs.toFixed(0)} ms; after it was ready: health 200 in ${recovery.healthOkAfterPgReadyMs.toFixed(0)} ms, ` +
          `first successful move in ${recovery.moveOkAfterPgReadyMs.toFixed(0)} ms (${recovery.failedMovesDuringRecovery} failed before), ` +
          `live stream delivering again in ${recovery.liveAgainAfterPgReadyMs === null ? 'n/a' : `${recovery.liveAgainAfterPgReadyMs.toFixed(0)} ms`}`,
      );
    }
    client.close();
    return {
      fsync,
      loadAverage: { before: loadBefore, after: os.loadavg() },
      board: { columns: board.columnIds.length, cards: board.cardIds.length },
      sequential: { latency: seqSummary, statuses: statusCounts(sequential), wallS: seqWall, cpu: seqCpuPerMove },
      concurrent: { clients: options.clients, durationS: loadWall, latency: loadSummary, statuses: statusCounts(concurrent), movesPerS, propagation: loadPropSummary, missingEvents: loadMissing, cpu: loadCpuPerMove, storm },
      propagationIdle: { propagation: idleSummary, responseLatency: summarize(idleResponse), missingEvents: idleMissing },
      peakRss,
      recovery,
    };
  } finally {
    await prisma.$disconnect().catch(() => {});
    await server?.stop();
    await db.dispose();
  }
}

type StormCheck = {
  cards: number;
  missingCards: number;
  duplicatedCards: number;
  columnsWithTiedPositions: number;
  successfulMoves: number;
  movedEvents: number;
  cardsNotWhereTheirLastEventPutThem: number;
  replayMismatches: number;
};

/**
 * Issue 7's storm invariants after the concurrent phase: every card exactly once, positions distinct within each
 * column, as many MOVED events as successful move responses, each card in the column its last event put it in,
 * and replaying the whole event log (CREATED, then every MOVED in order) giving the board as it is.
 */
async function checkStormConsistency(db: ReturnType<typeof createBenchDb>, board: BenchBoard, successfulMoves: number, movedEventsBefore: number): Promise<StormCheck> {
  const cards = await db.card.findMany({ where: { boardId: board.boardId, archivedAt: null }, select: { id: true, columnId: true, position: true } });
  const events = await db.cardEvent.findMany({ where: { boardId: board.boardId }, orderBy: { id: 'asc' }, select: { cardId: true, type: true, toColumnId: true } });
  const ids = cards.map((card) => card.id);
  const positionsByColumn = new Map<string, number[]>();
  for (const card of cards) positionsByColumn.set(card.columnId, [...(positionsByColumn.get(card.columnId) ?? []), card.position]);
  const replayed = new Map<string, string>();
  for (const event of events) if ((event.type === 'CREATED' || event.type === 'MOVED') && event.toColumnId) replayed.set(event.cardId, event.toColumnId);
  const lastMoved = new Map<string, string>();
  for (const event of events) if (event.type === 'MOVED' && event.toColumnId) lastMoved.set(event.cardId, event.toColumnId);
  return {
    cards: cards.length,
    missingCards: board.cardIds.filter((id) => !ids.includes(id)).length,
    duplicatedCards: ids.length - new Set(ids).size,
    columnsWithTiedPositions: [...positionsByColumn.values()].filter((positions) => new Set(positions).size !== positions.length).length,
    successfulMoves,
    movedEvents: events.filter((event) => event.type === 'MOVED').length - movedEventsBefore,
    cardsNotWhereTheirLastEventPutThem: cards.filter((card) => lastMoved.has(card.id) && lastMoved.get(card.id) !== card.columnId).length,
    replayMismatches: cards.filter((card) => replayed.get(card.id) !== card.columnId).length + (replayed.size - cards.length),
  };
}

function describeStorm(check: StormCheck): string {
  const isConsistent =
    check.missingCards === 0 &&
    check.duplicatedCards === 0 &&
    check.columnsWithTiedPositions === 0 &&
    check.successfulMoves === check.movedEvents &&
    check.cardsNotWhereTheirLastEventPutThem === 0 &&
    check.replayMismatches === 0;
  return (
    `${isConsistent ? 'CONSISTENT' : 'INCONSISTENT'}: ${check.cards} cards, ${check.missingCards} lost, ${check.duplicatedCards} duplicated, ` +
    `${check.columnsWithTiedPositions} columns with tied positions, ${check.successfulMoves} successful moves = ${check.movedEvents} MOVED events, ` +
    `${check.cardsNotWhereTheirLastEventPutThem} cards elsewhere than their last move, replaying the log: ${check.replayMismatches} differences`
  );
}

function verdict(label: string, value: number, target: number, direction: 'max' | 'min', unit: string): string {
  const pass = direction === 'max' ? value <= target : value >= target;
  return `${pass ? 'PASS' : 'MISS'}  ${label}: ${value.toFixed(1)} ${unit} (target ${direction === 'max' ? '≤' : '≥'} ${target} ${unit})`;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const command = describeCommand('bench/moves.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT', 'BENCH_SEED', 'NEXT_DIST_DIR', 'LOG_LEVEL']);
  const header = [
    'Tillit bench: card moves and live propagation',
    `command: ${command}`,
    `date: ${new Date().toISOString()}  node ${process.version}  cpus ${os.cpus().length}  load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `server: server.ts (production build in ${process.env.NEXT_DIST_DIR ?? '.next'}) on 127.0.0.1:${APP_PORT}; PostgreSQL 18 (embedded) on 127.0.0.1:${PG_PORT}; client, server and database share this machine`,
    `seed: ${SEED}; board: 20 columns × 20 cards, no WIP limits; moves: random card → random column, random index`,
  ].join('\n');
  console.log(header);
  const results: ModeResult[] = [];
  for (const fsync of options.fsyncModes) results.push(await runMode(fsync, options));

  const lines = [header, ''];
  for (const r of results) {
    lines.push(`-- fsync ${r.fsync ? 'ON (durable commits)' : 'OFF (throwaway database: fsync, synchronous_commit, full_page_writes off)'} --`);
    lines.push(`machine load average (1/5/15 min) before ${r.loadAverage.before.map((l) => l.toFixed(2)).join(' ')}, after ${r.loadAverage.after.map((l) => l.toFixed(2)).join(' ')} (2 cores: above 2 means other work competed)`);
    lines.push(`sequential move latency (${r.sequential.latency.n} moves)      ${formatSummary(r.sequential.latency)}`);
    lines.push(`  ${formatCpu(r.sequential.cpu)}`);
    lines.push(`${r.concurrent.clients} clients × ${r.concurrent.durationS.toFixed(1)} s, move latency        ${formatSummary(r.concurrent.latency)}`);
    lines.push(`${r.concurrent.clients} clients, throughput                    ${r.concurrent.movesPerS.toFixed(1)} moves/s  statuses ${JSON.stringify(r.concurrent.statuses)}`);
    lines.push(`  ${formatCpu(r.concurrent.cpu)}`);
    lines.push(`  after the storm: ${describeStorm(r.concurrent.storm)}`);
    lines.push(`propagation to a 2nd SSE client, idle      ${formatSummary(r.propagationIdle.propagation)}  missing ${r.propagationIdle.missingEvents}`);
    lines.push(`propagation to a 2nd SSE client, load      ${formatSummary(r.concurrent.propagation)}  missing ${r.concurrent.missingEvents}`);
    for (const p of r.peakRss) lines.push(`peak RSS (VmHWM) of the server            ${p.peakMiB.toFixed(1)} MiB (pid ${p.pid}: ${p.command})`);
    if (r.recovery) {
      const rec = r.recovery;
      lines.push(
        `database restart: while down health ${rec.whileDown.healthStatus}, move ${rec.whileDown.moveStatus} ${rec.whileDown.moveCode ?? ''}, stack trace in body: ${rec.whileDown.hasStackTrace ? 'YES' : 'no'}, server alive: ${rec.whileDown.serverAlive ? 'yes' : 'NO'}`,
      );
      lines.push(
        `  after PostgreSQL was ready again (its start took ${rec.pgStartMs.toFixed(0)} ms): /api/health 200 in ${rec.healthOkAfterPgReadyMs.toFixed(0)} ms, first successful move in ${rec.moveOkAfterPgReadyMs.toFixed(0)} ms, SSE delivering again in ${rec.liveAgainAfterPgReadyMs?.toFixed(0) ?? 'n/a'} ms`,
      );
    }
    lines.push('targets (2-core machine):');
    lines.push(`  ${verdict('sequential move p50', r.sequential.latency.p50, TARGETS.seqP50, 'max', 'ms')}`);
    lines.push(`  ${verdict(`throughput with ${r.concurrent.clients} clients`, r.concurrent.movesPerS, TARGETS.throughput, 'min', 'moves/s')}`);
    lines.push(`  ${verdict('propagation p50 idle', r.propagationIdle.propagation.p50, TARGETS.propIdleP50, 'max', 'ms')}`);
    lines.push(`  ${verdict('propagation p50 under load', r.concurrent.propagation.p50, TARGETS.propLoadP50, 'max', 'ms')}`);
    lines.push('');
  }
  const text = `${lines.join('\n')}\n`;
  const files = writeResults('moves', { command, seed: SEED, targets: TARGETS, results }, text);
  console.log(`\n${text}written: ${files.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
