import 'server-only';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { getServerEnv } from '@/lib/env';

/**
 * Sign-in rate limits, after rate-limiter-flexible's "login endpoint protection" pattern (and OWASP's advice
 * against account lockout): brute force stays impossible, but nobody can lock someone else out by typing wrong
 * passwords for their e-mail address. Counters live in PostgreSQL, so they hold across every app instance.
 *
 * - per account and address: after TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT (default 5) failed passwords for one
 *   account from one client address, further attempts for that account from that address are refused, unchecked,
 *   until TILLIT_SIGN_IN_LOCK_MINUTES (default 15) after the first failure. The same account from another address
 *   is not affected: its owner still signs in.
 * - per address: after TILLIT_SIGN_IN_MAX_FAILURES_PER_ADDRESS failures (default 100, generous because a whole
 *   office may share one address) on any accounts, every attempt from that address is refused for the window
 *   (the slow-down that stops one address trying many accounts).
 * - per account, from all addresses: after TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT_TOTAL failures (default 50), an
 *   attack spread over many addresses is slowed too: only an address with no failure on this account in the window
 *   may still try (so the owner, signing in from their usual address, gets through; each attacking address gets
 *   one guess).
 *
 * Each attempt is counted before the password is checked (atomic upserts), so parallel attempts cannot slip past a
 * limit between a check and an update. Unknown accounts are counted exactly like real ones, so the limits tell
 * nothing about which exist. Counters are keyed by an HMAC of the e-mail and/or address with the server secret: the
 * table holds no personal data. Two-factor codes have their own limiters of the same shape (see `kind`).
 */

/** What is being guessed: a password, or the second factor's code after a correct password. */
export type SignInSecretKind = 'password' | 'second-factor';

type Limiters = { accountAddress: RateLimiterPostgres; address: RateLimiterPostgres; account: RateLimiterPostgres };

const globalForLimits = globalThis as unknown as { tillitSignInLimits?: Record<SignInSecretKind, Limiters> };

function getLimiters(kind: SignInSecretKind): Limiters {
  if (globalForLimits.tillitSignInLimits) return globalForLimits.tillitSignInLimits[kind];
  const env = getServerEnv();
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3 });
  pool.on('error', () => {}); // an idle client lost its connection; the next query reconnects
  const duration = env.signInLimits.lockMinutes * 60;
  const common = { storeClient: pool, storeType: 'pool', tableName: 'SignInRateLimit', tableCreated: true, duration, clearExpiredByTimeout: true };
  const build = (prefix: string): Limiters => ({
    accountAddress: new RateLimiterPostgres({ ...common, keyPrefix: `${prefix}account-address`, points: env.signInLimits.maxFailuresPerAccount }),
    address: new RateLimiterPostgres({ ...common, keyPrefix: `${prefix}address`, points: env.signInLimits.maxFailuresPerAddress }),
    account: new RateLimiterPostgres({ ...common, keyPrefix: `${prefix}account`, points: env.signInLimits.maxFailuresPerAccountTotal }),
  });
  globalForLimits.tillitSignInLimits = { password: build(''), 'second-factor': build('2fa-') };
  return globalForLimits.tillitSignInLimits[kind];
}

/** Without an address (only under `next dev`, see lib/auth/client-address.ts) every attempt shares one. */
function keysFor(email: string, address: string | null) {
  const hmac = (value: string) => createHmac('sha256', getServerEnv().AUTH_SECRET).update(value).digest('base64url');
  const where = address ?? 'unknown';
  return { accountAddress: hmac(`account-address:${email}\n${where}`), address: hmac(`address:${where}`), account: hmac(`account:${email}`) };
}

export type SignInGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Outcome = { ok: true; consumedPoints: number } | { ok: false; retryAfterSeconds: number };

const retryAfter = (result: RateLimiterRes) => Math.max(1, Math.ceil(result.msBeforeNext / 1000));

async function consume(limiter: RateLimiterPostgres, key: string): Promise<Outcome> {
  try {
    const result = await limiter.consume(key);
    return { ok: true, consumedPoints: result.consumedPoints };
  } catch (rejection) {
    // rate-limiter-flexible rejects with a RateLimiterRes when the points are used up, with an Error when the
    // store failed (the error then reaches the caller: without the database nobody signs in anyway).
    if (rejection instanceof Error) throw rejection;
    return { ok: false, retryAfterSeconds: retryAfter(rejection as RateLimiterRes) };
  }
}

/**
 * Counts an attempt at `kind` for `email` from `address` BEFORE the secret is checked; a refused attempt is not
 * checked at all and does not count further. {@link recordSignInSuccess} gives a successful attempt back.
 */
export async function beginSignInAttempt(email: string, address: string | null, kind: SignInSecretKind = 'password'): Promise<SignInGate> {
  const limiters = getLimiters(kind);
  const keys = keysFor(email, address);
  const fromAddress = await consume(limiters.address, keys.address);
  if (!fromAddress.ok) return { allowed: false, retryAfterSeconds: fromAddress.retryAfterSeconds };
  const pair = await consume(limiters.accountAddress, keys.accountAddress);
  if (!pair.ok) {
    // Refused for the account's sake: this attempt was never tried, so it does not count against the address.
    await limiters.address.reward(keys.address).catch(() => {});
    return { allowed: false, retryAfterSeconds: pair.retryAfterSeconds };
  }
  const account = await consume(limiters.account, keys.account);
  // Past the account's total, only an address with no earlier failure on this account in the window may try.
  if (!account.ok && pair.consumedPoints > 1) {
    await Promise.all([limiters.address.reward(keys.address), limiters.accountAddress.reward(keys.accountAddress)]).catch(() => {});
    return { allowed: false, retryAfterSeconds: account.retryAfterSeconds };
  }
  return { allowed: true };
}

/**
 * A correct secret: the account's failures from this address are forgiven, and the attempt counts against
 * neither the address nor the account's total (which keeps the failures of others: an attacker's guesses do not
 * vanish because the owner signed in).
 */
export async function recordSignInSuccess(email: string, address: string | null, kind: SignInSecretKind = 'password'): Promise<void> {
  const limiters = getLimiters(kind);
  const keys = keysFor(email, address);
  await Promise.all([limiters.accountAddress.delete(keys.accountAddress), limiters.address.reward(keys.address), limiters.account.reward(keys.account)]);
}

/** For tests and operators: clears every counter of this account and address. */
export async function resetSignInLimits(email: string, address: string | null): Promise<void> {
  await Promise.all(
    (['password', 'second-factor'] as const).flatMap((kind) => {
      const limiters = getLimiters(kind);
      const keys = keysFor(email, address);
      return [limiters.accountAddress.delete(keys.accountAddress), limiters.address.delete(keys.address), limiters.account.delete(keys.account)];
    }),
  );
}
