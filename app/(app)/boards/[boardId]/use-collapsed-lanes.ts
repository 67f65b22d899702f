'use client';

import { useCallback, useEffect, useState } from 'react';

/**
 * Which lanes this person has collapsed on this board, remembered in the browser (localStorage), per person and
 * board: collapsing is a way of reading the board, not a change to it, so it is never sent to the server nor seen
 * by colleagues. Read after the first render, so the server's HTML (every lane expanded) and the browser's agree.
 */
export function useCollapsedLanes(userId: string, boardId: string): { collapsed: ReadonlySet<string>; toggle: (laneId: string) => void } {
  const key = `tillit:collapsed-lanes:${userId}:${boardId}`;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  useEffect(() => {
    try {
      const stored = JSON.parse(window.localStorage.getItem(key) ?? '[]') as unknown;
      if (Array.isArray(stored)) setCollapsed(new Set(stored.filter((id): id is string => typeof id === 'string')));
    } catch {
      // Storage unavailable or unreadable: every lane expanded.
    }
  }, [key]);

  const toggle = useCallback(
    (laneId: string) => {
      setCollapsed((previous) => {
        const next = new Set(previous);
        if (next.has(laneId)) next.delete(laneId);
        else next.add(laneId);
        try {
          window.localStorage.setItem(key, JSON.stringify([...next]));
        } catch {
          // Not remembered, but still collapsed for now.
        }
        return next;
      });
    },
    [key],
  );

  return { collapsed, toggle };
}
