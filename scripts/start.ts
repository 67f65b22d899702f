/**
 * `npm start`: Tillit on http://localhost:3000 with demo data. Without DATABASE_URL it runs an embedded
 * PostgreSQL (data in .data/pg, kept between runs); with DATABASE_URL it uses that server. Migrations apply
 * themselves; demo data is seeded into an empty database (TILLIT_SEED_DEMO=false turns that off).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../prisma/seed';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './lib/embedded-postgres';
import { buildIfNeeded, ensureLocalAuthSecret, migrateDatabase, ROOT } from './lib/app-setup';
import { BIN, run } from './lib/run';

const startedAt = Date.now();
const port = Number(process.env.PORT ?? 3000);

async function main() {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pgPort = Number(process.env.TILLIT_PG_PORT ?? 54329);
    console.log(`Starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in .data/pg)…`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(ROOT, '.data', 'pg'), port: pgPort, database: 'tillit' });
    databaseUrl = embedded.url;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: ensureLocalAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    AUTH_TRUST_HOST: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
  };

  const stop = async (code: number) => {
    server?.kill('SIGTERM');
    await embedded?.stop().catch(() => {});
    process.exit(code);
  };
  let server: ReturnType<typeof spawn> | undefined;
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await migrateDatabase(env);
    if (process.env.TILLIT_SEED_DEMO !== 'false') await run(BIN('tsx'), ['prisma/seed.ts'], { cwd: ROOT, env });
    await buildIfNeeded(env);
  } catch (error) {
    console.error(`Tillit could not start: ${(error as Error).message}`);
    await stop(1);
  }

  server = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '-p', String(port)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  server.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    if (/Ready|started server/i.test(text)) {
      console.log(`\nTillit is running at http://localhost:${port} (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
      console.log(`Demo accounts (password: ${DEMO_PASSWORD}):`);
      for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(24)} ${account.role}`);
    }
  });
  server.on('exit', (code) => void stop(code ?? 0));
}

void main();
