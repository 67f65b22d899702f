import type { PrismaClient } from '../../lib/generated/prisma/client';

/**
 * Demo data of "who is on it" (#11 §4): Anna and Erik have put themselves on a few cards in progress (one card has
 * both), each with its "tog kortet" row in the card's history. Nobody was put on a card by someone else.
 */
export async function seedCardPeople(db: PrismaClient, input: { boardId: string; memberIds: [string, string]; now: number }): Promise<void> {
  const cards = await db.card.findMany({
    where: { boardId: input.boardId, archivedAt: null, doneAt: null, startedAt: { not: null } },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, startedAt: true },
    take: 5,
  });
  const [anna, erik] = input.memberIds;
  const plan: [number, string][] = [[0, anna], [1, erik], [2, anna], [2, erik], [3, erik]];
  for (const [index, userId] of plan) {
    const card = cards[index];
    if (!card) continue;
    // Joined some time after the card started, never in the future.
    const at = new Date(Math.min(input.now - 3_600_000, (card.startedAt?.getTime() ?? input.now) + 2 * 3_600_000));
    await db.cardPerson.create({ data: { cardId: card.id, userId, createdAt: at } });
    await db.cardEvent.create({ data: { boardId: input.boardId, cardId: card.id, type: 'PERSON_JOINED', actorId: userId, at } });
  }
}
