'use server';

import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/api/action';
import { createTeamWithMembers } from '@/lib/data/team-admin';

/**
 * Instance administration: creates a team with its first members and a first board. Instance administrators only
 * (403 for everyone else); it gives the administrator no rights on the new team.
 */
export async function createTeamAction(name: string, memberEmails: string): Promise<ActionResult<{ teamId: string; createdAccounts: number }>> {
  return runAction(async (user) => {
    const t = await getTranslations('admin.instance.firstBoard');
    const teamName = typeof name === 'string' ? name : '';
    const emails = (typeof memberEmails === 'string' ? memberEmails : '')
      .split(/[\s,;]+/)
      .map((email) => email.trim())
      .filter((email) => email.length > 0);
    const result = await createTeamWithMembers(
      user,
      { name: teamName, memberEmails: emails, boardName: t('name', { team: teamName.trim() }).slice(0, 60), columnNames: [t('todo'), t('doing'), t('done')] },
      new Date(),
    );
    revalidatePath('/admin');
    return result;
  });
}
