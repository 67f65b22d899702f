import 'server-only';
import { randomUUID } from 'node:crypto';
import { createTranslator } from 'next-intl';
import { NextResponse, type NextRequest } from 'next/server';
import { parse as parseCookie } from 'cookie';
import { z } from 'zod';
import { isForwardedHttps } from '@/lib/auth/client-address';
import { getSessionUser, type SessionUser } from '@/lib/auth/session';
import { getServerEnv } from '@/lib/env';
import { AppError, HTTP_STATUS_BY_CODE, isAppError } from '@/lib/errors';
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/i18n/config';
import { loadMessages } from '@/lib/i18n/messages';
import { log } from '@/lib/log';
import { isForeignOrigin as isForeignOriginOf } from '@/lib/security/origin';
import { describeErrorForLog, findSqlState } from './error-log';

export { describeErrorForLog } from './error-log';

export type ApiContext<P> = { request: NextRequest; params: P; user: SessionUser; locale: Locale; requestId: string };

/** What the request helpers below read from a request: Web `Headers`, or an adapter over Node's headers. */
export type RequestHeaders = { get(name: string): string | null };

/** A framework-neutral answer (for routes served outside Next's pipeline, see lib/api/direct-routes.ts). */
export type PlainAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** The UI language of a request: the person's choice (cookie), else the browser's Accept-Language. */
export function getRequestLocale(headers: RequestHeaders): Locale {
  const chosen = parseCookie(headers.get('cookie') ?? '')[LOCALE_COOKIE];
  return isLocale(chosen) ? chosen : negotiateLocale(headers.get('accept-language'));
}

/**
 * Browsers send Origin on every cross-site POST: a foreign one is a forged request and is refused. The whole
 * origin counts, scheme included (lib/security/origin.ts); the scheme is https when the public URL is, or when a
 * trusted proxy says so (X-Forwarded-Proto).
 */
export function isForeignOrigin(method: string, headers: RequestHeaders): boolean {
  return isForeignOriginOf(method, headers, isRequestHttps(headers));
}

/** Whether the browser reached Tillit over HTTPS. */
export function isRequestHttps(headers: RequestHeaders): boolean {
  const env = getServerEnv();
  return env.isHttps || isForwardedHttps(headers.get('x-forwarded-proto'), env.trustedProxyHops);
}

/** Codes, kinds and messages along an error's chain (Prisma → driver adapter → pg), for classification only. */
function errorChainText(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, depth: number) => {
    if (!value || seen.has(value) || depth > 4) return;
    if (typeof value !== 'object') {
      parts.push(String(value));
      return;
    }
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['code', 'kind', 'originalCode', 'message', 'originalMessage']) if (typeof record[key] === 'string') parts.push(record[key] as string);
    walk(record.cause, depth + 1);
    walk((record.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
  };
  walk(error, 0);
  return parts.join(' ');
}

/**
 * The database cannot be reached or cannot take the request right now (restarting, connections exhausted, the
 * transaction could not start or finish in time): nothing was saved and retrying later is the right advice.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  return /ECONNREFUSED|ECONNRESET|EPIPE|P1001|P1017|P2024|P2028|Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|server closed the connection|Can't reach database|the database system is (starting up|shutting down|in recovery mode)|terminating connection|DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections|57P01|57P02|57P03|53300/i.test(
    errorChainText(error),
  );
}

/** Prisma's codes for a value the database cannot store (too long, out of range, not valid for the column). */
const INVALID_INPUT_PRISMA_CODES = new Set(['P2000', 'P2006', 'P2007', 'P2009', 'P2012', 'P2019', 'P2020', 'P2023', 'P2033']);

/**
 * Input that passed the schemas but that the database refuses as data (SQLSTATE class 22: a NUL character in a
 * text, a number out of range, an invalid byte sequence, …): the request was invalid, not the server.
 */
function isInvalidInput(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && INVALID_INPUT_PRISMA_CODES.has(code)) return true;
  return findSqlState(error)?.startsWith('22') ?? false;
}

export function errorResponse(error: unknown, locale: Locale, requestId: string): NextResponse {
  const answer = errorAnswer(error, locale, requestId);
  return NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
}

