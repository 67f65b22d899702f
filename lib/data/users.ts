import 'server-only';
import { isPasswordCorrect } from '@/lib/auth/passwords';
import { getDb } from '@/lib/db';

export type CheckedCredentials =
  | { ok: true; user: { id: string; name: string; email: string; sessionGeneration: number }; hasTwoFactor: boolean }
  /** `accountId` names the account a wrong password was tried on (null for an unknown address): for its owner's history only. */
  | { ok: false; accountId: string | null };

/**
 * Checks an e-mail and password. The caller tells the person only that the pair did not match, never which part
 * was wrong; an unknown address costs the same argon2id verification as a wrong password (lib/auth/passwords.ts).
 */
export async function verifyCredentials(email: string, password: string): Promise<CheckedCredentials> {
  const user = await getDb().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, name: true, email: true, passwordHash: true, sessionGeneration: true, totpEnabledAt: true },
  });
  const isCorrect = await isPasswordCorrect(user?.passwordHash ?? null, password);
  if (!user || !isCorrect) return { ok: false, accountId: user?.id ?? null };
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, sessionGeneration: user.sessionGeneration }, hasTwoFactor: user.totpEnabledAt !== null };
}
