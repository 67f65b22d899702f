/**
 * How long importing a 5,000-card Trello export takes: `npx tsx --conditions=react-server bench/trello-import.bench.ts`
 * (optional: --cards=N, DATABASE_URL of a throwaway database; without one it starts an embedded PostgreSQL on
 * TILLIT_BENCH_PG_PORT, default 54372). Prints the file size and the time of each step: reading and checking the
 * file (what the browser does for the preview, and the server again), and the one-transaction write to the
 * database, plus the end-to-end figure. Figures, not a timed test.
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
  const cardCount = Number(option('cards') ?? 5000);
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
    const { decodeImportBytes, prepareImport } = await import('../lib/import');
    const { importBoard } = await import('../lib/data/import-board');
    const { getDb } = await import('../lib/db');

    const generated = generateTrelloExport({ cards: cardCount });
    const bytes = new TextEncoder().encode(JSON.stringify(generated.board));
    const now = new Date('2026-02-01T12:00:00Z');

    const t0 = performance.now();
    const plan = prepareImport(decodeImportBytes(bytes), { now, fileName: 'trello.json' });
    const t1 = performance.now();

    const db = getDb();
    const user = await db.user.create({ data: { email: `bench.${Date.now()}@bench.example`, name: 'Bench' } });
    const team = await db.team.create({ data: { name: 'Benchteam' } });
    await db.membership.create({ data: { teamId: team.id, userId: user.id, role: 'MEMBER' } });
    let progressCalls = 0;
    const t2 = performance.now();
    const result = await importBoard(user, team.id, plan, now, { onProgress: () => (progressCalls += 1) });
    const t3 = performance.now();
    const [cards, events] = await Promise.all([db.card.count({ where: { boardId: result.boardId } }), db.cardEvent.count({ where: { boardId: result.boardId } })]);

    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`Trello import benchmark (${new Date().toISOString()}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length})`);
    console.log(`  export: ${generated.cardCount} cards, ${generated.actionCount} actions, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB`);
    console.log(`  written: ${cards} cards, ${events} card events (${progressCalls} progress updates)`);
    console.log(`  read + check + plan (browser preview, and again on the server): ${seconds(t1 - t0)}`);
    console.log(`  database write, one transaction:                                 ${seconds(t3 - t2)}`);
    console.log(`  server total (plan + write):                                     ${seconds(t1 - t0 + t3 - t2)}`);
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
