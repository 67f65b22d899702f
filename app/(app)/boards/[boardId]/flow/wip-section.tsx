import type { BoardFlowData } from '@/lib/data/flow';
import { ChartFigure, getSeriesStyle, limitRows, type LegendEntry } from './charts/chart-kit';
import { SeriesChart } from './charts/series-chart';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';

export function WipSection({ data, fmt }: { data: BoardFlowData; fmt: FlowFormat }) {
  const { t } = fmt;
  const counts = data.wip.map((day) => day.count);
  const legend: LegendEntry[] = [{ kind: 'line', label: t('wip.series'), style: getSeriesStyle(0) }];
  const limited = limitRows(data.wip);
  return (
    <ChartFigure
      id="wip"
      heading={t('wip.heading')}
      summary={
        <>
          <p>{t('wip.summary', { min: counts.length === 0 ? 0 : Math.min(...counts), max: Math.max(0, ...counts), last: counts.at(-1) ?? 0 })}</p>
          <p className="mt-1 text-sm text-slate-700">{t('wip.explanation')}</p>
        </>
      }
      explainers={
        <>
          <TermExplainer term="wip" />
          <TermExplainer term="littlesLaw" />
        </>
      }
      ariaLabel={t('wip.ariaLabel')}
      legend={legend}
      legendLabel={t('legend')}
      tableToggle={t('table.show', { chart: t('wip.heading') })}
      table={{
        caption: t('wip.heading'),
        columns: [t('columns.date'), t('columns.wip')],
        rows: limited.rows.map((day) => [fmt.date(day.date), day.count]),
        note: limited.isTruncated ? t('table.truncated', { shown: limited.rows.length, total: limited.total }) : undefined,
      }}
    >
      <SeriesChart
        points={data.wip.map((day) => ({ key: day.date, value: day.count }))}
        formatTick={fmt.shortDate}
        xLabel={t('axis.date')}
        yLabel={t('axis.items')}
        showMarkers={false}
      />
    </ChartFigure>
  );
}
