import 'server-only';
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { getServerEnv } from '@/lib/env';

/**
 * Sign-in rate limits (rate-limiter-flexible, counters in PostgreSQL so they hold across every app instance):
 *
 * - per account: after TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT failed passwords (default 5) for one e-mail
 *   address, further attempts for it are refused, unchecked, until TILLIT_SIGN_IN_LOCK_MINUTES (default 15) after
 *   the first failure. Unknown addresses are counted exactly like real ones, so the limit tells nothing about which exist.
 *   A successful sign-in clears the account's counter.
 * - per client address: after TILLIT_SIGN_IN_MAX_FAILURES_PER_ADDRESS failures (default 100, generous because a
 *   whole office may share one address), every attempt from that address is refused for the same period.
 *
 * Counters are keyed by an HMAC of the e-mail or address with the server secret: the table holds no personal data.
 */

type Limiters = { account: RateLimiterPostgres; address: RateLimiterPostgres };

const globalForLimits = globalThis as unknown as { tillitSignInLimits?: Limiters };

function getLimiters(): Limiters {
  if (globalForLimits.tillitSignInLimits) return globalForLimits.tillitSignInLimits;
  const env = getServerEnv();
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3 });
  pool.on('error', () => {}); // an idle client lost its connection; the next query reconnects
  const duration = env.signInLimits.lockMinutes * 60;
  const common = { storeClient: pool, storeType: 'pool', tableName: 'SignInRateLimit', tableCreated: true, duration, clearExpiredByTimeout: true };
  globalForLimits.tillitSignInLimits = {
    account: new RateLimiterPostgres({ ...common, keyPrefix: 'account', points: env.signInLimits.maxFailuresPerAccount }),
    address: new RateLimiterPostgres({ ...common, keyPrefix: 'address', points: env.signInLimits.maxFailuresPerAddress }),
  };
  return globalForLimits.tillitSignInLimits;
}

function limitKey(kind: 'account' | 'address', value: string): string {
  return createHmac('sha256', getServerEnv().AUTH_SECRET).update(`${kind}:${value}`).digest('base64url');
}

export type SignInGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Outcome = { ok: true } | { ok: false; retryAfterSeconds: number };

async function consume(limiter: RateLimiterPostgres, key: string): Promise<Outcome> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (rejection) {
    // rate-limiter-flexible rejects with a RateLimiterRes when the points are used up, with an Error when the
    // store failed (the error then reaches the caller: without the database nobody signs in anyway).
    if (rejection instanceof Error) throw rejection;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000)) };
  }
}

/**
 * Counts a password attempt for `email` from `address` BEFORE the password is checked, so that parallel attempts
 * cannot slip past the limit between a check and an update (the counter update is one atomic upsert). A refused
 * attempt is not checked at all. {@link recordSignInSuccess} gives a successful attempt back.
 */
export async function beginSignInAttempt(email: string, address: string | null): Promise<SignInGate> {
  const limiters = getLimiters();
  if (address) {
    const fromAddress = await consume(limiters.address, limitKey('address', address));
    if (!fromAddress.ok) return { allowed: false, retryAfterSeconds: fromAddress.retryAfterSeconds };
  }
  const account = await consume(limiters.account, limitKey('account', email));
  if (!account.ok) {
    // Refused for the account's sake: this attempt was never tried, so it does not count against the address.
    if (address) await limiters.address.reward(limitKey('address', address)).catch(() => {});
    return { allowed: false, retryAfterSeconds: account.retryAfterSeconds };
  }
  return { allowed: true };
}

/** A correct password: the account's failures are forgiven, and the attempt does not count against the address. */
export async function recordSignInSuccess(email: string, address: string | null): Promise<void> {
  const limiters = getLimiters();
  await Promise.all([
    limiters.account.delete(limitKey('account', email)),
    address ? limiters.address.reward(limitKey('address', address)) : Promise.resolve(),
  ]);
}

/** For tests and operators: clears both counters. */
export async function resetSignInLimits(email: string, address: string | null): Promise<void> {
  const limiters = getLimiters();
  await Promise.all([limiters.account.delete(limitKey('account', email)), address ? limiters.address.delete(limitKey('address', address)) : Promise.resolve()]);
}
