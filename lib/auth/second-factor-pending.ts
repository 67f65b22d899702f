import 'server-only';
import { parse as parseCookie } from 'cookie';
import { decode, encode } from 'next-auth/jwt';
import { getServerEnv } from '@/lib/env';

/**
 * Between the password and the second factor: after a correct password for an account with two-factor sign-in,
 * the browser gets this short-lived, encrypted, HttpOnly cookie instead of a session. It names the account and
 * the session generation the password was checked under; the two-factor step (lib/auth/options.ts, provider
 * `two-factor`) accepts a code only with it, so the password is never sent twice and never kept by the page.
 * It is not a session: it has no subject, and readSessionClaims refuses any token with a `purpose`.
 */
export const PENDING_SECOND_FACTOR_SECONDS = 5 * 60;

export function pendingSecondFactorCookieName(): string {
  return `${getServerEnv().isHttps ? '__Secure-' : ''}tillit.second-factor`;
}

export type PendingSecondFactor = { userId: string; generation: number };

export async function createPendingSecondFactorToken(pending: PendingSecondFactor): Promise<string> {
  return encode({ token: { purpose: 'second-factor', uid: pending.userId, gen: pending.generation }, secret: getServerEnv().AUTH_SECRET, maxAge: PENDING_SECOND_FACTOR_SECONDS });
}

/** The pending step a Cookie header carries, or null (none, expired, forged). */
export async function readPendingSecondFactor(cookieHeader: string | null | undefined): Promise<PendingSecondFactor | null> {
  const token = cookieHeader ? parseCookie(cookieHeader)[pendingSecondFactorCookieName()] : undefined;
  if (!token) return null;
  const payload = await decode({ token, secret: getServerEnv().AUTH_SECRET }).catch(() => null);
  if (!payload || payload.purpose !== 'second-factor' || typeof payload.uid !== 'string' || typeof payload.gen !== 'number') return null;
  return { userId: payload.uid, generation: payload.gen };
}

export function pendingSecondFactorCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, secure: getServerEnv().isHttps, path: '/', maxAge: PENDING_SECOND_FACTOR_SECONDS };
}
