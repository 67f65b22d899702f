import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import type { BoardLiveEvent } from '@/lib/board/types';
import { authorizeBoardAction } from '@/lib/data/access';
import { getDb } from '@/lib/db';
import { getBoardHub } from './hub';

const KEEPALIVE_MS = 15_000;
const ACCESS_RECHECK_MS = 30_000;

/**
 * Opens an SSE response streaming a board's live events to one browser. Throws NOT_FOUND before anything is sent
 * when the user may not read the board; closes the stream when they lose access, so a removed member stops
 * receiving the team's changes within ACCESS_RECHECK_MS.
 */
export async function openBoardEventStream(options: { user: SessionUser; boardId: string; signal: AbortSignal }): Promise<Response> {
  const { user, boardId, signal } = options;
  await authorizeBoardAction(getDb(), user.id, boardId, 'board.read');
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let isClosed = false;
      const send = (text: string) => {
        if (isClosed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const onEvent = (event: BoardLiveEvent) => send(`data: ${JSON.stringify(event)}\n\n`);
      let unsubscribe: () => void;
      try {
        unsubscribe = await getBoardHub().subscribe(boardId, { userId: user.id, name: user.name }, onEvent, close);
      } catch {
        // The database is unreachable: end the stream; the browser retries with backoff and resyncs.
        close();
        return;
      }
      const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
      const recheck = setInterval(async () => {
        try {
          await authorizeBoardAction(getDb(), user.id, boardId, 'board.read');
        } catch {
          close();
        }
      }, ACCESS_RECHECK_MS);
      cleanup = () => {
        clearInterval(keepalive);
        clearInterval(recheck);
        unsubscribe();
      };
      signal.addEventListener('abort', close);
      // Tell the browser to retry quickly if the connection drops; our client adds its own backoff on top.
      send('retry: 1000\n\n');
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
