import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

// The committed migrations must produce exactly schema.prisma: a schema change without its migration fails here.
describe.runIf(process.env.DATABASE_URL)('app migrations', () => {
  it('match prisma/schema.prisma (no drift)', () => {
    const output = execFileSync(
      path.join(ROOT, 'node_modules/.bin/prisma'),
      ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--exit-code'],
      { cwd: ROOT, encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(output).toContain('No difference detected');
  }, 60_000);
});