/** Maps any error to a status and a translated message; unexpected ones are logged without their message. */
export function errorAnswer(error: unknown, locale: Locale, requestId: string): PlainAnswer {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'errors' });
  if (error instanceof z.ZodError) {
    const fields = error.issues.map((issue) => {
      const key = t.has(issue.message as never) ? issue.message : 'VALIDATION';
      const max = (issue as { maximum?: number | bigint }).maximum;
      return { path: issue.path.join('.'), message: t(key as never, { max: String(max ?? '') } as never) };
    });
    return { status: 422, body: { error: { code: 'VALIDATION', message: fields[0]?.message ?? t('VALIDATION'), fields } } };
  }
  if (isAppError(error)) {
    const details = Object.fromEntries(Object.entries(error.details).map(([k, v]) => [k, String(v)]));
    return { status: HTTP_STATUS_BY_CODE[error.code], body: { error: { code: error.code, message: t(error.code, details), details: error.details } } };
  }
  if (isDatabaseUnavailable(error)) {
    log.warn({ requestId, err: describeErrorForLog(error) }, 'database unavailable');
    return { status: 503, body: { error: { code: 'UNAVAILABLE', message: t('UNAVAILABLE') } }, headers: { 'Retry-After': '2' } };
  }
  if (isInvalidInput(error)) {
    log.info({ requestId, err: describeErrorForLog(error) }, 'input refused by the database');
    return { status: 422, body: { error: { code: 'VALIDATION', message: t('VALIDATION'), fields: [] } } };
  }
  log.error({ requestId, err: describeErrorForLog(error) }, 'unexpected error');
  return { status: 500, body: { error: { code: 'UNKNOWN', message: t('UNKNOWN'), requestId } } };
}

/**
 * Wraps a route handler so none can forget the basics: a request id, the session check, foreign-origin refusal,
 * and one mapping from errors to status codes and translated messages. The handler parses its own input.
 */
export function withApi<P>(handler: (context: ApiContext<P>) => Promise<Response>) {
  return async (request: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const requestId = request.headers.get('x-request-id') ?? randomUUID();
    const locale = getRequestLocale(request.headers);
    try {
      if (isForeignOrigin(request.method, request.headers)) throw new AppError('FORBIDDEN');
      const user = await getSessionUser();
      if (!user) throw new AppError('UNAUTHENTICATED');
      const params = await segment.params;
      const response = await handler({ request, params, user, locale, requestId });
      return withPrivateHeaders(response, requestId);
    } catch (error) {
      return withPrivateHeaders(errorResponse(error, locale, requestId), requestId);
    }
  };
}

/**
 * Every answer of an authenticated route holds someone's data (or says who may not see it): no cache keeps it,
 * not the browser's (a shared computer's back button) nor a proxy's. A handler that chose its own caching (the
 * live stream's `no-cache, no-transform`) keeps it.
 */
function withPrivateHeaders(response: Response, requestId: string): Response {
  response.headers.set('x-request-id', requestId);
  if (!response.headers.has('cache-control')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** The largest JSON body a route reads (board commands and settings are small; imports have their own limit). */
export const MAX_JSON_BODY_CHARS = 256_000;

/**
 * Reads a JSON body; a body that is not JSON is a validation error, not a crash. A body declared or found to be
 * longer than MAX_JSON_BODY_CHARS is refused without reading (or reading on past) the limit.
 */
export async function readJsonBody(request: NextRequest): Promise<unknown> {
  return parseJsonBody(await readLimitedText(request, MAX_JSON_BODY_CHARS));
}

/** A body as text, at most `maxChars` characters (UTF-8 bytes are counted: at most 4 per character). */
export async function readLimitedText(request: NextRequest, maxChars: number): Promise<string> {
  if (isDeclaredTooLong(request.headers.get('content-length'), maxChars)) throw new AppError('VALIDATION');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (bytes > maxChars * 4 || text.length > maxChars) {
      await reader.cancel().catch(() => {});
      throw new AppError('VALIDATION');
    }
  }
  return text + decoder.decode();
}

/** Whether a Content-Length header already says the body is over the limit of `maxChars` characters. */
export function isDeclaredTooLong(contentLength: string | null, maxChars: number): boolean {
  const declared = Number(contentLength ?? 0);
  return Number.isFinite(declared) && declared > maxChars * 4;
}

/** Parses a request body's text as JSON; too long or not JSON is a validation error. */
export function parseJsonBody(text: string): unknown {
  if (text.length > MAX_JSON_BODY_CHARS) throw new AppError('VALIDATION');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION');
  }
}
