import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { getFlowOverview, OVERVIEW_WEEKS, type BoardFlowSummary } from '@/lib/data/flow';
import { ChartFigure, getSeriesStyle, type LegendEntry } from '../boards/[boardId]/flow/charts/chart-kit';
import { SeriesChart } from '../boards/[boardId]/flow/charts/series-chart';
import { getFlowFormat, type FlowFormat } from '../boards/[boardId]/flow/flow-format';
import { countExperimentsInPeriod, TeamExperimentsLine } from '../boards/[boardId]/experiments/team-experiments-line';

export async function generateMetadata() {
  return { title: (await getTranslations('flow'))('overview.metaTitle') };
}

/**
 * Flow across every team the reader may read (e.g. a manager who is a viewer of several teams). Read-only by
 * design: figures and links to each team's Flow page, and nowhere to set a goal, target or threshold.
 */
type Props = { searchParams: Promise<{ archived?: string | string[] }> };

export default async function FlowOverviewPage({ searchParams }: Props) {
  const user = await requireSessionUser();
  // "Visa arkiverade": archived boards only when asked for, in the URL so the view can be shared.
  const includeArchived = (await searchParams).archived === '1';
  const overview = await getFlowOverview(user.id, new Date(), undefined, { includeArchived });
  const tBoards = await getTranslations('teamBoards');
  const fmt = await getFlowFormat(overview.teams.flatMap((team) => team.boards.flatMap((board) => board.weeklyThroughput.map((week) => week.week))));
  const { t } = fmt;
  const experimentCounts = await countExperimentsInPeriod(user.id, overview.from, overview.to);
  const tLanes = await getTranslations('lanes');
  const expediteLabels = { term: tLanes('flow.expediteShare') };

  return (
    <main id="main" className="mx-auto w-full max-w-5xl p-4 sm:p-6">
      <h1 className="text-2xl font-semibold">{t('overview.title')}</h1>
      <p className="mt-1 max-w-prose text-slate-800">{t('overview.intro')}</p>
      <p className="mt-1 max-w-prose text-sm text-slate-700">{t('teamLevel')}</p>
      <p className="mt-2">{t('overview.period', { weeks: OVERVIEW_WEEKS, from: fmt.date(overview.from), to: fmt.date(overview.to) })}</p>
      <p className="mt-2">
        <Link href={includeArchived ? '/flow' : '/flow?archived=1'} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          {includeArchived ? tBoards('hideArchived') : tBoards('showArchived')}
        </Link>
      </p>
      {overview.teams.length === 0 && <p className="mt-4">{t('overview.empty')}</p>}
      {overview.teams.map((team) => (
        <section key={team.teamId} aria-labelledby={`team-${team.teamId}`} className="mt-8">
          <h2 id={`team-${team.teamId}`} className="text-xl font-semibold">
            {team.teamName}
          </h2>
          <p className="text-sm text-slate-700">{t('overview.yourRole', { role: t(`overview.role.${team.role}`) })}</p>
          <TeamExperimentsLine counts={experimentCounts.get(team.teamId)} />
          {team.boards.length === 0 && <p className="mt-2">{t('overview.noBoards')}</p>}
          {team.boards.map((board) => (
            <BoardSummary key={board.boardId} board={board} fmt={fmt} archivedTag={tBoards('archivedTag')} expediteLabels={expediteLabels} />
          ))}
        </section>
      ))}
    </main>
  );
}

function BoardSummary({
  board,
  fmt,
  archivedTag,
  expediteLabels,
}: {
  board: BoardFlowSummary;
  fmt: FlowFormat;
  archivedTag: string;
  expediteLabels: { term: string };
}) {
  const { t } = fmt;
  const counts = board.weeklyThroughput.map((week) => week.count);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const legend: LegendEntry[] = [{ kind: 'line', label: t('throughput.series'), style: getSeriesStyle(0) }];
  const figures: [string, string][] = [
    [t('overview.wipNow'), String(board.wipNow)],
    [t('overview.finished'), String(board.finishedCount)],
    [t('overview.cycleTimeP85'), board.cycleTimeP85 === null ? t('overview.cycleTimeTooFew') : t('overview.cycleTimeValue', { days: board.cycleTimeP85 })],
    [t('overview.signals'), t('overview.signalsValue', { throughput: board.throughputSignalCount, cycleTime: board.cycleTimeSignalCount })],
    [
      t('overview.failureShare'),
      board.failureDemandShare === null
        ? t('overview.failureShareNone')
        : t('overview.failureShareValue', { share: fmt.percent(board.failureDemandShare), count: board.arrivedCount }),
    ],
    // On a board with lanes: how much of what finished was expedite (issue 12).
    ...(board.expediteShare === null ? [] : ([[expediteLabels.term, fmt.percent(board.expediteShare)]] as [string, string][])),
  ];
  return (
    <article aria-labelledby={`board-${board.boardId}`} className="mt-4 rounded-lg border border-slate-300 bg-white p-4">
      <h3 id={`board-${board.boardId}`} className="text-lg font-semibold">
        {board.boardName}
        {board.archivedAt && <> <span className="ms-1 text-base font-normal text-slate-700">{archivedTag}</span></>}
      </h3>
      <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
        {figures.map(([term, value]) => (
          <div key={term}>
            <dt className="text-sm text-slate-700">{term}</dt>
            <dd className="font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <ChartFigure
        id={`overview-throughput-${board.boardId}`}
        headingLevel={4}
        heading={t('overview.throughputHeading', { board: board.boardName })}
        summary={
          <p>
            {t('overview.throughputSummary', {
              total,
              weeks: counts.length,
              min: counts.length === 0 ? 0 : Math.min(...counts),
              max: Math.max(0, ...counts),
            })}
          </p>
        }
        ariaLabel={t('overview.throughputAria', { board: board.boardName })}
        legend={legend}
        legendLabel={t('legend')}
        tableToggle={t('table.show', { chart: t('overview.throughputHeading', { board: board.boardName }) })}
        table={{
          caption: t('overview.throughputHeading', { board: board.boardName }),
          columns: [t('columns.week'), t('columns.date'), t('columns.finished')],
          rows: board.weeklyThroughput.map((week) => [fmt.week(week.week), fmt.date(week.weekStart), week.count]),
        }}
      >
        <SeriesChart
          points={board.weeklyThroughput.map((week) => ({ key: week.week, value: week.count }))}
          formatTick={fmt.weekShort}
          xLabel={t('axis.week')}
          yLabel={t('axis.items')}
        />
      </ChartFigure>
      <p className="mt-3">
        <Link href={`/boards/${board.boardId}/flow`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          {t('overview.openFlow', { board: board.boardName })}
        </Link>
      </p>
    </article>
  );
}
