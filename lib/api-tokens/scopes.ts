/**
 * What a token may be used for. The token's scope limits what the API accepts from it; the person's (or the
 * integration's) role on the team, checked by the data layer as for the UI, limits it further. So a VIEWER's
 * read-write personal token still only reads, and nothing a token does goes beyond what its holder may do in the UI.
 *
 * - PERSONAL + READ        reads (teams, boards, cards, history, flow)
 * - PERSONAL + READ_WRITE  reads and card changes (create, edit, move, block, archive, comment)
 * - TEAM + INTAKE          demand intake on the team's boards, nothing else (not even reads: an e-service that
 *                          submits cases has no business reading the board)
 * - TEAM + READ_WRITE      reads, card changes and intake on the team's boards
 * Intake is for team integration tokens only: a case arriving from an e-service is not a person's action.
 */
import type { ApiTokenKind } from './token-secret';

export type ApiTokenScope = 'READ' | 'READ_WRITE' | 'INTAKE';
export const API_TOKEN_SCOPES = ['READ', 'READ_WRITE', 'INTAKE'] as const satisfies readonly ApiTokenScope[];
export const PERSONAL_TOKEN_SCOPES = ['READ', 'READ_WRITE'] as const satisfies readonly ApiTokenScope[];
export const TEAM_TOKEN_SCOPES = ['INTAKE', 'READ_WRITE'] as const satisfies readonly ApiTokenScope[];

/** What an API operation does, for the scope rule. */
export type ApiOperationKind = 'read' | 'write' | 'intake';

const ALLOWED: Record<ApiTokenKind, Partial<Record<ApiTokenScope, readonly ApiOperationKind[]>>> = {
  PERSONAL: { READ: ['read'], READ_WRITE: ['read', 'write'] },
  TEAM: { INTAKE: ['intake'], READ_WRITE: ['read', 'write', 'intake'] },
};

/** Whether a token of `kind` and `scope` may call an operation of `operation` kind (an unknown pair: never). */
export function canTokenCall(token: { kind: ApiTokenKind; scope: ApiTokenScope }, operation: ApiOperationKind): boolean {
  return ALLOWED[token.kind]?.[token.scope]?.includes(operation) ?? false;
}

/** Whether `scope` may be given to a token of `kind` (a personal token cannot be intake-only, and so on). */
export function isScopeForKind(kind: ApiTokenKind, scope: ApiTokenScope): boolean {
  return ALLOWED[kind]?.[scope] !== undefined;
}

export type TokenState = 'active' | 'expired' | 'revoked';

/** A token works until it is revoked or its expiry passes (an expiry is the first instant it no longer works). */
export function getTokenState(token: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Expiry choices offered when creating a token, in days; null is "never" (allowed, but not the default). */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365, null] as const;
export type TokenExpiryChoice = (typeof TOKEN_EXPIRY_DAYS)[number];
export const DEFAULT_TOKEN_EXPIRY_DAYS = 90;

export function computeTokenExpiry(days: TokenExpiryChoice, now: Date): Date | null {
  return days === null ? null : new Date(now.getTime() + days * 86_400_000);
}

/**
 * Whether "last used" must be written now: at most once per `intervalMs` per token (each instance keeps the time
 * it last wrote), so a busy integration costs one small UPDATE a minute instead of one per call.
 */
export function isLastUsedDue(lastWrittenAt: number | undefined, now: number, intervalMs: number): boolean {
  return lastWrittenAt === undefined || now - lastWrittenAt >= intervalMs;
}
