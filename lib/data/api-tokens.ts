import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  computeTokenExpiry,
  getTokenState,
  isLastUsedDue,
  PERSONAL_TOKEN_SCOPES,
  TEAM_TOKEN_SCOPES,
  TOKEN_EXPIRY_DAYS,
  type ApiTokenScope,
  type TokenExpiryChoice,
  type TokenState,
} from '@/lib/api-tokens/scopes';
import { createTokenSecret, type ApiTokenKind } from '@/lib/api-tokens/token-secret';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { authorizeTeamAction } from './access';
import { getPgPool, toIsoUtc } from './sql-pool';

/**
 * API tokens (docs/api.md). Personal access tokens act as their owner, with the owner's role on each team, and are
 * managed on the account page by the owner only. Team integration tokens are created by a team's MEMBERs and act
 * as an integration identity of their own (a User with isIntegration, MEMBER of that one team only, never able to
 * sign in, named in history by the token's name), so that every API call runs the same data functions and the
 * same membership checks as the UI. Revoking a team token removes the identity's membership as well.
 *
 * Management (create, list, revoke) takes a signed-in session only, never a token: the server actions that call
 * these functions authenticate by cookie, and no /api/v1 route manages tokens.
 */

export const TOKEN_NAME_MAX = 80;
const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const nameSchema = z.string().trim().min(1, 'tokenNameRequired').max(TOKEN_NAME_MAX, 'tokenNameTooLong');
const expirySchema = z.union(TOKEN_EXPIRY_DAYS.map((days) => z.literal(days)) as unknown as [z.ZodLiteral<TokenExpiryChoice>, z.ZodLiteral<TokenExpiryChoice>]);

export const personalTokenInputSchema = z.strictObject({ name: nameSchema, scope: z.enum(PERSONAL_TOKEN_SCOPES), expiresInDays: expirySchema });
export const teamTokenInputSchema = z.strictObject({ teamId: idSchema, name: nameSchema, scope: z.enum(TEAM_TOKEN_SCOPES), expiresInDays: expirySchema });

export type ApiTokenView = {
  id: string;
  kind: ApiTokenKind;
  name: string;
  scope: ApiTokenScope;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: TokenState;
  createdByName: string | null;
};

/** The secret is in this answer only: it is never stored and cannot be shown again. */
export type CreatedApiToken = { token: ApiTokenView; secret: string };

const TOKEN_VIEW_SELECT = {
  id: true,
  kind: true,
  name: true,
  scope: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdById: true,
} as const;

type TokenRow = { id: string; kind: ApiTokenKind; name: string; scope: ApiTokenScope; prefix: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null; createdById: string | null };

function toTokenView(row: TokenRow, now: Date, names: Map<string, string> = new Map()): ApiTokenView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    state: getTokenState(row, now),
    createdByName: row.createdById ? (names.get(row.createdById) ?? null) : null,
  };
}

// ── Personal access tokens ───────────────────────────────────────────────────────────────────────────────────

/** Creates a personal access token for `actor`, recorded in their account history. */
export async function createPersonalToken(actor: { id: string }, input: unknown, now: Date): Promise<CreatedApiToken> {
  const parsed = personalTokenInputSchema.parse(input);
  const secret = createTokenSecret('PERSONAL');
  return getDb().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        kind: 'PERSONAL',
        name: parsed.name,
        scope: parsed.scope,
        prefix: secret.prefix,
        tokenHash: secret.hash,
        actorUserId: actor.id,
        createdById: actor.id,
        createdAt: now,
        expiresAt: computeTokenExpiry(parsed.expiresInDays, now),
      },
      select: TOKEN_VIEW_SELECT,
    });
    await tx.signInEvent.create({ data: { userId: actor.id, type: 'API_TOKEN_CREATED', apiTokenId: row.id, at: now } });
    return { token: toTokenView(row, now), secret: secret.secret };
  });
}

/** The caller's own personal access tokens, newest first, revoked ones included (marked). */
export async function listPersonalTokens(actor: { id: string }, now: Date): Promise<ApiTokenView[]> {
  const rows = await getDb().apiToken.findMany({
    where: { kind: 'PERSONAL', actorUserId: actor.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: TOKEN_VIEW_SELECT,
  });
  return rows.map((row) => toTokenView(row, now));
}

/** Revokes one of the caller's own personal tokens (another person's token is NOT_FOUND). Idempotent. */
export async function revokePersonalToken(actor: { id: string }, tokenId: string, now: Date): Promise<void> {
  const id = idSchema.parse(tokenId);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, kind: 'PERSONAL', actorUserId: actor.id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.id } });
    if (count === 0) {
      const exists = await tx.apiToken.findFirst({ where: { id, kind: 'PERSONAL', actorUserId: actor.id }, select: { id: true } });
      if (!exists) throw new AppError('NOT_FOUND');
      return;
    }
    await tx.signInEvent.create({ data: { userId: actor.id, type: 'API_TOKEN_REVOKED', apiTokenId: id, at: now } });
  });
  forgetCachedToken(id);
}

