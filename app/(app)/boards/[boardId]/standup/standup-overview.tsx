'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { BoardColumnView, BoardLaneView } from '@/lib/board/types';
import type { StandupData } from '@/lib/data/standups';
import type { OverLimitColumn, OverLimitLane } from '@/lib/standup/walk-order';

const CHANGE_KINDS = ['finished', 'started', 'moved', 'blocked', 'unblocked'] as const;

/** Columns over their WIP limit, first thing in the standup: the team talks about the system before the cards. */
export function WipCallout({ overLimit: columns, overLimitLanes = [] }: { overLimit: OverLimitColumn<BoardColumnView>[]; overLimitLanes?: OverLimitLane<BoardLaneView>[] }) {
  const t = useTranslations('standup');
  const tLanes = useTranslations('lanes');
  // Lanes over their own limit count as "over limit" too (issue 12), expedite first, after the columns.
  const overLimit = [...columns, ...overLimitLanes];
  return (
    <section aria-labelledby="standup-wip-heading" data-testid="standup-wip" className={`rounded-lg border bg-white p-4 ${overLimit.length > 0 ? 'border-2 border-red-700' : 'border-slate-300'}`}>
      <h2 id="standup-wip-heading" className="text-lg font-semibold">
        {overLimit.length > 0 && <span aria-hidden="true">⚠ </span>}
        {t('wip.heading')}
      </h2>
      {overLimit.length === 0 ? (
        <p className="mt-1 text-slate-800">{t('wip.none')}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">{t('wip.intro')}</p>
          <ul className="mt-2 flex flex-col gap-1">
            {columns.map(({ column, count, limit }) => (
              <li key={column.id} className="text-lg font-semibold text-red-900">
                {t('wip.column', { column: column.name, count, limit })}
              </li>
            ))}
            {overLimitLanes.map(({ lane, count, limit }) => (
              <li key={lane.id} className="text-lg font-semibold text-red-900">
                {tLanes('standup.laneOverLimit', { lane: lane.name, count, limit })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What changed on the board since the last standup began (or since the previous working day): work, not people. */
export function ChangesSummary({ data }: { data: StandupData }) {
  const t = useTranslations('standup');
  const format = useFormatter();
  const hasPrevious = data.previousStartedAt !== null;
  const total = CHANGE_KINDS.reduce((sum, kind) => sum + data.changes[kind].length, 0);
  const since = new Date(data.since);

  return (
    <section aria-labelledby="standup-changes-heading" data-testid="standup-changes" className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="standup-changes-heading" className="text-lg font-semibold">
        {hasPrevious ? t('summary.headingSinceStandup') : t('summary.headingSinceWorkingDay')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {hasPrevious
          ? t('summary.sinceStandup', { time: format.dateTime(since, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }) })
          : t('summary.sinceWorkingDay', { time: format.dateTime(since, { weekday: 'long', day: 'numeric', month: 'long' }) })}
      </p>
      {total === 0 ? (
        <p className="mt-2">{t('summary.nothing')}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-2">
          {CHANGE_KINDS.map((kind) => {
            const cards = data.changes[kind];
            return (
              <li key={kind} data-testid={`standup-changes-${kind}`}>
                <h3 className="font-semibold">{t('summary.count', { label: t(`summary.${kind}`), count: cards.length })}</h3>
                {cards.length > 0 && (
                  <ul className="list-disc ps-5">
                    {cards.map((card) => (
                      <li key={card.id} className="wrap-anywhere">
                        {card.title}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
