import { createHash } from 'node:crypto';
import { getTestDb } from '../fixtures/db';
import type { MatrixFixture } from './matrix';

/**
 * A comment by the fixture's MEMBER on its second card, for the matrix entries that edit or delete a comment (only
 * its author may). For a team that does not exist (the ghost fixture) an id that names nothing.
 */
export async function createMatrixComment(fixture: MatrixFixture): Promise<string> {
  const db = getTestDb();
  const member = await db.membership.findFirst({
    where: { teamId: fixture.teamId, role: 'MEMBER', userId: { not: fixture.colleagueId }, user: { isIntegration: false } },
    orderBy: { createdAt: 'asc' },
    select: { userId: true },
  });
  if (!member) return `ghost${createHash('sha256').update(fixture.cardIds[1]).digest('hex').slice(0, 20)}`;
  const comment = await db.comment.create({ data: { boardId: fixture.boardId, cardId: fixture.cardIds[1], authorId: member.userId, body: 'Matrix comment' }, select: { id: true } });
  await db.card.update({ where: { id: fixture.cardIds[1] }, data: { commentCount: { increment: 1 } } });
  return comment.id;
}
