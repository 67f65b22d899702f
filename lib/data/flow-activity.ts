import 'server-only';
import { getDb } from '@/lib/db';
import { authorizeBoardAction } from './access';
import type { BoardActivity } from './flow-history-range';

/**
 * When the board's card history begins and ends (its first and last card event), for the Flow page's default
 * period: an imported or quiet board shows its own last 12 weeks of activity. Members and viewers, like the page.
 */
export async function getBoardFlowActivity(userId: string, boardId: string): Promise<BoardActivity> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'flow.read');
  const [row] = await db.$queryRaw<{ first: Date | null; last: Date | null }[]>`
    SELECT min("at") AS "first", max("at") AS "last" FROM "CardEvent" WHERE "boardId" = ${boardId}`;
  return { first: row?.first ?? null, last: row?.last ?? null };
}
