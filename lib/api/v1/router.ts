import 'server-only';
import { z } from 'zod';
import { readBearerToken } from '@/lib/api-tokens/token-secret';
import { canTokenCall } from '@/lib/api-tokens/scopes';
import { authenticateApiToken, type ApiPrincipal } from '@/lib/data/api-tokens';
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentAnswer } from '@/lib/data/idempotency';
import { AppError } from '@/lib/errors';
import { negotiateLocale, type Locale } from '@/lib/i18n/config';
import { log } from '@/lib/log';
import type { PlainAnswer, RequestHeaders } from '../handler';
import { describeErrorForLog } from '../handler';
import { ApiError, apiErrorAnswer } from './errors';
import { getOpenApiDocument } from './openapi';
import { compilePathTemplate, hashApiRequest, matchPathTemplate } from './request-shape';
import { API_ROUTES, type ApiRoute } from './routes';

export const API_PREFIX = '/api/v1';

export type ApiRequest = {
  method: string;
  /** The path after /api/v1, e.g. /boards/abc (no query). */
  pathname: string;
  query: URLSearchParams;
  headers: RequestHeaders;
  /** The body as text; null when it was larger than API_MAX_BODY_BYTES (the caller stopped reading). */
  bodyText: string | null;
  requestId: string;
  now: Date;
};

const COMPILED = API_ROUTES.map((route) => ({ route, path: compilePathTemplate(route.path) }));

/** The route and parameters for a method and path; a path known for other methods only is 405. */
export function findApiRoute(method: string, pathname: string): { route: ApiRoute; params: Record<string, string> } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const { route, path } of COMPILED) {
    const params = matchPathTemplate(path, pathname);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : null;
}

/**
 * Answers one request to the public API v1, framework-neutral: the production server calls it directly
 * (lib/api/direct-routes.ts) and the Next route app/api/v1/[...path]/route.ts calls it under `next dev`.
 *
 * Only a bearer token authenticates here (a session cookie is ignored, so no browser can be tricked into calling
 * the API: there is nothing ambient to forge). Then, in order: the token's scope for the route's kind, parameters,
 * body, the Idempotency-Key, and the route itself, which runs the same lib/data function as the UI with the token's
 * acting person, so the team role is checked exactly as in the UI (VIEWER: reads only; not on the team: 404).
 */
export async function answerApiRequest(request: ApiRequest): Promise<PlainAnswer> {
  const locale: Locale = negotiateLocale(request.headers.get('accept-language'));
  let claimedKey: { tokenId: string; key: string } | null = null;
  try {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (method === 'GET' && request.pathname.replace(/\/$/, '') === '/openapi.json') {
      return { status: 200, body: getOpenApiDocument(), headers: { 'Cache-Control': 'public, max-age=300' } };
    }
    const found = findApiRoute(method, request.pathname);
    if (!found) throw new ApiError('ROUTE_NOT_FOUND');
    if ('allowed' in found) throw new ApiError('METHOD_NOT_ALLOWED', {}, { Allow: found.allowed.join(', ') });
    const { route } = found;

    const principal = await authenticate(request);
    if (!canTokenCall(principal, route.kind)) throw new ApiError(route.kind === 'intake' && principal.kind === 'PERSONAL' ? 'INTAKE_TEAM_TOKEN_ONLY' : 'TOKEN_SCOPE');

    // A malformed id cannot name anything: the same 404 as an id that does not exist.
    const params = route.params ? route.params.safeParse(found.params) : { success: true as const, data: found.params };
    if (!params.success) throw new AppError('NOT_FOUND');
    const query = route.query ? route.query.parse(Object.fromEntries(request.query)) : {};
    const body = route.body ? route.body.parse(readJson(request)) : undefined;

    const key = method === 'POST' ? request.headers.get('idempotency-key') : null;
    if (key !== null) {
      if (key.length === 0 || key.length > 255) throw new AppError('VALIDATION');
      const claim = await claimIdempotencyKey(principal.tokenId, key, hashApiRequest(method, request.pathname, body ?? null), request.now);
      if (claim.kind === 'replay') return { status: claim.status, body: claim.body, headers: { 'Idempotent-Replayed': 'true' } };
      if (claim.kind === 'reused-with-other-request') throw new ApiError('IDEMPOTENCY_KEY_REUSED');
      if (claim.kind === 'in-progress') throw new ApiError('IDEMPOTENCY_IN_PROGRESS', {}, { 'Retry-After': '1' });
      claimedKey = { tokenId: principal.tokenId, key };
    }

    let answer: PlainAnswer;
    try {
      const result = await route.run({ principal, params: params.data as Record<string, string>, query: query as Record<string, string | undefined>, body, now: request.now, locale });
      answer = { status: result.status ?? route.status ?? 200, body: result.body };
    } catch (error) {
      answer = apiErrorAnswer(error, locale, request.requestId);
    }
    if (claimedKey) await settleIdempotencyKey(claimedKey, answer);
    claimedKey = null;
    return answer;
  } catch (error) {
    if (claimedKey) await releaseIdempotencyKey(claimedKey.tokenId, claimedKey.key).catch(() => {});
    return apiErrorAnswer(error, locale, request.requestId);
  }
}

/** Keeps the answer for repeats, except a server-side failure, which a retry should run again. */
async function settleIdempotencyKey(claim: { tokenId: string; key: string }, answer: PlainAnswer): Promise<void> {
  try {
    if (answer.status >= 500) await releaseIdempotencyKey(claim.tokenId, claim.key);
    else await storeIdempotentAnswer(claim.tokenId, claim.key, answer.status, answer.body);
  } catch (error) {
    log.warn({ err: describeErrorForLog(error) }, 'api: idempotency answer not stored');
  }
}

async function authenticate(request: ApiRequest): Promise<ApiPrincipal> {
  const bearer = readBearerToken(request.headers.get('authorization'));
  const challenge = { 'WWW-Authenticate': 'Bearer realm="tillit"' };
  if (bearer.kind === 'none') throw new ApiError('TOKEN_MISSING', {}, challenge);
  if (bearer.kind === 'malformed') throw new ApiError('TOKEN_INVALID', {}, { 'WWW-Authenticate': 'Bearer realm="tillit", error="invalid_token"' });
  const result = await authenticateApiToken(bearer.hash, request.now);
  if (!result.ok) throw new ApiError(result.reason, {}, { 'WWW-Authenticate': 'Bearer realm="tillit", error="invalid_token"' });
  return result.principal;
}

/** The JSON body: none is `{}`; too large is 413; not JSON (by type or content) is 415 / 422. */
function readJson(request: ApiRequest): unknown {
  if (request.bodyText === null) throw new ApiError('PAYLOAD_TOO_LARGE', { max: '64 KB' });
  if (request.bodyText.trim() === '') return {};
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
  try {
    return JSON.parse(request.bodyText) as unknown;
  } catch {
    throw new z.ZodError([{ code: 'custom', path: [], message: 'VALIDATION', input: request.bodyText.slice(0, 0) }]);
  }
}
