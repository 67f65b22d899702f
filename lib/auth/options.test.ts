/**
 * next-auth's configuration as the environment shapes it: which sign-in methods exist, and session cookies that
 * are HttpOnly and SameSite=Lax always and Secure behind HTTPS. (The e2e suite checks the Set-Cookie headers of
 * real servers, over http and behind a simulated HTTPS proxy.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const BASE = { DATABASE_URL: 'postgresql://u:p@localhost:5432/tillit', AUTH_SECRET: 'a-secret-of-sufficient-length' };
const OIDC = { OIDC_ISSUER: 'https://idp.example/realms/tillit', OIDC_CLIENT_ID: 'tillit', OIDC_CLIENT_SECRET: 'secret', OIDC_DISPLAY_NAME: 'Kommunens inloggning' };
const saved = { ...process.env };

async function optionsWith(env: Record<string, string>) {
  for (const key of ['NEXTAUTH_URL', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_DISPLAY_NAME', 'TILLIT_LOCAL_SIGN_IN', 'SMTP_URL', 'SMTP_FROM']) delete process.env[key];
  Object.assign(process.env, BASE, env);
  vi.resetModules();
  const { getAuthOptions } = await import('./options');
  return getAuthOptions();
}

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

describe('auth options', () => {
  it('uses Secure cookies exactly when the public URL is https', async () => {
    expect((await optionsWith({ NEXTAUTH_URL: 'https://tillit.kommun.example' })).useSecureCookies).toBe(true);
    expect((await optionsWith({ NEXTAUTH_URL: 'http://localhost:3000' })).useSecureCookies).toBe(false);
  });

  it('offers password sign-in, single sign-on, or both, as configured', async () => {
    // A credentials provider keeps its own id in `options` until next-auth merges them.
    const idOf = (provider: { id: string; options?: unknown }) => (provider.options as { id?: string } | undefined)?.id ?? provider.id;
    expect((await optionsWith({})).providers.map(idOf)).toEqual(['credentials', 'two-factor']);
    expect((await optionsWith(OIDC)).providers.map((p) => [idOf(p), p.name])).toEqual([
      ['credentials', 'Credentials'],
      ['two-factor', 'Credentials'],
      ['oidc', 'Kommunens inloggning'],
    ]);
    expect((await optionsWith({ ...OIDC, TILLIT_LOCAL_SIGN_IN: 'false' })).providers.map(idOf)).toEqual(['oidc']);
  });

  it('keeps sessions in a signed JWT for 12 hours and sends errors to the sign-in page', async () => {
    const options = await optionsWith({});
    expect(options.session).toEqual({ strategy: 'jwt', maxAge: 43_200 });
    expect(options.pages).toEqual({ signIn: '/sign-in', error: '/sign-in' });
  });
});
