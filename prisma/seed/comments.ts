import type { PrismaClient } from '../../lib/generated/prisma/client';

/**
 * Demo comments (issue #11 §3): a short conversation on two open cards of the intake board, one of them with a
 * mention of Erik, whose notification waits unread in his "Aviseringar". Written as the app writes them: the card's
 * history rows, commentCount and version move with each comment.
 */
export async function seedCommentsDemo(db: PrismaClient, input: { boardId: string; annaId: string; erikId: string; erikName: string; now: number }): Promise<void> {
  const hour = 3_600_000;
  const cards = await db.card.findMany({
    where: { boardId: input.boardId, archivedAt: null, doneAt: null, textClearedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 2,
    select: { id: true },
  });
  const [first, second] = cards;
  if (!first) return;
  const conversation: { cardId: string; authorId: string; body: string; hoursAgo: number; mentions: string[] }[] = [
    { cardId: first.id, authorId: input.erikId, body: 'Jag har ringt sökanden, hen kompletterar med **hyresavtalet** i veckan.', hoursAgo: 26, mentions: [] },
    { cardId: first.id, authorId: input.annaId, body: `Tack! @${input.erikName} kan du kolla om underlaget från Försäkringskassan också behövs?`, hoursAgo: 3, mentions: [input.erikId] },
    ...(second ? [{ cardId: second.id, authorId: input.annaId, body: 'Mötet är bokat till torsdag kl. 10. Tolk är beställd.', hoursAgo: 5, mentions: [] }] : []),
  ];
  for (const entry of conversation) {
    const at = new Date(input.now - entry.hoursAgo * hour);
    const comment = await db.comment.create({
      data: { boardId: input.boardId, cardId: entry.cardId, authorId: entry.authorId, body: entry.body, mentionedUserIds: entry.mentions, createdAt: at },
    });
    await db.cardEvent.create({ data: { boardId: input.boardId, cardId: entry.cardId, type: 'COMMENTED', actorId: entry.authorId, at, data: { commentId: comment.id } } });
    await db.card.update({ where: { id: entry.cardId }, data: { commentCount: { increment: 1 }, version: { increment: 1 } } });
    for (const userId of entry.mentions) {
      await db.notification.create({ data: { userId, kind: 'mentioned', boardId: input.boardId, cardId: entry.cardId, commentId: comment.id, actorId: entry.authorId, createdAt: at } });
    }
  }
}
