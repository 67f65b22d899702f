import { randomBytes, createHash } from 'node:crypto';
import { getTestDb } from '../fixtures/db';
import { createTestBoard, createTestUser, type TestUser } from '../fixtures/test-data';
import type { MatrixFixture } from './matrix';

export type MatrixPeople = { member: TestUser; viewer: TestUser; otherTeam: TestUser; instanceAdmin: TestUser };

let admin: Promise<TestUser> | undefined;
let openTeam: Promise<{ id: string; inviterId: string }> | undefined;

/** An instance administrator who is on no team (shared by every entry of the run). */
export function getMatrixAdmin(): Promise<TestUser> {
  admin ??= createTestUser('Instans Admin').then(async (user) => {
    await getTestDb().user.update({ where: { id: user.id }, data: { isInstanceAdmin: true } });
    return user;
  });
  return admin;
}

/** A team none of the matrix's people belong to, whose invitations anyone signed in may accept. */
function getOpenTeam() {
  openTeam ??= (async () => {
    const db = getTestDb();
    const inviter = await createTestUser('Inbjudare');
    const team = await db.team.create({ data: { name: `Öppet team ${Date.now()}` } });
    await db.membership.create({ data: { teamId: team.id, userId: inviter.id, role: 'MEMBER' } });
    return { id: team.id, inviterId: inviter.id };
  })();
  return openTeam;
}

