'use client';

import { useTranslations } from 'next-intl';
import type { BoardCardView, BoardColumnView } from '@/lib/board/types';
import type { StandupWalkCard as WalkItem } from '@/lib/standup/walk-order';

type Props = {
  item: WalkItem<BoardCardView>;
  column: BoardColumnView;
  isCurrent: boolean;
  cycleTimeP85Days: number | null;
  onOpen: () => void;
};

/** One card of the walk with every fact the team talks about; the current one is larger and marked in words. */
export function StandupWalkCard({ item, column, isCurrent, cycleTimeP85Days, onOpen }: Props) {
  const t = useTranslations('standup');
  // The first calendar day reads "started today", as on the board (lib/board/age.ts).
  const tA11y = useTranslations('boardA11y');
  const tPeople = useTranslations('cardPeople');
  const { card, ageDays, daysSinceMove, blockedDays, exceedsCycleTime } = item;
  const isBlocked = blockedDays !== null;
  const isDone = column.flowState === 'DONE';

  return (
    <li
      aria-current={isCurrent ? 'step' : undefined}
      data-testid="walk-card"
      data-card-id={card.id}
      className={`scroll-my-24 rounded-lg bg-white shadow-sm ${isCurrent ? 'border-4 border-brand-700 p-4' : 'border border-slate-300 p-3'} ${isBlocked ? 'border-s-8 border-s-red-700' : ''}`}
    >
      <div className="flex flex-wrap items-start gap-2">
        {isCurrent && (
          <span className="shrink-0 rounded bg-brand-700 px-2 py-1 text-sm font-semibold text-white">
            <span aria-hidden="true">▶ </span>
            {t('card.now')}
          </span>
        )}
        <button
          type="button"
          data-walk-card={card.id}
          onClick={onOpen}
          aria-label={t('card.open', { title: card.title })}
          className={`min-h-11 min-w-0 flex-1 wrap-anywhere rounded text-start font-semibold underline-offset-4 hover:underline ${isCurrent ? 'text-2xl' : 'text-lg'}`}
        >
          {card.title}
        </button>
      </div>

      {isBlocked && (
        <div className="mt-2 flex gap-2 rounded border-2 border-red-700 bg-red-50 p-2 text-red-900">
          <StopIcon />
          <div className="min-w-0">
            <p className="font-semibold">{blockedDays === 0 ? t('card.blockedToday') : t('card.blockedDays', { days: blockedDays })}</p>
            {card.blockedReason && <p className="wrap-anywhere">{t('card.blockedReason', { reason: card.blockedReason })}</p>}
          </div>
        </div>
      )}

      <dl className={`mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 ${isCurrent ? 'text-base' : 'text-sm'}`}>
        <dt className="font-medium text-slate-700">{t('card.column')}</dt>
        <dd>{column.name}</dd>

        <dt className="font-medium text-slate-700">{t('card.age')}</dt>
        <dd className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span data-testid="walk-card-age">
            {ageDays === null
              ? t('card.notStarted')
              : isDone
                ? t('card.cycleTime', { days: ageDays })
                : ageDays === 1
                  ? tA11y('startedToday')
                  : t('card.ageDays', { days: ageDays })}
          </span>
          {exceedsCycleTime && cycleTimeP85Days !== null && (
            <span className="rounded border border-amber-700 bg-amber-50 px-1 font-semibold text-amber-950">
              <span aria-hidden="true">⏳ </span>
              {t('card.aging')}
              <span className="sr-only">: {t('card.agingDetail', { days: cycleTimeP85Days })}</span>
            </span>
          )}
        </dd>

        <dt className="font-medium text-slate-700">{t('card.lastMoved')}</dt>
        <dd>{daysSinceMove === 0 ? t('card.movedToday') : t('card.movedDays', { days: daysSinceMove })}</dd>

        <dt className="font-medium text-slate-700">{t('card.demand')}</dt>
        <dd>{t(`card.demandType.${card.demand}`)}</dd>

        {card.people.length > 0 && (
          <>
            <dt className="font-medium text-slate-700">{tPeople('heading')}</dt>
            <dd data-testid="walk-card-people">{card.people.map((person) => person.name).join(', ')}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

function StopIcon() {
  // The octagon and the words carry "blocked"; the red only reinforces them.
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-0.5 size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" />
      <path d="M7 12h10" strokeLinecap="round" />
    </svg>
  );
}
