import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies, headers } from 'next/headers';
import { z } from 'zod';
import { clientAddress, shortenUserAgent } from '@/lib/auth/client-address';
import { buildOidcProvider, isEmailVerified, meetsRequiredAuthentication, OIDC_PROVIDER_ID, type OidcMetadata } from '@/lib/auth/oidc';
import { checkPasswordSignIn } from '@/lib/auth/password-sign-in';
import { createPendingSecondFactorToken, pendingSecondFactorCookieName, pendingSecondFactorCookieOptions, readPendingSecondFactor } from '@/lib/auth/second-factor-pending';
import { checkSecondFactorSignIn } from '@/lib/auth/second-factor-sign-in';
import { endAllSessions, findSessionUser, readSessionGeneration } from '@/lib/auth/session';
import { readSessionClaims, SESSION_IDLE_SECONDS } from '@/lib/auth/session-policy';
import { resolveOidcUser } from '@/lib/data/identities';
import { recordSignInEvent, type SignInMethod } from '@/lib/data/sign-in-events';
import { describeErrorForLog } from '@/lib/api/error-log';
import { getServerEnv } from '@/lib/env';
import { log } from '@/lib/log';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

/** The error a refused password attempt carries to the sign-in form: `RATE_LIMITED:<minutes to wait>`. */
export const RATE_LIMITED_ERROR = 'RATE_LIMITED';
/** The password was right and the account has two-factor sign-in: the form goes on to the code step. */
export const SECOND_FACTOR_REQUIRED_ERROR = 'SECOND_FACTOR_REQUIRED';
/** The code step came without (or after) a valid password step: sign in again. */
export const SECOND_FACTOR_EXPIRED_ERROR = 'SECOND_FACTOR_EXPIRED';
/** next-auth's provider id of the step after the password. */
export const TWO_FACTOR_PROVIDER_ID = 'two-factor';

const secondFactorSchema = z.object({
  code: z.string().trim().min(1).max(40),
  kind: z.enum(['totp', 'recovery']),
});

type HeaderSource = Record<string, string | string[] | undefined> | undefined;

