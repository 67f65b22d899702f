import 'server-only';
import { randomUUID } from 'node:crypto';
import { createTranslator } from 'next-intl';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getSessionUser, type SessionUser } from '@/lib/auth/session';
import { AppError, HTTP_STATUS_BY_CODE, isAppError } from '@/lib/errors';
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/i18n/config';
import { loadMessages } from '@/lib/i18n/messages';
import { log } from '@/lib/log';

export type ApiContext<P> = { request: NextRequest; params: P; user: SessionUser; locale: Locale; requestId: string };

function getRequestLocale(request: NextRequest): Locale {
  const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
  return isLocale(chosen) ? chosen : negotiateLocale(request.headers.get('accept-language'));
}

/** Browsers send Origin on every cross-site POST: a foreign one is a forged request and is refused. */
function isForeignOrigin(request: NextRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const origin = request.headers.get('origin');
  if (!origin) return request.headers.get('sec-fetch-site') === 'cross-site';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? ''} ${String((error as { cause?: unknown })?.cause ?? '')}`;
  return /ECONNREFUSED|ECONNRESET|P1001|P1017|Connection terminated|Can't reach database|the database system is (starting up|shutting down)|terminating connection|DatabaseNotReachable|57P01|57P03/i.test(text);
}

export function errorResponse(error: unknown, locale: Locale, requestId: string): NextResponse {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'errors' });
  if (error instanceof z.ZodError) {
    const fields = error.issues.map((issue) => {
      const key = t.has(issue.message as never) ? issue.message : 'VALIDATION';
      const max = (issue as { maximum?: number | bigint }).maximum;
      return { path: issue.path.join('.'), message: t(key as never, { max: String(max ?? '') } as never) };
    });
    return NextResponse.json(
      { error: { code: 'VALIDATION', message: fields[0]?.message ?? t('VALIDATION'), fields } },
      { status: 422 },
    );
  }
  if (isAppError(error)) {
    const details = Object.fromEntries(Object.entries(error.details).map(([k, v]) => [k, String(v)]));
    return NextResponse.json(
      { error: { code: error.code, message: t(error.code, details), details: error.details } },
      { status: HTTP_STATUS_BY_CODE[error.code] },
    );
  }
  if (isDatabaseUnavailable(error)) {
    log.warn({ requestId, err: { code: (error as { code?: string }).code } }, 'database unavailable');
    return NextResponse.json({ error: { code: 'UNAVAILABLE', message: t('UNAVAILABLE') } }, { status: 503, headers: { 'Retry-After': '2' } });
  }
  log.error({ requestId, err: { message: (error as Error)?.message, stack: (error as Error)?.stack } }, 'unexpected error');
  return NextResponse.json({ error: { code: 'UNKNOWN', message: t('UNKNOWN'), requestId } }, { status: 500 });
}

/**
 * Wraps a route handler so none can forget the basics: a request id, the session check, foreign-origin refusal,
 * and one mapping from errors to status codes and translated messages. The handler parses its own input.
 */
export function withApi<P>(handler: (context: ApiContext<P>) => Promise<Response>) {
  return async (request: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const requestId = request.headers.get('x-request-id') ?? randomUUID();
    const locale = getRequestLocale(request);
    try {
      if (isForeignOrigin(request)) throw new AppError('FORBIDDEN');
      const user = await getSessionUser();
      if (!user) throw new AppError('UNAUTHENTICATED');
      const params = await segment.params;
      const response = await handler({ request, params, user, locale, requestId });
      response.headers.set('x-request-id', requestId);
      return response;
    } catch (error) {
      const response = errorResponse(error, locale, requestId);
      response.headers.set('x-request-id', requestId);
      return response;
    }
  };
}

/** Reads a JSON body; a body that is not JSON is a validation error, not a crash. */
export async function readJsonBody(request: NextRequest): Promise<unknown> {
  const text = await request.text();
  if (text.length > 256_000) throw new AppError('VALIDATION');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION');
  }
}
