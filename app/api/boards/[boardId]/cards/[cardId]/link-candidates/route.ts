import { NextResponse } from 'next/server';
import { withApi } from '@/lib/api/handler';
import { findLinkCandidates } from '@/lib/data/card-links';

export const dynamic = 'force-dynamic';

/** The team's cards the card may wait for, matching `q` (title or case number): the "Waiting for" combobox. */
export const GET = withApi<{ boardId: string; cardId: string }>(async ({ request, params, user }) => {
  const query = request.nextUrl.searchParams.get('q') ?? '';
  return NextResponse.json({ cards: await findLinkCandidates(user.id, { boardId: params.boardId, cardId: params.cardId, query }) });
});