function headerValue(source: HeaderSource, name: string): string | null {
  const value = source?.[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Address and browser of the current request, for the person's own sign-in history. */
async function requestContext(): Promise<{ ipAddress: string | null; userAgent: string | null }> {
  try {
    const list = await headers();
    return {
      ipAddress: clientAddress(list),
      userAgent: shortenUserAgent(list.get('user-agent')),
    };
  } catch {
    return { ipAddress: null, userAgent: null };
  }
}

/**
 * next-auth's configuration. `oidcMetadata` is the single sign-on provider's checked discovery document; only the
 * auth route needs it (to send people to the provider and verify its answer), so everything else (reading the
 * session) calls this without it and never contacts the provider.
 */
export function getAuthOptions(oidcMetadata: OidcMetadata | null = null): NextAuthOptions {
  const env = getServerEnv();
  const providers: NextAuthOptions['providers'] = [];
  if (env.localSignIn) {
    providers.push(
      CredentialsProvider({
        name: 'credentials',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const requestHeaders = request?.headers as HeaderSource;
          const ipAddress = clientAddress({ get: (name) => headerValue(requestHeaders, name) });
          const outcome = await checkPasswordSignIn({ email, password, ipAddress, userAgent: shortenUserAgent(headerValue(requestHeaders, 'user-agent')) });
          if (outcome.kind === 'limited') {
            log.warn({ retryAfterSeconds: outcome.retryAfterSeconds }, 'sign-in refused by the rate limit');
            throw new Error(`${RATE_LIMITED_ERROR}:${Math.ceil(outcome.retryAfterSeconds / 60)}`);
          }
          if (outcome.kind === 'wrong') return null;
          if (outcome.needsSecondFactor) {
            // No session yet: the browser gets the pending step's cookie and is sent to the code step.
            const token = await createPendingSecondFactorToken({ userId: outcome.user.id, generation: outcome.user.sessionGeneration });
            (await cookies()).set(pendingSecondFactorCookieName(), token, pendingSecondFactorCookieOptions());
            throw new Error(SECOND_FACTOR_REQUIRED_ERROR);
          }
          return { ...outcome.user, signInMethod: 'password' };
        },
      }),
      CredentialsProvider({
        id: TWO_FACTOR_PROVIDER_ID,
        name: 'two-factor',
        credentials: { code: { type: 'text' }, kind: { type: 'text' } },
        async authorize(raw, request) {
          const parsed = secondFactorSchema.safeParse(raw);
          if (!parsed.success) return null;
          const requestHeaders = request?.headers as HeaderSource;
          const pending = await readPendingSecondFactor(headerValue(requestHeaders, 'cookie'));
          if (!pending) throw new Error(SECOND_FACTOR_EXPIRED_ERROR);
          const outcome = await checkSecondFactorSignIn({
            pending,
            code: parsed.data.code,
            kind: parsed.data.kind,
            ipAddress: clientAddress({ get: (name) => headerValue(requestHeaders, name) }),
            userAgent: shortenUserAgent(headerValue(requestHeaders, 'user-agent')),
            now: new Date(),
          });
          if (outcome.kind === 'expired') throw new Error(SECOND_FACTOR_EXPIRED_ERROR);
          if (outcome.kind === 'limited') {
            log.warn({ retryAfterSeconds: outcome.retryAfterSeconds }, 'second factor refused by the rate limit');
            throw new Error(`${RATE_LIMITED_ERROR}:${Math.ceil(outcome.retryAfterSeconds / 60)}`);
          }
          if (outcome.kind === 'wrong') return null;
          (await cookies()).delete(pendingSecondFactorCookieName());
          return { ...outcome.user, signInMethod: outcome.method };
        },
      }),
    );
  }
  if (env.oidc) providers.push(buildOidcProvider(env.oidc, oidcMetadata));

  return {
    secret: env.AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
    // HttpOnly and SameSite=Lax always (next-auth's defaults); Secure, with __Secure-/__Host- names, whenever the
    // public URL is https, that is whenever Tillit is served behind HTTPS.
    useSecureCookies: env.isHttps,
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers,
    callbacks: {
      /**
       * A single sign-on answer becomes a Tillit account here (see resolveOidcUser). next-auth hands the same
       * `user` object on to the JWT, so setting its id makes the session's subject the Tillit user id.
       */
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const oidc = env.oidc;
        if (!oidc || !profile) return false;
        const claims = profile as Record<string, unknown>;
        if (!meetsRequiredAuthentication(claims, oidc)) {
          log.warn({ acr: typeof claims.acr === 'string' ? claims.acr : null }, 'single sign-on refused: the ID token lacks the required acr/amr');
          throw new Error('OidcMfaRequired');
        }
        const result = await resolveOidcUser({
          issuer: oidc.issuer,
          subject: account.providerAccountId,
          email: typeof claims.email === 'string' ? claims.email : null,
          emailVerified: isEmailVerified(claims, oidc.emailVerifiedClaim),
          name: user.name ?? null,
        });
        if (!result.ok) {
          log.warn({ reason: result.reason }, 'single sign-on refused');
          throw new Error(result.reason);
        }
        if (result.outcome !== 'matched') log.info({ userId: result.userId, outcome: result.outcome }, 'single sign-on identity linked');
        (user as { id: string }).id = result.userId;
        (user as { sessionGeneration?: number }).sessionGeneration = (await readSessionGeneration(result.userId)) ?? 0;
        return true;
      },
      /**
       * At sign-in (`user` present) the token gets its subject, the account's session generation and the sign-in
       * time (lib/auth/session-policy.ts). Otherwise next-auth is renewing the session (/api/auth/session): an
       * ended session (older generation, absolute lifetime over, account removed) is refused, so next-auth
       * clears the cookie instead of extending it; a current one keeps its generation and sign-in time.
       */
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.gen = (user as { sessionGeneration?: number }).sessionGeneration ?? 0;
          token.authTime = Math.floor(Date.now() / 1000);
        } else {
          const session = readSessionClaims(token, new Date());
          if (!session || !(await findSessionUser(session))) throw new Error('the session has ended');
          token.gen = session.generation;
          token.authTime = session.authTime;
        }
        delete token.picture;
        return token;
      },
      // The JWT's subject is the user id; expose it on the session so server code can look the user up.
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        const method = account?.provider === OIDC_PROVIDER_ID ? 'sso' : ((user as { signInMethod?: SignInMethod }).signInMethod ?? 'password');
        await recordSignInEvent({ userId: user.id, type: 'SIGNED_IN', method, ...(await requestContext()) }).catch((error: unknown) =>
          log.error({ err: describeErrorForLog(error) }, 'could not record a sign-in'),
        );
      },
      async signOut({ token }) {
        const session = readSessionClaims(token, new Date());
        if (!session) return;
        // Signing out ends the account's sessions everywhere (and every copy of this cookie); a stale copy of an
        // already ended session changes nothing (endAllSessions checks the generation).
        const hasEnded = await endAllSessions(session).catch((error: unknown) => {
          log.error({ err: describeErrorForLog(error) }, 'could not end the sessions at sign-out');
          return false;
        });
        if (!hasEnded) return;
        await recordSignInEvent({ userId: session.userId, type: 'SIGNED_OUT', method: null, ...(await requestContext()) }).catch((error: unknown) =>
          log.error({ err: describeErrorForLog(error) }, 'could not record a sign-out'),
        );
      },
    },
    logger: {
      error(code, metadata) {
        const error = (metadata as { error?: Error; message?: string } | undefined)?.error ?? (metadata as Error | undefined);
        // next-auth's own codes (OAUTH_CALLBACK_ERROR, JWT_SESSION_ERROR, …) say what happened; an error's message can
        // quote a database error (and with it data), so only its type, codes and frames are logged.
        log.error({ code, err: describeErrorForLog(error) }, 'next-auth error');
      },
      warn(code) {
        log.warn({ code }, 'next-auth warning');
      },
      debug() {},
    },
  };
}
