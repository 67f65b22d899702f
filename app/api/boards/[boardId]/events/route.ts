import { withApi } from '@/lib/api/handler';
import { openBoardEventStream } from '@/lib/live/board-stream';

export const dynamic = 'force-dynamic';

/** Server-Sent Events for one board; the access check happens before the stream opens and again while it runs. */
export const GET = withApi<{ boardId: string }>(async ({ request, params, user }) =>
  openBoardEventStream({ user, boardId: params.boardId, signal: request.signal }),
);
