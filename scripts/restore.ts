/**
 * `npm run db:restore -- FILE`: restores a backup made by scripts/backup.ts into an EMPTY database.
 *
 *   npx tsx scripts/restore.ts FILE [--database-url URL]
 *
 * The database is DATABASE_URL (or --database-url); without either, the embedded database of `npm start` in
 * .data/pg (started for the restore when it is not running; a missing .data/pg is created). It must be empty (no
 * tables, types or sequences in the public schema): restoring never overwrites data. To replace a database, create
 * a fresh one (or move .data/pg aside) and restore into that.
 *
 * Everything happens in one transaction: schema, rows, then keys, indexes and foreign keys, then sequence values.
 * A damaged or truncated file, or a row the schema refuses, leaves the database as empty as it was.
 * Afterwards the database is at the backup's migration; `npm start` applies any newer migrations as usual.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { BACKUP_FORMAT, BACKUP_VERSION, openDatabaseTarget, type BackupHeader, type BackupTrailer, type TableSection } from './backup';

const SCHEMA = 'public';
const BATCH_ROWS = 1_000;
const BATCH_BYTES = 4 * 1024 * 1024;

export type RestoreSummary = { tables: Record<string, number>; rows: number };

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What already lives in the target's public schema (restore only goes into an empty database). */
export async function listExistingObjects(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     UNION ALL
     SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'r', 'm')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
     ORDER BY 1`,
    [SCHEMA],
  );
  return rows.map((r) => r.name);
}

async function* readLines(file: string): AsyncGenerator<string> {
  const raw = createReadStream(file);
  const input = raw.pipe(createGunzip());
  // pipe() does not pass errors on: a missing or unreadable file must fail the restore, not the process.
  raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.length > 0) yield line;
  } finally {
    lines.close();
    input.destroy();
  }
}

export async function restoreDatabase(url: string, file: string): Promise<RestoreSummary> {
  const lines = readLines(file);
  const next = async (what: string): Promise<string> => {
    const result = await lines.next();
    if (result.done) throw new Error(`The backup ends early (expected ${what}): the file is incomplete or damaged.`);
    return result.value;
  };
  let header: BackupHeader;
  try {
    header = JSON.parse(await next('the header')) as BackupHeader;
  } catch (error) {
    throw new Error(`${file} is not a Tillit backup (${(error as Error).message}).`);
  }
  if (header.format !== BACKUP_FORMAT) throw new Error(`${file} is not a Tillit backup.`);
  if (header.version > BACKUP_VERSION) throw new Error(`${file} was written by a newer Tillit (format ${header.version}); update Tillit to restore it.`);

  const client = new pg.Client({ connectionString: url, application_name: 'tillit-restore' });
  await client.connect();
  const tables: Record<string, number> = {};
  let total = 0;
  try {
    const existing = await listExistingObjects(client);
    if (existing.length > 0) {
      throw new Error(`The target database is not empty (it has ${existing.slice(0, 5).join(', ')}${existing.length > 5 ? ', …' : ''}); restore only goes into an empty database.`);
    }
    await client.query('BEGIN');
    for (const extension of header.extensions) await client.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(extension)}`);
    for (const statement of header.schema) await client.query(statement);

    for (let index = 0; index < header.tables.length; index += 1) {
      const section = JSON.parse(await next('a table')) as TableSection;
      if (!header.tables.includes(section.table)) throw new Error(`The backup names an unknown table ${section.table}.`);
      const target = `${SCHEMA}.${quoteIdent(section.table)}`;
      const columnList = section.columns.map(quoteIdent).join(', ');
      const insert = `INSERT INTO ${target} (${columnList}) SELECT ${columnList} FROM json_populate_recordset(NULL::${target}, $1::json)`;
      let batch: string[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(insert, [`[${batch.join(',')}]`]);
        batch = [];
        batchBytes = 0;
      };
      for (let row = 0; row < section.rows; row += 1) {
        const line = await next(`row ${row + 1} of ${section.table}`);
        batch.push(line);
        batchBytes += line.length;
        if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
      }
      await flush();
      tables[section.table] = section.rows;
      total += section.rows;
    }
    const trailer = JSON.parse(await next('the end marker')) as BackupTrailer;
    if (!trailer.end || trailer.tables !== header.tables.length || trailer.rows !== total) {
      throw new Error('The backup is inconsistent: its end marker does not match its contents.');
    }
    for (const statement of header.constraints) await client.query(statement);
    for (const sequence of trailer.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [`${SCHEMA}.${quoteIdent(sequence.name)}`, sequence.lastValue, sequence.isCalled]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await lines.return(undefined);
    await client.end().catch(() => {});
  }
  // Fresh planner statistics, as after any bulk load.
  const analyze = new pg.Client({ connectionString: url });
  await analyze.connect();
  await analyze.query('ANALYZE').finally(() => analyze.end());
  return { tables, rows: total };
}

async function main() {
  const argv = process.argv.slice(2);
  const fileArg = argv.find((arg, index) => !arg.startsWith('--') && argv[index - 1] !== '--database-url');
  if (!fileArg) {
    console.error('Usage: npm run db:restore -- FILE [--database-url URL]');
    process.exit(2);
  }
  const file = path.resolve(fileArg);
  const target = await openDatabaseTarget(argv);
  try {
    console.log(`Restoring ${file} into ${target.description}…`);
    const started = Date.now();
    const summary = await restoreDatabase(target.url, file);
    console.log(`Restored ${summary.rows} rows in ${Object.keys(summary.tables).length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await target.release();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'restore.ts')) {
  main().catch((error: Error) => {
    console.error(`Restore failed: ${error.message}`);
    process.exit(1);
  });
}
