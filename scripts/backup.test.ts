/**
 * Backup and restore round trip (issue 7): the demo data (prisma/seed.ts) in a fresh database, backed up with
 * scripts/backup.ts and restored with scripts/restore.ts into another empty database, comes back identical: the
 * same schema (every type, table, default, key, index and foreign key), every row of every table (boards, cards,
 * card and board events, users, migration history, …) and every sequence position. Restore refuses a database
 * that is not empty and leaves the target untouched when the file is damaged.
 *
 * Needs DATABASE_URL (a server where the test may create databases; the test runner's is); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, readSchema } from './backup';
import { ROOT } from './lib/app-setup';
import { BIN, run } from './lib/run';
import { listExistingObjects, restoreDatabase } from './restore';

const baseUrl = process.env.DATABASE_URL;
const suffix = randomUUID().slice(0, 8).replace(/-/g, '');
const names = { source: `tillit_backup_src_${suffix}`, target: `tillit_backup_dst_${suffix}`, damaged: `tillit_backup_bad_${suffix}` };

function urlFor(database: string): string {
  const url = new URL(baseUrl as string);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every row of every table as PostgreSQL's own JSON text, ordered by the whole row, plus sequence positions. */
async function snapshot(url: string) {
  return withClient(url, async (client) => {
    const schema = await readSchema(client);
    const tables: Record<string, string[]> = {};
    for (const table of schema.tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM public."${table}" t ORDER BY row_to_json(t)::text`);
      tables[table] = rows.map((r) => r.row);
    }
    const { rows: sequences } = await client.query<{ sequencename: string }>(`SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
    const positions: Record<string, string> = {};
    for (const { sequencename } of sequences) {
      const { rows } = await client.query<{ state: string }>(`SELECT last_value::text || ':' || is_called::text AS state FROM public."${sequencename}"`);
      positions[sequencename] = rows[0]?.state ?? '';
    }
    return { schema, tables, positions };
  });
}

describe.skipIf(!baseUrl)('database backup and restore', () => {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tillit-backup-test-'));
  const file = path.join(tempDir, 'demo.jsonl.gz');

  beforeAll(async () => {
    await withClient(urlFor('postgres'), async (client) => {
      for (const name of Object.values(names)) await client.query(`CREATE DATABASE "${name}"`);
    });
    const env = { ...process.env, DATABASE_URL: urlFor(names.source) };
    await run(BIN('prisma'), ['migrate', 'deploy'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    await run(BIN('tsx'), ['prisma/seed.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }, 180_000);

  afterAll(async () => {
    rmSync(tempDir, { recursive: true, force: true });
    await withClient(urlFor('postgres'), async (client) => {
      for (const name of Object.values(names)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it('round-trips the demo data: same schema, every row of every table, every sequence', { timeout: 120_000 }, async () => {
    const backup = await backupDatabase(urlFor(names.source), file);
    expect(backup.tables.Board).toBeGreaterThan(0);
    expect(backup.tables.Card).toBeGreaterThan(50);
    expect(backup.tables.CardEvent).toBeGreaterThan(100);

    const restored = await restoreDatabase(urlFor(names.target), file);
    expect(restored.rows).toBe(backup.rows);

    const before = await snapshot(urlFor(names.source));
    const after = await snapshot(urlFor(names.target));
    expect(after.schema).toEqual(before.schema);
    expect(Object.keys(after.tables)).toEqual(Object.keys(before.tables));
    for (const table of Object.keys(before.tables)) {
      expect({ table, rows: after.tables[table] }).toEqual({ table, rows: before.tables[table] });
    }
    expect(after.positions).toEqual(before.positions);

    // The restored database works: new events continue the id sequence instead of colliding with restored ones.
    await withClient(urlFor(names.target), async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "CardEvent" ("boardId", "cardId", type, "toColumnId") SELECT "boardId", id, 'EDITED', "columnId" FROM "Card" LIMIT 1 RETURNING id::text`,
      );
      const maxBefore = Math.max(...(before.tables.CardEvent ?? []).map((row) => Number((JSON.parse(row) as { id: number }).id)));
      expect(Number(rows[0]?.id)).toBeGreaterThan(maxBefore);
      // The event log's membership trigger came back too: a removal is an event on each of the team's boards.
      const { rows: removed } = await client.query<{ teamId: string }>(`DELETE FROM "Membership" WHERE id = (SELECT id FROM "Membership" ORDER BY id LIMIT 1) RETURNING "teamId"`);
      const { rows: events } = await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM "OutboxEvent" e JOIN "Board" b ON b.id = e."boardId" WHERE b."teamId" = $1 AND e.kind = 'access.changed'`,
        [removed[0]?.teamId],
      );
      expect(events[0]?.count).toBeGreaterThan(0);
    });
  });

  it('refuses a database that is not empty, and leaves the target empty when the file is damaged', { timeout: 60_000 }, async () => {
    await expect(restoreDatabase(urlFor(names.source), file)).rejects.toThrow(/not empty/);

    // Cut the file in the middle of its rows: the restore fails and the target stays empty.
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const damaged = path.join(tempDir, 'damaged.jsonl.gz');
    writeFileSync(damaged, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    await expect(restoreDatabase(urlFor(names.damaged), damaged)).rejects.toThrow(/ends early|incomplete/);
    expect(await withClient(urlFor(names.damaged), (client) => listExistingObjects(client))).toEqual([]);

    await expect(restoreDatabase(urlFor(names.damaged), path.join(tempDir, 'missing.jsonl.gz'))).rejects.toThrow();
  });
});
