import { describe, expect, it } from 'vitest';
import { formatConfigProblems, parseServerConfig } from './server-config';

const BASE = { DATABASE_URL: 'postgresql://u:p@localhost:5432/tillit', AUTH_SECRET: 'a-secret-of-sufficient-length' };
const OIDC = { OIDC_ISSUER: 'https://login.example/realms/tillit', OIDC_CLIENT_ID: 'tillit', OIDC_CLIENT_SECRET: 's3cret' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  const result = parseServerConfig(env);
  return result.ok ? [] : result.problems;
}

describe('parseServerConfig', () => {
  it('accepts the minimum and fills the defaults', () => {
    const result = parseServerConfig(BASE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.oidc).toBeNull();
    expect(result.config.localSignIn).toBe(true);
    expect(result.config.smtp).toBeNull();
    expect(result.config.isHttps).toBe(false);
    expect(result.config.trustedProxyHops).toBe(0);
    expect(result.config.signInLimits).toEqual({ maxFailuresPerAccount: 5, maxFailuresPerAddress: 100, maxFailuresPerAccountTotal: 50, lockMinutes: 15 });
  });

  it('names every missing secret and setting at once', () => {
    const problems = problemsOf({});
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/AUTH_SECRET/);
    expect(formatConfigProblems(problems)).toMatch(/^Tillit cannot start, its configuration is incomplete:\n- /);
  });

  it('takes NEXTAUTH_SECRET for AUTH_SECRET and refuses a short one', () => {
    expect(parseServerConfig({ DATABASE_URL: BASE.DATABASE_URL, NEXTAUTH_SECRET: BASE.AUTH_SECRET }).ok).toBe(true);
    expect(problemsOf({ ...BASE, AUTH_SECRET: 'short' })).toEqual(['AUTH_SECRET (or NEXTAUTH_SECRET) must be at least 16 characters']);
  });

  it('configures single sign-on only with issuer, client id and secret together, naming what is missing', () => {
    const result = parseServerConfig({ ...BASE, ...OIDC, OIDC_DISPLAY_NAME: 'Region Exempel' });
    expect(result.ok && result.config.oidc).toEqual({
      issuer: OIDC.OIDC_ISSUER,
      clientId: 'tillit',
      clientSecret: 's3cret',
      displayName: 'Region Exempel',
      scopes: 'openid email profile',
      emailVerifiedClaim: 'email_verified',
      requiredAcr: [],
      requiredAmr: [],
    });
    const strict = parseServerConfig({ ...BASE, ...OIDC, OIDC_REQUIRED_ACR: 'urn:kommun:loa:mfa  loa3', OIDC_REQUIRED_AMR: 'mfa' });
    expect(strict.ok && strict.config.oidc).toMatchObject({ requiredAcr: ['urn:kommun:loa:mfa', 'loa3'], requiredAmr: ['mfa'] });
    const problems = problemsOf({ ...BASE, OIDC_ISSUER: OIDC.OIDC_ISSUER });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^OIDC_CLIENT_ID: is missing/);
    expect(problems[1]).toMatch(/^OIDC_CLIENT_SECRET: is missing/);
  });

  it('refuses an issuer that is not an http(s) URL and scopes without openid', () => {
    expect(problemsOf({ ...BASE, ...OIDC, OIDC_ISSUER: 'login.example' })).toEqual(['OIDC_ISSUER must be an http(s) URL']);
    expect(problemsOf({ ...BASE, ...OIDC, OIDC_SCOPES: 'email profile' })).toEqual(['OIDC_SCOPES: must include openid']);
  });

  it('lets local sign-in be switched off only when single sign-on is on', () => {
    expect(problemsOf({ ...BASE, TILLIT_LOCAL_SIGN_IN: 'false' })[0]).toMatch(/^TILLIT_LOCAL_SIGN_IN: is false, but single sign-on is not configured/);
    const result = parseServerConfig({ ...BASE, ...OIDC, TILLIT_LOCAL_SIGN_IN: 'false' });
    expect(result.ok && result.config.localSignIn).toBe(false);
    expect(problemsOf({ ...BASE, TILLIT_LOCAL_SIGN_IN: 'maybe' })).toEqual(['TILLIT_LOCAL_SIGN_IN must be true or false']);
  });

  it('needs SMTP_URL and SMTP_FROM together', () => {
    expect(problemsOf({ ...BASE, SMTP_URL: 'smtp://mail.example:25' })).toEqual(['SMTP_FROM: is missing; e-mail needs a sender address when SMTP_URL is set']);
    expect(problemsOf({ ...BASE, SMTP_FROM: 'tillit@example.org' })[0]).toMatch(/^SMTP_URL: is missing/);
    expect(problemsOf({ ...BASE, SMTP_URL: 'http://mail.example', SMTP_FROM: 'x@example.org' })).toEqual(['SMTP_URL must be an smtp:// or smtps:// URL']);
    const result = parseServerConfig({ ...BASE, SMTP_URL: 'smtps://user:pw@mail.example:465', SMTP_FROM: 'Tillit <tillit@example.org>' });
    expect(result.ok && result.config.smtp).toEqual({ url: 'smtps://user:pw@mail.example:465', from: 'Tillit <tillit@example.org>' });
  });

  it('marks an https public URL (Secure cookies, HSTS) and validates the numbers', () => {
    const result = parseServerConfig({ ...BASE, NEXTAUTH_URL: 'https://tillit.kommun.example' });
    expect(result.ok && result.config.isHttps).toBe(true);
    expect(problemsOf({ ...BASE, NEXTAUTH_URL: 'not a url' })).toEqual(['NEXTAUTH_URL must be an http(s) URL']);
    expect(problemsOf({ ...BASE, TILLIT_TRUSTED_PROXY_HOPS: '-1' })).toEqual(['TILLIT_TRUSTED_PROXY_HOPS must be a whole number from 0 to 5']);
    expect(problemsOf({ ...BASE, TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '0' })).toEqual(['TILLIT_SIGN_IN_MAX_FAILURES_PER_ACCOUNT must be a whole number from 1 to 1000']);
    const tuned = parseServerConfig({ ...BASE, TILLIT_TRUSTED_PROXY_HOPS: '1', TILLIT_SIGN_IN_MAX_FAILURES_PER_ADDRESS: '500' });
    expect(tuned.ok && tuned.config.trustedProxyHops).toBe(1);
    expect(tuned.ok && tuned.config.signInLimits.maxFailuresPerAddress).toBe(500);
  });
});
