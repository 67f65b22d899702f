import { NextResponse } from 'next/server';
import { withApi } from '@/lib/api/handler';
import { getBoardForUser } from '@/lib/data/boards';

export const dynamic = 'force-dynamic';

/** The board's current state: the live client's resync after a reconnect. */
export const GET = withApi<{ boardId: string }>(async ({ params, user }) =>
  NextResponse.json(await getBoardForUser(user.id, params.boardId, new Date())),
);
