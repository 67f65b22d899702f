import 'server-only';
import { getDb } from '@/lib/db';
import { authorizeTeamAction } from './access';

export type EarlierImport = { boardId: string; boardName: string; importedAt: Date };

/**
 * Boards of the team that were imported from exactly this file before (the SHA-256 of its bytes, stored in the
 * board history row of each import), newest first: the import page warns before it makes a second identical board.
 * Members only, like importing itself.
 */
export async function findEarlierImports(userId: string, teamId: string, contentHash: string): Promise<EarlierImport[]> {
  const db = getDb();
  await authorizeTeamAction(db, userId, teamId, 'board.create');
  const rows = await db.boardEvent.findMany({
    where: { type: 'BOARD_CREATED', board: { teamId }, after: { path: ['contentHash'], equals: contentHash } },
    orderBy: { at: 'desc' },
    take: 5,
    select: { at: true, board: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({ boardId: row.board.id, boardName: row.board.name, importedAt: row.at }));
}
