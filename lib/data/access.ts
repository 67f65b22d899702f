import 'server-only';
import type { Db, Tx } from '@/lib/db';
import { canPerform, type BoardAction, type TeamRole } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';

export type BoardAccess = { boardId: string; teamId: string; role: TeamRole };

/**
 * The caller's role on a board's team. Throws NOT_FOUND when the board does not exist or the caller is not on
 * the team (the two are indistinguishable on purpose), FORBIDDEN when the role does not allow the action.
 */
export async function authorizeBoardAction(
  db: Db | Tx,
  userId: string,
  boardId: string,
  action: BoardAction,
): Promise<BoardAccess> {
  const membership = await db.membership.findFirst({
    where: { userId, team: { boards: { some: { id: boardId } } } },
    select: { role: true, teamId: true },
  });
  if (!membership) throw new AppError('NOT_FOUND');
  if (!canPerform(membership.role, action)) throw new AppError('FORBIDDEN');
  return { boardId, teamId: membership.teamId, role: membership.role };
}

export async function authorizeTeamAction(
  db: Db | Tx,
  userId: string,
  teamId: string,
  action: BoardAction,
): Promise<{ teamId: string; role: TeamRole }> {
  const membership = await db.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError('NOT_FOUND');
  if (!canPerform(membership.role, action)) throw new AppError('FORBIDDEN');
  return { teamId, role: membership.role };
}
