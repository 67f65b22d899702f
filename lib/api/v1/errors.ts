import 'server-only';
import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { isAppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import { loadMessages } from '@/lib/i18n/messages';
import { errorAnswer, type PlainAnswer } from '../handler';

/**
 * Refusals of the public API that the UI never meets (tokens, scopes, idempotency, rate limits, intake). Each code
 * has one status and a message in both catalogues (api.errors.<code>); everything else goes through the app's one
 * error mapping (lib/api/handler.ts errorAnswer), so the shape is always `{ error: { code, message } }`.
 */
export const API_ERROR_STATUS = {
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  TOKEN_SCOPE: 403,
  INTAKE_TEAM_TOKEN_ONLY: 403,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  NO_INTAKE_COLUMN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly details: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** A translator over one namespace with plain string keys (the API's codes are checked by messages.test.ts). */
export type LooseTranslator = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

export function createApiTranslator(locale: Locale, namespace: 'api.errors' | 'api.warnings'): LooseTranslator {
  return createTranslator({ locale, messages: loadMessages(locale), namespace: namespace as never }) as unknown as LooseTranslator;
}

/** App error codes whose UI wording does not fit an API caller ("your session has ended"). */
const API_WORDING = new Set(['UNAUTHENTICATED']);

/** Any error as the API's answer, translated into `locale`. */
export function apiErrorAnswer(error: unknown, locale: Locale, requestId: string): PlainAnswer {
  const t = createApiTranslator(locale, 'api.errors');
  if (error instanceof ApiError) {
    return { status: API_ERROR_STATUS[error.code], body: { error: { code: error.code, message: t(error.code, error.details), ...(Object.keys(error.details).length > 0 ? { details: error.details } : {}) } }, headers: error.headers };
  }
  if (isAppError(error) && API_WORDING.has(error.code)) {
    return { status: 401, body: { error: { code: error.code, message: t(error.code) } } };
  }
  if (error instanceof z.ZodError) {
    // The API's own field messages first (api.errors.<message>), then the app's (errors.<message>).
    const answer = errorAnswer(error, locale, requestId);
    const fields = error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: t.has(issue.message) ? t(issue.message, { max: String((issue as { maximum?: number }).maximum ?? '') }) : null,
    }));
    const body = answer.body as { error: { code: string; message: string; fields: { path: string; message: string }[] } };
    const merged = body.error.fields.map((field, index) => ({ path: field.path, message: fields[index]?.message ?? field.message }));
    return { ...answer, body: { error: { ...body.error, message: merged[0]?.message ?? body.error.message, fields: merged } } };
  }
  return errorAnswer(error, locale, requestId);
}
