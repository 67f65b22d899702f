'use client';

import { useCallback, useRef } from 'react';
import type { SyncCard, SyncEvent } from '@/lib/domain/board-sync';

/**
 * Remembers the server changes a board client applies while a full refetch (resync) is in flight, so the
 * snapshot can be rebased onto them (lib/domain/board-sync `rebaseOnSnapshot`) instead of rolling them back.
 * Several resyncs may overlap; each has its own log.
 */
export function useResyncBuffer<C extends SyncCard>() {
  const logs = useRef(new Set<SyncEvent<C>[]>());

  /** Call with every server change applied to the confirmed cards (live events and command answers). */
  const recordApplied = useCallback((events: SyncEvent<C>[]) => {
    for (const log of logs.current) log.push(...events);
  }, []);

  /**
   * Runs `fetchSnapshot` and hands its result, with the changes applied meanwhile, to `apply`. `apply` must
   * enqueue its state update synchronously: later changes are no longer logged and are applied after it.
   */
  const withBuffer = useCallback(async <S>(fetchSnapshot: () => Promise<S | null>, apply: (snapshot: S, appliedSince: SyncEvent<C>[]) => void) => {
    const log: SyncEvent<C>[] = [];
    logs.current.add(log);
    try {
      const snapshot = await fetchSnapshot();
      if (snapshot !== null) apply(snapshot, log);
    } finally {
      logs.current.delete(log);
    }
  }, []);

  return { recordApplied, withBuffer };
}
