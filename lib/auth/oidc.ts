import 'server-only';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import type { OidcConfig } from '@/lib/config/server-config';
import { log } from '@/lib/log';

/** The next-auth provider id: callback URL `/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = 'oidc';

const metadataSchema = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  userinfo_endpoint: z.url().optional(),
  end_session_endpoint: z.url().optional(),
});

export type OidcMetadata = z.infer<typeof metadataSchema>;

const SUCCESS_TTL_MS = 60 * 60 * 1000;

const globalForOidc = globalThis as unknown as { tillitOidcMetadata?: { issuer: string; at: number; value: OidcMetadata } };

/** Issuer identifiers compare exactly (OpenID Connect Discovery 1.0 §4.3); only a trailing slash is forgiven. */
export function isSameIssuer(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

/**
 * The provider's discovery document, checked: its `issuer` must be the configured OIDC_ISSUER, or a look-alike
 * server (or a typo such as "localhost" for "127.0.0.1") could otherwise answer for it. A good document is cached
 * for an hour; null when it cannot be fetched or does not match (the reason is logged, and sign-in then stops with
 * a message).
 */
export async function loadOidcMetadata(config: OidcConfig): Promise<OidcMetadata | null> {
  const cached = globalForOidc.tillitOidcMetadata;
  if (cached && cached.issuer === config.issuer && Date.now() - cached.at < SUCCESS_TTL_MS) return cached.value;
  // A failure is not remembered: the next sign-in attempt asks again, so a fixed provider works at once.
  const value = await fetchMetadata(config);
  if (value) globalForOidc.tillitOidcMetadata = { issuer: config.issuer, at: Date.now(), value };
  return value;
}

async function fetchMetadata(config: OidcConfig): Promise<OidcMetadata | null> {
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000), cache: 'no-store' });
    if (!response.ok) {
      log.error({ status: response.status }, 'single sign-on: the discovery document could not be fetched');
      return null;
    }
    const parsed = metadataSchema.safeParse(await response.json());
    if (!parsed.success) {
      log.error({ issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'single sign-on: the discovery document is incomplete');
      return null;
    }
    if (!isSameIssuer(parsed.data.issuer, config.issuer)) {
      log.error({ configured: config.issuer, discovered: parsed.data.issuer }, 'single sign-on: the provider names a different issuer than OIDC_ISSUER; refusing it');
      return null;
    }
    return { ...parsed.data, issuer: config.issuer };
  } catch (error) {
    log.error({ err: { message: (error as Error).message } }, 'single sign-on: the provider could not be reached');
    return null;
  }
}

/** The claims Tillit reads from the ID token. */
export type OidcClaims = { sub: string; email?: unknown; name?: unknown; preferred_username?: unknown; [claim: string]: unknown };

/**
 * The next-auth provider. The endpoints come from the checked discovery document; without one (unreachable or
 * wrong issuer) the provider has none, so next-auth stops the sign-in at once and the sign-in page explains.
 * The ID token is validated by openid-client against the configured issuer, the client id, the nonce and the
 * provider's keys; state and PKCE protect the redirect.
 */
export function buildOidcProvider(config: OidcConfig, metadata: OidcMetadata | null): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.displayName,
    type: 'oauth',
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    // With OIDC_REQUIRED_ACR the provider is asked for that level (acr_values, a voluntary claim: the answer is
    // checked all the same, see meetsRequiredAuthentication).
    authorization: { url: metadata?.authorization_endpoint, params: { scope: config.scopes, ...(config.requiredAcr.length > 0 ? { acr_values: config.requiredAcr.join(' ') } : {}) } },
    token: metadata?.token_endpoint,
    userinfo: metadata?.userinfo_endpoint,
    jwks_endpoint: metadata?.jwks_uri,
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    client: { token_endpoint_auth_method: 'client_secret_basic' },
    profile(claims) {
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : null;
      return { id: claims.sub, name, email: typeof claims.email === 'string' ? claims.email : null, image: null };
    },
  } as OAuthConfig<OidcClaims>;
}

/** Whether the provider vouches for the e-mail address: the configured claim must be true (`true`, "true" or 1). */
export function isEmailVerified(claims: Record<string, unknown>, claimName: string): boolean {
  const value = claims[claimName];
  return value === true || value === 'true' || value === 1 || value === '1';
}

/**
 * Whether an ID token says the person signed in the way the organisation requires (OIDC_REQUIRED_ACR: its `acr` is
 * one of them; OIDC_REQUIRED_AMR: one of its `amr` methods is one of them; either is enough when both are set).
 * Nothing required: every token passes.
 */
export function meetsRequiredAuthentication(claims: Record<string, unknown>, config: Pick<OidcConfig, 'requiredAcr' | 'requiredAmr'>): boolean {
  if (config.requiredAcr.length === 0 && config.requiredAmr.length === 0) return true;
  if (typeof claims.acr === 'string' && config.requiredAcr.includes(claims.acr)) return true;
  const methods = Array.isArray(claims.amr) ? claims.amr.filter((method): method is string => typeof method === 'string') : [];
  return methods.some((method) => config.requiredAmr.includes(method));
}
