import 'server-only';
import { hashPassword, isPasswordCorrect } from '@/lib/auth/passwords';
import { getDb } from '@/lib/db';
import { AccountSecurityError } from './two-factor';

/** The shortest new password Tillit accepts (NIST SP 800-63B asks for at least 8; 12 keeps a passphrase in reach). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * Changes the person's own password after checking the current one, and ends every session of the account (raises
 * its session generation) in the same statement. Returns the new generation, for renewing this browser's session.
 */
export async function changeOwnPassword(person: { id: string }, input: { current: string; next: string; repeat: string }, now: Date): Promise<number> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: person.id }, select: { passwordHash: true } });
  if (user.passwordHash === null) throw new AccountSecurityError('NOT_AVAILABLE');
  if ([...input.next].length < PASSWORD_MIN_LENGTH || input.next.length > PASSWORD_MAX_LENGTH) throw new AccountSecurityError('PASSWORD_TOO_SHORT');
  if (input.next !== input.repeat) throw new AccountSecurityError('PASSWORDS_DIFFER');
  if (!(await isPasswordCorrect(user.passwordHash, input.current))) throw new AccountSecurityError('PASSWORD_INVALID');
  const passwordHash = await hashPassword(input.next);
  const [updated] = await db.$transaction([
    db.user.update({ where: { id: person.id }, data: { passwordHash, sessionGeneration: { increment: 1 } }, select: { sessionGeneration: true } }),
    db.signInEvent.create({ data: { userId: person.id, type: 'PASSWORD_CHANGED', method: null, at: now } }),
  ]);
  return updated.sessionGeneration;
}
