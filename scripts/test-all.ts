/**
 * `npm test`: the whole suite, as CI runs it. Starts a throwaway embedded PostgreSQL (or uses DATABASE_URL when
 * set — only a local one unless TILLIT_TEST_ALLOW_REMOTE_DB=true), applies migrations, runs the type check, the
 * Vitest suites (unit and database), builds the app and runs Playwright against two instances; then cleans up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './lib/embedded-postgres';
import { buildIfNeeded, migrateDatabase, ROOT } from './lib/app-setup';
import { BIN, run } from './lib/run';

type Counts = { passed: number; failed: number; skipped: number };

function readVitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function readPlaywrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

async function main() {
  // `tsx scripts/test-all.ts [typecheck|unit|e2e]... [-- filters...]`: filters after `--` go to Vitest and
  // Playwright (file patterns, --grep), for running a part of the suite the way CI runs it.
  const args = process.argv.slice(2);
  const separator = args.indexOf('--');
  const only = separator === -1 ? args : args.slice(0, separator);
  const filters = separator === -1 ? [] : args.slice(separator + 1);
  const wants = (stage: string) => only.length === 0 || only.includes(stage);
  let embedded: EmbeddedDatabase | undefined;
  let tempDir: string | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const host = new URL(databaseUrl).hostname;
    if (!['localhost', '127.0.0.1', '::1'].includes(host) && process.env.TILLIT_TEST_ALLOW_REMOTE_DB !== 'true') {
      throw new Error(`Refusing to run tests against ${host}: set TILLIT_TEST_ALLOW_REMOTE_DB=true if you mean it.`);
    }
  } else {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'tillit-test-'));
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tempDir, 'pg'),
      port: Number(process.env.TILLIT_TEST_PG_PORT ?? 54330),
      database: 'tillit_test',
      isThrowaway: true,
    });
    databaseUrl = embedded.url;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? 'tillit-test-secret-not-for-production',
    NEXT_TELEMETRY_DISABLED: '1',
    TILLIT_TEST_PG_DATA_DIR: tempDir ? path.join(tempDir, 'pg') : '',
  };
  const resultsDir = path.resolve(ROOT, process.env.TILLIT_TEST_RESULTS_DIR ?? 'test-results');
  env.TILLIT_TEST_RESULTS_DIR = resultsDir;
  rmSync(resultsDir, { recursive: true, force: true });
  const counts: Counts[] = [];
  let failure: unknown;
  try {
    await migrateDatabase(env);
    if (wants('typecheck')) await run(BIN('tsc'), ['--noEmit'], { cwd: ROOT, env });
    if (wants('unit')) {
      try {
        await run(BIN('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(resultsDir, 'vitest-results.json')}`, ...filters], { cwd: ROOT, env });
      } finally {
        counts.push(readVitestCounts(path.join(resultsDir, 'vitest-results.json')));
      }
    }
    if (wants('e2e')) {
      await buildIfNeeded(env);
      try {
        await run(BIN('playwright'), ['test', ...filters], { cwd: ROOT, env });
      } finally {
        counts.push(readPlaywrightCounts(path.join(resultsDir, 'e2e-results.json')));
      }
    }
  } catch (error) {
    failure = error;
  } finally {
    await embedded?.stop().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  const total = counts.reduce((sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }), { passed: 0, failed: 0, skipped: 0 });
  if (failure) console.error(`\n${(failure as Error).message}`);
  console.log(`\nTests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(failure || total.failed > 0 ? 1 : 0);
}

void main();
