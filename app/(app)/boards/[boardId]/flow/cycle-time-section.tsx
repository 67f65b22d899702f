import type { BoardFlowData } from '@/lib/data/flow';
import { ChartFigure, getSeriesStyle, limitRows, PERCENTILE_STYLES, type LegendEntry } from './charts/chart-kit';
import { CycleTimeScatter, type ScatterGroup } from './charts/cycle-time-scatter';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@/lib/domain/lanes';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';
import { joinNotes, MarkerOverlay, type FlowMarkers } from './experiment-markers';

const NO_MARKERS: FlowMarkers = { list: [], note: undefined };

/** Each class of service's marker on the scatterplot: its own shape as well as its own colour (issue 12). */
export const CLASS_MARKERS: Record<ClassOfService, ScatterGroup> = {
  EXPEDITE: { key: 'EXPEDITE', shape: 'triangle', colour: getSeriesStyle(1).colour },
  STANDARD: { key: 'STANDARD', shape: 'circle', colour: getSeriesStyle(0).colour },
  INTANGIBLE: { key: 'INTANGIBLE', shape: 'diamond', colour: getSeriesStyle(2).colour },
};

/**
 * `classLabels`: on a board with lanes, each class's legend label ("Finished case, Expedite"); the points are then
 * drawn per class of service.
 */
export function CycleTimeSection({
  data,
  fmt,
  markers = NO_MARKERS,
  classLabels,
}: {
  data: BoardFlowData;
  fmt: FlowFormat;
  markers?: FlowMarkers;
  classLabels?: Record<ClassOfService, string>;
}) {
  const { t } = fmt;
  const classesShown = classLabels ? CLASSES_OF_SERVICE.filter((value) => data.finished.some((item) => (item.classOfService ?? 'STANDARD') === value)) : null;
  const percentiles = data.cycleTimePercentiles;
  const lines = percentiles
    ? (['p50', 'p85', 'p95'] as const).map((key) => ({
        key,
        value: percentiles[key],
        label: t('percentileLine', { percent: key.slice(1), days: percentiles[key] }),
      }))
    : [];
  const legend: LegendEntry[] = [
    ...(classesShown && classLabels
      ? classesShown.map((value): LegendEntry => ({ kind: 'marker', label: classLabels[value], shape: CLASS_MARKERS[value].shape, colour: CLASS_MARKERS[value].colour }))
      : [{ kind: 'marker' as const, label: t('cycleTime.point'), shape: 'circle' as const, colour: getSeriesStyle(0).colour }]),
    ...lines.map((line): LegendEntry => ({ kind: 'line', label: t('cycleTime.line', { percent: line.key.slice(1) }), style: PERCENTILE_STYLES[line.key] })),
  ];
  const isWholeWeeks = data.range.dayCount % 7 === 0;
  const summary = percentiles
    ? isWholeWeeks
      ? t('cycleTime.summary', { weeks: data.range.dayCount / 7, count: data.finished.length, p50: percentiles.p50, p85: percentiles.p85 })
      : t('cycleTime.summaryPeriod', { count: data.finished.length, p50: percentiles.p50, p85: percentiles.p85 })
    : t('cycleTime.summaryNone');
  const limited = limitRows(data.finished);
  const days = data.cfd.map((day) => day.date);
  return (
    <ChartFigure
      id="cycle-time"
      heading={t('cycleTime.heading')}
      summary={
        <>
          <p>{summary}</p>
          {data.blocked.finishedBlockedCount > 0 && (
            <p className="mt-1">{t('cycleTime.blocked', { count: data.blocked.finishedBlockedCount, days: fmt.number(data.blocked.finishedBlockedDays) })}</p>
          )}
          <p className="mt-1 text-sm text-slate-700">{t('cycleTime.explanation')}</p>
        </>
      }
      explainers={<TermExplainer term="cycleTime" />}
      ariaLabel={t('cycleTime.ariaLabel')}
      legend={legend}
      legendLabel={t('legend')}
      tableToggle={t('table.show', { chart: t('cycleTime.heading') })}
      table={{
        caption: t('cycleTime.heading'),
        columns: [t('columns.item'), t('columns.started'), t('columns.done'), t('columns.cycleTimeDays')],
        rows: limited.rows.map((item) => [item.title, fmt.date(item.startedDate), fmt.date(item.doneDate), item.cycleTimeDays]),
        note: joinNotes(limited.isTruncated ? t('table.truncated', { shown: limited.rows.length, total: limited.total }) : undefined, markers.note),
      }}
    >
      <CycleTimeScatter
        days={days}
        points={data.finished.map((item) => ({ id: item.id, date: item.doneDate, days: item.cycleTimeDays, group: item.classOfService ?? 'STANDARD' }))}
        groups={classesShown?.map((value) => CLASS_MARKERS[value])}
        percentiles={lines}
        formatTick={fmt.shortDate}
        xLabel={t('axis.date')}
        yLabel={t('axis.days')}
        overlay={(placeDate) => <MarkerOverlay markers={markers} points={days.map((date) => ({ key: date, date }))} placeKey={placeDate} />}
      />
    </ChartFigure>
  );
}
