import 'server-only';
import { describeErrorForLog } from '@/lib/api/error-log';
import { beginSignInAttempt, recordSignInSuccess } from '@/lib/auth/rate-limit';
import type { PendingSecondFactor } from '@/lib/auth/second-factor-pending';
import { getDb } from '@/lib/db';
import { recordSignInEvent } from '@/lib/data/sign-in-events';
import { checkSecondFactor } from '@/lib/data/two-factor';
import { log } from '@/lib/log';

export type SecondFactorSignInInput = {
  pending: PendingSecondFactor;
  code: string;
  kind: 'totp' | 'recovery';
  ipAddress: string | null;
  userAgent: string | null;
  now: Date;
};

export type SecondFactorSignInOutcome =
  | { kind: 'signed-in'; user: { id: string; name: string; email: string; sessionGeneration: number }; method: 'password+totp' | 'password+recovery' }
  | { kind: 'wrong' }
  | { kind: 'limited'; retryAfterSeconds: number }
  /** The password step no longer stands: its five minutes passed, or the account's sessions were ended since. */
  | { kind: 'expired' };

/**
 * The step after the password: a TOTP code or a recovery code for the account the password step proved. Rate
 * limited exactly like passwords (lib/auth/rate-limit.ts, counters of their own), and a wrong code is written to
 * the owner's sign-in history off the answer's path.
 */
export async function checkSecondFactorSignIn(input: SecondFactorSignInInput): Promise<SecondFactorSignInOutcome> {
  const user = await getDb().user.findUnique({ where: { id: input.pending.userId }, select: { id: true, name: true, email: true, sessionGeneration: true, totpEnabledAt: true } });
  if (!user || user.sessionGeneration !== input.pending.generation || !user.totpEnabledAt) return { kind: 'expired' };
  const gate = await beginSignInAttempt(user.email, input.ipAddress, 'second-factor');
  if (!gate.allowed) return { kind: 'limited', retryAfterSeconds: gate.retryAfterSeconds };
  const check = await checkSecondFactor(user.id, input.code, input.kind, input.now);
  if (!check.ok) {
    void recordSignInEvent({ userId: user.id, type: 'SECOND_FACTOR_FAILED', method: input.kind === 'totp' ? 'password+totp' : 'password+recovery', ipAddress: input.ipAddress, userAgent: input.userAgent }).catch((error: unknown) =>
      log.error({ err: describeErrorForLog(error) }, 'could not record a failed second factor'),
    );
    return { kind: 'wrong' };
  }
  await recordSignInSuccess(user.email, input.ipAddress, 'second-factor');
  return { kind: 'signed-in', user: { id: user.id, name: user.name, email: user.email, sessionGeneration: user.sessionGeneration }, method: check.method === 'totp' ? 'password+totp' : 'password+recovery' };
}
