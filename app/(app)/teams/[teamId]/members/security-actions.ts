'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/api/action';
import { setTeamTwoFactorRequirement } from '@/lib/data/team-security';

/** "Kräv tvåfaktorsinloggning" on or off, for the team's members (viewers and outsiders are refused by the data layer). */
export async function setTeamTwoFactorRequirementAction(teamId: string, isRequired: boolean): Promise<ActionResult> {
  return runAction(async (user) => {
    await setTeamTwoFactorRequirement(user, { teamId: z.string().parse(teamId), isRequired: z.boolean().parse(isRequired) }, new Date());
    revalidatePath(`/teams/${encodeURIComponent(teamId)}/members`);
    return null;
  });
}
