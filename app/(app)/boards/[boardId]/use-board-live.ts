'use client';

import { useEffect, useRef, useState } from 'react';
import type { BoardActivityEvent, BoardStreamMessage } from '@/lib/board/types';

export type LiveStatus = 'connecting' | 'live' | 'paused';
export type BoardViewer = { id: string; name: string };

type Handlers = {
  /** The sequence number of the board as the page has it (BoardView.eventSeq): the stream starts after it. */
  initialSeq: number | null;
  onEvent: (event: BoardActivityEvent) => void;
  /** The events missed while away can no longer be replayed: fetch the true board state. */
  onResync: () => void;
};

const MAX_BACKOFF_MS = 15_000;

/**
 * Subscribes to the board's Server-Sent Events. Reconnects by itself with jittered exponential backoff (EventSource's
 * own retry is fixed and gives up on some errors). Every event carries the board's sequence number as its SSE id;
 * a reconnect asks for the events after the last one it had (`?lastEventId=`), and the server sends exactly those,
 * so a dropped connection costs no refetch of the board. Only when they can no longer be replayed (away too long)
 * does the server say `resync`, and the board is fetched again.
 *
 * When this person's membership changes the server says so and closes the stream: removed, the page leaves the
 * board; another role, it reloads with that role's view.
 */
export function useBoardLive(boardId: string, handlers: Handlers) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [viewers, setViewers] = useState<BoardViewer[]>([]);
  const [viewerTotal, setViewerTotal] = useState(0);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const lastSeqRef = useRef<number | null>(handlers.initialSeq);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let isDisposed = false;

    const connect = () => {
      if (isDisposed) return;
      const position = lastSeqRef.current === null ? '' : `?lastEventId=${lastSeqRef.current}`;
      source = new EventSource(`/api/boards/${encodeURIComponent(boardId)}/events${position}`);
      source.onopen = () => {
        attempt = 0;
        setStatus('live');
      };
      source.onmessage = (message) => {
        if (/^\d+$/.test(message.lastEventId)) lastSeqRef.current = Number(message.lastEventId);
        const event = JSON.parse(message.data) as BoardStreamMessage;
        if (event.kind === 'presence') {
          setViewers(event.viewers);
          setViewerTotal(event.total ?? event.viewers.length);
        } else if (event.kind === 'resync') handlersRef.current.onResync();
        else if (event.kind === 'access.changed') {
          isDisposed = true;
          source?.close();
          if (event.role === null) window.location.assign('/teams');
          else window.location.reload();
        } else handlersRef.current.onEvent(event);
      };
      source.onerror = () => {
        source?.close();
        if (isDisposed) return;
        setStatus('paused');
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
        attempt += 1;
        retryTimer = setTimeout(connect, delay);
      };
    };

    // A laptop waking from sleep or a phone coming back online: reconnect now instead of waiting out the backoff.
    const reconnectNow = () => {
      if (isDisposed || source?.readyState === EventSource.OPEN) return;
      clearTimeout(retryTimer);
      source?.close();
      connect();
    };

    connect();
    window.addEventListener('online', reconnectNow);
    return () => {
      isDisposed = true;
      clearTimeout(retryTimer);
      source?.close();
      window.removeEventListener('online', reconnectNow);
    };
  }, [boardId]);

  return { status, viewers, viewerTotal };
}
