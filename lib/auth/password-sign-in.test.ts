/**
 * A password attempt (lib/auth/password-sign-in.ts) against a real PostgreSQL: the answer to a wrong password does
 * not wait for the owner's sign-in history to be written (so a real account answers as fast as an unknown one),
 * and the history row still arrives.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

/** Resolves with the promise's value, or rejects when it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
}

describe.runIf(hasDatabase)('password sign-in', { timeout: 60_000 }, () => {
  it('answers a wrong password on a real account without waiting for its history row, which still arrives', async () => {
    const { getDb } = await import('@/lib/db');
    const { hashPassword } = await import('./passwords');
    const { checkPasswordSignIn } = await import('./password-sign-in');
    const db = getDb();
    const email = `timing.${randomUUID().slice(0, 8)}@test.example`;
    const user = await db.user.create({ data: { email, name: 'Tid Lika', passwordHash: await hashPassword('the right one') } });
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    // Another session holds the history table: a write to it waits until the lock is released.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE "SignInEvent" IN ACCESS EXCLUSIVE MODE');
      const outcome = await within(checkPasswordSignIn({ email, password: 'a wrong one', ipAddress: address, userAgent: 'vitest' }), 15_000);
      expect(outcome).toEqual({ kind: 'wrong' });
      await blocker.query('ROLLBACK');
      await expect.poll(() => db.signInEvent.count({ where: { userId: user.id, type: 'SIGN_IN_FAILED' } }), { timeout: 10_000 }).toBe(1);
      expect(await checkPasswordSignIn({ email, password: 'the right one', ipAddress: address, userAgent: 'vitest' })).toMatchObject({ kind: 'signed-in', user: { id: user.id, sessionGeneration: 0 } });
      expect(await checkPasswordSignIn({ email: `nobody.${randomUUID().slice(0, 8)}@test.example`, password: 'x', ipAddress: address, userAgent: 'vitest' })).toEqual({ kind: 'wrong' });
    } finally {
      await blocker.end().catch(() => {});
      await db.user.delete({ where: { id: user.id } });
    }
  });
});
