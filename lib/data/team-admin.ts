import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb, type Tx } from '@/lib/db';
import { canAdministerInstance, TEAM_ROLES, type TeamRole } from '@/lib/domain/permissions';
import { singleLineText } from '@/lib/board/commands';
import { AppError } from '@/lib/errors';
import type { Prisma, TeamEventType } from '@/lib/generated/prisma/client';
import { defaultLaneData } from './lanes';
import { authorizeTeamAction } from './access';
import { removePersonFromTeamCards } from './card-people';

/**
 * Team administration. Team members (MEMBER) manage their own team: invite by link or e-mail, change roles and
 * remove people. An instance administrator creates teams and appoints their first members, and gets no rights on
 * any team's boards from it. Every membership change is written, in the same transaction, to the team's history.
 */

/** Refusals specific to team administration; the action layer turns them into translated messages. */
export const TEAM_ADMIN_ERROR_CODES = ['LAST_MEMBER', 'INVITATION_INVALID', 'ALREADY_MEMBER', 'NOT_A_MEMBER'] as const;
export type TeamAdminErrorCode = (typeof TEAM_ADMIN_ERROR_CODES)[number];

export class TeamAdminError extends Error {
  constructor(readonly code: TeamAdminErrorCode) {
    super(code);
    this.name = 'TeamAdminError';
  }
}

type Actor = { id: string };
type AdminActor = { id: string; isInstanceAdmin: boolean };

export const INVITATION_VALID_DAYS = 7;
export const TEAM_NAME_MAX = 80;
export const FIRST_MEMBERS_MAX = 20;

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const roleSchema = z.enum(TEAM_ROLES);
const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));
const tokenSchema = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/);

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** One writer at a time per team: the last-member rule reads then writes, so two removals must not interleave. */
async function lockTeam(tx: Tx, teamId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
}

type EventInput = {
  teamId: string;
  type: TeamEventType;
  actorId: string | null;
  subjectUserId?: string | null;
  invitationId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  at: Date;
};

async function appendTeamEvent(tx: Tx, event: EventInput): Promise<void> {
  await tx.teamEvent.create({ data: { ...event, subjectUserId: event.subjectUserId ?? null, invitationId: event.invitationId ?? null } });
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────────────

export type TeamMemberView = { userId: string; name: string; email: string | null; role: TeamRole; since: string; isSelf: boolean };
export type PendingInvitationView = { id: string; role: TeamRole; email: string | null; createdAt: string; expiresAt: string; createdByName: string | null };
export type TeamHistoryEntry = {
  id: string;
  type: EventInput['type'];
  actorId: string | null;
  actorName: string | null;
  subjectUserId: string | null;
  subjectName: string | null;
  invitationId: string | null;
  /** For a person who joined with an invitation: who created it. */
  inviterName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
};
export type TeamMembersView = {
  team: { id: string; name: string };
  role: TeamRole;
  canManage: boolean;
  members: TeamMemberView[];
  invitations: PendingInvitationView[];
  history: TeamHistoryEntry[];
};

/**
 * The team's people, pending invitations and membership history. Members and viewers of the team only (404 for
 * everyone else, whether or not the team exists); e-mail addresses and invitations only for those who manage.
 */
export async function getTeamMembers(actor: Actor, teamId: string, now: Date): Promise<TeamMembersView> {
  const db = getDb();
  const access = await authorizeTeamAction(db, actor.id, idSchema.parse(teamId), 'team.members.read');
  const canManage = access.role === 'MEMBER';
  const [team, memberships, invitations, events] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, name: true } }),
    db.membership.findMany({
      // A team integration token's identity is not one of the team's people (its tokens are on the integrations page).
      where: { teamId, user: { isIntegration: false } },
      orderBy: [{ user: { name: 'asc' } }, { userId: 'asc' }],
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    canManage
      ? db.teamInvitation.findMany({
          where: { teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
          orderBy: { createdAt: 'desc' },
          select: { id: true, role: true, email: true, createdAt: true, expiresAt: true, createdById: true },
        })
      : Promise.resolve([]),
    db.teamEvent.findMany({ where: { teamId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 200 }),
  ]);
  const userIds = new Set<string>();
  const inviterOf = (after: unknown): string | null => {
    const id = (after as { invitedById?: unknown } | null)?.invitedById;
    return typeof id === 'string' ? id : null;
  };
  for (const event of events) {
    if (event.actorId) userIds.add(event.actorId);
    if (event.subjectUserId) userIds.add(event.subjectUserId);
    const inviter = inviterOf(event.after);
    if (inviter) userIds.add(inviter);
  }
  for (const invitation of invitations) if (invitation.createdById) userIds.add(invitation.createdById);
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );
  return {
    team,
    role: access.role,
    canManage,
    members: memberships.map((membership) => ({
      userId: membership.user.id,
      name: membership.user.name,
      email: canManage ? membership.user.email : null,
      role: membership.role,
      since: membership.createdAt.toISOString(),
      isSelf: membership.user.id === actor.id,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      role: invitation.role,
      email: invitation.email,
      createdAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
      createdByName: invitation.createdById ? (names.get(invitation.createdById) ?? null) : null,
    })),
    history: events.map((event) => ({
      id: event.id.toString(),
      type: event.type,
      actorId: event.actorId,
      actorName: event.actorId ? (names.get(event.actorId) ?? null) : null,
      subjectUserId: event.subjectUserId,
      subjectName: event.subjectUserId ? (names.get(event.subjectUserId) ?? null) : null,
      invitationId: event.invitationId,
      inviterName: names.get(inviterOf(event.after) ?? '') ?? null,
      before: (event.before as Record<string, unknown> | null) ?? null,
      after: (event.after as Record<string, unknown> | null) ?? null,
      at: event.at.toISOString(),
    })),
  };
}

