'use server';

import { getFormatter, getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/api/action';
import { describeErrorForLog } from '@/lib/api/handler';
import { getPublicOrigin } from '@/lib/api/public-url';
import { changeMemberRole, createInvitation, removeMember, revokeInvitation } from '@/lib/data/team-admin';
import { TEAM_ROLES, type TeamRole } from '@/lib/domain/permissions';
import { log } from '@/lib/log';
import { isEmailConfigured, sendMail } from '@/lib/mail/mailer';

/**
 * The team's own administration (members manage, everyone else is refused by the data layer: 404 when not on the
 * team, 403 for viewers). Every argument arrives from the network and is validated again below.
 */

const roleSchema = z.enum(TEAM_ROLES);

function membersPath(teamId: string): string {
  return `/teams/${encodeURIComponent(teamId)}/members`;
}

export async function changeMemberRoleAction(teamId: string, userId: string, role: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await changeMemberRole(user, { teamId, userId, role: roleSchema.parse(role) }, new Date());
    revalidatePath(membersPath(teamId));
    return null;
  });
}

export async function removeMemberAction(teamId: string, userId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await removeMember(user, { teamId, userId }, new Date());
    revalidatePath(membersPath(teamId));
    return null;
  });
}

export type CreatedInvitationResult = { link: string; role: TeamRole; expiresAt: string; email: string | null; emailSent: boolean };

/** Creates a single-use link; with an e-mail address (and SMTP configured) also sends it there. */
export async function createInvitationAction(teamId: string, role: string, email: string | null): Promise<ActionResult<CreatedInvitationResult>> {
  return runAction(async (user) => {
    const address = typeof email === 'string' && email.trim() !== '' ? email : null;
    if (address !== null && !isEmailConfigured()) throw new z.ZodError([{ code: 'custom', path: ['email'], message: 'VALIDATION', input: address }]);
    const invitation = await createInvitation(user, { teamId, role: roleSchema.parse(role), email: address }, new Date());
    const link = `${await getPublicOrigin()}/invitations/${invitation.token}`;
    let emailSent = false;
    if (invitation.email) {
      const t = await getTranslations('admin');
      const format = await getFormatter();
      const values = {
        inviter: user.name,
        team: invitation.teamName,
        role: t(`role.${invitation.role}`),
        expires: format.dateTime(new Date(invitation.expiresAt), { dateStyle: 'long', timeStyle: 'short' }),
        link,
      };
      try {
        await sendMail({ to: invitation.email, subject: t('email.invitationSubject', values), text: t('email.invitationBody', values) });
        emailSent = true;
      } catch (error) {
        log.error({ invitationId: invitation.id, err: describeErrorForLog(error) }, 'invitation e-mail could not be sent');
      }
    }
    revalidatePath(membersPath(teamId));
    return { link, role: invitation.role, expiresAt: invitation.expiresAt, email: invitation.email, emailSent };
  });
}

export async function revokeInvitationAction(teamId: string, invitationId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await revokeInvitation(user, { teamId, invitationId }, new Date());
    revalidatePath(membersPath(teamId));
    return null;
  });
}
