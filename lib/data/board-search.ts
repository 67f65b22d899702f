import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { normalizeSearchText } from '@/lib/search/normalize';
import { authorizeBoardAction } from './access';

/** At most this many characters of a description are searched (descriptions are at most 10,000: all of them). */
const SEARCH_TEXT_MAX = 10_000;

export const searchIndexQuerySchema = z.object({
  /** Only these cards (after a live edit), comma-separated; all open cards when left out. */
  cards: z
    .string()
    .max(64 * 200)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/)).max(200))
    .optional(),
});

/**
 * What only the server holds of the board's open cards for "Sök på tavlan": each card's case number and
 * description, normalised for search (lib/search/normalize.ts) — so the board's own payload stays lean and the
 * browser fetches this once, when someone starts searching. Members and viewers.
 */
export async function getBoardSearchIndex(userId: string, boardId: string, cardIds?: string[]): Promise<Record<string, string>> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.read');
  // A board marked "may hold client data" logs every read of a card's content (the read log): its descriptions
  // are not handed out in bulk for search, so there the search finds titles, labels and case numbers only.
  const { holdsClientData } = await db.board.findUniqueOrThrow({ where: { id: boardId }, select: { holdsClientData: true } });
  const cards = await db.card.findMany({
    where: { boardId, archivedAt: null, ...(cardIds ? { id: { in: cardIds } } : {}) },
    select: { id: true, reference: true, description: !holdsClientData },
  });
  const index: Record<string, string> = {};
  for (const card of cards) index[card.id] = normalizeSearchText(`${card.reference ?? ''} ${holdsClientData ? '' : (card.description ?? '').slice(0, SEARCH_TEXT_MAX)}`);
  return index;
}
