import 'server-only';
import type { BoardCardView, LinkAction } from '@/lib/board/types';
import { getDb, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { checkNewLink, type LinkRefusal } from '@/lib/links/cycle';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { CARD_VIEW_SELECT, toCardView } from './card-view';

type Actor = { id: string; name: string };

/**
 * "Väntar på" / "Waiting for": a card of a team waits for another card of the same team, on any of its boards
 * (model CardLink). Adding or removing a link is one transaction that records a LINK entry in BOTH cards' histories
 * and publishes each card (its new `waitingFor` summary; the dialog reloads its links) as a `card.upsert` event on
 * its own board. A card archived meanwhile keeps its history entry but sends no event (it is no longer on a board).
 *
 * Concurrency: the team's link changes take turns on a transaction-level advisory lock, so two links that would
 * together close a cycle cannot both pass the check (lib/links/cycle.ts). Then the cards are locked in id order and
 * the boards (by publishing) in id order, the order every multi-card writer keeps.
 */

const REFUSAL_CODES: Record<LinkRefusal, 'LINK_SELF' | 'LINK_CYCLE' | 'LINK_DUPLICATE'> = {
  self: 'LINK_SELF',
  cycle: 'LINK_CYCLE',
  duplicate: 'LINK_DUPLICATE',
};

type LinkedCard = { id: string; boardId: string; title: string; reference: string | null; archivedAt: Date | null; boardName: string };

async function lockTeamLinks(tx: Tx, teamId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tillit-card-links'), hashtext(${teamId}))`;
}

/** Locks the cards (in id order) and reads what history needs of them; only cards of `teamId`. */
async function lockCards(tx: Tx, teamId: string, cardIds: string[]): Promise<Map<string, LinkedCard>> {
  const ids = [...new Set(cardIds)].sort();
  const rows = await tx.$queryRaw<LinkedCard[]>`
    SELECT c.id, c."boardId", c.title, c.reference, c."archivedAt", b.name AS "boardName"
    FROM "Card" c JOIN "Board" b ON b.id = c."boardId"
    WHERE c.id = ANY(${ids}::text[]) AND b."teamId" = ${teamId}
    ORDER BY c.id
    FOR UPDATE OF c`;
  return new Map(rows.map((row) => [row.id, row]));
}

function describeOther(card: LinkedCard) {
  return { otherCardId: card.id, title: card.title, reference: card.reference ?? '', boardName: card.boardName };
}

/**
 * Writes both cards' history entries, raises their versions and publishes their events (boards in id order).
 * Returns the view of `returnCardId`.
 */
async function recordLinkChange(
  tx: Tx,
  actor: Actor,
  action: LinkAction,
  waiting: LinkedCard,
  awaited: LinkedCard,
  now: Date,
  returnCardId: string,
): Promise<BoardCardView> {
  await tx.cardEvent.createMany({
    data: [
      { boardId: waiting.boardId, cardId: waiting.id, type: 'LINK', actorId: actor.id, at: now, data: { action, role: 'waiting', ...describeOther(awaited) } },
      { boardId: awaited.boardId, cardId: awaited.id, type: 'LINK', actorId: actor.id, at: now, data: { action, role: 'awaited', ...describeOther(waiting) } },
    ],
  });
  const views = new Map<string, BoardCardView>();
  for (const card of [waiting, awaited].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const row = await tx.card.update({ where: { id: card.id }, data: { version: { increment: 1 } }, select: CARD_VIEW_SELECT });
    views.set(card.id, toCardView(row));
  }
  const published = [waiting, awaited].filter((card) => card.archivedAt === null).sort((a, b) => (a.boardId < b.boardId ? -1 : a.boardId > b.boardId ? 1 : a.id < b.id ? -1 : 1));
  for (const card of published) {
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: card.boardId, card: views.get(card.id) as BoardCardView, actorId: actor.id, actorName: actor.name, action });
  }
  return views.get(returnCardId) as BoardCardView;
}

