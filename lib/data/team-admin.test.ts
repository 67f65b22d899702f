/**
 * Team administration against a real database: who may change what, the last-member rule (also under concurrent
 * changes), single-use expiring invitations, the instance admin's limits, and the history of every change.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const NOW = new Date('2026-11-20T09:00:00Z');
const DAY = 86_400_000;

async function load() {
  const { getDb } = await import('@/lib/db');
  const admin = await import('./team-admin');
  return { db: getDb(), ...admin };
}

async function seedTeam() {
  const { db } = await load();
  const suffix = randomUUID().slice(0, 8);
  const user = (name: string, isInstanceAdmin = false) =>
    db.user.create({ data: { email: `${name}.${suffix}@team.test`, name: `${name} ${suffix}`, isInstanceAdmin }, select: { id: true, name: true, isInstanceAdmin: true } });
  const [member, colleague, viewer, outsider, admin, newcomer] = await Promise.all([
    user('member'),
    user('colleague'),
    user('viewer'),
    user('outsider'),
    user('admin', true),
    user('newcomer'),
  ]);
  const team = await db.team.create({ data: { name: `Team ${suffix}` } });
  const other = await db.team.create({ data: { name: `Other ${suffix}` } });
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: member.id, role: 'MEMBER' },
      { teamId: team.id, userId: colleague.id, role: 'MEMBER' },
      { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      { teamId: other.id, userId: outsider.id, role: 'MEMBER' },
    ],
  });
  return { teamId: team.id, member, colleague, viewer, outsider, admin, newcomer };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).name;
  }
}

describe.runIf(hasDatabase)('team administration', { timeout: 30_000 }, () => {
  it('lets members manage, refuses viewers (403) and everyone else as if the team did not exist (404)', async () => {
    const { changeMemberRole, createInvitation, getTeamMembers } = await load();
    const team = await seedTeam();
    const input = { teamId: team.teamId, userId: team.colleague.id, role: 'VIEWER' as const };
    expect(await codeOf(changeMemberRole(team.viewer, input, NOW))).toBe('FORBIDDEN');
    expect(await codeOf(changeMemberRole(team.outsider, input, NOW))).toBe('NOT_FOUND');
    expect(await codeOf(changeMemberRole(team.admin, input, NOW))).toBe('NOT_FOUND');
    expect(await codeOf(changeMemberRole(team.outsider, { ...input, teamId: 'no-such-team' }, NOW))).toBe('NOT_FOUND');
    expect(await codeOf(createInvitation(team.viewer, { teamId: team.teamId, role: 'MEMBER' }, NOW))).toBe('FORBIDDEN');
    expect(await codeOf(createInvitation(team.admin, { teamId: team.teamId, role: 'MEMBER' }, NOW))).toBe('NOT_FOUND');
    expect(await codeOf(changeMemberRole(team.member, input, NOW))).toBe('OK');

    // Viewers see who is on the team, but not e-mail addresses or invitations.
    const seenByViewer = await getTeamMembers(team.viewer, team.teamId, NOW);
    expect(seenByViewer.canManage).toBe(false);
    expect(seenByViewer.members.map((m) => m.email)).toEqual([null, null, null]);
    expect(await codeOf(getTeamMembers(team.outsider, team.teamId, NOW))).toBe('NOT_FOUND');
    expect(await codeOf(getTeamMembers(team.admin, team.teamId, NOW))).toBe('NOT_FOUND');
  });

  it('always keeps at least one member, also when two members remove each other at once', async () => {
    const { db, changeMemberRole, removeMember } = await load();
    const team = await seedTeam();
    await changeMemberRole(team.member, { teamId: team.teamId, userId: team.colleague.id, role: 'VIEWER' }, NOW);
    expect(await codeOf(changeMemberRole(team.member, { teamId: team.teamId, userId: team.member.id, role: 'VIEWER' }, NOW))).toBe('LAST_MEMBER');
    expect(await codeOf(removeMember(team.member, { teamId: team.teamId, userId: team.member.id }, NOW))).toBe('LAST_MEMBER');
    // A viewer may be removed; the last member stays.
    expect(await codeOf(removeMember(team.member, { teamId: team.teamId, userId: team.viewer.id }, NOW))).toBe('OK');

    const race = await seedTeam();
    const results = await Promise.all([
      codeOf(removeMember(race.member, { teamId: race.teamId, userId: race.colleague.id }, NOW)),
      codeOf(removeMember(race.colleague, { teamId: race.teamId, userId: race.member.id }, NOW)),
    ]);
    expect(results.filter((code) => code === 'OK')).toHaveLength(1);
    expect(await db.membership.count({ where: { teamId: race.teamId, role: 'MEMBER' } })).toBe(1);
  });

  it('makes invitation links single-use, expiring and revocable', async () => {
    const { db, acceptInvitation, createInvitation, getInvitationPreview, revokeInvitation } = await load();
    const team = await seedTeam();
    const invitation = await createInvitation(team.member, { teamId: team.teamId, role: 'VIEWER' }, NOW);
    const stored = await db.teamInvitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).not.toContain(invitation.token);
    expect(stored.expiresAt.getTime() - NOW.getTime()).toBe(7 * DAY);

    expect(await getInvitationPreview(team.newcomer, invitation.token, NOW)).toMatchObject({ role: 'VIEWER', status: 'valid', isAlreadyMember: false });
    // Someone already on the team is told so, and the link stays unused.
    expect(await codeOf(acceptInvitation(team.viewer, invitation.token, NOW))).toBe('ALREADY_MEMBER');
    // Two people opening the same link at once: exactly one joins.
    const results = await Promise.all([team.newcomer, team.outsider].map((person) => codeOf(acceptInvitation(person, invitation.token, NOW))));
    expect(results.sort()).toEqual(['INVITATION_INVALID', 'OK']);
    expect(await db.membership.count({ where: { teamId: team.teamId, role: 'VIEWER' } })).toBe(2);
    expect(await getInvitationPreview(team.admin, invitation.token, NOW)).toMatchObject({ status: 'used' });

    const expiring = await createInvitation(team.member, { teamId: team.teamId, role: 'MEMBER' }, NOW);
    expect(await codeOf(acceptInvitation(team.admin, expiring.token, new Date(NOW.getTime() + 7 * DAY + 1)))).toBe('INVITATION_INVALID');
    expect(await getInvitationPreview(team.admin, expiring.token, new Date(NOW.getTime() + 8 * DAY))).toMatchObject({ status: 'expired' });

    const revoked = await createInvitation(team.member, { teamId: team.teamId, role: 'MEMBER' }, NOW);
    await revokeInvitation(team.colleague, { teamId: team.teamId, invitationId: revoked.id }, NOW);
    expect(await codeOf(acceptInvitation(team.admin, revoked.token, NOW))).toBe('INVITATION_INVALID');
    expect(await codeOf(revokeInvitation(team.colleague, { teamId: team.teamId, invitationId: revoked.id }, NOW))).toBe('INVITATION_INVALID');

    expect(await codeOf(acceptInvitation(team.admin, 'x'.repeat(43), NOW))).toBe('INVITATION_INVALID');
    expect(await getInvitationPreview(team.admin, 'not a token', NOW)).toBeNull();
  });

  it('records every membership change in the team history', async () => {
    const { acceptInvitation, changeMemberRole, createInvitation, getTeamMembers, removeMember, revokeInvitation } = await load();
    const team = await seedTeam();
    const invitation = await createInvitation(team.member, { teamId: team.teamId, role: 'MEMBER', email: 'Ny.Kollega@Kommun.Example' }, NOW);
    await acceptInvitation(team.newcomer, invitation.token, new Date(NOW.getTime() + 1000));
    await changeMemberRole(team.member, { teamId: team.teamId, userId: team.newcomer.id, role: 'VIEWER' }, new Date(NOW.getTime() + 2000));
    const second = await createInvitation(team.member, { teamId: team.teamId, role: 'VIEWER' }, new Date(NOW.getTime() + 3000));
    await revokeInvitation(team.member, { teamId: team.teamId, invitationId: second.id }, new Date(NOW.getTime() + 4000));
    await removeMember(team.member, { teamId: team.teamId, userId: team.newcomer.id }, new Date(NOW.getTime() + 5000));
    await removeMember(team.colleague, { teamId: team.teamId, userId: team.colleague.id }, new Date(NOW.getTime() + 6000));

    const view = await getTeamMembers(team.member, team.teamId, NOW);
    expect(invitation.email).toBe('ny.kollega@kommun.example');
    expect(view.history.map((entry) => [entry.type, entry.actorName, entry.subjectName, entry.before, entry.after])).toEqual([
      ['MEMBER_REMOVED', team.colleague.name, team.colleague.name, { role: 'MEMBER' }, null],
      ['MEMBER_REMOVED', team.member.name, team.newcomer.name, { role: 'VIEWER' }, null],
      ['INVITATION_REVOKED', team.member.name, null, null, null],
      ['INVITATION_CREATED', team.member.name, null, null, { role: 'VIEWER', byEmail: false, expiresAt: new Date(NOW.getTime() + 3000 + 7 * DAY).toISOString() }],
      ['MEMBER_ROLE_CHANGED', team.member.name, team.newcomer.name, { role: 'MEMBER' }, { role: 'VIEWER' }],
      ['MEMBER_ADDED', team.newcomer.name, team.newcomer.name, null, { role: 'MEMBER', invitedById: team.member.id }],
      ['INVITATION_CREATED', team.member.name, null, null, { role: 'MEMBER', byEmail: true, expiresAt: new Date(NOW.getTime() + 7 * DAY).toISOString() }],
    ]);
    expect(view.history[5]?.inviterName).toBe(team.member.name);
  });

  it('lets an instance admin create a team with first members, but gives the admin no rights on it', async () => {
    const { db, createTeamWithMembers, getTeamMembers, listTeamsForAdmin } = await load();
    const { executeBoardCommand } = await import('./board-commands');
    const team = await seedTeam();
    const newAddress = `first.${randomUUID().slice(0, 8)}@kommun.example`;
    const input = { name: ' Bygglov ', memberEmails: [`member.${team.member.name.split(' ')[1]}@team.test`, newAddress.toUpperCase()], boardName: 'Bygglov', columnNames: ['Att göra', 'Pågår', 'Klart'] as [string, string, string] };

    expect(await codeOf(createTeamWithMembers({ ...team.member, isInstanceAdmin: false }, input, NOW))).toBe('FORBIDDEN');
    const created = await createTeamWithMembers(team.admin, input, NOW);
    expect(created.createdAccounts).toBe(1);
    const memberships = await db.membership.findMany({ where: { teamId: created.teamId }, select: { role: true, user: { select: { email: true } } } });
    expect(memberships.map((m) => [m.user.email, m.role]).sort()).toEqual([[newAddress, 'MEMBER'], [`member.${team.member.name.split(' ')[1]}@team.test`, 'MEMBER']].sort());
    expect((await listTeamsForAdmin(team.admin)).find((t) => t.id === created.teamId)).toMatchObject({ name: 'Bygglov', memberCount: 2 });
    expect(await codeOf(listTeamsForAdmin({ ...team.member, isInstanceAdmin: false }))).toBe('FORBIDDEN');

    const board = await db.board.findFirstOrThrow({ where: { teamId: created.teamId }, select: { id: true, columns: { select: { id: true, flowState: true }, orderBy: { position: 'asc' } } } });
    expect(board.columns.map((c) => c.flowState)).toEqual(['NOT_STARTED', 'IN_PROGRESS', 'DONE']);
    // The admin who created the team cannot change (or read) its board, nor its people.
    const command = { type: 'card.create' as const, columnId: board.columns[0]!.id, title: 'Från admin', description: '', demand: 'UNKNOWN' as const };
    expect(await codeOf(executeBoardCommand({ id: team.admin.id, name: team.admin.name }, board.id, command, NOW))).toBe('NOT_FOUND');
    expect(await codeOf(getTeamMembers(team.admin, created.teamId, NOW))).toBe('NOT_FOUND');
    expect(await db.card.count({ where: { boardId: board.id } })).toBe(0);
    // The team's own member can.
    expect(await codeOf(executeBoardCommand({ id: team.member.id, name: team.member.name }, board.id, command, NOW))).toBe('OK');

    const history = (await getTeamMembers(team.member, created.teamId, NOW)).history.map((entry) => [entry.type, entry.actorName]);
    expect(history).toEqual([
      ['MEMBER_ADDED', team.admin.name],
      ['MEMBER_ADDED', team.admin.name],
      ['TEAM_CREATED', team.admin.name],
    ]);
    expect(await codeOf(createTeamWithMembers(team.admin, { ...input, memberEmails: [] }, NOW))).toBe('ZodError');
  });
});
