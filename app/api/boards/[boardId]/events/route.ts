import { withApi } from '@/lib/api/handler';
import { parseLastEventId } from '@/lib/events/resume';
import { openBoardEventStream } from '@/lib/live/board-stream';

export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events for one board (under `next dev`; the production server answers it in lib/api/direct-routes.ts).
 * The access check happens before the stream opens; afterwards a membership change closes it (lib/live/).
 */
export const GET = withApi<{ boardId: string }>(async ({ request, params, user }) =>
  openBoardEventStream({
    user,
    boardId: params.boardId,
    lastEventId: parseLastEventId(request.headers.get('last-event-id') ?? request.nextUrl.searchParams.get('lastEventId')),
    signal: request.signal,
  }),
);
