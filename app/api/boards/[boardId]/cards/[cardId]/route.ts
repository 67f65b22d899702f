import { NextResponse } from 'next/server';
import { withApi } from '@/lib/api/handler';
import { getCardDetail } from '@/lib/data/cards';

export const dynamic = 'force-dynamic';

export const GET = withApi<{ boardId: string; cardId: string }>(async ({ params, user }) =>
  NextResponse.json(await getCardDetail(user.id, params.boardId, params.cardId)),
);
