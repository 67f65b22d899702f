import 'server-only';
import { checkTotpCode, createRecoveryCodes, createTotpSecret, hashRecoveryCode, normalizeRecoveryCode, totpUri } from '@/lib/auth/totp';
import { openTotpSecret, sealTotpSecret } from '@/lib/auth/two-factor-secret';
import { getDb, type Tx } from '@/lib/db';
import { getServerEnv } from '@/lib/env';

/**
 * Two-factor sign-in for local accounts (password + TOTP), set up and used by the person themself. Every function
 * takes the signed-in person (or, at sign-in, the account the password step proved) and touches that account only.
 */

/** Refusals of the account security page (two-factor set-up, password change); translated as security.errors.<code>. */
export const ACCOUNT_SECURITY_ERROR_CODES = ['CODE_INVALID', 'NOT_AVAILABLE', 'ALREADY_ENABLED', 'NOT_ENABLED', 'SETUP_EXPIRED', 'RATE_LIMITED', 'PASSWORD_INVALID', 'PASSWORD_TOO_SHORT', 'PASSWORDS_DIFFER'] as const;
export type AccountSecurityErrorCode = (typeof ACCOUNT_SECURITY_ERROR_CODES)[number];

export class AccountSecurityError extends Error {
  constructor(readonly code: AccountSecurityErrorCode) {
    super(code);
    this.name = 'AccountSecurityError';
  }
}

type Person = { id: string };

export type TwoFactorStatus = {
  /** Only accounts with a password can add a second factor; single sign-on accounts use their provider's. */
  isAvailable: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
};

export async function getTwoFactorStatus(person: Person): Promise<TwoFactorStatus> {
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: person.id },
    select: { passwordHash: true, totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  return { isAvailable: user.passwordHash !== null, enabledAt: user.totpEnabledAt?.toISOString() ?? null, recoveryCodesLeft: user._count.recoveryCodes };
}

/** A new secret for the person to scan; it takes effect only once confirmed with a code (confirmTwoFactorSetup). */
export async function startTwoFactorSetup(person: Person): Promise<{ secret: string; uri: string }> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: person.id }, select: { email: true, passwordHash: true, totpEnabledAt: true } });
  if (user.passwordHash === null) throw new AccountSecurityError('NOT_AVAILABLE');
  if (user.totpEnabledAt) throw new AccountSecurityError('ALREADY_ENABLED');
  const secret = createTotpSecret();
  await db.user.update({ where: { id: person.id }, data: { totpPendingSecret: sealTotpSecret(secret, getServerEnv().AUTH_SECRET) } });
  return { secret, uri: totpUri(secret, user.email) };
}

async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = createRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })) });
  return codes;
}

/**
 * Switches two-factor sign-in on with the secret being set up, when `code` is a current code of it. Ends every other
 * session of the account (raises its session generation: they were signed in with the password alone) and returns
 * the ten recovery codes, shown once, with the new generation so that the caller can renew this browser's session.
 */
export async function confirmTwoFactorSetup(person: Person, code: string, now: Date): Promise<{ recoveryCodes: string[]; sessionGeneration: number }> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: person.id }, select: { totpPendingSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AccountSecurityError('ALREADY_ENABLED');
  const secret = user.totpPendingSecret ? openTotpSecret(user.totpPendingSecret, getServerEnv().AUTH_SECRET) : null;
  if (!secret || !user.totpPendingSecret) throw new AccountSecurityError('SETUP_EXPIRED');
  const step = checkTotpCode(secret, code, now, null);
  if (step === null) throw new AccountSecurityError('CODE_INVALID');
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: person.id, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastTimeStep: step, sessionGeneration: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AccountSecurityError('SETUP_EXPIRED');
    const recoveryCodes = await replaceRecoveryCodes(tx, person.id, now);
    await tx.signInEvent.create({ data: { userId: person.id, type: 'TWO_FACTOR_ENABLED', method: null, at: now } });
    const { sessionGeneration } = await tx.user.findUniqueOrThrow({ where: { id: person.id }, select: { sessionGeneration: true } });
    return { recoveryCodes, sessionGeneration };
  });
}

export type SecondFactorCheck = { ok: true; method: 'totp' | 'recovery' } | { ok: false };

/**
 * Checks a second factor of an account with two-factor sign-in: a current TOTP code (each accepted once: the
 * account's last accepted time step is raised in the same statement that accepts it, so two requests with one code
 * cannot both pass) or one of its unused recovery codes (used up by accepting it).
 */
export async function checkSecondFactor(userId: string, code: string, kind: 'totp' | 'recovery', now: Date): Promise<SecondFactorCheck> {
  const db = getDb();
  if (kind === 'recovery') {
    if (normalizeRecoveryCode(code).length !== 10) return { ok: false };
    const used = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null, user: { totpEnabledAt: { not: null } } }, data: { usedAt: now } });
    return used.count === 1 ? { ok: true, method: 'recovery' } : { ok: false };
  }
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true, totpLastTimeStep: true } });
  const secret = user?.totpSecret && user.totpEnabledAt ? openTotpSecret(user.totpSecret, getServerEnv().AUTH_SECRET) : null;
  if (!secret) return { ok: false };
  const step = checkTotpCode(secret, code, now, user?.totpLastTimeStep ?? null);
  if (step === null) return { ok: false };
  const accepted = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastTimeStep: null }, { totpLastTimeStep: { lt: step } }] },
    data: { totpLastTimeStep: step },
  });
  return accepted.count === 1 ? { ok: true, method: 'totp' } : { ok: false };
}

/** New recovery codes (the old ones stop working), after a current code proves it is the person. */
export async function renewRecoveryCodes(person: Person, code: string, kind: 'totp' | 'recovery', now: Date): Promise<string[]> {
  await requireSecondFactor(person, code, kind, now);
  return getDb().$transaction((tx) => replaceRecoveryCodes(tx, person.id, now));
}

/** Switches two-factor sign-in off, after a current code (or a recovery code) proves it is the person. */
export async function disableTwoFactor(person: Person, code: string, kind: 'totp' | 'recovery', now: Date): Promise<void> {
  await requireSecondFactor(person, code, kind, now);
  const db = getDb();
  await db.$transaction([
    db.user.update({ where: { id: person.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastTimeStep: null, totpPendingSecret: null } }),
    db.recoveryCode.deleteMany({ where: { userId: person.id } }),
    db.signInEvent.create({ data: { userId: person.id, type: 'TWO_FACTOR_DISABLED', method: null, at: now } }),
  ]);
}

async function requireSecondFactor(person: Person, code: string, kind: 'totp' | 'recovery', now: Date): Promise<void> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: person.id }, select: { totpEnabledAt: true } });
  if (!user.totpEnabledAt) throw new AccountSecurityError('NOT_ENABLED');
  if (!(await checkSecondFactor(person.id, code, kind, now)).ok) throw new AccountSecurityError('CODE_INVALID');
}
