import 'server-only';
import { encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { getServerEnv } from '@/lib/env';
import { sessionCookieName, type SessionToken } from './session';
import { SESSION_IDLE_SECONDS } from './session-policy';

/**
 * Gives this browser a session under the account's new generation, after an action that ended every other session
 * (two-factor sign-in switched on, a new password): the person who made the change stays signed in here, every other
 * copy of the old session is refused. The sign-in time is kept, so the absolute lifetime still counts from it. Only
 * for server actions and route handlers (they may set cookies); same cookie and flags as next-auth's own.
 */
export async function renewSessionCookie(session: SessionToken, user: { name: string; email: string }, generation: number): Promise<void> {
  const env = getServerEnv();
  const token = await encode({ token: { sub: session.userId, name: user.name, email: user.email, gen: generation, authTime: session.authTime }, secret: env.AUTH_SECRET, maxAge: SESSION_IDLE_SECONDS });
  (await cookies()).set(sessionCookieName(), token, { httpOnly: true, sameSite: 'lax', secure: env.isHttps, path: '/', expires: new Date(Date.now() + SESSION_IDLE_SECONDS * 1000) });
}
