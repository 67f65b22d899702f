/**
 * Issue 17 items 1, 2 and 4: live streams at municipal and regional scale, on one instance of the production server.
 *
 *   npx tsx bench/streams.bench.ts [--streams=10000] [--boards=1] [--probes=20] [--idle=30] [--storm-movers=2]
 *                                   [--fsync=off|on] [--no-storm] [--no-build]
 *                                   [--heap-report] [--node-args=--flag,--flag]
 *
 * Starts its own embedded PostgreSQL (BENCH_PG_PORT, 54352) and server.ts (BENCH_APP_PORT, 3303), seeds one team with
 * `streams` members and `boards` boards, and holds one stream per member (spread over the boards) from this process
 * over raw TCP (bench/lib/sse-swarm.ts). Measures:
 *   1. opening all streams at once: failures, non-200 answers, time until all are open; server memory (RSS) growth
 *      per 1,000 streams, after the opening settled;
 *   2. delivery: `probes` moves one at a time; for each, the time from sending the move until each stream had it:
 *      p50 / p99 / max over every (probe, stream), and whether every stream got every probe;
 *   4. idle database load with every stream open: transactions per second over `idle` seconds (pg_stat_database),
 *      against what one access query per stream every 30 s (the design before #17) would cost;
 *   2. reconnect storm: every stream cut at once, reconnecting with the board client's own backoff and jitter,
 *      while `storm-movers` people keep moving cards: time until all are open again, 5xx answers, failed moves, and
 *      afterwards a probe that must reach every stream (nothing missed).
 * Client, server and database share the machine's cores. Results: stdout and bench/out/streams-*.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appEnv, findPostmasterPid, prepareDatabaseAndBuild, readPeakRss, startAppServer } from './lib/app-server';
import { BenchClient, sessionCookie } from './lib/client';
import { startBenchDatabase } from './lib/embedded-db';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb } from './lib/seed';
import { SseSwarm } from './lib/sse-swarm';
import { formatSummary, summarize, type Summary } from './lib/stats';

const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const TARGETS = { p99Ms: 100, mibPer1000: 15, stormS: 30 };

function parseOptions(argv: string[]) {
  const get = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return {
    streams: Math.min(Number(get('streams') ?? 10_000), 19_000),
    boards: Math.max(1, Number(get('boards') ?? 1)),
    probes: Math.min(Number(get('probes') ?? 20), 500),
    idleS: Math.min(Number(get('idle') ?? 30), 600),
    stormMovers: Math.min(Number(get('storm-movers') ?? 2), 50),
    fsync: get('fsync') === 'on',
    storm: !argv.includes('--no-storm'),
    build: !argv.includes('--no-build'),
    /** Also write Node's diagnostic report (its JS heap) at the baseline and with every stream open. */
    heapReport: argv.includes('--heap-report'),
    /** Extra Node flags for the server, comma-separated (e.g. --node-args=--max-semi-space-size=4). */
    nodeArgs: (get('node-args') ?? '').split(',').filter(Boolean),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMiB = (pid: number) => readPeakRss(pid).reduce((sum, p) => sum + p.currentMiB, 0);
const peakMiB = (pid: number) => readPeakRss(pid).reduce((sum, p) => sum + p.peakMiB, 0);

type Seeded = { boardIds: string[]; columnIds: Map<string, string[]>; cardIds: Map<string, string[]>; userIds: string[]; mover: { id: string; name: string; email: string } };