/** Names of the caller's personal tokens by id, for their account history. */
export async function getPersonalTokenNames(actor: { id: string }): Promise<Map<string, string>> {
  const rows = await getDb().apiToken.findMany({ where: { kind: 'PERSONAL', actorUserId: actor.id }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

// ── Team integration tokens ──────────────────────────────────────────────────────────────────────────────────

/**
 * Creates a team integration token and its integration identity (MEMBER of the team only), recorded in the
 * team's history. MEMBERs only: a VIEWER cannot hand out rights they do not have.
 */
export async function createTeamToken(actor: { id: string }, input: unknown, now: Date): Promise<CreatedApiToken> {
  const parsed = teamTokenInputSchema.parse(input);
  const db = getDb();
  await authorizeTeamAction(db, actor.id, parsed.teamId, 'team.members.manage');
  const secret = createTokenSecret('TEAM');
  return db.$transaction(async (tx) => {
    // The identity's address is unique and unroutable (.invalid, RFC 2606): no one can receive mail for it or
    // have a sign-in provider vouch for it, and it has no password.
    const identity = await tx.user.create({
      data: { email: `integration-${randomUUID()}@integrations.tillit.invalid`, name: parsed.name, isIntegration: true, createdAt: now },
      select: { id: true },
    });
    await tx.membership.create({ data: { teamId: parsed.teamId, userId: identity.id, role: 'MEMBER', createdAt: now } });
    const row = await tx.apiToken.create({
      data: {
        kind: 'TEAM',
        name: parsed.name,
        scope: parsed.scope,
        prefix: secret.prefix,
        tokenHash: secret.hash,
        actorUserId: identity.id,
        teamId: parsed.teamId,
        createdById: actor.id,
        createdAt: now,
        expiresAt: computeTokenExpiry(parsed.expiresInDays, now),
      },
      select: TOKEN_VIEW_SELECT,
    });
    await tx.teamEvent.create({
      data: { teamId: parsed.teamId, type: 'API_TOKEN_CREATED', actorId: actor.id, after: { tokenId: row.id, name: row.name, scope: row.scope, expiresAt: row.expiresAt?.toISOString() ?? null }, at: now },
    });
    return { token: toTokenView(row, now), secret: secret.secret };
  });
}

/** The team's integration tokens, newest first. Members and viewers of the team read the list. */
export async function listTeamTokens(actor: { id: string }, teamId: string, now: Date): Promise<ApiTokenView[]> {
  const db = getDb();
  await authorizeTeamAction(db, actor.id, idSchema.parse(teamId), 'team.members.read');
  const rows = await db.apiToken.findMany({ where: { kind: 'TEAM', teamId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: TOKEN_VIEW_SELECT });
  const creatorIds = [...new Set(rows.map((row) => row.createdById).filter((id): id is string => id !== null))];
  const names = new Map((await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  return rows.map((row) => toTokenView(row, now, names));
}

/** Revokes a team token and removes its identity from the team. MEMBERs of the team only. Idempotent. */
export async function revokeTeamToken(actor: { id: string }, input: { teamId: string; tokenId: string }, now: Date): Promise<void> {
  const teamId = idSchema.parse(input.teamId);
  const tokenId = idSchema.parse(input.tokenId);
  const db = getDb();
  await authorizeTeamAction(db, actor.id, teamId, 'team.members.manage');
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, kind: 'TEAM', teamId }, select: { id: true, name: true, revokedAt: true, actorUserId: true } });
    if (!token) throw new AppError('NOT_FOUND');
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now, revokedById: actor.id } });
    await tx.membership.deleteMany({ where: { teamId, userId: token.actorUserId } });
    await tx.teamEvent.create({ data: { teamId, type: 'API_TOKEN_REVOKED', actorId: actor.id, after: { tokenId: token.id, name: token.name }, at: now } });
  });
  forgetCachedToken(tokenId);
}

// ── Authenticating a request ─────────────────────────────────────────────────────────────────────────────────

/** The caller behind a valid bearer token. `actorUserId` is who the data layer sees (owner or integration). */
export type ApiPrincipal = {
  tokenId: string;
  kind: ApiTokenKind;
  scope: ApiTokenScope;
  actorUserId: string;
  teamId: string | null;
};

