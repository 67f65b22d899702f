/**
 * What makes a session token acceptable, as pure rules (no next-auth, no database, `now` passed in), so that every
 * place that reads a session — pages and route handlers (getSessionUser), the production server's direct routes,
 * next-auth's own renewal at /api/auth/session — applies the same ones.
 *
 * A session token is next-auth's encrypted JWT. Besides its subject (the user id) Tillit puts two claims in it:
 * - `gen`: the account's session generation when the token was first issued. Raising the account's generation
 *   (sign-out, "sign out everywhere", a new password, two-factor sign-in switched on) ends every token issued
 *   before, on every device, including copies of the cookie.
 * - `authTime`: when the person signed in (seconds since the epoch). Renewing a session (next-auth re-issues the
 *   cookie on /api/auth/session) keeps it, so no chain of renewals outlives SESSION_ABSOLUTE_LIFETIME_SECONDS.
 * Tokens without `gen` (issued by tests' fixtures, or before generations existed) count as generation 0, the
 * generation every account starts with, so that a later bump ends them too; without `authTime` their `iat` counts.
 */

/** Idle lifetime: a token expires this long after it was issued or last renewed (next-auth's `maxAge`). */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;

/** A session ends at the latest this long after the sign-in that started it, however often it was renewed. */
export const SESSION_ABSOLUTE_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** The claims of a decoded token that Tillit relies on. */
export type SessionClaims = { sub?: unknown; gen?: unknown; authTime?: unknown; iat?: unknown; purpose?: unknown };

/** Who a token was issued to, under which generation and since when. */
export type SessionToken = { userId: string; generation: number; authTime: number };

/**
 * The session a decoded, signature-checked and unexpired token describes, or null when it does not describe one
 * (no subject, malformed claims) or its absolute lifetime is over at `now`.
 */
export function readSessionClaims(claims: SessionClaims | null | undefined, now: Date): SessionToken | null {
  // A token made for something else (the step between password and second factor) is never a session.
  if (!claims || claims.purpose !== undefined || typeof claims.sub !== 'string' || claims.sub.length === 0) return null;
  const generation = claims.gen === undefined ? 0 : claims.gen;
  if (typeof generation !== 'number' || !Number.isInteger(generation) || generation < 0) return null;
  const authTime = typeof claims.authTime === 'number' ? claims.authTime : typeof claims.iat === 'number' ? claims.iat : null;
  if (authTime === null || !Number.isFinite(authTime)) return null;
  if (!isWithinAbsoluteLifetime(authTime, now)) return null;
  return { userId: claims.sub, generation, authTime };
}

/** Whether a session that started at `authTime` (epoch seconds) may still be used at `now`. */
export function isWithinAbsoluteLifetime(authTime: number, now: Date): boolean {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return authTime <= nowSeconds + 60 && nowSeconds - authTime < SESSION_ABSOLUTE_LIFETIME_SECONDS;
}
