'use client';

import { useTranslations } from 'next-intl';
import type { BoardViewer } from './use-board-live';

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

/**
 * Who is looking at the board right now — useful in a standup; never stored. A board open in many browsers names
 * a few and counts the rest (`total`).
 */
export function PresenceList({ viewers, total, currentUserId }: { viewers: BoardViewer[]; total?: number; currentUserId: string }) {
  const t = useTranslations('board.live');
  const tLive = useTranslations('live.presence');
  if (viewers.length === 0) return null;
  const others = Math.max(0, (total ?? viewers.length) - viewers.length);
  const sorted = [...viewers].sort((a, b) => (a.id === currentUserId ? -1 : b.id === currentUserId ? 1 : a.name.localeCompare(b.name)));
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="text-slate-700">{t('viewing')}:</span>
      <ul className="flex -space-x-1" aria-label={t('viewing')} data-testid="presence">
        {sorted.map((viewer) => (
          <li key={viewer.id} title={viewer.name} className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white bg-brand-700 text-xs font-semibold text-white">
            <span aria-hidden="true">{initialsOf(viewer.name)}</span>
            <span className="sr-only">{t('viewer', { name: viewer.name })}</span>
          </li>
        ))}
        {others > 0 && (
          <li className="flex h-7 min-w-7 items-center justify-center rounded-full border-2 border-white bg-slate-700 px-1 text-xs font-semibold text-white">
            <span aria-hidden="true">{tLive('more', { count: others })}</span>
            <span className="sr-only">{tLive('moreLabel', { count: others })}</span>
          </li>
        )}
      </ul>
    </div>
  );
}
