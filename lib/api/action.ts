import 'server-only';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getSessionUser, type SessionUser } from '@/lib/auth/session';
import { BoardAdminError, type BoardAdminErrorCode } from '@/lib/data/board-admin';
import { TeamAdminError, type TeamAdminErrorCode } from '@/lib/data/team-admin';
import { AccountSecurityError, type AccountSecurityErrorCode } from '@/lib/data/two-factor';
import { isAppError } from '@/lib/errors';
import { describeErrorForLog, isForeignOrigin } from './handler';
import { log } from '@/lib/log';

/**
 * Server actions answer with a result, never by throwing: `{ ok: true, data }` or `{ ok: false, code }`, where
 * the code is translated by the page (admin.errors.<code>). The access matrix test reads these codes.
 */
export type ActionErrorCode = 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN' | 'VALIDATION' | 'UNAVAILABLE' | 'UNKNOWN' | 'TWO_FACTOR_REQUIRED' | 'BOARD_ARCHIVED' | TeamAdminErrorCode | BoardAdminErrorCode | AccountSecurityErrorCode;
export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; code: ActionErrorCode };


/** The code a failed action answers with; an unexpected error is logged by type, code and frames, never its message. */
export function toActionErrorCode(error: unknown): ActionErrorCode {
  if (error instanceof TeamAdminError || error instanceof AccountSecurityError || error instanceof BoardAdminError) return error.code;
  if (error instanceof z.ZodError) return 'VALIDATION';
  if (isAppError(error)) {
    if (error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN' || error.code === 'VALIDATION' || error.code === 'UNAVAILABLE' || error.code === 'TWO_FACTOR_REQUIRED' || error.code === 'BOARD_ARCHIVED') return error.code;
    return 'UNKNOWN';
  }
  log.error({ err: describeErrorForLog(error) }, 'server action failed');
  return 'UNKNOWN';
}

/** Runs a server action for the signed-in person: origin check, session, and one mapping from errors to codes. */
export async function runAction<T>(handler: (user: SessionUser) => Promise<T>): Promise<ActionResult<T>> {
  try {
    // Next.js already refuses a server action whose Origin names another host; this also refuses one without an
    // Origin that the browser marks cross-site, so no action depends on the framework's check alone.
    if (isForeignOrigin('POST', await headers())) return { ok: false, code: 'FORBIDDEN' };
    const user = await getSessionUser();
    if (!user) return { ok: false, code: 'UNAUTHENTICATED' };
    return { ok: true, data: await handler(user) };
  } catch (error) {
    return { ok: false, code: toActionErrorCode(error) };
  }
}
