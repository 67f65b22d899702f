import 'server-only';
import pg from 'pg';
import { getServerEnv } from '@/lib/env';
import { log } from '@/lib/log';

/**
 * A plain node-postgres pool for the hottest statements (moving a card, reading the session's person), beside
 * Prisma's. Prisma's query layer costs about a millisecond of CPU per statement here; these run the same SQL as
 * named prepared statements (parsed and planned once per connection) with none of that overhead. Everything else
 * uses Prisma.
 *
 * Timestamps: Prisma stores `timestamp(3)` (without time zone) in UTC. This pool reads them as UTC and callers
 * send ISO strings (`toIsoUtc`), never Date objects, which node-postgres would format in the server's local zone.
 */
const TIMESTAMP_WITHOUT_TIME_ZONE_OID = 1114;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE_OID && format !== 'binary'
      ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

let pool: pg.Pool | undefined;

export function getPgPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({
      connectionString: getServerEnv().DATABASE_URL,
      max: 10,
      // A burst of moves into one column queues on that column's lock while holding connections: later requests
      // wait this long for a connection before the database counts as unavailable (503).
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      application_name: 'tillit',
      types,
    });
    // An idle connection dies when PostgreSQL restarts; the pool drops it and opens a new one on demand. Without a
    // listener that error would end the process.
    pool.on('error', (error: Error & { code?: string }) => log.warn({ err: { type: error.name, code: error.code } }, 'idle database connection lost'));
  }
  return pool;
}

/** A timestamp as node-postgres should send it for a `timestamp(3)` (UTC) column. */
export function toIsoUtc(date: Date): string {
  return date.toISOString();
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws (the
 * error is re-thrown). A connection that failed mid-transaction is discarded rather than returned to the pool.
 */
export async function runInPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPgPool().connect();
  let isBroken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      isBroken = true;
    });
    throw error;
  } finally {
    client.release(isBroken);
  }
}