// ── Members ──────────────────────────────────────────────────────────────────────────────────────────────────

async function countManagers(tx: Tx, teamId: string): Promise<number> {
  return tx.membership.count({ where: { teamId, role: 'MEMBER', user: { isIntegration: false } } });
}

/**
 * Changes a person's role. Refused with LAST_MEMBER when it would leave the team without a MEMBER: someone must
 * always be able to manage the team and change its boards.
 */
export async function changeMemberRole(actor: Actor, input: { teamId: string; userId: string; role: TeamRole }, now: Date): Promise<void> {
  const teamId = idSchema.parse(input.teamId);
  const userId = idSchema.parse(input.userId);
  const role = roleSchema.parse(input.role);
  await getDb().$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    await authorizeTeamAction(tx, actor.id, teamId, 'team.members.manage');
    const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { id: true, role: true } });
    if (!membership) throw new TeamAdminError('NOT_A_MEMBER');
    if (membership.role === role) return;
    if (membership.role === 'MEMBER' && (await countManagers(tx, teamId)) <= 1) throw new TeamAdminError('LAST_MEMBER');
    // A viewer works on no card: made one, they are taken off the team's cards (before the membership's own event).
    if (role === 'VIEWER') await removePersonFromTeamCards(tx, { teamId, userId, actorId: actor.id });
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await appendTeamEvent(tx, { teamId, type: 'MEMBER_ROLE_CHANGED', actorId: actor.id, subjectUserId: userId, before: { role: membership.role }, after: { role }, at: now });
  });
}

/** Removes a person from the team (yourself too: that is leaving). Never the last MEMBER. */
export async function removeMember(actor: Actor, input: { teamId: string; userId: string }, now: Date): Promise<void> {
  const teamId = idSchema.parse(input.teamId);
  const userId = idSchema.parse(input.userId);
  await getDb().$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    await authorizeTeamAction(tx, actor.id, teamId, 'team.members.manage');
    const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { id: true, role: true } });
    if (!membership) throw new TeamAdminError('NOT_A_MEMBER');
    if (membership.role === 'MEMBER' && (await countManagers(tx, teamId)) <= 1) throw new TeamAdminError('LAST_MEMBER');
    // Off the team's cards first: card rows, then board rows (the order every card change locks them in).
    await removePersonFromTeamCards(tx, { teamId, userId, actorId: actor.id });
    await tx.membership.delete({ where: { id: membership.id } });
    await appendTeamEvent(tx, { teamId, type: 'MEMBER_REMOVED', actorId: actor.id, subjectUserId: userId, before: { role: membership.role }, at: now });
  });
}