/**
 * Makes the card `cardId` (on `boardId`) wait for `awaitedCardId`. Refused, with nothing changed: a card that is not
 * on one of the team's boards (another team's is answered alike: LINK_NOT_IN_TEAM), an archived one, the card
 * itself, a link that exists, and one that would close a cycle. Members only.
 */
export async function addCardLink(actor: Actor, input: { boardId: string; cardId: string; awaitedCardId: string }, now: Date): Promise<BoardCardView> {
  const db = getDb();
  const access = await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  if (input.cardId === input.awaitedCardId) throw new AppError('LINK_SELF');
  return db.$transaction(async (tx) => {
    await lockTeamLinks(tx, access.teamId);
    const cards = await lockCards(tx, access.teamId, [input.cardId, input.awaitedCardId]);
    const waiting = cards.get(input.cardId);
    if (!waiting || waiting.boardId !== input.boardId || waiting.archivedAt !== null) throw new AppError('NOT_FOUND');
    const awaited = cards.get(input.awaitedCardId);
    if (!awaited || awaited.archivedAt !== null) throw new AppError('LINK_NOT_IN_TEAM');
    const links = await tx.$queryRaw<{ waitingCardId: string; awaitedCardId: string }[]>`
      SELECT l."waitingCardId", l."awaitedCardId"
      FROM "CardLink" l JOIN "Card" c ON c.id = l."waitingCardId" JOIN "Board" b ON b.id = c."boardId"
      WHERE b."teamId" = ${access.teamId}`;
    const refusal = checkNewLink(links, waiting.id, awaited.id);
    if (refusal) throw new AppError(REFUSAL_CODES[refusal]);
    await tx.cardLink.create({ data: { waitingCardId: waiting.id, awaitedCardId: awaited.id, createdAt: now, createdById: actor.id } });
    return recordLinkChange(tx, actor, 'link.added', waiting, awaited, now, waiting.id);
  });
}

/** Removes a link of the card `cardId` (on `boardId`), from either side. Members only. */
export async function removeCardLink(actor: Actor, input: { boardId: string; cardId: string; linkId: string }, now: Date): Promise<BoardCardView> {
  const db = getDb();
  const access = await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockTeamLinks(tx, access.teamId);
    const link = await tx.cardLink.findFirst({
      where: { id: input.linkId, OR: [{ waitingCardId: input.cardId }, { awaitedCardId: input.cardId }] },
      select: { id: true, waitingCardId: true, awaitedCardId: true },
    });
    if (!link) throw new AppError('NOT_FOUND');
    const cards = await lockCards(tx, access.teamId, [link.waitingCardId, link.awaitedCardId]);
    const waiting = cards.get(link.waitingCardId);
    const awaited = cards.get(link.awaitedCardId);
    const own = cards.get(input.cardId);
    if (!waiting || !awaited || !own || own.boardId !== input.boardId || own.archivedAt !== null) throw new AppError('NOT_FOUND');
    await tx.cardLink.delete({ where: { id: link.id } });
    return recordLinkChange(tx, actor, 'link.removed', waiting, awaited, now, input.cardId);
  });
}

export type LinkCandidate = { id: string; title: string; reference: string | null; boardName: string; columnName: string; isDone: boolean };

/**
 * The team's cards a card may wait for, matching `query` in their title or case number (case-insensitive; empty:
 * the most recently moved), for the "Waiting for" combobox: open cards of the team's boards, not the card itself,
 * at most `limit`. Members only (it serves a change).
 */
export async function findLinkCandidates(userId: string, input: { boardId: string; cardId: string; query: string; limit?: number }): Promise<LinkCandidate[]> {
  const db = getDb();
  const access = await authorizeBoardAction(db, userId, input.boardId, 'card.edit');
  const query = input.query.trim().slice(0, 100);
  const cards = await db.card.findMany({
    where: {
      archivedAt: null,
      id: { not: input.cardId },
      board: { teamId: access.teamId },
      ...(query ? { OR: [{ title: { contains: query, mode: 'insensitive' } }, { reference: { contains: query, mode: 'insensitive' } }] } : {}),
    },
    orderBy: [{ lastMovedAt: 'desc' }, { id: 'asc' }],
    take: Math.min(Math.max(input.limit ?? 10, 1), 20),
    select: { id: true, title: true, reference: true, doneAt: true, board: { select: { name: true } }, column: { select: { name: true } } },
  });
  return cards.map((card) => ({ id: card.id, title: card.title, reference: card.reference, boardName: card.board.name, columnName: card.column.name, isDone: card.doneAt !== null }));
}

