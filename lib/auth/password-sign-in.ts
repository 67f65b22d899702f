import 'server-only';
import { beginSignInAttempt, recordSignInSuccess } from '@/lib/auth/rate-limit';
import { describeErrorForLog } from '@/lib/api/error-log';
import { recordSignInEvent } from '@/lib/data/sign-in-events';
import { verifyCredentials } from '@/lib/data/users';
import { log } from '@/lib/log';

export type PasswordSignInInput = { email: string; password: string; ipAddress: string | null; userAgent: string | null };

export type PasswordSignInOutcome =
  /** The password is right; `needsSecondFactor` when the account has two-factor sign-in (the session waits for it). */
  | { kind: 'signed-in'; user: { id: string; name: string; email: string; sessionGeneration: number }; needsSecondFactor: boolean }
  | { kind: 'wrong' }
  | { kind: 'limited'; retryAfterSeconds: number };

/**
 * One password attempt, as the sign-in form makes it: rate-limited (lib/auth/rate-limit.ts), then checked.
 *
 * A wrong password takes the same time whether the account exists or not: an unknown address is checked against a
 * dummy argon2id hash (lib/auth/passwords.ts), and the failed attempt is written to the owner's sign-in history
 * OFF the answer's path (not awaited), so the database write that only real accounts get is not measurable in
 * the response time. A lost history row is logged; the answer never waits for it.
 */
export async function checkPasswordSignIn(input: PasswordSignInInput): Promise<PasswordSignInOutcome> {
  const gate = await beginSignInAttempt(input.email, input.ipAddress);
  if (!gate.allowed) return { kind: 'limited', retryAfterSeconds: gate.retryAfterSeconds };
  const checked = await verifyCredentials(input.email, input.password);
  if (!checked.ok) {
    if (checked.accountId) {
      const accountId = checked.accountId;
      void recordSignInEvent({ userId: accountId, type: 'SIGN_IN_FAILED', method: 'password', ipAddress: input.ipAddress, userAgent: input.userAgent }).catch((error: unknown) =>
        log.error({ err: describeErrorForLog(error) }, 'could not record a failed sign-in'),
      );
    }
    return { kind: 'wrong' };
  }
  await recordSignInSuccess(input.email, input.ipAddress);
  return { kind: 'signed-in', user: checked.user, needsSecondFactor: checked.hasTwoFactor };
}