// ── Invitations ──────────────────────────────────────────────────────────────────────────────────────────────

export type CreatedInvitation = { id: string; token: string; role: TeamRole; email: string | null; expiresAt: string; teamName: string };

/**
 * A single-use invitation valid for {@link INVITATION_VALID_DAYS} days. The secret is returned once, for the link;
 * only its SHA-256 is stored, so the database alone cannot be used to join a team.
 */
export async function createInvitation(actor: Actor, input: { teamId: string; role: TeamRole; email?: string | null }, now: Date): Promise<CreatedInvitation> {
  const teamId = idSchema.parse(input.teamId);
  const role = roleSchema.parse(input.role);
  const email = input.email ? emailSchema.parse(input.email) : null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000);
  return getDb().$transaction(async (tx) => {
    await authorizeTeamAction(tx, actor.id, teamId, 'team.members.manage');
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true } });
    const invitation = await tx.teamInvitation.create({
      data: { teamId, role, email, tokenHash: hashInvitationToken(token), createdById: actor.id, createdAt: now, expiresAt },
      select: { id: true },
    });
    await appendTeamEvent(tx, {
      teamId,
      type: 'INVITATION_CREATED',
      actorId: actor.id,
      invitationId: invitation.id,
      after: { role, byEmail: email !== null, expiresAt: expiresAt.toISOString() },
      at: now,
    });
    return { id: invitation.id, token, role, email, expiresAt: expiresAt.toISOString(), teamName: team.name };
  });
}

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(actor: Actor, input: { teamId: string; invitationId: string }, now: Date): Promise<void> {
  const teamId = idSchema.parse(input.teamId);
  const invitationId = idSchema.parse(input.invitationId);
  await getDb().$transaction(async (tx) => {
    await authorizeTeamAction(tx, actor.id, teamId, 'team.members.manage');
    const revoked = await tx.teamInvitation.updateMany({
      where: { id: invitationId, teamId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (revoked.count === 0) throw new TeamAdminError('INVITATION_INVALID');
    await appendTeamEvent(tx, { teamId, type: 'INVITATION_REVOKED', actorId: actor.id, invitationId, at: now });
  });
}

export type InvitationPreview = {
  teamName: string;
  role: TeamRole;
  status: 'valid' | 'expired' | 'used' | 'revoked';
  isAlreadyMember: boolean;
};

/** What an invitation link offers, for the person who opened it (signed in). Null when no such link exists. */
export async function getInvitationPreview(actor: Actor, token: string, now: Date): Promise<InvitationPreview | null> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const invitation = await getDb().teamInvitation.findUnique({
    where: { tokenHash: hashInvitationToken(parsed.data) },
    select: { role: true, teamId: true, expiresAt: true, acceptedAt: true, revokedAt: true, team: { select: { name: true } } },
  });
  if (!invitation) return null;
  const membership = await getDb().membership.findUnique({ where: { teamId_userId: { teamId: invitation.teamId, userId: actor.id } }, select: { id: true } });
  const status = invitation.revokedAt ? 'revoked' : invitation.acceptedAt ? 'used' : invitation.expiresAt <= now ? 'expired' : 'valid';
  return { teamName: invitation.team.name, role: invitation.role, status, isAlreadyMember: membership !== null };
}

/**
 * Joins the team with the invitation's role. The invitation is used up in the same statement that checks it is
 * still open (not used, revoked or expired), so a link works exactly once even when opened twice at the same time.
 * Someone already on the team is told so and the link stays unused.
 */
export async function acceptInvitation(actor: Actor, token: string, now: Date): Promise<{ teamId: string }> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) throw new TeamAdminError('INVITATION_INVALID');
  const tokenHash = hashInvitationToken(parsed.data);
  return getDb().$transaction(async (tx) => {
    const invitation = await tx.teamInvitation.findUnique({ where: { tokenHash }, select: { id: true, teamId: true, role: true, createdById: true } });
    if (!invitation) throw new TeamAdminError('INVITATION_INVALID');
    await lockTeam(tx, invitation.teamId);
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invitation.teamId, userId: actor.id } }, select: { id: true } });
    if (existing) throw new TeamAdminError('ALREADY_MEMBER');
    const claimed = await tx.teamInvitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: actor.id },
    });
    if (claimed.count === 0) throw new TeamAdminError('INVITATION_INVALID');
    await tx.membership.create({ data: { teamId: invitation.teamId, userId: actor.id, role: invitation.role, createdAt: now } });
    await appendTeamEvent(tx, {
      teamId: invitation.teamId,
      type: 'MEMBER_ADDED',
      actorId: actor.id,
      subjectUserId: actor.id,
      invitationId: invitation.id,
      after: { role: invitation.role, invitedById: invitation.createdById },
      at: now,
    });
    return { teamId: invitation.teamId };
  });
}

