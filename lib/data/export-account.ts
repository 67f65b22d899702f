import 'server-only';
import { getDb } from '@/lib/db';

/**
 * Everything Tillit holds about one person (GDPR article 15, right of access), as plain JSON for them to download.
 *
 * - the account: name, e-mail, when it was made, whether it is an instance administrator and whether it has a
 *   password (never the password hash itself);
 * - team memberships with role and since when;
 * - every card and board change they made (type, time, board, card, columns), and every retention setting change;
 * - their single sign-on links, their sign-in history, team membership changes they made or that concerned them,
 *   and invitations sent to their address, made or accepted by them.
 *
 * Card titles and the text of changes belong to the team's work and may concern other people, so they are
 * included only for boards the person can still read; for other boards the entry keeps its ids and times. History
 * imported from elsewhere names people as text only (`importedActorName`) and is linked to no account, so it is not
 * "held about" an account here; docs/data-and-privacy.md explains how to search for it on request.
 */
export async function getAccountExport(userId: string, now: Date) {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, createdAt: true, isInstanceAdmin: true, passwordHash: true },
  });
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { role: true, createdAt: true, team: { select: { id: true, name: true } } },
  });
  const readableTeams = new Set(memberships.map((membership) => membership.team.id));
  const [cardEvents, boardEvents, retentionChanges, identities, signIns, teamEvents, invitations] = await Promise.all([
    db.cardEvent.findMany({
      where: { actorId: userId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: {
        type: true,
        at: true,
        data: true,
        fromColumnId: true,
        toColumnId: true,
        cardId: true,
        card: { select: { title: true } },
        board: { select: { id: true, name: true, teamId: true } },
      },
    }),
    db.boardEvent.findMany({
      where: { actorId: userId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { type: true, at: true, before: true, after: true, columnId: true, board: { select: { id: true, name: true, teamId: true } } },
    }),
    db.retentionLog.findMany({
      where: { actorId: userId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { at: true, months: true, previousMonths: true, team: { select: { id: true, name: true } } },
    }),
    db.userIdentity.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, select: { issuer: true, subject: true, createdAt: true, lastUsedAt: true } }),
    db.signInEvent.findMany({ where: { userId }, orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { type: true, method: true, ipAddress: true, userAgent: true, at: true } }),
    db.teamEvent.findMany({
      where: { OR: [{ actorId: userId }, { subjectUserId: userId }] },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { type: true, at: true, actorId: true, subjectUserId: true, team: { select: { id: true, name: true } } },
    }),
    db.teamInvitation.findMany({
      where: { OR: [{ email: user.email }, { acceptedById: userId }, { createdById: userId }] },
      orderBy: { createdAt: 'asc' },
      select: { role: true, email: true, createdById: true, acceptedById: true, createdAt: true, expiresAt: true, acceptedAt: true, revokedAt: true, team: { select: { id: true, name: true } } },
    }),
  ]);
  const columnIds = [...new Set(cardEvents.flatMap((event) => [event.fromColumnId, event.toColumnId]).concat(boardEvents.map((event) => event.columnId)))].filter(
    (id): id is string => id !== null,
  );
  const columns = await db.column.findMany({ where: { id: { in: columnIds } }, select: { id: true, name: true, board: { select: { teamId: true } } } });
  const columnName = new Map(columns.filter((column) => readableTeams.has(column.board.teamId)).map((column) => [column.id, column.name]));
  const nameOf = (id: string | null) => (id ? (columnName.get(id) ?? null) : null);

  return {
    format: 'tillit-personal-data',
    version: 1,
    exportedAt: now.toISOString(),
    about: 'Everything Tillit holds about you (GDPR art. 15). / Allt Tillit har sparat om dig (GDPR art. 15).',
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      createdAt: user.createdAt.toISOString(),
      isInstanceAdmin: user.isInstanceAdmin,
      hasPassword: user.passwordHash !== null,
    },
    memberships: memberships.map((membership) => ({
      teamId: membership.team.id,
      teamName: membership.team.name,
      role: membership.role,
      since: membership.createdAt.toISOString(),
    })),
    cardChanges: cardEvents.map((event) => {
      const readable = readableTeams.has(event.board.teamId);
      return {
        type: event.type,
        at: event.at.toISOString(),
        boardId: event.board.id,
        boardName: readable ? event.board.name : null,
        cardId: event.cardId,
        cardTitle: readable ? event.card.title : null,
        fromColumn: nameOf(event.fromColumnId),
        toColumn: nameOf(event.toColumnId),
        details: readable ? (event.data ?? null) : null,
      };
    }),
    boardChanges: boardEvents.map((event) => {
      const readable = readableTeams.has(event.board.teamId);
      return {
        type: event.type,
        at: event.at.toISOString(),
        boardId: event.board.id,
        boardName: readable ? event.board.name : null,
        column: nameOf(event.columnId),
        before: readable ? (event.before ?? null) : null,
        after: readable ? (event.after ?? null) : null,
      };
    }),
    signInMethods: identities.map((identity) => ({
      issuer: identity.issuer,
      subject: identity.subject,
      linkedAt: identity.createdAt.toISOString(),
      lastUsedAt: identity.lastUsedAt.toISOString(),
    })),
    signIns: signIns.map((event) => ({ type: event.type, method: event.method, ipAddress: event.ipAddress, userAgent: event.userAgent, at: event.at.toISOString() })),
    // Team membership changes they made or that concerned them: who else was involved is not theirs to receive.
    teamChanges: teamEvents.map((event) => ({
      type: event.type,
      at: event.at.toISOString(),
      teamId: event.team.id,
      teamName: readableTeams.has(event.team.id) ? event.team.name : null,
      youMadeIt: event.actorId === userId,
      itConcernedYou: event.subjectUserId === userId,
    })),
    invitations: invitations.map((invitation) => ({
      teamId: invitation.team.id,
      teamName: readableTeams.has(invitation.team.id) ? invitation.team.name : null,
      role: invitation.role,
      sentToYou: invitation.email?.toLowerCase() === user.email.toLowerCase(),
      createdByYou: invitation.createdById === userId,
      acceptedByYou: invitation.acceptedById === userId,
      createdAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
      acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
      revokedAt: invitation.revokedAt?.toISOString() ?? null,
    })),
    retentionSettingChanges: retentionChanges.map((change) => ({
      at: change.at.toISOString(),
      teamId: change.team.id,
      teamName: readableTeams.has(change.team.id) ? change.team.name : null,
      months: change.months,
      previousMonths: change.previousMonths,
    })),
  };
}
