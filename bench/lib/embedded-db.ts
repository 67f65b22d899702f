/**
 * The bench's own throwaway PostgreSQL (never the developer's or the test runner's): a fresh cluster in a temp
 * folder on a loopback port, with fsync either off (like the test runner: measures the app, not the disk) or on
 * (durable commits, as in production).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../scripts/lib/embedded-postgres';

export type BenchDatabase = EmbeddedDatabase & { fsync: boolean; dataDir: string; dispose: () => Promise<void> };

export async function startBenchDatabase(options: { port: number; fsync: boolean }): Promise<BenchDatabase> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tillit-bench-'));
  // isThrowaway turns fsync, synchronous_commit and full_page_writes off; without it the defaults (all on) apply.
  const dataDir = path.join(tempDir, 'pg');
  const db = await startEmbeddedPostgres({ dataDir, port: options.port, database: 'tillit_bench', isThrowaway: !options.fsync });
  return {
    ...db,
    fsync: options.fsync,
    dataDir,
    dispose: async () => {
      await db.stop().catch(() => {});
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
