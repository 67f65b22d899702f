'use strict';
// PostgreSQL side of the schema-engine bridge (see schema-engine.cjs):
// - a migration-aware driver adapter for Prisma's WASM schema engine, built on @prisma/adapter-pg 7.10.1 with
//   workarounds for four bugs that only show up inside migrations (the app's own queries are not affected);
// - the database admin the CLI asks of the engine directly (can-connect / create / drop database).
// The workarounds lean on adapter-pg internals: keep prisma, @prisma/adapter-pg and the WASM engine pinned.

const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { PrismaPg } = require('@prisma/adapter-pg');
const { ColumnTypeEnum, DriverAdapterError, bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');

// Resolve pg (and its URL parser) the way adapter-pg does, so the patch below reaches the copy it uses.
const fromAdapter = { paths: [path.dirname(require.resolve('@prisma/adapter-pg'))] };
const pg = require(require.resolve('pg', fromAdapter));
const { parseIntoClientConfig } = require(
  require.resolve('pg-connection-string', { paths: [path.dirname(require.resolve('pg', fromAdapter))] }),
);

// Bug 1: adapter-pg has no column type for PostgreSQL's internal one-byte "char" type (OID 18), which the engine's
// catalogue queries select (pg_constraint.contype, pg_class.relkind): "Unsupported column type char". And the engine
// reads those columns as Character, not Text. So let pg report them as text (OID 25), which adapter-pg accepts,
// remember which columns they were (keyed by the result's rows array, which queryRaw passes through unchanged), and
// retype them as Character in queryRaw's answer. Patching pg's Result only affects this engine process.
const PG_CHAR = 18;
const PG_TEXT = 25;
const charColumnsOf = new WeakMap();
const addFields = pg.Result.prototype.addFields;
pg.Result.prototype.addFields = function addFieldsWithCharAsText(fields) {
  const charColumns = [];
  fields.forEach((field, i) => {
    if (field.dataTypeID !== PG_CHAR) return;
    field.dataTypeID = PG_TEXT;
    charColumns.push(i);
  });
  if (charColumns.length > 0) charColumnsOf.set(this.rows, charColumns);
  return addFields.call(this, fields);
};

function withCharColumns(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumnsOf.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

/**
 * Bug 2: adapter-pg builds its shadow-database pool as `{ ...config, database }`; from a `connectionString` config
 * the string wins over `database` and the "shadow" is the real database. So always hand it discrete options.
 * Prisma's own `?schema=` URL parameter becomes the adapter's schema and the connection's search_path.
 */
function connectionConfig(url) {
  if (!url) throw new Error('No database URL: set DATABASE_URL (the datasource.url of prisma.config.ts).');
  const { schema, connect_timeout: timeout = '5', ...config } = parseIntoClientConfig(url);
  if (schema) config.options = [config.options, `-c search_path=${quoteIdent(schema)}`].filter(Boolean).join(' ');
  // Prisma's connect_timeout (seconds, default 5, 0 = none); pg would otherwise wait as long as TCP does.
  if (Number(timeout) > 0) config.connectionTimeoutMillis = Number(timeout) * 1000;
  return { config, schema: schema || 'public' };
}

/** An adapter-pg connection (pool) with the workarounds for bugs 1 and 4 applied. */
async function connectAdapter({ config, schema }) {
  const adapter = withCharColumns(await new PrismaPg(config, { schema }).connect());
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => withCharColumns(await startTransaction(...args));
  // Bug 4: adapter-pg's executeScript splits the script on every ';', which breaks function bodies and string
  // literals. Send the whole migration script as one query instead: without parameters pg uses the simple-query
  // protocol, which runs multi-statement scripts (as one implicit transaction, like the native engine).
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  return adapter;
}

// Same shape as adapter-pg's own mapping for PostgreSQL errors, so the engine reports them the usual way.
function toDriverAdapterError(error) {
  if (typeof error?.code !== 'string' || typeof error?.severity !== 'string') return error;
  const { code, severity, message, detail, column, hint } = error;
  return new DriverAdapterError({ kind: 'postgres', code, severity, message, detail, column, hint, originalCode: code, originalMessage: message });
}

async function withClient(config, fn) {
  const client = new pg.Client(config);
  client.on('error', () => {}); // a connection dropped after use must not crash the engine
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// The default shadow database: a throwaway database on the main server, dropped when the engine disposes of it.
async function connectToTemporaryShadowDb(main) {
  const database = `prisma_migrate_shadow_db_${randomUUID()}`;
  await withClient(main.config, (c) => c.query(`CREATE DATABASE ${quoteIdent(database)}`));
  const adapter = await connectAdapter({ ...main, config: { ...main.config, database } });
  if (main.schema !== 'public') await adapter.executeScript(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(main.schema)}`);
  const dispose = adapter.dispose.bind(adapter);
  // Bug 3: adapter-pg drops the shadow database while its own pool is still connected to it. Close the pool
  // first, then drop with FORCE so a lingering connection cannot leave the database behind.
  adapter.dispose = async () => {
    await dispose();
    await withClient(main.config, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
  };
  return adapter;
}

// An explicit shadowDatabaseUrl (for servers where we may not create databases): use it as scratch space and
// start from an empty schema, as the native engine does.
async function connectToGivenShadowDb(main, shadowDatabaseUrl) {
  const shadow = connectionConfig(shadowDatabaseUrl);
  const { host, port, database } = shadow.config;
  if (host === main.config.host && String(port ?? '') === String(main.config.port ?? '') && database === main.config.database) {
    throw new Error('The shadow database you configured appears to be the same as the main database. Please specify another shadow database.');
  }
  const adapter = await connectAdapter(shadow);
  await adapter.executeScript(`DROP SCHEMA IF EXISTS ${quoteIdent(shadow.schema)} CASCADE; CREATE SCHEMA ${quoteIdent(shadow.schema)};`);
  return adapter;
}

/** The adapter factory handed to the WASM SchemaEngine. Connections are opened lazily, on first use. */
function createMigrationAdapterFactory({ url, shadowDatabaseUrl } = {}) {
  const main = () => connectionConfig(url);
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => withReadableErrors(() => connectAdapter(main())),
    connectToShadowDb: () =>
      withReadableErrors(() =>
        shadowDatabaseUrl ? connectToGivenShadowDb(main(), shadowDatabaseUrl) : connectToTemporaryShadowDb(main()),
      ),
  });
}

// The engine shows a plain JS error only as "External error id#0"; as a driver error its message reaches the user.
async function withReadableErrors(fn) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DriverAdapterError) throw error;
    const postgresError = toDriverAdapterError(error);
    if (postgresError !== error) throw postgresError;
    throw new DriverAdapterError({ kind: 'postgres', code: 'N/A', severity: 'ERROR', message: String(error?.message ?? error) });
  }
}

// ---- `schema-engine cli …` commands --------------------------------------------------------------------------

async function canConnectToDatabase(url) {
  await withClient(connectionConfig(url).config, (c) => c.query('SELECT 1'));
}

// CREATE/DROP DATABASE must run from another database: use the server's maintenance database.
async function onMaintenanceDb(url, fn) {
  const { config } = connectionConfig(url);
  try {
    return await withClient({ ...config, database: 'postgres' }, (c) => fn(c, config.database));
  } catch (error) {
    if (error?.code !== '3D000') throw error; // no "postgres" database: template1 always exists
    return await withClient({ ...config, database: 'template1' }, (c) => fn(c, config.database));
  }
}

const createDatabase = (url) =>
  onMaintenanceDb(url, async (c, database) => {
    await c.query(`CREATE DATABASE ${quoteIdent(database)}`);
    return database;
  });

const dropDatabase = (url) =>
  onMaintenanceDb(url, (c, database) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));

/** Prisma's user-facing error code and message for a failed connection or database command. */
function userFacingError(error, url) {
  let config;
  try {
    config = connectionConfig(url).config;
  } catch {
    return { code: 'P1013', message: `The provided database string is invalid. ${error?.message ?? ''}`.trim() };
  }
  const at = `${config.host || 'localhost'}:${config.port || 5432}`;
  const unreachable = ['P1001', `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`];
  const byCode = {
    ECONNREFUSED: unreachable,
    ENOTFOUND: unreachable,
    EHOSTUNREACH: unreachable,
    ETIMEDOUT: unreachable,
    '28P01': ['P1000', `Authentication failed against database server at \`${at}\`, the provided database credentials for \`${config.user}\` are not valid.`],
    '28000': ['P1010', `User \`${config.user}\` was denied access on the database \`${config.database}\``],
    '3D000': ['P1003', `Database \`${config.database}\` does not exist on the database server at \`${at}\`.`],
    '42P04': ['P1009', `Database \`${config.database}\` already exists on the database server at \`${at}\``],
  };
  const timedOut = /timeout/i.test(String(error?.message)); // pg's connectionTimeoutMillis error has no code
  const [code, message] = byCode[error?.code] ?? (timedOut ? unreachable : [undefined, String(error?.message ?? error)]);
  return { code, message };
}

module.exports = { createMigrationAdapterFactory, canConnectToDatabase, createDatabase, dropDatabase, userFacingError };