/**
 * The awaited card `awaitedCardId` has reached done (the event core's consumer 'notifications.awaited-done', inside
 * the dispatcher's transaction): every open card waiting for it gets a LINK entry ("… is done: free to go on") in
 * its history and a `card.upsert` event (action 'link.awaited-done') with its new `waitingFor`, so its board shows
 * "Kan fortsätta" once nothing else holds it up. Returns the waiting cards with their people, for the notices.
 */
export async function recordAwaitedCardDone(
  tx: Tx,
  input: { awaitedCardId: string; actorId: string; actorName: string; at: Date },
): Promise<{ cardId: string; boardId: string; isArchived: boolean; peopleIds: string[] }[]> {
  const links = await tx.cardLink.findMany({
    where: { awaitedCardId: input.awaitedCardId },
    orderBy: { waitingCardId: 'asc' },
    select: { waitingCardId: true },
  });
  if (links.length === 0) return [];
  const [awaited] = await tx.$queryRaw<LinkedCard[]>`
    SELECT c.id, c."boardId", c.title, c.reference, c."archivedAt", b.name AS "boardName"
    FROM "Card" c JOIN "Board" b ON b.id = c."boardId" WHERE c.id = ${input.awaitedCardId}`;
  if (!awaited) return [];
  // Cards in id order, then boards (by publishing) in id order: the order of every multi-card writer.
  const waitingIds = links.map((link) => link.waitingCardId);
  const waiting = await tx.$queryRaw<{ id: string; boardId: string; archivedAt: Date | null }[]>`
    SELECT id, "boardId", "archivedAt" FROM "Card" WHERE id = ANY(${waitingIds}::text[]) ORDER BY id FOR UPDATE`;
  const actor = await tx.user.findUnique({ where: { id: input.actorId }, select: { id: true } });
  const open = waiting.filter((card) => card.archivedAt === null);
  if (open.length > 0) {
    await tx.cardEvent.createMany({
      data: open.map((card) => ({
        boardId: card.boardId,
        cardId: card.id,
        type: 'LINK' as const,
        actorId: actor?.id ?? null,
        at: input.at,
        data: { action: 'link.awaited-done', role: 'waiting', ...describeOther(awaited) },
      })),
    });
  }
  const views: { boardId: string; view: BoardCardView }[] = [];
  for (const card of open) {
    const row = await tx.card.update({ where: { id: card.id }, data: { version: { increment: 1 } }, select: CARD_VIEW_SELECT });
    views.push({ boardId: card.boardId, view: toCardView(row) });
  }
  views.sort((a, b) => (a.boardId < b.boardId ? -1 : a.boardId > b.boardId ? 1 : a.view.id < b.view.id ? -1 : 1));
  for (const { boardId, view } of views) {
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId, card: view, actorId: input.actorId, actorName: input.actorName, action: 'link.awaited-done' });
  }
  const people = await findPeopleOnCards(tx, waiting.map((card) => card.id));
  return waiting.map((card) => ({ cardId: card.id, boardId: card.boardId, isArchived: card.archivedAt !== null, peopleIds: people.get(card.id) ?? [] }));
}

/** The people on each card ("Jag tar det", model CardPerson). */
async function findPeopleOnCards(tx: Tx, cardIds: string[]): Promise<Map<string, string[]>> {
  const rows = await tx.$queryRaw<{ cardId: string; userId: string }[]>`
    SELECT "cardId", "userId" FROM "CardPerson" WHERE "cardId" = ANY(${cardIds}::text[]) ORDER BY "cardId", "userId"`;
  const byCard = new Map<string, string[]>();
  for (const row of rows) byCard.set(row.cardId, [...(byCard.get(row.cardId) ?? []), row.userId]);
  return byCard;
}