async function seed(databaseUrl: string, streams: number, boardCount: number): Promise<Seeded> {
  const db = createBenchDb(databaseUrl);
  try {
    const suffix = randomUUID().slice(0, 8);
    const team = await db.team.create({ data: { name: `Region ${suffix}` } });
    const mover = await db.user.create({ data: { email: `mover.${suffix}@bench.example`, name: 'Bench Mover' }, select: { id: true, name: true, email: true } });
    const userIds = Array.from({ length: streams }, (_, i) => `bench-u-${suffix}-${i}`);
    for (let start = 0; start < userIds.length; start += 2_000) {
      const slice = userIds.slice(start, start + 2_000);
      await db.user.createMany({ data: slice.map((id, i) => ({ id, email: `${id}@bench.example`, name: `Person ${start + i}` })) });
      await db.membership.createMany({ data: slice.map((userId) => ({ teamId: team.id, userId, role: 'MEMBER' as const })) });
    }
    await db.membership.create({ data: { teamId: team.id, userId: mover.id, role: 'MEMBER' } });
    const boardIds: string[] = [];
    const columnIds = new Map<string, string[]>();
    const cardIds = new Map<string, string[]>();
    for (let b = 0; b < boardCount; b += 1) {
      const board = await db.board.create({ data: { teamId: team.id, name: `Board ${b}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
      const laneId = board.lanes[0]!.id;
      const columns: string[] = [];
      for (let c = 0; c < 5; c += 1) {
        columns.push((await db.column.create({ data: { boardId: board.id, name: `Column ${c}`, position: (c + 1) * 1024, flowState: c === 0 ? 'NOT_STARTED' : c === 4 ? 'DONE' : 'IN_PROGRESS' }, select: { id: true } })).id);
      }
      const cards = Array.from({ length: 10 }, (_, i) => ({ id: `bench-c-${suffix}-${b}-${i}`, boardId: board.id, columnId: columns[i % 5] as string, laneId, title: `Case ${i}`, position: (i + 1) * 1024 }));
      await db.card.createMany({ data: cards });
      boardIds.push(board.id);
      columnIds.set(board.id, columns);
      cardIds.set(board.id, cards.map((card) => card.id));
    }
    return { boardIds, columnIds, cardIds, userIds, mover };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Has the server write Node's diagnostic report (SIGUSR2, --report-on-signal) and sums up its memory: RSS, the JS
 * heap's used / committed bytes per space, and what lives outside the heap (RSS − committed heap), to tell the
 * heap's live objects from its garbage and from native memory.
 */
async function describeHeap(pid: number, dir: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  let file: string | undefined;
  for (let i = 0; i < 200 && !file; i += 1) {
    await sleep(100);
    file = readdirSync(dir).find((name) => !before.has(name) && name.endsWith('.json'));
  }
  if (!file) return 'no report';
  await sleep(500);
  const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    javascriptHeap: { totalMemory: number; usedMemory: number; heapSpaces: Record<string, { memorySize: number; committedMemory: number; usedMemory: number }> };
    resourceUsage: { rss?: number };
    libuv: unknown[];
  };
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const heap = data.javascriptHeap;
  const spaces = Object.entries(heap.heapSpaces)
    .filter(([, space]) => space.memorySize > 4 * 1024 * 1024)
    .map(([name, space]) => `${name.replace('_space', '')} ${mib(space.usedMemory)}/${mib(space.memorySize)}`)
    .join(', ');
  const rss = rssMiB(pid);
  return `RSS ${rss.toFixed(1)} MiB; JS heap used ${mib(heap.usedMemory)} of ${mib(heap.totalMemory)} MiB (${spaces}); outside the JS heap ${(rss - heap.totalMemory / 1024 / 1024).toFixed(1)} MiB; libuv handles ${data.libuv.length}`;
}

async function countTransactions(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>('SELECT sum(xact_commit + xact_rollback)::text AS n FROM pg_stat_database');
  return Number(rows[0]?.n ?? 0);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const command = describeCommand('bench/streams.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT', 'NEXT_DIST_DIR', 'TILLIT_STREAM_OPENINGS']);
  const header = [
    'Tillit bench: live streams at scale (issue 17 items 1, 2, 4)',
    `command: ${command}`,
    `date: ${new Date().toISOString()}  node ${process.version}  cpus ${os.cpus().length}  load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `${options.streams} streams (one per member) on ${options.boards} board(s); PostgreSQL fsync ${options.fsync ? 'on' : 'off'}; client, server and database on this machine`,
  ].join('\n');
  console.log(header);
  const database = await startBenchDatabase({ port: PG_PORT, fsync: options.fsync });
  const lines: string[] = [header, ''];
  const report = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  const results: Record<string, unknown> = {};
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let swarm: SseSwarm | undefined;
  try {
    await prepareDatabaseAndBuild(database.url, APP_PORT, options.build);
    const seeded = await seed(database.url, options.streams, options.boards);
    const secret = appEnv(database.url, APP_PORT).AUTH_SECRET as string;
    const cookies = [];
    for (const id of seeded.userIds) cookies.push(await sessionCookie({ id, name: '', email: `${id}@bench.example` }, secret));
    const reportDir = mkdtempSync(path.join(os.tmpdir(), 'tillit-streams-report-'));
    const nodeArgs = [...options.nodeArgs, ...(options.heapReport ? ['--report-on-signal', '--report-signal=SIGUSR2', '--report-compact', `--report-directory=${reportDir}`] : [])];
    if (nodeArgs.length > 0) report(`server node flags: ${nodeArgs.join(' ')}`);
    server = await startAppServer(database.url, APP_PORT, { nodeArgs });
    const pid = server.process.pid!;
    const mover = new BenchClient(server.url, await sessionCookie(seeded.mover, secret), 4);
    const random = createRandom(17);
    /** Each card's version after our last move of it: the next move's event carries the next version. */
    const versions = new Map<string, number>();
    const move = async (boardId: string, cardId: string) => {
      const sentAt = performance.now();
      const answer = await mover.request('POST', `/api/boards/${boardId}/commands`, { type: 'card.move', cardId, toColumnId: random.pick(seeded.columnIds.get(boardId) as string[]), toIndex: random.int(5) });
      const version = answer.status === 200 ? (JSON.parse(answer.body) as { card: { version: number } }).card.version : null;
      if (version !== null) versions.set(cardId, version);
      return { sentAt, status: answer.status, version };
    };
    // Warm up the move path and a few streams, then take the baseline.
    for (let i = 0; i < 30; i += 1) await move(seeded.boardIds[0] as string, (seeded.cardIds.get(seeded.boardIds[0] as string) as string[])[i % 10] as string);
    await sleep(3_000);
    const rssBefore = rssMiB(pid);
    if (options.heapReport) report(`  baseline: ${await describeHeap(pid, reportDir)}`);

    // 1. Open everything at once.
    const boardOf = (index: number) => seeded.boardIds[index % seeded.boardIds.length] as string;
    swarm = new SseSwarm('127.0.0.1', APP_PORT, cookies.map((cookie, index) => ({ boardId: boardOf(index), cookie })));
    const openStarted = performance.now();
    await swarm.openAll();
    await swarm.waitFor(() => swarm!.openCount === options.streams, 120_000).catch(() => {});
    const openS = (performance.now() - openStarted) / 1000;
    report(`opening ${options.streams} streams at once: ${swarm.openCount} open after ${openS.toFixed(1)} s; non-200 answers ${JSON.stringify(swarm.stats.refused)}, connection errors ${swarm.stats.connectErrors}`);
    await sleep(5_000);
    const rssOpen = rssMiB(pid);
    const perThousand = ((rssOpen - rssBefore) / options.streams) * 1000;
    report(`server RSS: ${rssBefore.toFixed(1)} MiB before, ${rssOpen.toFixed(1)} MiB with ${swarm.openCount} streams open → ${perThousand.toFixed(2)} MiB per 1,000 streams (target ≤ ${TARGETS.mibPer1000})`);
    if (options.heapReport) report(`  with ${swarm.openCount} streams: ${await describeHeap(pid, reportDir)}`);
    results.opening = { open: swarm.openCount, seconds: openS, refused: swarm.stats.refused, connectErrors: swarm.stats.connectErrors, rssBefore, rssOpen, mibPer1000: perThousand };

    // 2. Delivery latency to every stream.
    const probe = async (label: string) => {
      const boardId = seeded.boardIds[0] as string;
      const streamsOnBoard = [...Array(options.streams).keys()].filter((index) => boardOf(index) === boardId);
      const cardId = (seeded.cardIds.get(boardId) as string[])[0] as string;
      const arrivals = new Float64Array(options.streams).fill(Number.NaN);
      let marker = '';
      const cardMarker = `"id":"${cardId}"`;
      swarm!.onData = (index, text, at) => {
        if (marker && Number.isNaN(arrivals[index] as number) && text.includes(marker) && text.includes(cardMarker)) arrivals[index] = at;
      };
      // The card's version names this move's event (match the field itself: the card view has more fields after
      // it since comments and people joined it). It is known before the move, since only this bench moves the
      // card, so a stream that hears the event before the mover's answer arrives is counted too.
      const previous = versions.get(cardId);
      if (previous !== undefined) marker = `"version":${previous + 1},`;
      const result = await move(boardId, cardId);
      marker = `"version":${result.version},`;
      await swarm!.waitFor(() => streamsOnBoard.every((index) => !Number.isNaN(arrivals[index] as number)), 5_000).catch(() => {});
      swarm!.onData = null;
      const latencies = streamsOnBoard.map((index) => (arrivals[index] as number) - result.sentAt).filter(Number.isFinite);
      return { label, status: result.status, latencies, missing: streamsOnBoard.length - latencies.length };
    };
    const delivery: number[] = [];
    const perProbeMax: number[] = [];
    let missing = 0;
    for (let i = 0; i < options.probes; i += 1) {
      const outcome = await probe(`probe ${i}`);
      delivery.push(...outcome.latencies);
      perProbeMax.push(Math.max(...outcome.latencies));
      missing += outcome.missing;
      await sleep(300);
    }
    const deliverySummary: Summary = summarize(delivery);
    report(`delivery of a move to every stream on its board (${options.probes} moves): ${formatSummary(deliverySummary)}; missing ${missing} (target p99 ≤ ${TARGETS.p99Ms} ms)`);
    report(`  time until the last stream had it, per move: ${formatSummary(summarize(perProbeMax))}`);
    results.delivery = { summary: deliverySummary, lastStream: summarize(perProbeMax), missing };

    // 4. Idle database load.
    const counter = new pg.Client({ connectionString: database.url });
    await counter.connect();
    await sleep(2_000);
    const tx0 = await countTransactions(counter);
    await sleep(options.idleS * 1000);
    const tx1 = await countTransactions(counter);
    await counter.end();
    // The two counting queries are this bench's own.
    const idlePerS = Math.max(0, tx1 - tx0 - 1) / options.idleS;
    report(`idle database load with ${swarm.openCount} streams open: ${idlePerS.toFixed(2)} transactions/s over ${options.idleS} s (one access query per stream every 30 s would be ${(options.streams / 30).toFixed(0)}/s)`);
    results.idle = { transactionsPerS: idlePerS, seconds: options.idleS, previousDesignPerS: options.streams / 30 };

    // 2. Reconnect storm with people working meanwhile.
    if (options.storm) {
      const moveOutcomes: number[] = [];
      let isStorming = true;
      const movers = Array.from({ length: options.stormMovers }, async (_, m) => {
        const client = new BenchClient(server!.url, await sessionCookie(seeded.mover, secret), 1);
        const rnd = createRandom(100 + m);
        while (isStorming) {
          const boardId = rnd.pick(seeded.boardIds);
          const answer = await client
            .request('POST', `/api/boards/${boardId}/commands`, { type: 'card.move', cardId: rnd.pick(seeded.cardIds.get(boardId) as string[]), toColumnId: rnd.pick(seeded.columnIds.get(boardId) as string[]), toIndex: 0 })
            .catch(() => ({ status: 0 }));
          moveOutcomes.push(answer.status);
          await sleep(200);
        }
        client.close();
      });
      const refusedBefore = { ...swarm.stats.refused };
      const errorsBefore = swarm.stats.connectErrors;
      await sleep(1_000);
      const dropped = performance.now();
      swarm.dropAll();
      await swarm.waitFor(() => swarm!.openCount === options.streams, 90_000).catch(() => {});
      const stormS = (performance.now() - dropped) / 1000;
      await sleep(1_000);
      isStorming = false;
      await Promise.all(movers);
      const refusedDuring = Object.fromEntries(Object.entries(swarm.stats.refused).map(([status, count]) => [status, count - (refusedBefore[status] ?? 0)]).filter(([, count]) => (count as number) > 0));
      const fivexx = Object.entries(refusedDuring).filter(([status]) => status.startsWith('5')).reduce((sum, [, count]) => sum + (count as number), 0);
      const failedMoves = moveOutcomes.filter((status) => status !== 200).length;
      report(
        `reconnect storm: ${options.streams} streams cut at once, all open again after ${stormS.toFixed(1)} s (${swarm.openCount} open; target ≤ ${TARGETS.stormS} s); ` +
          `non-200 answers ${JSON.stringify(refusedDuring)} (5xx: ${fivexx}), connection errors ${swarm.stats.connectErrors - errorsBefore}; moves meanwhile ${moveOutcomes.length}, failed ${failedMoves}`,
      );
      const after = await probe('after the storm');
      report(`  a move after the storm reached ${after.latencies.length} of ${after.latencies.length + after.missing} streams on its board (p99 ${summarize(after.latencies).p99.toFixed(1)} ms)`);
      results.storm = { seconds: stormS, open: swarm.openCount, refused: refusedDuring, fivexx, connectErrors: swarm.stats.connectErrors - errorsBefore, moves: moveOutcomes.length, failedMoves, probeAfter: { reached: after.latencies.length, missing: after.missing } };
    }
    report(`server peak RSS (VmHWM): ${peakMiB(pid).toFixed(1)} MiB`);
    mover.close();
  } finally {
    swarm?.close();
    await server?.stop();
    await database.dispose();
  }
  const text = `${lines.join('\n')}\n`;
  const files = writeResults('streams', { command, options, results }, text);
  console.log(`\nwritten: ${files.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
