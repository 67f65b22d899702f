import type { PrismaClient } from '../../lib/generated/prisma/client';

/**
 * Demo data of the read log (docs/security-and-sign-in.md, "The read log of boards that may hold client data"): the
 * social-services intake board is marked "Kan innehålla klientuppgifter" by Anna (in its history), its cards have been
 * opened and exported over the last weeks — so the access log page has reads to filter and download — and Erik drew
 * last month's sample and recorded the review.
 */
export async function seedReadLogDemo(
  db: PrismaClient,
  input: { boardId: string; members: { id: string; name: string }[]; viewer: { id: string; name: string }; now: number },
): Promise<void> {
  const day = 86_400_000;
  const hour = 3_600_000;
  const [anna, erik] = input.members;
  if (!anna || !erik) throw new Error('seedReadLogDemo needs two members');
  const markedAt = new Date(input.now - 45 * day);
  await db.board.update({ where: { id: input.boardId }, data: { holdsClientData: true } });
  await db.boardEvent.create({
    data: { boardId: input.boardId, type: 'CLIENT_DATA_MARKED', actorId: anna.id, at: markedAt, before: { holdsClientData: false }, after: { holdsClientData: true } },
  });

  const cards = await db.card.findMany({ where: { boardId: input.boardId, archivedAt: null }, orderBy: { createdAt: 'desc' }, take: 12, select: { id: true } });
  if (cards.length === 0) return;
  const readers = [anna, erik, input.viewer];
  const reads: { boardId: string; cardId: string; readerId: string; readerName: string; channel: 'DIALOG' | 'API' | 'EXPORT'; at: Date }[] = [];
  // A few reads on most working days since the mark: each reader opens cards during office hours.
  for (let daysAgo = 44; daysAgo >= 0; daysAgo -= 1) {
    const date = new Date(input.now - daysAgo * day);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    for (let i = 0; i < 3; i += 1) {
      const reader = readers[(daysAgo + i) % readers.length]!;
      const card = cards[(daysAgo * 3 + i) % cards.length]!;
      const at = new Date(date.getTime() - ((daysAgo + i) % 7) * hour);
      reads.push({ boardId: input.boardId, cardId: card.id, readerId: reader.id, readerName: reader.name, channel: 'DIALOG', at });
    }
  }
  // One export of the cards CSV by Anna, ten days ago: one row per card.
  const exportedAt = new Date(input.now - 10 * day);
  for (const card of cards) reads.push({ boardId: input.boardId, cardId: card.id, readerId: anna.id, readerName: anna.name, channel: 'EXPORT', at: exportedAt });
  reads.sort((a, b) => a.at.getTime() - b.at.getTime());
  await db.cardReadLog.createMany({ data: reads });

  // Last month's review: Erik drew 5 of the reads of the 30 days before a week ago, and recorded it the next day.
  const periodTo = new Date(input.now - 7 * day);
  const periodFrom = new Date(periodTo.getTime() - 30 * day);
  const population = await db.cardReadLog.findMany({ where: { boardId: input.boardId, at: { gte: periodFrom, lt: periodTo } }, orderBy: { at: 'asc' }, select: { id: true } });
  const sample = population.filter((_, index) => index % Math.max(1, Math.floor(population.length / 5)) === 0).slice(0, 5);
  await db.readLogReview.create({
    data: {
      boardId: input.boardId,
      periodFrom,
      periodTo,
      populationCount: population.length,
      seed: 20261203,
      drawnById: erik.id,
      drawnByName: erik.name,
      drawnAt: new Date(periodTo.getTime() + 2 * hour),
      reviewedById: erik.id,
      reviewedByName: erik.name,
      reviewedAt: new Date(periodTo.getTime() + day),
      note: 'Alla fem läsningarna gjordes av handläggare i ärenden de arbetade med. Inget att följa upp.',
      entries: { createMany: { data: sample.map((row) => ({ entryId: row.id })) } },
    },
  });
}
