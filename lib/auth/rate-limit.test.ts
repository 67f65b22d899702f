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
  it('refuses the 6th attempt on an account from one address after 5 failures, on any instance; the account from another address is not locked', async () => {
    const email = uniqueEmail();
    const attacker = uniqueAddress();
    const first = await newInstance();
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await first.beginSignInAttempt(email, attacker)).toEqual({ allowed: true });
    const second = await newInstance();
    for (let attempt = 0; attempt < 2; attempt += 1) expect(await second.beginSignInAttempt(email, attacker)).toEqual({ allowed: true });
    const refusedHere = await second.beginSignInAttempt(email, attacker);
    const refusedThere = await first.beginSignInAttempt(email, attacker);
    for (const refused of [refusedHere, refusedThere]) {
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
    }
    // The owner, from their own address, may still try: strangers cannot lock them out.
    expect(await first.beginSignInAttempt(email, uniqueAddress())).toEqual({ allowed: true });
    // Other accounts are not affected.
    expect(await first.beginSignInAttempt(uniqueEmail(), attacker)).toEqual({ allowed: true });
  });

  it('forgives the failures of an account from an address after a correct password there', async () => {
    const limits = await newInstance();
    const email = uniqueEmail();
    const address = uniqueAddress();
    for (let attempt = 0; attempt < 4; attempt += 1) await limits.beginSignInAttempt(email, address);
    expect(await limits.beginSignInAttempt(email, address)).toEqual({ allowed: true });
    await limits.recordSignInSuccess(email, address);
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await limits.beginSignInAttempt(email, address)).toEqual({ allowed: true });
    expect((await limits.beginSignInAttempt(email, address)).allowed).toBe(false);
  });

  it('slows an attack on one account spread over many addresses: past 50 failures only an address without a failure on it may try', async () => {
    const limits = await newInstance();
    const email = uniqueEmail();
    const addresses = Array.from({ length: 25 }, uniqueAddress);
    for (const address of addresses) for (let attempt = 0; attempt < 2; attempt += 1) expect(await limits.beginSignInAttempt(email, address)).toEqual({ allowed: true });
    // 50 failures: an address that already failed on this account is refused before its own 5 are used up …
    expect((await limits.beginSignInAttempt(email, addresses[0]!)).allowed).toBe(false);
    // … while an address with no failure on it (the owner's) may still try, once.
    const owner = uniqueAddress();
    expect(await limits.beginSignInAttempt(email, owner)).toEqual({ allowed: true });
    await limits.recordSignInSuccess(email, owner);
    expect(await limits.beginSignInAttempt(email, owner)).toEqual({ allowed: true });
  });

  it('keeps two-factor codes on counters of their own', async () => {
    const limits = await newInstance();
    const email = uniqueEmail();
    const address = uniqueAddress();
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await limits.beginSignInAttempt(email, address, 'second-factor')).toEqual({ allowed: true });
    expect((await limits.beginSignInAttempt(email, address, 'second-factor')).allowed).toBe(false);
    expect(await limits.beginSignInAttempt(email, address, 'password')).toEqual({ allowed: true });
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

  it('lets no more than 5 parallel attempts through on one account from one address', async () => {
    const limits = await newInstance();
    const email = uniqueEmail();
    const address = uniqueAddress();
    const results = await Promise.all(Array.from({ length: 20 }, () => limits.beginSignInAttempt(email, address)));
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
