import type { PrismaClient } from '../../lib/generated/prisma/client';

/**
 * Demo data of checklists and "waiting for" (issue #11 §3, §5): a checklist on an open card of the intake board
 * (three of five items done, with their history), and one card waiting for another of the same team.
 */
export async function seedChecklistsDemo(db: PrismaClient, input: { boardId: string; memberId: string; now: number }): Promise<void> {
  const hour = 3_600_000;
  const cards = await db.card.findMany({
    where: { boardId: input.boardId, archivedAt: null, doneAt: null },
    orderBy: [{ lastMovedAt: 'desc' }, { id: 'asc' }],
    take: 2,
    select: { id: true, title: true, reference: true, board: { select: { name: true } } },
  });
  const [withChecklist, awaited] = cards;
  if (!withChecklist || !awaited) return;
  const texts = ['Registrera ansökan', 'Begär kontoutdrag', 'Boka tolk till mötet', 'Gör hembesök', 'Skriv beslut'];
  const at = (index: number) => new Date(input.now - (texts.length - index) * hour);
  for (const [index, text] of texts.entries()) {
    const item = await db.checklistItem.create({
      data: { cardId: withChecklist.id, text, isDone: index < 3, position: (index + 1) * 1024, createdAt: at(index), updatedAt: at(index) },
    });
    await db.cardEvent.create({
      data: { boardId: input.boardId, cardId: withChecklist.id, type: 'CHECKLIST', actorId: input.memberId, at: at(index), data: { action: 'checklist.added', itemId: item.id, text } },
    });
    if (index < 3) {
      await db.cardEvent.create({
        data: { boardId: input.boardId, cardId: withChecklist.id, type: 'CHECKLIST', actorId: input.memberId, at: new Date(at(index).getTime() + 60_000), data: { action: 'checklist.checked', itemId: item.id, text } },
      });
    }
  }
  // The card with the checklist waits for another (the home visit needs the interpreter booked on that case).
  const linkedAt = new Date(input.now - hour);
  await db.cardLink.create({ data: { waitingCardId: withChecklist.id, awaitedCardId: awaited.id, createdAt: linkedAt, createdById: input.memberId } });
  const describe = (card: { id: string; title: string; reference: string | null; board: { name: string } }) => ({ otherCardId: card.id, title: card.title, reference: card.reference ?? '', boardName: card.board.name });
  await db.cardEvent.createMany({
    data: [
      { boardId: input.boardId, cardId: withChecklist.id, type: 'LINK', actorId: input.memberId, at: linkedAt, data: { action: 'link.added', role: 'waiting', ...describe(awaited) } },
      { boardId: input.boardId, cardId: awaited.id, type: 'LINK', actorId: input.memberId, at: linkedAt, data: { action: 'link.added', role: 'awaited', ...describe(withChecklist) } },
    ],
  });
  await db.card.updateMany({ where: { id: { in: [withChecklist.id, awaited.id] } }, data: { version: { increment: 1 } } });
}
