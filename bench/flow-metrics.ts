/**
 * Benchmark: server time to compute the Flow page's data for a board with 10,000 cards and 100,000 card
 * events (bench/generate-flow-board.ts), default period (last 12 weeks). Calls getBoardFlowData, the very
 * function the page calls: database reads included, rendering excluded. Target: median ≤ 300 ms on the
 * 2-core dev machine.
 *
 * lib/data/flow.ts imports `server-only`, which throws outside a react-server environment, so run it with
 * that export condition:
 *
 *   node --conditions=react-server --import tsx bench/flow-metrics.ts [--runs 7] [--json]
 *
 * With DATABASE_URL set it uses that database (creating the board once); without, it starts a throwaway
 * embedded PostgreSQL, migrates it and generates the board (≈ 20 s extra). Prints the median and p95 of the
 * timed runs, after one untimed warm-up run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateDatabase } from '../scripts/lib/app-setup';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { generateFlowBoard } from './generate-flow-board';

export const FLOW_METRICS_COMMAND = 'node --conditions=react-server --import tsx bench/flow-metrics.ts';
const TARGET_MS = 300;

function readRunCount(): number {
  const index = process.argv.indexOf('--runs');
  const value = index >= 0 ? Number(process.argv[index + 1]) : 7;
  return Number.isInteger(value) && value > 0 ? value : 7;
}

/** Nearest-rank percentile of ascending values. */
function pickPercentile(sorted: readonly number[], percentile: number): number {
  return sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)] as number;
}

export interface FlowMetricsBenchResult {
  readonly name: 'flow-metrics';
  readonly runs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  /** CPU time of this Node process per run (the database's share not included): steadier on a busy machine. */
  readonly nodeCpuMedianMs: number;
  /** 1-minute load average when the runs finished; wall times are only comparable at similar load. */
  readonly loadAverage: number;
  readonly targetMs: number;
  readonly cards: number;
  readonly events: number;
  readonly command: string;
}

async function main() {
  const runs = readRunCount();
  let databaseUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let tempDir: string | undefined;
  try {
    if (!databaseUrl) {
      tempDir = mkdtempSync(path.join(os.tmpdir(), 'tillit-bench-'));
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(tempDir, 'pg'),
        port: Number(process.env.TILLIT_BENCH_PG_PORT ?? 54340),
        database: 'tillit_bench',
        isThrowaway: true,
      });
      databaseUrl = embedded.url;
      await migrateDatabase({ ...process.env, DATABASE_URL: databaseUrl });
    }
    // lib/db reads its settings through lib/env, which wants both.
    process.env.DATABASE_URL = databaseUrl;
    process.env.AUTH_SECRET ??= 'tillit-bench-secret-not-for-production';

    const board = await generateFlowBoard(databaseUrl);
    const [{ getBoardFlowData }, { getDefaultFlowRange }, { getDb }] = await Promise.all([
      import('../lib/data/flow'),
      import('../lib/data/flow-range'),
      import('../lib/db'),
    ]);
    const timeOnce = async () => {
      const now = new Date();
      const range = getDefaultFlowRange(now);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const data = await getBoardFlowData(board.viewerId, board.boardId, { from: range.fromInstant, to: range.toInstant, now });
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      return { elapsed, cpuMs: (cpu.user + cpu.system) / 1000, finished: data.finished.length, wip: data.forecast.wipNow };
    };

    const warmUp = await timeOnce();
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const { elapsed, cpuMs } = await timeOnce();
      times.push(elapsed);
      cpuTimes.push(cpuMs);
    }
    await getDb().$disconnect();
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const [loadAverage = 0] = os.loadavg();
    const result: FlowMetricsBenchResult = {
      name: 'flow-metrics',
      runs,
      medianMs: Math.round(pickPercentile(times, 50)),
      p95Ms: Math.round(pickPercentile(times, 95)),
      nodeCpuMedianMs: Math.round(pickPercentile(cpuTimes, 50)),
      loadAverage: Math.round(loadAverage * 10) / 10,
      targetMs: TARGET_MS,
      cards: board.cards,
      events: board.events,
      command: FLOW_METRICS_COMMAND,
    };
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(result));
    } else {
      console.log(`Flow page data, ${board.cards} cards / ${board.events} events, last 12 weeks (${warmUp.finished} finished, ${warmUp.wip} in progress)`);
      console.log(`  command: ${FLOW_METRICS_COMMAND}`);
      console.log(`  runs: ${runs} (after 1 warm-up); times ms: ${times.map((time) => time.toFixed(0)).join(', ')}`);
      console.log(`  median ${result.medianMs} ms, p95 ${result.p95Ms} ms (target ≤ ${TARGET_MS} ms): ${result.medianMs <= TARGET_MS ? 'within target' : 'OVER TARGET'}`);
      console.log(`  Node CPU per run (median): ${result.nodeCpuMedianMs} ms; load average ${result.loadAverage} on ${os.cpus().length} cores`);
    }
  } finally {
    await embedded?.stop().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
