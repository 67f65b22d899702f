import type { BoardFlowData } from '@/lib/data/flow';
import { ChartFigure, getSeriesStyle, INK, type LegendEntry } from './charts/chart-kit';
import { SeriesChart } from './charts/series-chart';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';
import { joinNotes, MarkerOverlay, type FlowMarkers } from './experiment-markers';

/** The middle value (mean of the two middle values for an even count); null for no values. */
export function computeMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const MEDIAN_STYLE = { colour: INK, dash: '8 4' } as const;
const NO_MARKERS: FlowMarkers = { list: [], note: undefined };

/** Throughput run chart: items finished per week, with the median of the complete weeks. */
export function ThroughputSection({ data, fmt, markers = NO_MARKERS }: { data: BoardFlowData; fmt: FlowFormat; markers?: FlowMarkers }) {
  const { t } = fmt;
  // Whole weeks only: the running week and weeks the period covers in part are not comparable (lib/data/flow.ts).
  const complete = data.weeklyThroughput.filter((week) => !week.isInProgress && !week.isPartial).map((week) => week.count);
  const median = computeMedian(complete);
  const total = data.finished.length;
  const hasRunningWeek = data.weeklyThroughput.some((week) => week.isInProgress);
  const hasPartialWeek = data.weeklyThroughput.some((week) => week.isPartial && !week.isInProgress);
  const legend: LegendEntry[] = [
    { kind: 'line', label: t('throughput.series'), style: getSeriesStyle(0) },
    ...(median === null ? [] : [{ kind: 'line', label: t('throughput.medianLegend'), style: MEDIAN_STYLE } as const]),
    ...(hasRunningWeek ? [{ kind: 'marker', label: t('throughput.weekInProgress'), shape: 'square', colour: INK } as const] : []),
    ...(hasPartialWeek ? [{ kind: 'marker', label: t('throughput.partialWeek'), shape: 'square', colour: INK } as const] : []),
  ];
  const summary =
    total === 0
      ? t('throughput.summaryNone')
      : median === null
        ? t('throughput.summaryNoWholeWeek', { total })
        : t('throughput.summary', { total, min: Math.min(...complete), max: Math.max(...complete), median: fmt.number(median) });
  const describeWeek = (week: BoardFlowData['weeklyThroughput'][number]) =>
    week.isInProgress
      ? `${fmt.week(week.week)} ${t('throughput.inProgressNote')}`
      : week.isPartial
        ? `${fmt.week(week.week)} ${t('throughput.partialNote')}`
        : fmt.week(week.week);
  return (
    <ChartFigure
      id="throughput"
      heading={t('throughput.heading')}
      summary={<p>{summary}</p>}
      explainers={<TermExplainer term="throughput" />}
      ariaLabel={t('throughput.ariaLabel')}
      legend={legend}
      legendLabel={t('legend')}
      tableToggle={t('table.show', { chart: t('throughput.heading') })}
      table={{
        caption: t('throughput.heading'),
        columns: [t('columns.week'), t('columns.date'), t('columns.finished')],
        rows: data.weeklyThroughput.map((week) => [describeWeek(week), fmt.date(week.weekStart), week.count]),
        note: markers.note,
      }}
    >
      <SeriesChart
        points={data.weeklyThroughput.map((week) => ({ key: week.week, value: week.count, isMarked: week.isInProgress || week.isPartial }))}
        references={median === null ? [] : [{ value: median, label: t('throughput.median', { value: fmt.number(median) }), style: MEDIAN_STYLE }]}
        formatTick={fmt.weekShort}
        xLabel={t('axis.week')}
        yLabel={t('axis.items')}
        markedShape="square"
        markedColour={INK}
        overlay={(placeKey) => <MarkerOverlay markers={markers} points={data.weeklyThroughput.map((week) => ({ key: week.week, date: week.weekStart }))} placeKey={placeKey} byWeek />}
      />
    </ChartFigure>
  );
}
