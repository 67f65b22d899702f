'use server';

import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/api/action';
import { clientAddress, shortenUserAgent } from '@/lib/auth/client-address';
import { beginSignInAttempt, recordSignInSuccess, type SignInSecretKind } from '@/lib/auth/rate-limit';
import { endAllSessions, readSessionToken, type SessionUser } from '@/lib/auth/session';
import { renewSessionCookie } from '@/lib/auth/session-cookie';
import { formatManualKey } from '@/lib/auth/totp';
import { changeOwnPassword } from '@/lib/data/passwords';
import { recordSignInEvent } from '@/lib/data/sign-in-events';
import { AccountSecurityError, confirmTwoFactorSetup, disableTwoFactor, renewRecoveryCodes, startTwoFactorSetup } from '@/lib/data/two-factor';
import { AppError } from '@/lib/errors';

/**
 * The account security page's actions. Each works on the caller's own account only (it takes no user id), and every
 * check of a secret (a code, the current password) is rate-limited exactly like sign-in (lib/auth/rate-limit.ts).
 */

const codeSchema = z.string().trim().min(1).max(40);
const kindSchema = z.enum(['totp', 'recovery']);
const passwordSchema = z.string().max(1024);

async function currentSession() {
  const requestHeaders = await headers();
  const session = await readSessionToken(requestHeaders.get('cookie'), new Date());
  if (!session) throw new AppError('UNAUTHENTICATED');
  return { session, requestHeaders };
}

/** Runs `check` (which throws AccountSecurityError on a wrong secret) under the sign-in rate limit for `kind`. */
async function withSecretLimit<T>(user: SessionUser, kind: SignInSecretKind, check: () => Promise<T>): Promise<T> {
  const address = clientAddress(await headers());
  const gate = await beginSignInAttempt(user.email, address, kind);
  if (!gate.allowed) throw new AccountSecurityError('RATE_LIMITED');
  const result = await check();
  await recordSignInSuccess(user.email, address, kind);
  return result;
}

/** "Logga ut överallt": ends every session of the account on every device, this one included. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  return runAction(async (user) => {
    const { session, requestHeaders } = await currentSession();
    if (session.userId !== user.id || !(await endAllSessions(session))) throw new AppError('UNAUTHENTICATED');
    await recordSignInEvent({ userId: user.id, type: 'SIGNED_OUT', method: null, ipAddress: clientAddress(requestHeaders), userAgent: shortenUserAgent(requestHeaders.get('user-agent')) });
    return null;
  });
}

/** A new secret to scan: its QR code (made here, no network) and the key to type by hand. */
export async function startTwoFactorSetupAction(): Promise<ActionResult<{ qrCode: string; manualKey: string }>> {
  return runAction(async (user) => {
    const { secret, uri } = await startTwoFactorSetup(user);
    const qrCode = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { qrCode, manualKey: formatManualKey(secret) };
  });
}

/** Switches two-factor sign-in on (ending the other sessions, renewing this one) and returns the recovery codes. */
export async function confirmTwoFactorSetupAction(code: string): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction(async (user) => {
    const { session } = await currentSession();
    const parsed = codeSchema.parse(code);
    const { recoveryCodes, sessionGeneration } = await withSecretLimit(user, 'second-factor', () => confirmTwoFactorSetup(user, parsed, new Date()));
    await renewSessionCookie(session, user, sessionGeneration);
    return { recoveryCodes };
  });
}

export async function renewRecoveryCodesAction(code: string, kind: string): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction(async (user) => {
    const [parsedCode, parsedKind] = [codeSchema.parse(code), kindSchema.parse(kind)];
    return { recoveryCodes: await withSecretLimit(user, 'second-factor', () => renewRecoveryCodes(user, parsedCode, parsedKind, new Date())) };
  });
}

export async function disableTwoFactorAction(code: string, kind: string): Promise<ActionResult> {
  return runAction(async (user) => {
    const [parsedCode, parsedKind] = [codeSchema.parse(code), kindSchema.parse(kind)];
    await withSecretLimit(user, 'second-factor', () => disableTwoFactor(user, parsedCode, parsedKind, new Date()));
    return null;
  });
}

/** A new password: every other session ends, this one is renewed under the new generation. */
export async function changePasswordAction(current: string, next: string, repeat: string): Promise<ActionResult> {
  return runAction(async (user) => {
    const { session } = await currentSession();
    const input = { current: passwordSchema.parse(current), next: passwordSchema.parse(next), repeat: passwordSchema.parse(repeat) };
    const generation = await withSecretLimit(user, 'password', () => changeOwnPassword(user, input, new Date()));
    await renewSessionCookie(session, user, generation);
    return null;
  });
}
