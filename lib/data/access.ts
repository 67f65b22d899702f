import 'server-only';
import type { Db, Tx } from '@/lib/db';
import { canPerform, isAllowedOnArchivedBoard, type BoardAction, type TeamRole } from '@/lib/domain/permissions';
import { getServerEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';

export type BoardAccess = { boardId: string; teamId: string; role: TeamRole };

/**
 * "Kräv tvåfaktorsinloggning": a team may require two-factor sign-in of everyone who opens its boards. A person has a
 * second factor when their account has TOTP switched on (every password sign-in of it then asks for a code; switching
 * it on ended the sessions signed in without one), or when the account has no password and the instance requires
 * the single sign-on provider's multi-factor claim (OIDC_REQUIRED_ACR / OIDC_REQUIRED_AMR: then every sign-in of it
 * proved two factors at the provider). An account with a password and no TOTP has none, even if it also uses SSO.
 */
export function hasSecondFactor(user: { totpEnabledAt: Date | null; passwordHash: string | null; isIntegration: boolean }): boolean {
  // An integration identity (a team token's actor, lib/data/api-tokens.ts) never signs in: the rule is about people.
  return user.isIntegration || user.totpEnabledAt !== null || (user.passwordHash === null && isSsoMultiFactorRequired());
}

/** Whether the instance requires the single sign-on provider's multi-factor claim (so every SSO sign-in proved it). */
export function isSsoMultiFactorRequired(): boolean {
  const oidc = getServerEnv().oidc;
  return Boolean(oidc && (oidc.requiredAcr.length > 0 || oidc.requiredAmr.length > 0));
}

const MEMBERSHIP_SELECT = { role: true, teamId: true, team: { select: { requireTwoFactor: true } }, user: { select: { totpEnabledAt: true, passwordHash: true, isIntegration: true } } } as const;

function checkMembership(membership: { role: TeamRole; team: { requireTwoFactor: boolean }; user: { totpEnabledAt: Date | null; passwordHash: string | null; isIntegration: boolean } } | null, action: BoardAction): TeamRole {
  if (!membership) throw new AppError('NOT_FOUND');
  // Checked before the role: the team's rule applies to its viewers too, and a 403 here says only that the team has it.
  if (membership.team.requireTwoFactor && !hasSecondFactor(membership.user)) throw new AppError('TWO_FACTOR_REQUIRED');
  if (!canPerform(membership.role, action)) throw new AppError('FORBIDDEN');
  return membership.role;
}

/**
 * The part of a membership query that leaves out the teams whose requirement of two-factor sign-in the person does
 * not meet: for pages that gather data across the person's teams (the flow overview), which must not show those
 * teams' figures either.
 */
export async function teamsOpenToFilter(db: Db | Tx, userId: string): Promise<{ team?: { requireTwoFactor: false } }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true, passwordHash: true, isIntegration: true } });
  return user && hasSecondFactor(user) ? {} : { team: { requireTwoFactor: false } };
}

/**
 * The caller's role on a board's team. Throws NOT_FOUND when the board does not exist or the caller is not on
 * the team (the two are indistinguishable on purpose), TWO_FACTOR_REQUIRED when the team requires two-factor
 * sign-in and the caller has none, FORBIDDEN when the role does not allow the action, and BOARD_ARCHIVED when the
 * board is archived and the action is a write (lib/domain/permissions.ts isAllowedOnArchivedBoard): the one place
 * that makes an archived board read-only for every write path (UI, board commands, API v1, intake, standups,
 * experiments). moveCard checks the same in its own statement (lib/data/cards.ts).
 */
export async function authorizeBoardAction(
  db: Db | Tx,
  userId: string,
  boardId: string,
  action: BoardAction,
): Promise<BoardAccess> {
  const membership = await db.membership.findFirst({
    where: { userId, team: { boards: { some: { id: boardId } } } },
    select: { ...MEMBERSHIP_SELECT, team: { select: { requireTwoFactor: true, boards: { where: { id: boardId }, select: { archivedAt: true } } } } },
  });
  const role = checkMembership(membership, action);
  if (membership!.team.boards[0]?.archivedAt && !isAllowedOnArchivedBoard(action)) throw new AppError('BOARD_ARCHIVED');
  return { boardId, teamId: membership!.teamId, role };
}

export async function authorizeTeamAction(
  db: Db | Tx,
  userId: string,
  teamId: string,
  action: BoardAction,
): Promise<{ teamId: string; role: TeamRole }> {
  const membership = await db.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: MEMBERSHIP_SELECT,
  });
  return { teamId, role: checkMembership(membership, action) };
}

export type TwoFactorGate = { teamName: string; canSetUp: boolean };

/**
 * For pages under a board or a team: when the person is on the team but the team requires two-factor sign-in they
 * lack, what the page shows instead (the team's name, and whether they can set it up here: accounts with a password
 * can, single sign-on accounts depend on the provider). Null when nothing stands in the way (or they are not on the
 * team: the page then answers 404 as usual).
 */
export async function findTwoFactorGate(db: Db | Tx, userId: string, where: { boardId: string } | { teamId: string }): Promise<TwoFactorGate | null> {
  const membership = await db.membership.findFirst({
    where: { userId, ...('boardId' in where ? { team: { boards: { some: { id: where.boardId } } } } : { teamId: where.teamId }) },
    select: { team: { select: { name: true, requireTwoFactor: true } }, user: { select: { totpEnabledAt: true, passwordHash: true, isIntegration: true } } },
  });
  if (!membership || !membership.team.requireTwoFactor || hasSecondFactor(membership.user)) return null;
  return { teamName: membership.team.name, canSetUp: membership.user.passwordHash !== null };
}
