import 'server-only';
import { parse as parseCookie } from 'cookie';
import { getServerSession } from 'next-auth';
import { decode } from 'next-auth/jwt';
import { cache } from 'react';
import { getPgPool } from '@/lib/data/sql-pool';
import { getDb } from '@/lib/db';
import { getServerEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getAuthOptions } from './options';

export type SessionUser = { id: string; name: string; email: string; isInstanceAdmin: boolean };

/**
 * The signed-in person, read fresh from the database once per request, so a removed account loses access at
 * once even while its session cookie is still valid.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, isInstanceAdmin: true },
  });
  return user;
});

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

/** next-auth's session cookie; with HTTPS it carries the __Secure- prefix (`useSecureCookies` in options.ts). */
function sessionCookieName(): string {
  return `${getServerEnv().isHttps ? '__Secure-' : ''}next-auth.session-token`;
}

/**
 * The subject (user id) of the session in a request's Cookie header, for requests served outside Next's request
 * context (lib/api/direct-routes.ts): next-auth's session JWT decrypted with the same secret and checked for
 * expiry (next-auth/jwt `decode`). It says who the cookie was issued to, not that the person still exists: callers
 * read the person (findSessionUser) or let the data layer's membership check refuse a removed account.
 * next-auth splits a large token over `name.0`, `name.1`, …; those parts are joined back in order.
 */
export async function readSessionUserId(cookieHeader: string | null): Promise<string | null> {
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
  return payload?.sub ?? null;
}

/** The person a session belongs to, read fresh (null once the account is gone). */
export async function findSessionUser(userId: string): Promise<SessionUser | null> {
  const { rows } = await getPgPool().query<SessionUser>({ ...SESSION_USER_STATEMENT, values: [userId] });
  return rows[0] ?? null;
}

/** Read on most board commands, so a prepared statement on the plain pool (see lib/data/sql-pool.ts). */
const SESSION_USER_STATEMENT = {
  name: 'tillit_session_user',
  text: 'SELECT id, name, email, "isInstanceAdmin" FROM "User" WHERE id = $1',
} as const;
