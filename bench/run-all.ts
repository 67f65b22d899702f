/**
 * `npm run bench`: runs every bench in this folder, one after the other, each in its own process: every
 * `bench/*.bench.ts`, plus the named benches below when they exist (bench/flow-metrics.ts and friends predate the
 * naming). Helpers (bench/lib, bench/generate-flow-board.ts) are not benches.
 *
 *   npm run bench                          # everything
 *   npm run bench -- --only=moves,flow-metrics
 *   npm run bench -- --only=moves -- --fsync=off --duration=10   # arguments after a second `--` go to the benches
 *
 * Benches run under the `react-server` export condition (`node --conditions=react-server --import tsx`), because
 * several call the server's data layer, whose `server-only` guard throws anywhere else.
 * Exits non-zero when a bench fails (a missed target is reported by the bench, not a failure).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const BENCH_DIR = import.meta.dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
/** Benches that do not follow the *.bench.ts naming. Missing ones are skipped. */
const NAMED_BENCHES = ['flow-metrics.ts', 'flow-page-js.ts'];

export function listBenches(files: string[]): string[] {
  const named = NAMED_BENCHES.filter((name) => files.includes(name));
  const matched = files.filter((name) => name.endsWith('.bench.ts')).sort();
  return [...new Set([...matched, ...named])];
}

function runBench(file: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join('bench', file), ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const separator = argv.indexOf('--');
  const own = separator >= 0 ? argv.slice(0, separator) : argv;
  const passThrough = separator >= 0 ? argv.slice(separator + 1) : [];
  const only = own.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  let benches = listBenches(existsSync(BENCH_DIR) ? readdirSync(BENCH_DIR) : []);
  if (only) benches = benches.filter((file) => only.some((name) => file.replace(/(\.bench)?\.ts$/, '') === name));
  if (benches.length === 0) {
    console.error('No benches found.');
    process.exit(1);
  }
  const outcomes: { file: string; code: number; seconds: number }[] = [];
  for (const file of benches) {
    console.log(`\n### bench/${file}  (node --conditions=react-server --import tsx bench/${file}${passThrough.length ? ` ${passThrough.join(' ')}` : ''})\n`);
    const started = Date.now();
    const code = await runBench(file, passThrough);
    outcomes.push({ file, code, seconds: (Date.now() - started) / 1000 });
  }
  console.log('\n### summary');
  for (const o of outcomes) console.log(`${o.code === 0 ? 'ok    ' : 'FAILED'}  bench/${o.file}  (${o.seconds.toFixed(0)} s)`);
  process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(BENCH_DIR, 'run-all.ts')) void main();
