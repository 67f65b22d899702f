import { NextResponse, type NextRequest } from 'next/server';
import { buildContentSecurityPolicy, createNonce, STRICT_TRANSPORT_SECURITY } from '@/lib/security/csp';

/**
 * Runs before every request (pages, route handlers, server actions, static files):
 *
 * - refuses a server action sent from another site (Origin naming another host, or a browser's
 *   Sec-Fetch-Site: cross-site), for every action, present and future, before any of them runs;
 * - gives each request a fresh CSP nonce, passes the policy to Next.js on the request (Next.js reads the nonce
 *   from it and applies it to every script it renders) and sends it on the response, with HSTS over HTTPS.
 *
 * The other security headers (X-Content-Type-Options, Referrer-Policy, X-Frame-Options, Permissions-Policy) come
 * from next.config.js; route handlers refuse foreign origins themselves (lib/api/handler.ts). Board commands and
 * board event streams do not pass through here in production: server.ts answers them first, with the same headers
 * (lib/api/direct-routes.ts).
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const isHttps = request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:' || (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  const policy = buildContentSecurityPolicy({ nonce, isDevelopment: process.env.NODE_ENV === 'development', isHttps });

  const response = isForeignServerAction(request)
    ? NextResponse.json({ error: { code: 'FORBIDDEN' } }, { status: 403 })
    : NextResponse.next({ request: { headers: withPolicy(request.headers, nonce, policy) } });
  response.headers.set('Content-Security-Policy', policy);
  response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (isHttps) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

function withPolicy(headers: Headers, nonce: string, policy: string): Headers {
  const next = new Headers(headers);
  next.set('x-nonce', nonce);
  next.set('content-security-policy', policy);
  return next;
}

function isForeignServerAction(request: NextRequest): boolean {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return false;
  const origin = request.headers.get('origin');
  if (!origin) return request.headers.get('sec-fetch-site') === 'cross-site';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
