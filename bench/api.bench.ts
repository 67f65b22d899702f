/**
 * Public API bench (issue 16): a card move through /api/v1 with a bearer token against the same move from the
 * board (the cookie path, POST /api/boards/:id/commands), in the same run on the same server and board; and the
 * webhook delivery lag from a move to a receiver on loopback.
 *
 *   npx tsx bench/api.bench.ts [--seq=400] [--clients=10] [--duration=10] [--probes=100] [--no-build]
 *
 * Starts its own throwaway embedded PostgreSQL (fsync off: measures the app; BENCH_PG_PORT, 54352), the production
 * server (BENCH_APP_PORT, 3303) and a webhook receiver (BENCH_WEBHOOK_PORT, 3304, on 127.0.0.1, allowed by this
 * bench's own TILLIT_WEBHOOK_ALLOW_HOSTS). Measures:
 *   1. sequential moves, API and cookie interleaved one by one (same conditions for both): p50 / p99;
 *   2. 10 concurrent clients for the duration (10 s), cookie, API, API, cookie: moves/s (mean of each pair);
 *   3. webhook lag: the move's request sent → the signed card.moved delivery received, one move at a time: p50 / p95.
 * Target: the API within 20 % of the cookie path (p50 and throughput). Results: stdout and bench/out/api-*.{txt,json}.
 * Only loopback traffic, bounded in count and time.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { startBenchDatabase } from './lib/embedded-db';
import { appEnv, prepareDatabaseAndBuild, startAppServer, type AppServer } from './lib/app-server';
import { BenchClient, sessionCookie, type HttpResult } from './lib/client';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb, seedBenchBoard, type BenchBoard } from './lib/seed';
import { formatSummary, summarize, type Summary } from './lib/stats';

const get = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const OPTIONS = {
  seq: Math.min(Number(get('seq') ?? 400), 10_000),
  clients: Math.min(Number(get('clients') ?? 10), 50),
  durationS: Math.min(Number(get('duration') ?? 10), 120),
  probes: Math.min(Number(get('probes') ?? 100), 2_000),
  build: !process.argv.includes('--no-build'),
};
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const WEBHOOK_PORT = Number(process.env.BENCH_WEBHOOK_PORT ?? 3304);
const SEED = Number(process.env.BENCH_SEED ?? 20261202);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Path = 'api' | 'cookie';

function mover(client: BenchClient, board: BenchBoard, random: ReturnType<typeof createRandom>, path: Path) {
  return async (): Promise<HttpResult & { cardId: string; sentAt: number }> => {
    const cardId = random.pick(board.cardIds);
    const toColumnId = random.pick(board.columnIds);
    const toIndex = random.int(25);
    const sentAt = performance.now();
    const result =
      path === 'api'
        ? await client.request('POST', `/api/v1/boards/${board.boardId}/cards/${cardId}/move`, { toColumnId, toIndex })
        : await client.request('POST', `/api/boards/${board.boardId}/commands`, { type: 'card.move', cardId, toColumnId, toIndex });
    return { ...result, cardId, sentAt };
  };
}

async function storm(server: AppServer, board: BenchBoard, headers: { cookie: string; authorization?: string }, path: Path, seed: number): Promise<{ perSecond: number; latency: Summary; failed: number }> {
  const clients = Array.from({ length: OPTIONS.clients }, () => new BenchClient(server.url, headers.cookie, 1, headers.authorization ? { authorization: headers.authorization } : {}));
  const moves = clients.map((client, index) => mover(client, board, createRandom(seed * 31 + index), path));
  const ok: number[] = [];
  let failed = 0;
  const started = performance.now();
  const ends = started + OPTIONS.durationS * 1000;
  await Promise.all(
    moves.map(async (move) => {
      while (performance.now() < ends) {
        const result = await move().catch(() => null);
        if (result?.status === 200) ok.push(result.ms);
        else failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const client of clients) client.close();
  return { perSecond: ok.length / seconds, latency: summarize(ok), failed };
}

/** A receiver that verifies each delivery and tells the waiting move when its card.moved arrived. */
function startReceiver(secret: string) {
  const hook = new Webhook(secret);
  const waiting = new Map<string, (at: number) => void>();
  let invalid = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = hook.verify(body, request.headers as Record<string, string>) as { type: string; data: { card: { id: string; version?: number } } };
        waiting.get(`${event.data.card.id}:${event.data.card.version}`)?.(at);
      } catch {
        invalid += 1;
      }
      response.writeHead(204).end();
    });
  });
  return {
    listen: () => new Promise<void>((resolve) => server.listen(WEBHOOK_PORT, '127.0.0.1', resolve)),
    waitFor: (key: string, timeoutMs: number) =>
      new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(key);
          resolve(null);
        }, timeoutMs);
        waiting.set(key, (at) => {
          clearTimeout(timer);
          waiting.delete(key);
          resolve(at);
        });
      }),
    invalid: () => invalid,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main() {
  process.env.TILLIT_WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
  const db = await startBenchDatabase({ port: PG_PORT, fsync: false });
  let server: AppServer | undefined;
  const prisma = createBenchDb(db.url);
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const receiver = startReceiver(webhookSecret);
  try {
    await prepareDatabaseAndBuild(db.url, APP_PORT, OPTIONS.build);
    const board = await seedBenchBoard(prisma, { columns: 20, cardsPerColumn: 20 });
    const token = `tillit_pat_${randomBytes(32).toString('base64url')}`;
    await prisma.apiToken.create({ data: { kind: 'PERSONAL', name: 'bench', scope: 'READ_WRITE', prefix: token.slice(0, 19), tokenHash: createHash('sha256').update(token).digest('hex'), actorUserId: board.mover.id } });
    const team = await prisma.board.findUniqueOrThrow({ where: { id: board.boardId }, select: { teamId: true } });
    server = await startAppServer(db.url, APP_PORT);
    const cookie = await sessionCookie(board.mover, appEnv(db.url, APP_PORT).AUTH_SECRET as string);
    const authorization = `Bearer ${token}`;
    const random = createRandom(SEED);
    const cookieClient = new BenchClient(server.url, cookie, 1);
    const apiClient = new BenchClient(server.url, '', 1, { authorization });
    const moveByCookie = mover(cookieClient, board, random, 'cookie');
    const moveByApi = mover(apiClient, board, random, 'api');
    for (let i = 0; i < 100; i += 1) {
      await moveByCookie();
      await moveByApi();
    }

    // 1. Sequential, interleaved.
    const sequential: Record<Path, number[]> = { api: [], cookie: [] };
    const statuses: Record<string, number> = {};
    for (let i = 0; i < OPTIONS.seq; i += 1) {
      for (const [path, move] of (i % 2 === 0 ? [['api', moveByApi], ['cookie', moveByCookie]] : [['cookie', moveByCookie], ['api', moveByApi]]) as [Path, typeof moveByApi][]) {
        const result = await move();
        statuses[`${path} ${result.status}`] = (statuses[`${path} ${result.status}`] ?? 0) + 1;
        if (result.status === 200) sequential[path].push(result.ms);
      }
    }
    const seqApi = summarize(sequential.api);
    const seqCookie = summarize(sequential.cookie);
    console.log(`sequential, cookie      ${formatSummary(seqCookie)}`);
    console.log(`sequential, API token   ${formatSummary(seqApi)}   statuses ${JSON.stringify(statuses)}`);

    // 2. Throughput.
    // Cookie, API, API, cookie: a machine whose load drifts during the run weighs on both paths alike.
    const cookieStorm1 = await storm(server, board, { cookie }, 'cookie', SEED + 1);
    const apiStorm1 = await storm(server, board, { cookie: '', authorization }, 'api', SEED + 2);
    const apiStorm2 = await storm(server, board, { cookie: '', authorization }, 'api', SEED + 3);
    const cookieStorm2 = await storm(server, board, { cookie }, 'cookie', SEED + 4);
    const cookiePerSecond = (cookieStorm1.perSecond + cookieStorm2.perSecond) / 2;
    const apiPerSecond = (apiStorm1.perSecond + apiStorm2.perSecond) / 2;
    const apiStorm = { ...apiStorm1, perSecond: apiPerSecond, failed: apiStorm1.failed + apiStorm2.failed };
    console.log(`${OPTIONS.clients} clients, cookie      ${cookieStorm1.perSecond.toFixed(0)} and ${cookieStorm2.perSecond.toFixed(0)} moves/s (mean ${cookiePerSecond.toFixed(0)}); p50 ${cookieStorm1.latency.p50.toFixed(1)} / ${cookieStorm2.latency.p50.toFixed(1)} ms`);
    console.log(`${OPTIONS.clients} clients, API token   ${apiStorm1.perSecond.toFixed(0)} and ${apiStorm2.perSecond.toFixed(0)} moves/s (mean ${apiPerSecond.toFixed(0)}); p50 ${apiStorm1.latency.p50.toFixed(1)} / ${apiStorm2.latency.p50.toFixed(1)} ms; failed ${apiStorm.failed}`);

    // 3. Webhook lag: a webhook for card.moved on the team, one move at a time.
    await receiver.listen();
    await prisma.webhookEndpoint.create({ data: { teamId: team.teamId, url: `http://127.0.0.1:${WEBHOOK_PORT}/bench`, events: ['card.moved'], secret: webhookSecret } });
    await sleep(500);
    const lags: number[] = [];
    let missing = 0;
    for (let i = 0; i < OPTIONS.probes; i += 1) {
      const result = await moveByApi();
      if (result.status !== 200) continue;
      const version = (JSON.parse(result.body) as { card: { version: number } }).card.version;
      const at = await receiver.waitFor(`${result.cardId}:${version}`, 5_000);
      if (at === null) missing += 1;
      else lags.push(at - result.sentAt);
      // Nothing arrives at all (no delivery worker, or no event consumer): say so rather than wait out every probe.
      if (lags.length === 0 && missing >= 3) break;
    }
    const lag = summarize(lags);
    console.log(`webhook lag (move → delivery) ${lags.length > 0 ? formatSummary(lag) : 'no deliveries'}  missing ${missing}, invalid signatures ${receiver.invalid()}`);

    const ratioP50 = seqApi.p50 / seqCookie.p50;
    const ratioThroughput = apiStorm.perSecond / cookiePerSecond;
    const verdict = (ok: boolean) => (ok ? 'within target' : 'MISSES target');
    const lines = [
      `API move vs cookie move, same run: sequential p50 ${seqApi.p50.toFixed(2)} vs ${seqCookie.p50.toFixed(2)} ms (×${ratioP50.toFixed(2)}, ${verdict(ratioP50 <= 1.2)} ≤ ×1.20)`,
      `throughput ${apiStorm.perSecond.toFixed(0)} vs ${cookiePerSecond.toFixed(0)} moves/s (×${ratioThroughput.toFixed(2)}, ${verdict(ratioThroughput >= 0.8)} ≥ ×0.80)`,
      `webhook delivery lag p50 ${lags.length > 0 ? `${lag.p50.toFixed(1)} ms (p95 ${lag.p95.toFixed(1)} ms, n=${lags.length}, missing ${missing})` : 'n/a'}`,
    ];
    console.log(`\n${lines.join('\n')}`);
    const command = describeCommand('bench/api.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT', 'BENCH_WEBHOOK_PORT']);
    writeResults('api', { command, options: OPTIONS, seqApi, seqCookie, cookieStorm1, cookieStorm2, apiStorm1, apiStorm2, lag, missing, ratioP50, ratioThroughput }, [command, ...lines].join('\n'));
    cookieClient.close();
    apiClient.close();
  } finally {
    await prisma.$disconnect().catch(() => {});
    await receiver.close().catch(() => {});
    await server?.stop();
    await db.dispose();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
