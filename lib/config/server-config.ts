/**
 * The server's whole configuration as one validated object, parsed from environment variables. Pure (no
 * `server-only`), so that `instrumentation.ts` can check it once when the server starts and stop with a message
 * naming every missing or wrong setting, and so that unit tests can feed it any environment.
 */
import { z } from 'zod';

const booleanFlag = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() || undefined)
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: `${name} must be true or false` }).optional())
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

const positiveInt = (name: string, fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
        context.addIssue({ code: 'custom', message: `${name} must be a whole number from 1 to ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `${name} must be an http(s) URL`);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const sourceSchema = z.object({
  DATABASE_URL: z.string({ error: 'DATABASE_URL is missing' }).regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  AUTH_SECRET: z.string({ error: 'AUTH_SECRET (or NEXTAUTH_SECRET) is missing' }).min(16, 'AUTH_SECRET (or NEXTAUTH_SECRET) must be at least 16 characters'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  NEXTAUTH_URL: optionalText.pipe(httpUrl('NEXTAUTH_URL').optional()),
  OIDC_ISSUER: optionalText.pipe(httpUrl('OIDC_ISSUER').optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_DISPLAY_NAME: optionalText.pipe(z.string().max(60, 'OIDC_DISPLAY_NAME can be at most 60 characters').optional()),
  OIDC_SCOPES: optionalText,
  OIDC_EMAIL_VERIFIED_CLAIM: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'OIDC_EMAIL_VERIFIED_CLAIM must be a claim name').optional()),
  OIDC_REQUIRED_ACR: optionalText.pipe(z.string().max(1000).regex(/^[^\s"]+(\s+[^\s"]+)*$/, 'OIDC_REQUIRED_ACR must be space-separated acr values').optional()),
  OIDC_REQUIRED_AMR: optionalText.pipe(z.string().max(1000).regex(/^[A-Za-z0-9_.:-]+(\s+[A-Za-z0-9_.:-]+)*$/, 'OIDC_REQUIRED_AMR must be space-separated amr values').optional()),
  TILLIT_LOCAL_SIGN_IN: booleanFlag('TILLIT_LOCAL_SIGN_IN', true),
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  SMTP_FROM: optionalText,
  TILLIT_TRUSTED_PROXY_HOPS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return 0;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0 || parsed > 5) {
        context.addIssue({ code: 'custom', message: 'TILLIT_TRUSTED_PROXY_HOPS must be a whole number from 0 to 5' });
        return z.NEVER;
      }
      return parsed;
    }),
  TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT: positiveInt('TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT', 5, 1000),
  TILLIT_SIGN_IN_MAX_FAILURES_PER_ADDRESS: positiveInt('TILLIT_SIGN_IN_MAX_FAILURES_PER_ADDRESS', 100, 100_000),
  TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT_TOTAL: positiveInt('TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT_TOTAL', 50, 100_000),
  TILLIT_SIGN_IN_LOCK_MINUTES: positiveInt('TILLIT_SIGN_IN_LOCK_MINUTES', 15, 24 * 60),
});

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  scopes: string;
  emailVerifiedClaim: string;
  /** ID tokens must carry one of these `acr` values (OIDC_REQUIRED_ACR), e.g. the organisation's multi-factor level. */
  requiredAcr: string[];
  /** …or one of these `amr` values (OIDC_REQUIRED_AMR), e.g. `mfa` (Entra ID) or `otp`. */
  requiredAmr: string[];
};

export type ServerConfig = {
  DATABASE_URL: string;
  AUTH_SECRET: string;
  NODE_ENV: 'development' | 'production' | 'test';
  /** The public URL (NEXTAUTH_URL), when set. */
  publicUrl: string | undefined;
  /** Whether the public URL is https: session cookies are then Secure and HSTS is sent. */
  isHttps: boolean;
  oidc: OidcConfig | null;
  localSignIn: boolean;
  smtp: { url: string; from: string } | null;
  trustedProxyHops: number;
  /** Per account from one address, per address, per account from all addresses (lib/auth/rate-limit.ts). */
  signInLimits: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; maxFailuresPerAccountTotal: number; lockMinutes: number };
};

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; problems: string[] };

type Source = Record<string, string | undefined>;

/** Parses the environment. Every problem is reported at once, each naming the variable to set. */
export function parseServerConfig(env: Source): ConfigResult {
  const parsed = sourceSchema.safeParse({
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? env.NEXTAUTH_SECRET,
  });
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      });
  problems.push(...crossFieldProblems(env));
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const source = parsed.data;
  const oidc: OidcConfig | null =
    source.OIDC_ISSUER && source.OIDC_CLIENT_ID && source.OIDC_CLIENT_SECRET
      ? {
          issuer: source.OIDC_ISSUER,
          clientId: source.OIDC_CLIENT_ID,
          clientSecret: source.OIDC_CLIENT_SECRET,
          displayName: source.OIDC_DISPLAY_NAME ?? 'SSO',
          scopes: source.OIDC_SCOPES ?? 'openid email profile',
          emailVerifiedClaim: source.OIDC_EMAIL_VERIFIED_CLAIM ?? 'email_verified',
          requiredAcr: source.OIDC_REQUIRED_ACR?.split(/\s+/) ?? [],
          requiredAmr: source.OIDC_REQUIRED_AMR?.split(/\s+/) ?? [],
        }
      : null;
  const publicUrl = source.NEXTAUTH_URL;
  return {
    ok: true,
    config: {
      DATABASE_URL: source.DATABASE_URL,
      AUTH_SECRET: source.AUTH_SECRET,
      NODE_ENV: source.NODE_ENV,
      publicUrl,
      isHttps: publicUrl?.startsWith('https://') ?? false,
      oidc,
      localSignIn: source.TILLIT_LOCAL_SIGN_IN,
      smtp: source.SMTP_URL && source.SMTP_FROM ? { url: source.SMTP_URL, from: source.SMTP_FROM } : null,
      trustedProxyHops: source.TILLIT_TRUSTED_PROXY_HOPS,
      signInLimits: {
        maxFailuresPerAccount: source.TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
        maxFailuresPerAddress: source.TILLIT_SIGN_IN_MAX_FAILURES_PER_ADDRESS,
        maxFailuresPerAccountTotal: source.TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT_TOTAL,
        lockMinutes: source.TILLIT_SIGN_IN_LOCK_MINUTES,
      },
    },
  };
}

/** Settings that only make sense together, checked on the raw values so that they are reported with the rest. */
function crossFieldProblems(env: Source): string[] {
  const isSet = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  const oidcNames = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'];
  const oidcSet = oidcNames.filter(isSet);
  if (oidcSet.length > 0 && oidcSet.length < oidcNames.length) {
    for (const name of oidcNames.filter((candidate) => !isSet(candidate))) {
      problems.push(`${name}: is missing; single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together`);
    }
  }
  if (oidcSet.length === oidcNames.length && isSet('OIDC_SCOPES') && !(env.OIDC_SCOPES ?? '').trim().split(/\s+/).includes('openid')) {
    problems.push('OIDC_SCOPES: must include openid');
  }
  if (['false', '0', 'no'].includes((env.TILLIT_LOCAL_SIGN_IN ?? '').trim().toLowerCase()) && oidcSet.length < oidcNames.length) {
    problems.push('TILLIT_LOCAL_SIGN_IN: is false, but single sign-on is not configured (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET), so no one could sign in');
  }
  if (isSet('SMTP_URL') && !isSet('SMTP_FROM')) problems.push('SMTP_FROM: is missing; e-mail needs a sender address when SMTP_URL is set');
  if (isSet('SMTP_FROM') && !isSet('SMTP_URL')) problems.push('SMTP_URL: is missing; SMTP_FROM is set but there is no server to send through');
  return problems;
}

/** The message a misconfigured server stops with: one line per problem, each naming its variable. */
export function formatConfigProblems(problems: string[]): string {
  return `Tillit cannot start, its configuration is incomplete:\n${problems.map((problem) => `- ${problem}`).join('\n')}`;
}