type TokenLookupRow = { id: string; kind: ApiTokenKind; scope: ApiTokenScope; actorUserId: string; teamId: string | null; expiresAt: Date | null; revokedAt: Date | null };

/** Every API call looks its token up: a named prepared statement on the plain pool (see lib/data/sql-pool.ts). */
const TOKEN_LOOKUP_STATEMENT = {
  name: 'tillit_api_token_lookup',
  text: `SELECT id, kind::text AS kind, scope::text AS scope, "actorUserId", "teamId", "expiresAt", "revokedAt" FROM "ApiToken" WHERE "tokenHash" = $1`,
} as const;

/**
 * How long an instance trusts what it last read about a token. The look-up would otherwise be one more database
 * round trip on every call, and under load it waits for a pooled connection behind the moves themselves (measured
 * with `npm run bench -- --only=api`: 10 clients moved a third slower than through the board). So a revocation
 * takes effect at once on the instance that revoked (its entry is dropped) and within this time on the others;
 * expiry is exact (checked against the cached expiry on every call).
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_LIMIT = 10_000;
type CachedToken = { row: TokenLookupRow; readAt: number };
// On globalThis: the production server holds two copies of lib/ (Next's bundle revokes, the direct route reads).
const globalForTokens = globalThis as unknown as { tillitApiTokenCache?: Map<string, CachedToken> };
const tokenCache = (globalForTokens.tillitApiTokenCache ??= new Map());

/** Drops what this instance remembers about a token (after revoking it). */
export function forgetCachedToken(tokenId: string): void {
  for (const [hash, entry] of tokenCache) if (entry.row.id === tokenId) tokenCache.delete(hash);
}

async function lookUpToken(hash: string, now: Date): Promise<TokenLookupRow | null> {
  const cached = tokenCache.get(hash);
  if (cached && now.getTime() - cached.readAt < TOKEN_CACHE_MS && now.getTime() >= cached.readAt) return cached.row;
  const { rows } = await getPgPool().query<TokenLookupRow>({ ...TOKEN_LOOKUP_STATEMENT, values: [hash] });
  const row = rows[0] ?? null;
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  if (row) tokenCache.set(hash, { row, readAt: now.getTime() });
  else tokenCache.delete(hash);
  return row;
}

/**
 * The principal behind a token hash, or the reason it does not work: TOKEN_INVALID (no such token),
 * TOKEN_REVOKED, TOKEN_EXPIRED. Each is a 401; saying which helps the integrator and tells an attacker nothing,
 * since only someone holding the secret can produce its hash.
 */
export async function authenticateApiToken(hash: string, now: Date): Promise<{ ok: true; principal: ApiPrincipal } | { ok: false; reason: 'TOKEN_INVALID' | 'TOKEN_REVOKED' | 'TOKEN_EXPIRED' }> {
  const row = await lookUpToken(hash, now);
  if (!row) return { ok: false, reason: 'TOKEN_INVALID' };
  const state = getTokenState(row, now);
  if (state === 'revoked') return { ok: false, reason: 'TOKEN_REVOKED' };
  if (state === 'expired') return { ok: false, reason: 'TOKEN_EXPIRED' };
  markTokenUsed(row.id, now);
  return { ok: true, principal: { tokenId: row.id, kind: row.kind, scope: row.scope, actorUserId: row.actorUserId, teamId: row.teamId } };
}

/** How often one instance writes a token's "last used": the list shows it to the minute. */
export const LAST_USED_INTERVAL_MS = 60_000;
const lastWritten = new Map<string, number>();

/**
 * Records that a token was used, without making the request wait: at most one UPDATE per token per minute per
 * instance, sent after the answer's work is queued (fire and forget; a lost update is corrected by the next use).
 * A move through the API therefore costs no extra round trip for "last used".
 */
export function markTokenUsed(tokenId: string, now: Date): void {
  if (!isLastUsedDue(lastWritten.get(tokenId), now.getTime(), LAST_USED_INTERVAL_MS)) return;
  lastWritten.set(tokenId, now.getTime());
  if (lastWritten.size > 10_000) lastWritten.clear();
  getPgPool()
    .query({ name: 'tillit_api_token_used', text: `UPDATE "ApiToken" SET "lastUsedAt" = GREATEST(COALESCE("lastUsedAt", $2::timestamp(3)), $2::timestamp(3)) WHERE id = $1`, values: [tokenId, toIsoUtc(now)] })
    .catch((error: Error & { code?: string }) => {
      lastWritten.delete(tokenId);
      log.warn({ err: { type: error.name, code: error.code } }, 'api token: last used not recorded');
    });
}