// ── Instance administration ──────────────────────────────────────────────────────────────────────────────────

function requireInstanceAdmin(actor: AdminActor): void {
  if (!canAdministerInstance(actor.isInstanceAdmin)) throw new AppError('FORBIDDEN');
}

export type AdminTeamView = { id: string; name: string; memberCount: number; createdAt: string };

/** Every team's name and size, for the instance administrator. Nothing about boards or who is on a team. */
export async function listTeamsForAdmin(actor: AdminActor): Promise<AdminTeamView[]> {
  requireInstanceAdmin(actor);
  const teams = await getDb().team.findMany({
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, createdAt: true, _count: { select: { memberships: { where: { user: { isIntegration: false } } } } } },
  });
  return teams.map((team) => ({ id: team.id, name: team.name, memberCount: team._count.memberships, createdAt: team.createdAt.toISOString() }));
}

/** A board or column name: one line, control characters stripped (lib/text/clean-text.ts). */
const columnName = () => singleLineText().pipe(z.string().min(1).max(60));

const createTeamSchema = z.object({
  name: singleLineText().pipe(z.string().min(1, 'nameRequired').max(TEAM_NAME_MAX, 'titleTooLong')),
  memberEmails: z.array(emailSchema).min(1).max(FIRST_MEMBERS_MAX),
  boardName: columnName(),
  columnNames: z.tuple([columnName(), columnName(), columnName()]),
});

export type CreateTeamInput = z.input<typeof createTeamSchema>;

/**
 * Creates a team with its first members (all MEMBER) and a first board (three columns, named in the admin's
 * language; the team changes them). A first member without an account gets one with no password: they sign in
 * through single sign-on, whose verified e-mail address then links to it.
 */
export async function createTeamWithMembers(actor: AdminActor, input: CreateTeamInput, now: Date): Promise<{ teamId: string; createdAccounts: number }> {
  requireInstanceAdmin(actor);
  const data = createTeamSchema.parse(input);
  const emails = [...new Set(data.memberEmails)];
  return getDb().$transaction(async (tx) => {
    const team = await tx.team.create({ data: { name: data.name, createdAt: now }, select: { id: true } });
    await appendTeamEvent(tx, { teamId: team.id, type: 'TEAM_CREATED', actorId: actor.id, after: { name: data.name }, at: now });
    let createdAccounts = 0;
    for (const email of emails) {
      let user = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (!user) {
        user = await tx.user.create({ data: { email, name: email.split('@')[0] ?? email, createdAt: now }, select: { id: true } });
        createdAccounts += 1;
      }
      await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: 'MEMBER', createdAt: now } });
      await appendTeamEvent(tx, { teamId: team.id, type: 'MEMBER_ADDED', actorId: actor.id, subjectUserId: user.id, after: { role: 'MEMBER' }, at: now });
    }
    const board = await tx.board.create({ data: { teamId: team.id, name: data.boardName, createdAt: now, lanes: { create: defaultLaneData(now) } }, select: { id: true } });
    const flowStates = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'] as const;
    await tx.column.createMany({
      data: data.columnNames.map((name, index) => ({ boardId: board.id, name, position: (index + 1) * 1024, flowState: flowStates[index] ?? 'IN_PROGRESS', createdAt: now })),
    });
    await tx.boardEvent.create({ data: { boardId: board.id, type: 'BOARD_CREATED', actorId: actor.id, at: now, after: { name: data.boardName } } });
    return { teamId: team.id, createdAccounts };
  });
}
