'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

type Props = { startedAt: string; minutes: number; onElapsed: () => void };

function formatRemaining(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/**
 * The team's timebox, counted from the standup's recorded start so every screen in the standup shows the same.
 * Quiet by design: role="timer" is not announced as it ticks, there is no sound and no flashing; reaching the end
 * changes the text (not only a colour) and is announced once, politely, by the parent.
 */
export function StandupTimer({ startedAt, minutes, onElapsed }: Props) {
  const t = useTranslations('standup');
  // Null until mounted, so the server render and the first client render agree.
  const [nowMs, setNowMs] = useState<number | null>(null);
  const hasElapsed = useRef(false);
  const onElapsedRef = useRef(onElapsed);
  onElapsedRef.current = onElapsed;

  useEffect(() => {
    const tick = () => setNowMs(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);

  const remaining = Date.parse(startedAt) + minutes * 60_000 - (nowMs ?? Date.parse(startedAt));
  const isOver = nowMs !== null && remaining <= 0;

  useEffect(() => {
    if (isOver && !hasElapsed.current) {
      hasElapsed.current = true;
      onElapsedRef.current();
    }
  }, [isOver]);

  return (
    <p className="flex items-center gap-2 rounded border border-slate-400 bg-white px-3 py-1 text-base" data-testid="standup-timer">
      <span aria-hidden="true">⏱</span>
      <span className="font-medium">{t('timer.label')}:</span>
      <span role="timer" className="tabular-nums">
        {isOver ? t('timer.over', { minutes }) : t('timer.left', { time: formatRemaining(remaining) })}
      </span>
    </p>
  );
}
