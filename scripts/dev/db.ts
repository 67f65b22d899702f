/**
 * Developer helper: `npx tsx scripts/dev/db.ts [port]` runs a throwaway embedded PostgreSQL and prints its URL,
 * for running Prisma commands or tests by hand. Ctrl-C stops it.
 */
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/embedded-postgres';

async function main() {
  const port = Number(process.argv[2] ?? 54331);
  const db = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `tillit-dev-pg-${port}`, 'pg'), port, database: 'tillit', isThrowaway: true });
  console.log(db.url);
  const stop = () => void db.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}

void main();
