import { describe, expect, it } from 'vitest';
import { buildOidcProvider, isEmailVerified, isSameIssuer } from './oidc';

const CONFIG = { issuer: 'https://sso.example/realms/k', clientId: 'tillit', clientSecret: 's', displayName: 'Kommunen', scopes: 'openid email profile', emailVerifiedClaim: 'email_verified', requiredAcr: [] as string[], requiredAmr: [] as string[] };

describe('single sign-on helpers', () => {
  it('compares issuers exactly, forgiving only a trailing slash', () => {
    expect(isSameIssuer('https://sso.example/realms/k', 'https://sso.example/realms/k/')).toBe(true);
    expect(isSameIssuer('http://localhost:3450', 'http://127.0.0.1:3450')).toBe(false);
    expect(isSameIssuer('https://login.microsoftonline.com/{tenantid}/v2.0', 'https://login.microsoftonline.com/abc/v2.0')).toBe(false);
  });

  it('trusts an e-mail address only when the configured claim says it is verified', () => {
    expect(isEmailVerified({ email_verified: true }, 'email_verified')).toBe(true);
    expect(isEmailVerified({ xms_edov: '1' }, 'xms_edov')).toBe(true);
    for (const value of [false, 'false', 0, undefined, null, 'yes']) expect(isEmailVerified({ email_verified: value }, 'email_verified')).toBe(false);
    expect(isEmailVerified({ email_verified: true }, 'xms_edov')).toBe(false);
  });

  it('builds a code-flow provider with PKCE, state and nonce, validating the ID token against the configured issuer', () => {
    const provider = buildOidcProvider(CONFIG, {
      issuer: CONFIG.issuer,
      authorization_endpoint: 'https://sso.example/auth',
      token_endpoint: 'https://sso.example/token',
      jwks_uri: 'https://sso.example/certs',
    });
    expect(provider).toMatchObject({ id: 'oidc', name: 'Kommunen', type: 'oauth', issuer: CONFIG.issuer, idToken: true, checks: ['pkce', 'state', 'nonce'], jwks_endpoint: 'https://sso.example/certs' });
    expect(provider.profile?.({ sub: 'abc', email: 'a@b.se', preferred_username: 'anna' }, {})).toEqual({ id: 'abc', name: 'anna', email: 'a@b.se', image: null });
    // Without a checked discovery document there is nowhere to send anyone: next-auth stops the sign-in.
    expect(buildOidcProvider(CONFIG, null).authorization).toEqual({ url: undefined, params: { scope: 'openid email profile' } });
  });
});

describe('meetsRequiredAuthentication', () => {
  it('passes every token when nothing is required', async () => {
    const { meetsRequiredAuthentication } = await import('./oidc');
    expect(meetsRequiredAuthentication({}, { requiredAcr: [], requiredAmr: [] })).toBe(true);
  });

  it('requires one of the acr values, or one of the amr methods', async () => {
    const { meetsRequiredAuthentication } = await import('./oidc');
    const config = { requiredAcr: ['urn:kommun:loa:mfa', 'http://id.elegnamnden.se/loa/1.0/loa3'], requiredAmr: ['mfa', 'otp'] };
    expect(meetsRequiredAuthentication({ acr: 'urn:kommun:loa:mfa' }, config)).toBe(true);
    expect(meetsRequiredAuthentication({ acr: 'urn:kommun:loa:pwd' }, config)).toBe(false);
    expect(meetsRequiredAuthentication({ amr: ['pwd', 'mfa'] }, config)).toBe(true);
    expect(meetsRequiredAuthentication({ amr: ['pwd'] }, config)).toBe(false);
    expect(meetsRequiredAuthentication({ amr: 'mfa' }, config)).toBe(false);
    expect(meetsRequiredAuthentication({}, { requiredAcr: ['x'], requiredAmr: [] })).toBe(false);
  });
});
