'use server';

import { runAction, type ActionResult } from '@/lib/api/action';
import { acceptInvitation } from '@/lib/data/team-admin';

/** Joins a team with an invitation link's secret. Any signed-in person holding the link; it works once. */
export async function acceptInvitationAction(token: string): Promise<ActionResult<{ teamId: string }>> {
  return runAction(async (user) => acceptInvitation(user, typeof token === 'string' ? token : '', new Date()));
}
