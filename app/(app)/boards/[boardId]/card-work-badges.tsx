'use client';

import { useTranslations } from 'next-intl';
import type { BoardCardView } from '@/lib/board/types';
import { isFreeToGoOn } from '@/lib/links/waiting';

/**
 * On a card on the board: checklist progress ("3/5", named "3 of 5 items done") and "waiting for" (how many cards,
 * or "Free to go on" once they are all done). Text and shape carry the meaning; colour only reinforces it.
 */
export function CardWorkBadges({ card }: { card: Pick<BoardCardView, 'checklist' | 'waitingFor'> }) {
  const t = useTranslations('cardWork.badge');
  const { checklist, waitingFor } = card;
  if (!checklist && !waitingFor) return null;
  const open = waitingFor ? waitingFor.total - waitingFor.done : 0;
  return (
    <>
      {checklist && (
        <span role="img" aria-label={t('checklist', checklist)} title={t('checklist', checklist)} data-testid="card-checklist-progress" className={`rounded border px-1 ${checklist.done === checklist.total ? 'border-green-800 text-green-900' : 'border-slate-400 text-slate-800'}`}>
          <span aria-hidden="true">☑ {checklist.done}/{checklist.total}</span>
        </span>
      )}
      {waitingFor &&
        (isFreeToGoOn(waitingFor) ? (
          <span data-testid="card-waiting-for" className="rounded border border-green-800 px-1 font-semibold text-green-900">
            <span aria-hidden="true">✓ </span>
            {t('free')}
          </span>
        ) : (
          <span data-testid="card-waiting-for" className="rounded border border-amber-700 bg-amber-50 px-1 text-amber-950">
            <span aria-hidden="true">⧗ </span>
            {waitingFor.done === 0 ? t('waiting', { count: open }) : t('waitingPartly', { open, total: waitingFor.total })}
          </span>
        ))}
    </>
  );
}
