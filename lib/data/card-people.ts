import 'server-only';
import type { BoardCardView } from '@/lib/board/types';
import { getDb, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { CARD_VIEW_SELECT, toCardView } from './card-view';

type Actor = { id: string; name: string };

/**
 * Puts the caller on a card ("Jag tar det" / "I'm on it", `isOn`) or takes them off it ("Släpp" / "I'm off it").
 *
 * Work is pulled, never assigned: there is no parameter for whom — the person is always `actor`, the session's
 * user (the command schema has no person field and refuses one). Members only. Several people may be on one card.
 * One transaction: the card's row lock (so a move and a join of the same card apply one after the other), the
 * CardPerson row, the card history row ("Anna tog kortet" / "Anna släppte kortet"), the card's new version and one
 * `card.upsert` event (action `joined` / `left`) for every open board. Joining a card one is already on, or leaving
 * one one is not on, changes nothing and publishes nothing. An archived card is not found.
 */
export async function setSelfOnCard(actor: Actor, input: { boardId: string; cardId: string; isOn: boolean }, now: Date): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.join');
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Card" WHERE id = ${input.cardId} AND "boardId" = ${input.boardId} AND "archivedAt" IS NULL FOR UPDATE`;
    if (locked.length === 0) throw new AppError('NOT_FOUND');
    const changed = input.isOn
      ? (await tx.cardPerson.createMany({ data: [{ cardId: input.cardId, userId: actor.id, createdAt: now }], skipDuplicates: true })).count
      : (await tx.cardPerson.deleteMany({ where: { cardId: input.cardId, userId: actor.id } })).count;
    if (changed === 0) return toCardView(await tx.card.findUniqueOrThrow({ where: { id: input.cardId }, select: CARD_VIEW_SELECT }));
    await tx.cardEvent.create({
      data: { boardId: input.boardId, cardId: input.cardId, type: input.isOn ? 'PERSON_JOINED' : 'PERSON_LEFT', actorId: actor.id, at: now },
    });
    const card = await tx.card.update({ where: { id: input.cardId }, data: { version: { increment: 1 } }, select: CARD_VIEW_SELECT });
    const view = toCardView(card);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card: view, actorId: actor.id, actorName: actor.name, action: input.isOn ? 'joined' : 'left' });
    return view;
  });
}

/**
 * Takes a person off every card of a team's boards, when they leave the team or are removed from it (inside that
 * change's transaction, `tx`). Each affected card gets a new version, and each affected board one `board.changed`
 * event (its open pages read the board again). No card history row: the team's history records the removal.
 */
export async function removePersonFromTeamCards(tx: Tx, input: { teamId: string; userId: string; actorId: string }): Promise<void> {
  const cards = await tx.$queryRaw<{ id: string; boardId: string }[]>`
    SELECT c.id, c."boardId" FROM "Card" c JOIN "Board" b ON b.id = c."boardId" JOIN "CardPerson" p ON p."cardId" = c.id
    WHERE b."teamId" = ${input.teamId} AND p."userId" = ${input.userId}
    ORDER BY c.id
    FOR UPDATE OF c`;
  if (cards.length === 0) return;
  const cardIds = cards.map((card) => card.id);
  await tx.cardPerson.deleteMany({ where: { userId: input.userId, cardId: { in: cardIds } } });
  await tx.card.updateMany({ where: { id: { in: cardIds } }, data: { version: { increment: 1 } } });
  const actor = await tx.user.findUnique({ where: { id: input.actorId }, select: { name: true } });
  // Several boards: their rows are locked in id order (lib/events/index.ts).
  for (const boardId of [...new Set(cards.map((card) => card.boardId))].sort()) {
    await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: input.actorId, actorName: actor?.name ?? '' });
  }
}
