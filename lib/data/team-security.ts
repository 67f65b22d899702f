import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { authorizeTeamAction } from './access';

/**
 * "Kräv tvåfaktorsinloggning": a team's members decide whether everyone who opens the team's boards must sign in with
 * two factors (lib/data/access.ts enforces it). The change is written, in the same transaction, to the team's
 * history, like every membership change.
 */
export async function setTeamTwoFactorRequirement(actor: { id: string }, input: { teamId: string; isRequired: boolean }, now: Date): Promise<void> {
  const { teamId, isRequired } = z.object({ teamId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/), isRequired: z.boolean() }).parse(input);
  const db = getDb();
  await db.$transaction(async (tx) => {
    await authorizeTeamAction(tx, actor.id, teamId, 'team.members.manage');
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { requireTwoFactor: true } });
    if (team.requireTwoFactor === isRequired) return;
    await tx.team.update({ where: { id: teamId }, data: { requireTwoFactor: isRequired } });
    await tx.teamEvent.create({ data: { teamId, type: isRequired ? 'TWO_FACTOR_REQUIRED' : 'TWO_FACTOR_NOT_REQUIRED', actorId: actor.id, at: now } });
  });
}

/** Whether the team requires two-factor sign-in, for anyone who may read its members. */
export async function getTeamTwoFactorRequirement(actor: { id: string }, teamId: string): Promise<{ isRequired: boolean; canChange: boolean }> {
  const db = getDb();
  const access = await authorizeTeamAction(db, actor.id, teamId, 'team.members.read');
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { requireTwoFactor: true } });
  return { isRequired: team.requireTwoFactor, canChange: access.role === 'MEMBER' };
}
