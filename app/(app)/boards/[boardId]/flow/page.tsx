import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { cache } from 'react';
import { requireSessionUser } from '@/lib/auth/session';
import { getBoardFlowData } from '@/lib/data/flow';
import { getBoardFlowActivity } from '@/lib/data/flow-activity';
import { chooseFlowRange } from '@/lib/data/flow-history-range';
import { AgingWipSection } from './aging-wip-section';
import { CumulativeFlowSection } from './cumulative-flow-section';
import { ClassOfServiceSection } from './class-of-service-section';
import { CycleTimeSection } from './cycle-time-section';
import { DateRangeForm } from './date-range-form';
import { DemandSection } from './demand-section';
import { DownloadSection } from './download-section';
import { FlowContents } from './flow-contents';
import { getFlowFormat } from './flow-format';
import { ForecastSection } from './forecast-section';
import { FlowSummarySection } from './flow-summary-section';
import { ServiceLevelSection } from './service-level-section';
import { ThroughputSection } from './throughput-section';
import { WipSection } from './wip-section';
import { XmRSection } from './xmr-section';
import { buildFlowMarkers, FlowExperimentsSection } from './experiment-markers';
import { listExperimentMarkers } from '@/lib/data/experiment-study';
import { orNotFound } from '@/app/(app)/or-not-found';

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ boardId: string }>; searchParams: Promise<SearchParams> };

/**
 * Computed once per request: the metadata and the page both need it, and it is the expensive part.
 * Arguments are primitives so React's cache can match the two calls.
 */
const loadFlow = cache(async (boardId: string, from: string | undefined, to: string | undefined, whole: string | undefined) => {
  const user = await requireSessionUser();
  const now = new Date();
  // An imported or quiet board defaults to its own last 12 weeks of activity (lib/data/flow-history-range.ts).
  const activity = await orNotFound(getBoardFlowActivity(user.id, boardId));
  const range = chooseFlowRange({ from, to, range: whole }, activity, now);
  const data = await orNotFound(getBoardFlowData(user.id, boardId, { from: range.fromInstant, to: range.toInstant, now, timeZone: range.timeZone }));
  return { range, data };
});

function readFirstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function generateMetadata({ params, searchParams }: Props) {
  const [{ boardId }, query] = await Promise.all([params, searchParams]);
  const { data } = await loadFlow(boardId, readFirstValue(query.from), readFirstValue(query.to), readFirstValue(query.range));
  return { title: (await getTranslations('flow'))('metaTitle', { board: data.board.name }) };
}

/**
 * The board's Flow page: how its system of work behaves, for members and viewers alike. Everything is
 * server-rendered SVG and HTML; the only controls choose the period shown and open data tables.
 */
export default async function FlowPage({ params, searchParams }: Props) {
  const [{ boardId }, query] = await Promise.all([params, searchParams]);
  const { range, data } = await loadFlow(boardId, readFirstValue(query.from), readFirstValue(query.to), readFirstValue(query.range));
  const fmt = await getFlowFormat(data.weeklyThroughput.map((week) => week.week));
  const { t } = fmt;
  const tExperiments = await getTranslations('experiments');
  const markers = await buildFlowMarkers(await listExperimentMarkers(data.board.id, data.range.from, data.range.to), fmt);
  const tLanes = await getTranslations('lanes');
  const classLabels = data.byClass.hasLanes
    ? { EXPEDITE: tLanes('flow.point', { class: tLanes('class.EXPEDITE') }), STANDARD: tLanes('flow.point', { class: tLanes('class.STANDARD') }), INTANGIBLE: tLanes('flow.point', { class: tLanes('class.INTANGIBLE') }) }
    : undefined;

  return (
    <main id="main" className="mx-auto w-full max-w-5xl break-words p-4 sm:p-6">
      <p className="mb-2 flex flex-wrap gap-x-4 gap-y-1">
        <Link href={`/boards/${data.board.id}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToBoard', { board: data.board.name })}
        </Link>
        <Link href={`/boards/${data.board.id}/experiments`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          {tExperiments('nav.link')}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t('title', { board: data.board.name })}</h1>
      <p className="mt-1 max-w-prose text-slate-800">{t('intro')}</p>
      <p className="mt-1 max-w-prose text-sm text-slate-700">{t('teamLevel')}</p>
      <DateRangeForm boardId={data.board.id} range={range} shown={data.range} fmt={fmt} />
      <FlowSummarySection data={data} fmt={fmt} />
      <FlowContents extra={data.byClass.hasLanes ? [{ id: 'classes', label: tLanes('flow.heading') }] : []} />
      <ServiceLevelSection data={data} fmt={fmt} />
      <FlowExperimentsSection boardId={data.board.id} markers={markers} fmt={fmt} />
      <ClassOfServiceSection data={data} fmt={fmt} />
      <CumulativeFlowSection data={data} fmt={fmt} markers={markers} />
      <CycleTimeSection data={data} fmt={fmt} markers={markers} classLabels={classLabels} />
      <ThroughputSection data={data} fmt={fmt} markers={markers} />
      <WipSection data={data} fmt={fmt} />
      <AgingWipSection data={data} fmt={fmt} />
      <ForecastSection data={data} fmt={fmt} />
      <XmRSection data={data} fmt={fmt} markers={markers} />
      <DemandSection data={data} fmt={fmt} />
      <DownloadSection boardId={data.board.id} from={data.range.from} to={data.range.to} isWholeHistory={range.basis === 'all'} fmt={fmt} />
    </main>
  );
}
