import type { BoardFlowData } from '@/lib/data/flow';
import { ChartFigure, getSeriesStyle, limitRows, type LegendEntry } from './charts/chart-kit';
import { CfdPatterns, CumulativeFlowChart, getBandPatternId } from './charts/cumulative-flow-chart';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';
import { joinNotes, MarkerOverlay, type FlowMarkers } from './experiment-markers';

const PATTERN_PREFIX = 'cfd-pattern';
const NO_MARKERS: FlowMarkers = { list: [], note: undefined };

export function CumulativeFlowSection({ data, fmt, markers = NO_MARKERS }: { data: BoardFlowData; fmt: FlowFormat; markers?: FlowMarkers }) {
  const { t } = fmt;
  const stageCount = data.stages.length;
  const lastWip = data.wip.at(-1)?.count ?? 0;
  const legend: LegendEntry[] = data.stages.map((stage, index) => ({
    kind: 'area',
    label: stage.name,
    style: getSeriesStyle(index),
    patternId: getBandPatternId(PATTERN_PREFIX, index),
  }));
  // The table gives each band's height (items in the column that day): what the chart shows, as numbers.
  const bandRows = data.cfd.map((day) => [
    fmt.date(day.date),
    ...day.counts.map((count, index) => count - (index + 1 < stageCount ? (day.counts[index + 1] ?? 0) : 0)),
  ]);
  const limited = limitRows(bandRows);
  return (
    <ChartFigure
      id="cfd"
      heading={t('cfd.heading')}
      summary={
        <>
          <p>
            {t('cfd.summary', { from: fmt.date(data.range.from), to: fmt.date(data.range.to), arrived: data.arrivedCount, finished: data.finished.length, wip: lastWip })}
            {data.abandonedArrivedCount > 0 && <> {t('cfd.abandoned', { count: data.abandonedArrivedCount })}</>}
          </p>
          <p className="mt-1 text-sm text-slate-700">{t('cfd.explanation')}</p>
        </>
      }
      explainers={<TermExplainer term="cfd" />}
      ariaLabel={t('cfd.ariaLabel')}
      legend={legend}
      legendLabel={t('legend')}
      tableToggle={t('table.show', { chart: t('cfd.heading') })}
      defs={<CfdPatterns idPrefix={PATTERN_PREFIX} stageCount={stageCount} />}
      table={{
        caption: t('cfd.heading'),
        columns: [t('columns.date'), ...data.stages.map((stage) => stage.name)],
        rows: limited.rows,
        note: joinNotes(limited.isTruncated ? t('table.truncated', { shown: limited.rows.length, total: limited.total }) : undefined, markers.note),
      }}
    >
      <CumulativeFlowChart
        rows={data.cfd}
        stageCount={stageCount}
        idPrefix={PATTERN_PREFIX}
        formatTick={fmt.shortDate}
        xLabel={t('axis.date')}
        yLabel={t('axis.items')}
        overlay={(placeDate) => <MarkerOverlay markers={markers} points={data.cfd.map((day) => ({ key: day.date, date: day.date }))} placeKey={placeDate} />}
      />
    </ChartFigure>
  );
}
