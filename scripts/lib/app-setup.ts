import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** What the last build was made from; a different fingerprint means the sources changed and we rebuild. */
function getSourceFingerprint(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
    const status = execFileSync('git', ['status', '--porcelain', '--', 'app', 'components', 'lib', 'next.config.js', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' });
    return createHash('sha256').update(head + status).digest('hex');
  } catch {
    return 'no-git';
  }
}

export async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const fingerprintFile = path.join(ROOT, '.next', 'tillit-source-fingerprint');
  const fingerprint = getSourceFingerprint();
  const isBuilt = existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
  const previous = existsSync(fingerprintFile) ? readFileSync(fingerprintFile, 'utf8') : '';
  if (isBuilt && previous === fingerprint && fingerprint !== 'no-git') return;
  console.log('Building Tillit (first start or changed sources)…');
  await run(BIN('next'), ['build'], { cwd: ROOT, env: { ...env, NEXT_TELEMETRY_DISABLED: '1' } });
  writeFileSync(fingerprintFile, fingerprint);
}
