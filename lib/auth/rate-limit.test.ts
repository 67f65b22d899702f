/**
 * The sign-in rate limits against a real PostgreSQL, as two app instances would use them: the counters live in
 * the database, so a limit reached through one instance holds on the other.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

/** A fresh module instance with its own connection pool: a second app instance. */
async function newInstance() {
  (globalThis as { tillitSignInLimits?: unknown }).tillitSignInLimits = undefined;
  const { vi } = await import('vitest');
  vi.resetModules();
  return import('./rate-limit');
}

const uniqueEmail = () => `limit.${randomUUID()}@test.example`;
const uniqueAddress = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 6)}`;

describe.runIf(hasDatabase)('sign-in rate limits', { timeout: 30_000 }, () => {
  it('refuses the 6th attempt on an account after 5 failures, from any address and any instance', async () => {
    const email = uniqueEmail();
    const first = await newInstance();
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await first.beginSignInAttempt(email, uniqueAddress())).toEqual({ allowed: true });
    const second = await newInstance();
    for (let attempt = 0; attempt < 2; attempt += 1) expect(await second.beginSignInAttempt(email, uniqueAddress())).toEqual({ allowed: true });
    const refusedHere = await second.beginSignInAttempt(email, uniqueAddress());
    const refusedThere = await first.beginSignInAttempt(email, uniqueAddress());
    for (const refused of [refusedHere, refusedThere]) {
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
    }
    // Other accounts are not affected.
    expect(await first.beginSignInAttempt(uniqueEmail(), uniqueAddress())).toEqual({ allowed: true });
  });

  it('forgives the failures of an account after a correct password', async () => {
    const limits = await newInstance();
    const email = uniqueEmail();
    const address = uniqueAddress();
    for (let attempt = 0; attempt < 4; attempt += 1) await limits.beginSignInAttempt(email, address);
    expect(await limits.beginSignInAttempt(email, address)).toEqual({ allowed: true });
    await limits.recordSignInSuccess(email, address);
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await limits.beginSignInAttempt(email, address)).toEqual({ allowed: true });
    expect((await limits.beginSignInAttempt(email, address)).allowed).toBe(false);
  });

  it('refuses an address after 100 failures on any accounts, but not other addresses', async () => {
    const limits = await newInstance();
    const address = uniqueAddress();
    for (let batch = 0; batch < 10; batch += 1) {
      const results = await Promise.all(Array.from({ length: 10 }, () => limits.beginSignInAttempt(uniqueEmail(), address)));
      expect(results.every((result) => result.allowed)).toBe(true);
    }
    expect((await limits.beginSignInAttempt(uniqueEmail(), address)).allowed).toBe(false);
    expect(await limits.beginSignInAttempt(uniqueEmail(), uniqueAddress())).toEqual({ allowed: true });
  });

  it('lets no more than 5 parallel attempts through on one account', async () => {
    const limits = await newInstance();
    const email = uniqueEmail();
    const results = await Promise.all(Array.from({ length: 20 }, () => limits.beginSignInAttempt(email, uniqueAddress())));
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
  });

  it('stores no e-mail address or network address', async () => {
    const limits = await newInstance();
    const email = uniqueEmail();
    await limits.beginSignInAttempt(email, '198.51.100.99');
    const { getDb } = await import('@/lib/db');
    const rows = await getDb().signInRateLimit.findMany({ select: { key: true } });
    expect(rows.some((row) => row.key.includes(email) || row.key.includes('198.51.100.99'))).toBe(false);
  });
});
