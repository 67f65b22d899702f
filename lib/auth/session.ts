import 'server-only';
import { parse as parseCookie } from 'cookie';
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getPgPool } from '@/lib/data/sql-pool';
import { getServerEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { readSessionClaims, type SessionToken } from './session-policy';

export type { SessionToken } from './session-policy';

export type SessionUser = { id: string; name: string; email: string; isInstanceAdmin: boolean };

/**
 * The signed-in person, read fresh from the database once per request: the session cookie is checked (signature,
 * expiry, absolute lifetime: lib/auth/session-policy.ts) and the person is read in one statement that also checks
 * the token's session generation, so a removed account, a signed-out session and every copy of its cookie lose
 * access at once even while the cookie itself has not expired.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Through cookies(), not the raw Cookie header: after a server action renewed the session (renewSessionCookie),
  // the page it re-renders must see the renewed cookie, not the one the request came with.
  const cookieHeader = (await cookies())
    .getAll()
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ');
  const session = await readSessionToken(cookieHeader, new Date());
  return session ? findSessionUser(session) : null;
});

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

/** next-auth's session cookie; with HTTPS it carries the __Secure- prefix (`useSecureCookies` in options.ts). */
export function sessionCookieName(): string {
  return `${getServerEnv().isHttps ? '__Secure-' : ''}next-auth.session-token`;
}

/**
 * The session in a request's Cookie header: next-auth's session JWT decrypted with the same secret and checked for
 * expiry (next-auth/jwt `decode`) and for its absolute lifetime. It says who the cookie was issued to and under
 * which generation, not that the session is still current: callers read the person with findSessionUser (or, on
 * the move path, let moveCard's membership statement check the generation). Used by getSessionUser and by the
 * requests served outside Next's request context (lib/api/direct-routes.ts).
 * next-auth splits a large token over `name.0`, `name.1`, …; those parts are joined back in order.
 */
export async function readSessionToken(cookieHeader: string | null, now: Date): Promise<SessionToken | null> {
  if (!cookieHeader) return null;
  const cookies = parseCookie(cookieHeader);
  const name = sessionCookieName();
  let token = cookies[name];
  if (!token) {
    const parts: string[] = [];
    for (let index = 0; cookies[`${name}.${index}`] !== undefined; index += 1) parts.push(cookies[`${name}.${index}`] as string);
    token = parts.join('');
  }
  if (!token) return null;
  const payload = await decode({ token, secret: getServerEnv().AUTH_SECRET }).catch(() => null);
  return readSessionClaims(payload, now);
}

/**
 * The person a session belongs to, read fresh: null once the account is gone or the session's generation has
 * passed. A caller that is not a browser session (an API token's principal, lib/api/v1) passes no generation:
 * then only the account's existence is checked.
 */
export async function findSessionUser(session: { userId: string; generation?: number }): Promise<SessionUser | null> {
  const { rows } =
    session.generation === undefined
      ? await getPgPool().query<SessionUser>({ ...ACCOUNT_USER_STATEMENT, values: [session.userId] })
      : await getPgPool().query<SessionUser>({ ...SESSION_USER_STATEMENT, values: [session.userId, session.generation] });
  return rows[0] ?? null;
}

const ACCOUNT_USER_STATEMENT = {
  name: 'tillit_session_user',
  text: 'SELECT id, name, email, "isInstanceAdmin" FROM "User" WHERE id = $1',
} as const;

/** Read on most requests, so a prepared statement on the plain pool (see lib/data/sql-pool.ts). */
const SESSION_USER_STATEMENT = {
  name: 'tillit_session_user_generation',
  text: 'SELECT id, name, email, "isInstanceAdmin" FROM "User" WHERE id = $1 AND "sessionGeneration" = $2',
} as const;

/** The generation new sessions of this account are issued under (null when the account does not exist). */
export async function readSessionGeneration(userId: string): Promise<number | null> {
  const { rows } = await getPgPool().query<{ sessionGeneration: number }>({
    name: 'tillit_session_generation',
    text: 'SELECT "sessionGeneration" FROM "User" WHERE id = $1',
    values: [userId],
  });
  return rows[0]?.sessionGeneration ?? null;
}

/**
 * Ends every session of the account, on every device: raises its generation, so every token issued before (and
 * every copy of its cookie) is refused from the next request on. Used on sign-out, "sign out everywhere" and a new
 * password. Only a current session can do it: a stale copy of an ended session's cookie (which next-auth's sign-out
 * endpoint still accepts) must not be able to sign the person out of the sessions they started since.
 */
export async function endAllSessions(session: SessionToken): Promise<boolean> {
  const { rowCount } = await getPgPool().query({
    name: 'tillit_end_all_sessions',
    text: 'UPDATE "User" SET "sessionGeneration" = "sessionGeneration" + 1 WHERE id = $1 AND "sessionGeneration" = $2',
    values: [session.userId, session.generation],
  });
  return (rowCount ?? 0) > 0;
}
