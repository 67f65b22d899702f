'use client';

import { useEffect, useRef, useState } from 'react';
import type { BoardLiveEvent } from '@/lib/board/types';

export type LiveStatus = 'connecting' | 'live' | 'paused';
export type BoardViewer = { id: string; name: string };

type Handlers = {
  onEvent: (event: Exclude<BoardLiveEvent, { kind: 'presence' }>) => void;
  /** Called on every (re)connection: the client fetches the true board state, so nothing missed stays stale. */
  onResync: () => void;
};

const MAX_BACKOFF_MS = 15_000;

/**
 * Subscribes to the board's Server-Sent Events. Reconnects by itself with jittered exponential backoff (EventSource's
 * own retry is fixed and gives up on some errors) and resyncs after every reconnect.
 */
export function useBoardLive(boardId: string, handlers: Handlers) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [viewers, setViewers] = useState<BoardViewer[]>([]);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let isDisposed = false;

    const connect = () => {
      if (isDisposed) return;
      source = new EventSource(`/api/boards/${boardId}/events`);
      source.onopen = () => {
        attempt = 0;
        setStatus('live');
        handlersRef.current.onResync();
      };
      source.onmessage = (message) => {
        const event = JSON.parse(message.data) as BoardLiveEvent;
        if (event.kind === 'presence') setViewers(event.viewers);
        else handlersRef.current.onEvent(event);
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
      if (source?.readyState === EventSource.OPEN) return;
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

  return { status, viewers };
}
