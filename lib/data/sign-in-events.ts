import 'server-only';
import { getDb } from '@/lib/db';
import type { SignInEventType } from '@/lib/generated/prisma/client';

export type SignInEventKind = SignInEventType;
/** How a sign-in was made: password alone, password and a TOTP code or a recovery code, single sign-on. */
export const SIGN_IN_METHODS = ['password', 'password+totp', 'password+recovery', 'sso'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** How long a person's sign-in history is kept. Older entries are removed when a new one is written. */
export const SIGN_IN_HISTORY_DAYS = 180;

type EventInput = { userId: string; type: SignInEventKind; method: SignInMethod | null; ipAddress: string | null; userAgent: string | null };

/**
 * Appends to a person's own sign-in history. It exists for that person (to notice a sign-in that was not theirs);
 * no page, API or role shows it to anyone else, and no metric is computed from it.
 */
export async function recordSignInEvent(input: EventInput, now = new Date()): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.signInEvent.create({ data: { ...input, at: now } }),
    db.signInEvent.deleteMany({ where: { userId: input.userId, at: { lt: new Date(now.getTime() - SIGN_IN_HISTORY_DAYS * 86_400_000) } } }),
  ]);
}

/** `apiTokenId`: for the personal access token entries (lib/data/api-tokens.ts). */
export type OwnSignInEvent = { id: string; type: SignInEventKind; method: SignInMethod | null; ipAddress: string | null; userAgent: string | null; apiTokenId: string | null; at: string };

/** The caller's own history, newest first. There is deliberately no variant taking another person's id. */
export async function listOwnSignInEvents(self: { id: string }, limit = 100): Promise<OwnSignInEvent[]> {
  const rows = await getDb().signInEvent.findMany({
    where: { userId: self.id },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { id: true, type: true, method: true, ipAddress: true, userAgent: true, apiTokenId: true, at: true },
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    type: row.type,
    method: (SIGN_IN_METHODS as readonly string[]).includes(row.method ?? '') ? (row.method as SignInMethod) : null,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    apiTokenId: row.apiTokenId,
    at: row.at.toISOString(),
  }));
}
