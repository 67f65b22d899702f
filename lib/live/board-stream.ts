import 'server-only';
import { findSessionUser, type SessionToken, type SessionUser } from '@/lib/auth/session';
import type { BoardLiveEvent } from '@/lib/board/types';
import { authorizeBoardAction } from '@/lib/data/access';
import { getDb } from '@/lib/db';
import { getBoardHub } from './hub';

const KEEPALIVE_MS = 15_000;
const ACCESS_RECHECK_MS = 30_000;

/** The response headers of a board's event stream. */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** Where a board's event stream writes: a Web stream (the Next route) or a Node response (lib/api/direct-routes.ts). */
export type EventStreamSink = {
  /** Writes one chunk of the text/event-stream body; throws when the connection is gone. */
  write(text: string): void;
  /** Ends the response. */
  end(): void;
};

/**
 * Checks that `user` may read the board; throws NOT_FOUND before anything is sent when they may not.
 * Call before the response's status line is written.
 */
export async function authorizeBoardEventStream(user: SessionUser, boardId: string): Promise<void> {
  await authorizeBoardAction(getDb(), user.id, boardId, 'board.read');
}

/**
 * Streams a board's live events to one browser through `sink`, after authorizeBoardEventStream. Closes the stream
 * when the person loses access or their session ends (so a removed member or a signed-out cookie stops receiving the
 * team's changes within ACCESS_RECHECK_MS),
 * when the instance loses its LISTEN connection (the browser reconnects and resyncs), or when `sink` fails.
 * Returns the function that stops it, for when the browser goes away.
 */
export function startBoardEventStream(options: { user: SessionUser; boardId: string; sink: EventStreamSink; session?: SessionToken }): () => void {
  const { user, boardId, sink } = options;
  let isClosed = false;
  let cleanup = () => {};
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    cleanup();
    try {
      sink.end();
    } catch {
      // already closed by the client
    }
  };
  const send = (text: string) => {
    if (isClosed) return;
    try {
      sink.write(text);
    } catch {
      close();
    }
  };
  const onEvent = (event: BoardLiveEvent) => send(`data: ${JSON.stringify(event)}\n\n`);
  // Tell the browser to retry quickly if the connection drops; our client adds its own backoff on top.
  send('retry: 1000\n\n');
  const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
  const recheck = setInterval(async () => {
    try {
      await authorizeBoardAction(getDb(), user.id, boardId, 'board.read');
      // A session that ended (sign-out, "sign out everywhere") stops its stream too, copies of its cookie included.
      if (options.session && !(await findSessionUser(options.session))) close();
    } catch {
      close();
    }
  }, ACCESS_RECHECK_MS);
  let unsubscribe = () => {};
  cleanup = () => {
    clearInterval(keepalive);
    clearInterval(recheck);
    unsubscribe();
  };
  getBoardHub()
    .subscribe(boardId, { userId: user.id, name: user.name }, onEvent, close)
    .then(
      (stop) => {
        if (isClosed) stop();
        else unsubscribe = stop;
      },
      // The database is unreachable: end the stream; the browser retries with backoff and resyncs.
      () => close(),
    );
  return close;
}

/** The Next route's form (app/api/boards/[boardId]/events/route.ts): an SSE Response over a Web stream. */
export async function openBoardEventStream(options: { user: SessionUser; boardId: string; signal: AbortSignal }): Promise<Response> {
  const { user, boardId, signal } = options;
  await authorizeBoardEventStream(user, boardId);
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = startBoardEventStream({
        user,
        boardId,
        sink: { write: (text) => controller.enqueue(encoder.encode(text)), end: () => controller.close() },
      });
      signal.addEventListener('abort', () => stop());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
