/**
 * Tillit's production server: Next.js (the production build in NEXT_DIST_DIR, `.next` by default) behind a plain
 * node:http server that answers the hottest route itself — `POST /api/boards/:id/commands`, every card move —
 * before Next's request pipeline (why: lib/api/direct-routes.ts). Everything else is Next's, unchanged.
 *
 *   node --import tsx server.ts [-p PORT] [-H HOSTNAME]       (PORT from the environment works too)
 *
 * `npm start` runs it after building; the e2e suite and the benchmarks run it too, so what is tested is what runs.
 */
import { createServer } from 'node:http';
import os from 'node:os';
import { register } from 'node:module';
import { parseArgs } from 'node:util';
import next from 'next';

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  allowPositionals: false,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
// Only the flag: HOSTNAME in the environment is usually the machine's name (set by shells and containers), not
// an address to listen on. Without -H the server listens on every interface, like `next start`.
const hostname = values.hostname;
Object.assign(process.env, { NODE_ENV: 'production' });

// `next` is CommonJS: depending on the loader its default export arrives as the function or wrapped once more.
const createNextApp = ((next as unknown as { default?: typeof next }).default ?? next) as typeof next;
const app = createNextApp({ dev: false, hostname, port, dir: import.meta.dirname });
const handleWithNext = app.getRequestHandler();
await app.prepare();
// Loaded after Next has set up its server environment (lib/ imports parts of Next that expect it).
register('./scripts/lib/server-only-hook.mjs', import.meta.url);
const { markClientAddress, serveDirectRoute } = await import('./lib/api/direct-routes');
// The webhook delivery worker (graphile-worker; lib/webhooks/worker.ts). A failure to start it must not keep the
// board from serving: deliveries stay queued in the database until a worker runs.
const { startWebhookWorker, stopWebhookWorker } = await import('./lib/webhooks/worker');
await startWebhookWorker(`${hostname ?? os.hostname()}:${port}`).catch((error: unknown) => console.error('webhook worker did not start:', (error as Error).message));
// Every instance competes to dispatch board events to their consumers; one (the leader) does (lib/events/).
const { startEventDispatcher } = await import('./lib/events/dispatcher');
startEventDispatcher();

const server = createServer((request, response) => {
  // The client's address, from the connection and only the trusted proxies' X-Forwarded-For (TILLIT_TRUSTED_PROXY_HOPS).
  markClientAddress(request);
  if (serveDirectRoute(request, response)) return;
  void handleWithNext(request, response);
});
// A deep accept queue (the kernel caps it at net.core.somaxconn): when a building's network comes back, thousands of
// browsers reconnect their live streams at once, and a short queue would make them wait for SYN retries.
server.listen({ port, host: hostname, backlog: 4096 }, () => {
  console.log(`✓ Ready on http://${hostname ?? 'localhost'}:${port}`);
});

let isStopping = false;
function stop(): void {
  if (isStopping) return;
  isStopping = true;
  // Live streams never end by themselves: stop accepting, give requests in flight a moment, then exit.
  server.close(() => void stopWebhookWorker().finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 1_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
