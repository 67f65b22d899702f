'use server';

import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/api/action';
import { setEmailOnMention } from '@/lib/data/notification-emails';
import { isEmailConfigured } from '@/lib/mail/mailer';

/** The person's own choice of an e-mail for each mention; refused (as bad input) where the instance sends no e-mail. */
export async function setEmailOnMentionAction(isWanted: boolean): Promise<ActionResult> {
  return runAction(async (user) => {
    const parsed = z.boolean().parse(isWanted);
    if (parsed && !isEmailConfigured()) throw new z.ZodError([{ code: 'custom', path: ['isWanted'], message: 'VALIDATION', input: parsed }]);
    await setEmailOnMention(user, parsed);
    return null;
  });
}
