'use server';

import { headers } from 'next/headers';
import { runAction, type ActionResult } from '@/lib/api/action';
import { clientAddress, shortenUserAgent } from '@/lib/auth/client-address';
import { endAllSessions, readSessionToken } from '@/lib/auth/session';
import { recordSignInEvent } from '@/lib/data/sign-in-events';
import { AppError } from '@/lib/errors';

/**
 * "Logga ut överallt" / "Sign out everywhere": ends every session of the caller's account on every device, this
 * one included (lib/auth/session.ts endAllSessions), and notes it in their own sign-in history. The page then
 * clears this browser's cookie through next-auth's sign-out.
 */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  return runAction(async (user) => {
    const requestHeaders = await headers();
    const session = await readSessionToken(requestHeaders.get('cookie'), new Date());
    if (!session || session.userId !== user.id || !(await endAllSessions(session))) throw new AppError('UNAUTHENTICATED');
    await recordSignInEvent({ userId: user.id, type: 'SIGNED_OUT', method: null, ipAddress: clientAddress(requestHeaders), userAgent: shortenUserAgent(requestHeaders.get('user-agent')) });
    return null;
  });
}
