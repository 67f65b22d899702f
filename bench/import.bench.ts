/**
 * Import times for the files teams move in with: `npx tsx --conditions=react-server bench/import.bench.ts`
 * (options: --jira-rows=N (default 20,000), --trello-mb=N (default 60); DATABASE_URL of a throwaway database, or an
 * embedded PostgreSQL on TILLIT_BENCH_PG_PORT, default 54372). For each file it prints the size and the time of:
 * decoding and planning (what the browser does for the preview, and the server again before writing), the
 * one-transaction database write, and the server total. Figures, not a timed test; the goal is under 30 s for a
 * 20,000-row Jira CSV.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { migrateDatabase } from '../scripts/lib/app-setup';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

async function main() {
  const jiraRows = Number(option('jira-rows') ?? 20_000);
  const trelloMb = Number(option('trello-mb') ?? 60);
  let embedded: EmbeddedDatabase | undefined;
  let tempDir: string | undefined;
  if (!process.env.DATABASE_URL) {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'tillit-bench-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), port: Number(process.env.TILLIT_BENCH_PG_PORT ?? 54372), database: 'tillit_bench', isThrowaway: true });
    process.env.DATABASE_URL = embedded.url;
    await migrateDatabase(process.env);
  }
  process.env.AUTH_SECRET ??= 'tillit-bench-secret-not-for-production';
  try {
    const { generateTrelloExport } = await import('../lib/import/testing/trello-generator');
    const { generateJiraCsv } = await import('../lib/import/testing/jira-generator');
    const { decodeImportFile, prepareImport } = await import('../lib/import');
    const { importBoard } = await import('../lib/data/import-board');
    const { getDb } = await import('../lib/db');
    const db = getDb();
    const user = await db.user.create({ data: { email: `bench.${Date.now()}@bench.example`, name: 'Bench' } });
    const team = await db.team.create({ data: { name: 'Benchteam' } });
    await db.membership.create({ data: { teamId: team.id, userId: user.id, role: 'MEMBER' } });
    const now = new Date('2026-02-01T12:00:00Z');
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`Import benchmark (${new Date().toISOString()}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${os.loadavg()[0]?.toFixed(1)})`);

    const measure = async (label: string, bytes: Uint8Array, fileName: string) => {
      const t0 = performance.now();
      const decoded = decodeImportFile(bytes);
      const plan = prepareImport(decoded.text, { now, fileName, decoded });
      const t1 = performance.now();
      let progressCalls = 0;
      const result = await importBoard(user, team.id, plan, now, { onProgress: () => (progressCalls += 1) });
      const t2 = performance.now();
      console.log(`\n  ${label}: ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MiB, ${result.cardCount} cards, ${result.eventCount} card events (${progressCalls} progress updates)`);
      console.log(`    decode + check + plan (browser preview, and again on the server): ${seconds(t1 - t0)}`);
      console.log(`    database write, one transaction:                                   ${seconds(t2 - t1)}`);
      console.log(`    server total:                                                      ${seconds(t2 - t0)}`);
    };

    await measure(`Jira-style CSV, ${jiraRows} rows`, new TextEncoder().encode(generateJiraCsv({ rows: jiraRows })), 'jira.csv');

    // A Trello export of about the asked size: the generator's size per card, scaled (at most the 25,000-card limit).
    const sample = JSON.stringify(generateTrelloExport({ cards: 1000 }).board).length / 1000;
    const cards = Math.min(25_000, Math.floor((trelloMb * 1024 * 1024) / sample));
    const trello = new TextEncoder().encode(JSON.stringify(generateTrelloExport({ cards, days: 700 }).board));
    await measure(`Trello export, ${cards} cards`, trello, 'trello.json');
    await db.$disconnect();
  } finally {
    await embedded?.stop().catch(() => {});
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
