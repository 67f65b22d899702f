import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, run } from './run';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A stable secret for local use, kept in .data so sessions survive restarts. Production sets AUTH_SECRET. */
export function ensureLocalAuthSecret(): string {
  const existing = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (existing) return existing;
  const file = path.join(ROOT, '.data', 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export async function migrateDatabase(env: NodeJS.ProcessEnv): Promise<void> {
  await run(BIN('prisma'), ['migrate', 'deploy'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

const BUILD_INPUTS = ['app', 'components', 'lib', 'next.config.js', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json', 'proxy.ts', 'instrumentation.ts', 'instrumentation-client.ts'];

function collectInputStats(entry: string, out: string[]): void {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return;
  const stats = statSync(full);
  if (stats.isDirectory()) {
    for (const child of readdirSync(full).sort()) collectInputStats(path.join(entry, child), out);
  } else {
    out.push(`${entry}:${stats.size}:${stats.mtimeMs}`);
  }
}

/** What the last build was made from (names, sizes and times of its inputs); a change means we rebuild. */
function getSourceFingerprint(): string {
  const stats: string[] = [];
  for (const entry of BUILD_INPUTS) collectInputStats(entry, stats);
  return createHash('sha256').update(stats.join('\n')).digest('hex');
}

export async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const distDir = path.join(ROOT, env.NEXT_DIST_DIR ?? '.next');
  const fingerprintFile = path.join(distDir, 'tillit-source-fingerprint');
  const fingerprint = getSourceFingerprint();
  const isBuilt = existsSync(path.join(distDir, 'BUILD_ID'));
  const previous = existsSync(fingerprintFile) ? readFileSync(fingerprintFile, 'utf8') : '';
  if (isBuilt && previous === fingerprint) return;
  console.log('Building Tillit (first start or changed sources)…');
  await run(BIN('next'), ['build'], { cwd: ROOT, env: { ...env, NEXT_TELEMETRY_DISABLED: '1' } });
  writeFileSync(fingerprintFile, fingerprint);
}
