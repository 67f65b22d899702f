#!/usr/bin/env node
'use strict';
// Stand-in for Prisma's native `schema-engine` binary, which the Prisma 7 CLI wants to download from Prisma's CDN
// (unreachable here). prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this file; it speaks the binary's
// protocol and does the work with Prisma's official WebAssembly schema engine (@prisma/schema-engine-wasm) over a
// PostgreSQL driver adapter (./pg-adapter.cjs). Plain CommonJS so every spawn starts fast without a compile step.
//
// How prisma 7.10's CLI calls the engine:
//   schema-engine --version                                          one line on stdout, exit 0
//   schema-engine --datasource '{"url":…}' cli <command>             can-connect-to-database | create-database |
//                                                                    drop-database; on failure: one line, then a
//                                                                    JSON log line {fields:{message,error_code}} on
//                                                                    stderr, exit 1
//   schema-engine [--datamodels <file>]… [--datasource '{"url":…,"shadowDatabaseUrl":…}']
//                                                                    JSON-RPC 2.0, one message per line on
//                                                                    stdin/stdout; method names are the WASM
//                                                                    SchemaEngine's (applyMigrations, diff, …)
// If this program exits early the CLI exits 0 without a word, so nothing may fail before the first request:
// the WASM engine is created lazily and every failure is answered as a JSON-RPC error.

const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const WASM_DIR = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, version: false, cli: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--version' || arg === '-V') args.version = true;
    else if (arg === '--datamodels') args.datamodels.push(argv[++i]);
    else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (arg === 'cli') args.cli = argv[++i];
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++; // not used by the WASM engine
  }
  return args;
}

// A log line in the native engine's format; the CLI reads these from stderr.
function log(level, fields, target = 'schema_engine::logger') {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

// Warnings (e.g. pg's sslmode notice) go out as log lines: the CLI parses every stderr line after the first as JSON.
process.removeAllListeners('warning');
process.on('warning', (warning) => log('WARN', { message: warning.message }));

async function runCliCommand(command, url) {
  const db = require('./pg-adapter.cjs');
  const commands = {
    'can-connect-to-database': db.canConnectToDatabase,
    'create-database': db.createDatabase,
    'drop-database': db.dropDatabase,
  };
  try {
    if (!commands[command]) throw new Error(`Unknown cli command: ${command}`);
    await commands[command](url);
    process.exit(0);
  } catch (error) {
    const { code, message } = db.userFacingError(error, url);
    process.stderr.write(`${message.split('\n')[0]}\n`); // the CLI skips the first stderr line
    log('ERROR', { message, error_code: code });
    process.exit(1);
  }
}

// The package's entry (schema_engine.js) imports the .wasm file as an ES module, which Node 20 cannot do without
// --experimental-wasm-modules, so instantiate it by hand the way that entry would.
async function loadWasmEngine() {
  // The WASM build's panic hook reports the panic message here before it traps (as Prisma's own JS does).
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message) {
      lastPanicMessage = message;
      log('ERROR', { message: `panic: ${message}` });
    },
  };
  const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasm = fs.readFileSync(path.join(WASM_DIR, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(wasm, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings.SchemaEngine;
}

// RPC methods passed straight to the WASM SchemaEngine (the CLI's names; getDatabaseVersion is renamed below).
const ENGINE_METHODS = new Set([
  'applyMigrations', 'createMigration', 'dbExecute', 'debugPanic', 'devDiagnostic', 'diagnoseMigrationHistory',
  'diff', 'ensureConnectionValidity', 'evaluateDataLoss', 'introspect', 'introspectSql', 'markMigrationApplied',
  'markMigrationRolledBack', 'reset', 'schemaPush',
]);

function runJsonRpc(args) {
  const db = require('./pg-adapter.cjs');
  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);

  let engine;
  const getEngine = () =>
    (engine ??= loadWasmEngine().then((SchemaEngine) => {
      const datamodels = args.datamodels.map((file) => [file, fs.readFileSync(file, 'utf8')]);
      const onLog = (line) => process.stderr.write(`${String(line).trimEnd()}\n`); // already the native JSON format
      return SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, onLog, db.createMigrationAdapterFactory(args.datasource));
    }));

  // Requests this side sends to the CLI (only `print`), waiting for the CLI's answer.
  let nextId = 1;
  const waiting = new Map();
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = `engine-${nextId++}`;
      waiting.set(id, resolve);
      send({ id, method, params });
    });

  async function call(method, params) {
    if (method === 'getDatabaseVersion') return (await getEngine()).version(params);
    if (method === 'createDatabase') return { databaseName: await db.createDatabase(args.datasource.url) };
    if (!ENGINE_METHODS.has(method)) throw Object.assign(new Error(`Unknown method: ${method}`), { rpcCode: -32601 });
    const result = await (await getEngine())[method](params ?? {});
    // The native engine prints the diff through the CLI (so `migrate diff --output` can capture it).
    if (method === 'diff' && result?.stdout) await request('print', { content: result.stdout });
    return result ?? {};
  }

  // One request at a time, in order, like the native engine; answers to our own requests bypass the queue.
  let queue = Promise.resolve();
  let inFlight; // id of the request being handled
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (message.method === undefined) {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
      return;
    }
    queue = queue.then(async () => {
      inFlight = message.id;
      try {
        send({ id: message.id, result: await call(message.method, message.params) });
      } catch (error) {
        send({ id: message.id, error: toRpcError(error) });
      }
      inFlight = undefined;
    });
  });
  // A Rust panic can surface outside the awaited promise (from a callback the WASM engine scheduled). The engine
  // is unusable after that: answer the pending request with the panic, then exit like the native engine (101).
  process.on('uncaughtException', (error) => {
    if (inFlight !== undefined) send({ id: inFlight, error: toRpcError(error) });
    else log('ERROR', { message: String(error?.stack ?? error) });
    process.exit(101);
  });
  // The CLI ends stdin when it is done (and kills us right after): finish the current request, then leave.
  lines.on('close', () => {
    for (const resolve of waiting.values()) resolve(); // nobody is left to answer a `print`
    queue.finally(() => process.exit(0));
  });
}

// The WASM build appends a Rust span trace ("   0: sql_schema_connector::… at …rs:113") to its messages: drop it,
// keeping the one useful detail it may carry, the name of the migration that failed.
function withoutTrace(error) {
  const [text, trace = ''] = String(error?.message ?? error).split(/\n(?=\s+0: \w+::)/);
  const migration = trace.match(/migration_name="([^"]+)"/)?.[1];
  return migration ? `${text.trimEnd()}\nMigration name: ${migration}` : text;
}

// The native engine's error shape: the CLI shows data.message, prefixed by data.error_code (P1012, P3006, …).
let lastPanicMessage;
function toRpcError(error) {
  const isPanic = error instanceof WebAssembly.RuntimeError; // a Rust panic inside the WASM engine
  const message = isPanic ? `${lastPanicMessage ?? 'The schema engine panicked'} (${error.message})` : withoutTrace(error);
  return {
    code: error?.rpcCode ?? 4466,
    message: isPanic ? message : 'An error happened. Check the data field for details.',
    data: { is_panic: isPanic, message, error_code: typeof error?.code === 'string' ? error.code : undefined, meta: error?.meta },
  };
}

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  const { version } = JSON.parse(fs.readFileSync(path.join(WASM_DIR, 'package.json'), 'utf8'));
  process.stdout.write(`schema-engine-cli ${version.split('.').pop()} (wasm bridge)\n`);
} else if (args.cli) {
  runCliCommand(args.cli, args.datasource.url);
} else {
  runJsonRpc(args);
}
