import { NextResponse } from 'next/server';
import { withApi } from '@/lib/api/handler';
import { getBoardSearchIndex, searchIndexQuerySchema } from '@/lib/data/board-search';

export const dynamic = 'force-dynamic';

/** The board's search texts (case numbers, descriptions; normalised): ?cards=id,id for some cards only. */
export const GET = withApi<{ boardId: string }>(async ({ request, params, user }) => {
  const { cards } = searchIndexQuerySchema.parse({ cards: request.nextUrl.searchParams.get('cards') ?? undefined });
  return NextResponse.json({ cards: await getBoardSearchIndex(user.id, params.boardId, cards) });
});
