/**
 * Equal timing of a wrong password (#15 item 4): the time of checkPasswordSignIn (lib/auth/password-sign-in.ts, what
 * the sign-in form's request runs: the rate-limit gate in PostgreSQL, the account lookup, the argon2id check, and
 * for a real account its history row, written off the answer's path) for a wrong password on a real account against
 * one on an address no account has (verified against the dummy argon2id hash), alternating real, unknown, unknown,
 * real … so a drifting machine load weighs on both alike. Every attempt comes from an address of its own, so the
 * limiter counts but never refuses. The issue measured 49.6 ms (real) vs 40.3 ms (unknown) before the fix.
 *
 *   node --conditions=react-server --import tsx bench/sign-in-timing.bench.ts [--attempts=400] [--fsync=off|on]
 *   (or: npm run bench -- --only=sign-in-timing -- --attempts=400)
 *
 * Starts its own throwaway embedded PostgreSQL (TILLIT_BENCH_PG_PORT, default 54375). Prints p50/p95 per kind and
 * the difference of the medians in ms and %; results also in bench/out/sign-in-timing-*. Figures, not a timed test.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrateDatabase } from '../scripts/lib/app-setup';
import { startBenchDatabase } from './lib/embedded-db';
import { describeCommand, writeResults } from './lib/report';
import { formatSummary, summarize } from './lib/stats';

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const WARMUP = 20;
const ATTEMPTS = Number(option('attempts') ?? 400);
const ACCOUNTS = 20;
const FSYNC = (option('fsync') ?? 'off') === 'on';
const PG_PORT = Number(process.env.TILLIT_BENCH_PG_PORT ?? 54375);

async function main() {
  const database = await startBenchDatabase({ port: PG_PORT, fsync: FSYNC });
  try {
    await migrateDatabase({ ...process.env, DATABASE_URL: database.url });
    process.env.DATABASE_URL = database.url;
    process.env.AUTH_SECRET ??= 'tillit-bench-secret-not-for-production';
    const { getDb } = await import('../lib/db');
    const { hashPassword } = await import('../lib/auth/passwords');
    const { checkPasswordSignIn } = await import('../lib/auth/password-sign-in');
    const db = getDb();
    const stamp = Date.now();
    const passwordHash = await hashPassword('the right passphrase of every bench account');
    const accounts = await Promise.all(
      Array.from({ length: ACCOUNTS }, (_, index) => db.user.create({ data: { email: `real.${index}.${stamp}@bench.example`, name: `Bench ${index}`, passwordHash } })),
    );
    let address = 0;
    /** One wrong password from an address of its own (198.18.0.0/15 is for benchmarks), timed. */
    const attempt = async (email: string) => {
      address += 1;
      const ipAddress = `198.${18 + Math.floor(address / 65_536)}.${Math.floor(address / 256) % 256}.${address % 256}`;
      const started = performance.now();
      const outcome = await checkPasswordSignIn({ email, password: 'a wrong guess', ipAddress, userAgent: 'bench' });
      const elapsed = performance.now() - started;
      if (outcome.kind !== 'wrong') throw new Error(`expected a wrong password, got ${outcome.kind}`);
      return elapsed;
    };
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < WARMUP + ATTEMPTS; i += 1) {
      const realEmail = accounts[i % ACCOUNTS]!.email;
      const unknownEmail = `nobody.${i}.${stamp}@bench.example`;
      // Alternate which goes first, so neither always follows the other (or the other's history write).
      const pair = i % 2 === 0 ? [await attempt(realEmail), await attempt(unknownEmail)] : [await attempt(unknownEmail), await attempt(realEmail)].reverse();
      if (i < WARMUP) continue;
      real.push(pair[0]!);
      unknown.push(pair[1]!);
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // the last history rows, written off the path
    const historyRows = await db.signInEvent.count({ where: { type: 'SIGN_IN_FAILED' } });
    await db.$disconnect();
    const realSummary = summarize(real);
    const unknownSummary = summarize(unknown);
    const difference = realSummary.p50 - unknownSummary.p50;
    const percent = (difference / unknownSummary.p50) * 100;
    const lines = [
      `Sign-in timing bench (${new Date().toISOString()}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${os.loadavg().map((value) => value.toFixed(2)).join(' ')})`,
      `  ${describeCommand('bench/sign-in-timing.bench.ts', ['TILLIT_BENCH_PG_PORT'])}`,
      `  checkPasswordSignIn with a wrong password, ${ATTEMPTS} per kind after ${WARMUP} warm-up, alternating; PostgreSQL fsync ${FSYNC ? 'on' : 'off'}`,
      `    real account:     ${formatSummary(realSummary)}`,
      `    unknown address:  ${formatSummary(unknownSummary)}`,
      `    median difference (real − unknown): ${difference >= 0 ? '+' : ''}${difference.toFixed(2)} ms (${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %); ${historyRows} failed-sign-in history rows written for the real accounts`,
    ];
    console.log(lines.join('\n'));
    const files = writeResults('sign-in-timing', { attempts: ATTEMPTS, warmup: WARMUP, fsync: FSYNC, real: realSummary, unknown: unknownSummary, differenceMs: difference, differencePercent: percent }, `${lines.join('\n')}\n`);
    console.log(`  results: ${files.join(', ')}`);
  } finally {
    await database.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
