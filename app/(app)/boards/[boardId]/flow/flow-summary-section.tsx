import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { BoardFlowData, XmRView } from '@/lib/data/flow';
import type { FlowFormat } from './flow-format';
import { describeSignals, hasSignal } from './xmr-section';

/** The most recent XmR signal on the page, in words, or null when the charts show only routine variation. */
export function describeLatestSignal(data: BoardFlowData, fmt: FlowFormat): { count: number; sentence: string } | null {
  const charts: { view: XmRView; kind: 'week' | 'item' }[] = [
    { view: data.xmr.weeklyThroughput, kind: 'week' },
    { view: data.xmr.cycleTime, kind: 'item' },
  ];
  let count = 0;
  let latest: { date: string; sentence: string } | null = null;
  for (const { view, kind } of charts) {
    const flagged = view.points.map((point, index) => (hasSignal(point) ? index : -1)).filter((index) => index >= 0);
    count += flagged.length;
    const last = flagged.at(-1);
    if (last === undefined) continue;
    const sentence = describeSignals(view, kind, fmt).at(-1);
    const date = view.pointDates[last] ?? '';
    if (sentence !== undefined && (latest === null || date > latest.date)) latest = { date, sentence };
  }
  return latest === null ? null : { count, sentence: latest.sentence };
}

function SectionLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="text-brand-700 underline underline-offset-2">
      {children}
    </a>
  );
}

/**
 * The page in 4–6 plain sentences, first thing a manager reads: how much came in, how much was finished, how long
 * work usually takes, what is in progress, what is unusual now, and (when given) the team's running experiments.
 * Every number is the same one the sections below show (one definition per period, see lib/data/flow.ts), and each
 * sentence links to the section that explains it.
 */
export async function FlowSummarySection({ data, fmt, extra }: { data: BoardFlowData; fmt: FlowFormat; extra?: ReactNode }) {
  const t = await getTranslations('flowGuide');
  const finished = data.finished.length;
  const percentiles = data.cycleTimePercentiles;
  const hasEnough = data.serviceLevelExpectation !== null && percentiles !== null;
  const older = data.agingWip.filter((item) => item.isOlderThanP85).length;
  const latestSignal = describeLatestSignal(data, fmt);
  const failureShare = data.demand.totals.failureShare;
  return (
    <section id="summary" aria-labelledby="summary-heading" className="mt-6 scroll-mt-4 rounded-lg border border-brand-600 bg-brand-50 p-4">
      <h2 id="summary-heading" className="text-xl font-semibold">
        {t('summary.heading')}
      </h2>
      <ul className="mt-2 flex max-w-prose flex-col gap-2" data-testid="flow-summary">
        <li data-summary="came-in">
          {t('summary.cameIn', { from: fmt.date(data.range.from), to: fmt.date(data.range.to), arrived: data.arrivedCount, finished })}{' '}
          <SectionLink href="#cfd">{t('summary.seeCfd')}</SectionLink>
        </li>
        <li data-summary="duration">
          {hasEnough
            ? t('summary.duration', { p85: data.serviceLevelExpectation?.days ?? 0, p50: percentiles?.p50 ?? 0 })
            : t('summary.durationTooFew', { finished })}{' '}
          <SectionLink href="#cycle-time">{t('summary.seeCycleTime')}</SectionLink>
        </li>
        <li data-summary="now">
          {data.agingWip.length === 0
            ? t('summary.nothingNow')
            : hasEnough
              ? t('summary.now', { count: data.agingWip.length, older })
              : t('summary.nowPlain', { count: data.agingWip.length })}{' '}
          <SectionLink href="#aging-wip">{t('summary.seeAging')}</SectionLink>
        </li>
        <li data-summary="unusual">
          {latestSignal === null ? t('summary.nothingUnusual') : t('summary.unusual', { count: latestSignal.count, latest: latestSignal.sentence })}{' '}
          <SectionLink href="#xmr">{t('summary.seeXmr')}</SectionLink>
        </li>
        {failureShare !== null && (
          <li data-summary="failure-demand">
            {t('summary.failureDemand', { share: fmt.percent(failureShare) })} <SectionLink href="#demand">{t('summary.seeDemand')}</SectionLink>
          </li>
        )}
        {extra}
      </ul>
      <p className="mt-3 max-w-prose text-sm text-slate-800">{t('summary.definitions')}</p>
    </section>
  );
}