/** A fresh team and board for one matrix entry: every role starts from the same state. */
export async function createMatrixFixture(): Promise<{ fixture: MatrixFixture; people: MatrixPeople }> {
  const db = getTestDb();
  const board = await createTestBoard({ lanes: [{ name: 'Standard' }, { name: 'Förbättringar', classOfService: 'INTANGIBLE' }] });
  const blockedCardId = board.cards[1]!.id;
  await db.card.update({ where: { id: blockedCardId }, data: { blockedAt: new Date(), blockedReason: 'Väntar' } });
  const standup = await db.standup.create({ data: { boardId: board.boardId, startedAt: new Date() } });
  await db.cardPerson.create({ data: { cardId: board.cards[2]!.id, userId: board.member.id } });
  const invitation = await db.teamInvitation.create({
    data: { teamId: board.teamId, role: 'VIEWER', tokenHash: createHash('sha256').update(randomBytes(16)).digest('hex'), createdById: board.member.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const experiment = await db.experiment.create({
    data: { boardId: board.boardId, change: 'Matrisförsök', hypothesis: 'Något ändras', measure: 'CYCLE_TIME', expectedDirection: 'DOWN', reviewDate: new Date(Date.now() + 14 * 86_400_000) },
    select: { id: true },
  });
  const checklistItem = await db.checklistItem.create({ data: { cardId: board.cards[0]!.id, text: 'Matrispunkt', position: 1024 } });
  await db.checklistItem.create({ data: { cardId: board.cards[0]!.id, text: 'Matrispunkt 2', position: 2048 } });
  const cardLink = await db.cardLink.create({ data: { waitingCardId: board.cards[1]!.id, awaitedCardId: board.cards[2]!.id } });
  const boardRow = await db.board.findUniqueOrThrow({ where: { id: board.boardId }, select: { name: true } });
  const read = await db.cardReadLog.create({ data: { boardId: board.boardId, cardId: board.cards[0]!.id, readerId: board.member.id, readerName: board.member.name, channel: 'DIALOG' } });
  const review = await db.readLogReview.create({
    data: { boardId: board.boardId, periodFrom: new Date(Date.now() - 86_400_000), periodTo: new Date(Date.now() + 86_400_000), populationCount: 1, seed: 1, drawnById: board.member.id, drawnByName: board.member.name, drawnAt: new Date(), entries: { create: { entryId: read.id } } },
  });
  const fixture: MatrixFixture = {
    teamId: board.teamId,
    boardId: board.boardId,
    boardName: boardRow.name,
    columnIds: [board.columns[0]!.id, board.columns[1]!.id, board.columns[2]!.id],
    laneIds: [board.lanes[0]!.id, board.lanes[1]!.id],
    cardIds: [board.cards[0]!.id, board.cards[1]!.id, board.cards[2]!.id],
    blockedCardId,
    checklistItemId: checklistItem.id,
    cardLinkId: cardLink.id,
    standupId: standup.id,
    invitationId: invitation.id,
    colleagueId: board.colleague.id,
    experimentId: experiment.id,
    readLogReviewId: review.id,
    async markHoldsClientData() {
      await db.board.update({ where: { id: board.boardId }, data: { holdsClientData: true } });
    },
    async newOpenInvitationToken() {
      const team = await getOpenTeam();
      const token = randomBytes(32).toString('base64url');
      await db.teamInvitation.create({
        data: { teamId: team.id, role: 'VIEWER', tokenHash: createHash('sha256').update(token).digest('hex'), createdById: team.inviterId, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      return token;
    },
    async endStandups() {
      await db.standup.updateMany({ where: { boardId: board.boardId, endedAt: null }, data: { endedAt: new Date() } });
    },
    async archiveBoard() {
      await db.board.updateMany({ where: { id: board.boardId, archivedAt: null }, data: { archivedAt: new Date() } });
    },
  };
  return { fixture, people: { member: board.member, viewer: board.viewer, otherTeam: board.outsider, instanceAdmin: await getMatrixAdmin() } };
}

/** The same fixture pointing at a team, board and cards that do not exist: what an outsider must not tell apart. */
export function ghostOf(fixture: MatrixFixture): MatrixFixture {
  const ghost = (id: string) => `ghost${createHash('sha256').update(id).digest('hex').slice(0, 20)}`;
  return {
    ...fixture,
    teamId: ghost(fixture.teamId),
    boardId: ghost(fixture.boardId),
    cardIds: [ghost(fixture.cardIds[0]), ghost(fixture.cardIds[1]), ghost(fixture.cardIds[2])],
    laneIds: [ghost(fixture.laneIds[0]), ghost(fixture.laneIds[1])],
    blockedCardId: ghost(fixture.blockedCardId),
    checklistItemId: ghost(fixture.checklistItemId),
    cardLinkId: ghost(fixture.cardLinkId),
    standupId: ghost(fixture.standupId),
    invitationId: ghost(fixture.invitationId),
    colleagueId: ghost(fixture.colleagueId),
    experimentId: ghost(fixture.experimentId),
    readLogReviewId: ghost(fixture.readLogReviewId),
  };
}

/**
 * Everything a call could change, for the fixture's team and board, and the totals that creating teams, users,
 * memberships or invitations would change. Equal before and after means the call changed nothing.
 */
export async function fingerprint(fixture: MatrixFixture): Promise<string> {
  const rows = await getTestDb().$queryRaw<{ state: unknown }[]>`
    SELECT json_build_object(
      'cards', (SELECT json_agg(json_build_object('id', id, 'column', "columnId", 'lane', "laneId", 'position', position, 'version', version, 'title', title, 'archived', "archivedAt", 'blocked', "blockedAt") ORDER BY id) FROM "Card" WHERE "boardId" = ${fixture.boardId}),
      'columns', (SELECT json_agg(json_build_object('id', id, 'name', name, 'position', position, 'wip', "wipLimit", 'mode', "wipMode", 'policy', policy, 'flow', "flowState", 'deleted', "deletedAt") ORDER BY id) FROM "Column" WHERE "boardId" = ${fixture.boardId}),
      'lanes', (SELECT json_agg(json_build_object('id', id, 'name', name, 'position', position, 'class', "classOfService", 'wip', "wipLimit", 'mode', "wipMode", 'policy', policy, 'deleted', "deletedAt") ORDER BY id) FROM "Lane" WHERE "boardId" = ${fixture.boardId}),
      'cardEvents', (SELECT count(*) FROM "CardEvent" WHERE "boardId" = ${fixture.boardId}),
      'cardPeople', (SELECT json_agg(json_build_object('card', p."cardId", 'user', p."userId") ORDER BY p."cardId", p."userId") FROM "CardPerson" p JOIN "Card" c ON c.id = p."cardId" WHERE c."boardId" = ${fixture.boardId}),
      'boardEvents', (SELECT count(*) FROM "BoardEvent" WHERE "boardId" = ${fixture.boardId}),
      'experiments', (SELECT json_agg(json_build_object('id', id, 'status', status, 'change', change, 'hypothesis', hypothesis, 'review', "reviewDate") ORDER BY id) FROM "Experiment" WHERE "boardId" = ${fixture.boardId}),
      'board', (SELECT json_build_object('holdsClientData', "holdsClientData") FROM "Board" WHERE id = ${fixture.boardId}),
      'readLog', (SELECT count(*) FROM "CardReadLog" WHERE "boardId" = ${fixture.boardId}),
      'readLogReviews', (SELECT json_agg(json_build_object('id', r.id, 'reviewed', r."reviewedAt", 'note', r.note, 'entries', (SELECT count(*) FROM "ReadLogReviewEntry" e WHERE e."reviewId" = r.id)) ORDER BY r.id) FROM "ReadLogReview" r WHERE r."boardId" = ${fixture.boardId}),
      'standups', (SELECT json_agg(json_build_object('id', id, 'ended', "endedAt") ORDER BY id) FROM "Standup" WHERE "boardId" = ${fixture.boardId}),
      'memberships', (SELECT json_agg(json_build_object('user', "userId", 'role', role) ORDER BY "userId") FROM "Membership" WHERE "teamId" = ${fixture.teamId}),
      'invitations', (SELECT json_agg(json_build_object('id', id, 'accepted', "acceptedAt", 'revoked', "revokedAt") ORDER BY id) FROM "TeamInvitation" WHERE "teamId" = ${fixture.teamId}),
      'teamEvents', (SELECT count(*) FROM "TeamEvent"),
      'apiTokens', (SELECT json_agg(json_build_object('id', id, 'revoked', "revokedAt") ORDER BY id) FROM "ApiToken" WHERE "teamId" = ${fixture.teamId}),
      'allApiTokens', (SELECT count(*) FROM "ApiToken"),
      'revokedApiTokens', (SELECT count(*) FROM "ApiToken" WHERE "revokedAt" IS NOT NULL),
      'webhooks', (SELECT json_agg(json_build_object('id', e.id, 'disabled', e."disabledAt", 'deliveries', (SELECT json_agg(json_build_object('id', d.id, 'status', d.status) ORDER BY d.id) FROM "WebhookDelivery" d WHERE d."endpointId" = e.id)) ORDER BY e.id) FROM "WebhookEndpoint" e WHERE e."teamId" = ${fixture.teamId}),
      'allInvitations', (SELECT count(*) FROM "TeamInvitation" WHERE "acceptedAt" IS NOT NULL OR "revokedAt" IS NOT NULL),
      'allMemberships', (SELECT count(*) FROM "Membership"),
      'team', (SELECT row_to_json(t) FROM "Team" t WHERE id = ${fixture.teamId}),
      'teamBoards', (SELECT count(*) FROM "Board" WHERE "teamId" = ${fixture.teamId}),
      'board', (SELECT json_build_object('name', name, 'archived', "archivedAt") FROM "Board" WHERE id = ${fixture.boardId}),
      'teams', (SELECT count(*) FROM "Team"),
      'boards', (SELECT count(*) FROM "Board"),
      'users', (SELECT count(*) FROM "User"),
      'sessionGenerations', (SELECT sum("sessionGeneration") FROM "User"),
      'emailOnMention', (SELECT count(*) FROM "User" WHERE "emailOnMention")
    ) AS state`;
  return JSON.stringify(rows[0]?.state);
}
