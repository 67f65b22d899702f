/**
 * The Content-Security-Policy of every response. Scripts run only with the per-request nonce (Next.js puts it on
 * its own scripts, reading it from the request's CSP header set by proxy.ts); 'strict-dynamic' lets those scripts
 * load the app's chunks. No 'unsafe-inline' for scripts, ever. Inline styles stay allowed: React's style
 * attributes (drag and drop, charts) need them, and they cannot run code.
 */
export function buildContentSecurityPolicy(options: { nonce: string; isDevelopment: boolean; isHttps: boolean }): string {
  const scriptSources = ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'"];
  // React's development build uses eval for its error overlay; production never does.
  if (options.isDevelopment) scriptSources.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.isHttps) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** A fresh, unguessable nonce per request (128 random bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS once the browser has reached Tillit over HTTPS: a year, subdomains included. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Headers on every response besides the CSP. next.config.js sets them for everything Next serves; the routes
 * the production server answers directly (lib/api/direct-routes.ts) send this copy. e2e/security.spec.ts checks
 * both kinds of response, so the two cannot drift apart unnoticed.
 */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
} as const;
