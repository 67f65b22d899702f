import { NextResponse, type NextRequest } from 'next/server';
import { isForwardedHttps } from '@/lib/auth/client-address';
import { isLocale, LOCALE_COOKIE, negotiateLocale } from '@/lib/i18n/config';
import { loadMessages } from '@/lib/i18n/messages';
import { buildContentSecurityPolicy, createNonce, STRICT_TRANSPORT_SECURITY } from '@/lib/security/csp';
import { isForeignOrigin } from '@/lib/security/origin';

/**
 * Runs before every request (pages, route handlers, server actions, static files):
 *
 * - refuses every state-changing request (POST, PUT, …) from another site — a server action, a no-JavaScript form
 *   post (multipart/form-data, which Next would otherwise try to run as a server action and answer with 500), a
 *   route handler call — with 403, before anything runs (lib/security/origin.ts: the full origin, scheme included);
 * - answers a URL whose percent-encoding is malformed (`/boards/%E0%A4%A`) with 400 instead of letting the router
 *   fail on it with 500: 400 with a translated message for /api, the (translated) not-found page, 404, for pages;
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
  const trustedProxyHops = Number(process.env.TILLIT_TRUSTED_PROXY_HOPS ?? 0) || 0;
  const isHttps = isForwardedHttps(request.headers.get('x-forwarded-proto'), trustedProxyHops) || request.nextUrl.protocol === 'https:' || (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  const policy = buildContentSecurityPolicy({ nonce, isDevelopment: process.env.NODE_ENV === 'development', isHttps });

  const response = isForeignOrigin(request.method, request.headers, isHttps)
    ? NextResponse.json({ error: { code: 'FORBIDDEN', message: translatedError(request, 'FORBIDDEN') } }, { status: 403 })
    : hasMalformedPath(request)
      ? answerMalformedPath(request)
      : NextResponse.next({ request: { headers: withPolicy(request.headers, nonce, policy) } });
  response.headers.set('Content-Security-Policy', policy);
  response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (isHttps) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

/** A path whose %-escapes do not decode (a truncated or invalid UTF-8 sequence). */
function hasMalformedPath(request: NextRequest): boolean {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return false;
  } catch {
    return true;
  }
}

function answerMalformedPath(request: NextRequest): NextResponse {
  if (request.nextUrl.pathname.startsWith('/api/')) {
    return NextResponse.json({ error: { code: 'VALIDATION', message: translatedError(request, 'VALIDATION'), fields: [] } }, { status: 400 });
  }
  // A page: the app's own (translated) not-found page, for a path no page can have.
  const notFound = request.nextUrl.clone();
  notFound.pathname = '/_malformed-url';
  notFound.search = '';
  return NextResponse.rewrite(notFound);
}

function translatedError(request: NextRequest, code: 'FORBIDDEN' | 'VALIDATION'): string {
  const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers.get('accept-language'));
  return loadMessages(locale).errors[code];
}

function withPolicy(headers: Headers, nonce: string, policy: string): Headers {
  const next = new Headers(headers);
  next.set('x-nonce', nonce);
  next.set('content-security-policy', policy);
  return next;
}
