import type { BoardFlowData } from '@/lib/data/flow';
import { ChartFigure, type LegendEntry } from './charts/chart-kit';
import { DEMAND_STYLES, DemandChart, DemandPatterns } from './charts/demand-chart';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';

/** Value demand versus failure demand per week of arrival (Seddon). */
export function DemandSection({ data, fmt }: { data: BoardFlowData; fmt: FlowFormat }) {
  const { t } = fmt;
  const { totals, weeks } = data.demand;
  const idPrefix = 'demand-pattern';
  const legend: LegendEntry[] = [
    { kind: 'area', label: t('demand.VALUE'), style: DEMAND_STYLES.VALUE, patternId: `${idPrefix}-value` },
    { kind: 'area', label: t('demand.FAILURE'), style: DEMAND_STYLES.FAILURE, patternId: `${idPrefix}-failure` },
    { kind: 'area', label: t('demand.UNKNOWN'), style: DEMAND_STYLES.UNKNOWN, patternId: `${idPrefix}-unknown` },
  ];
  const summary =
    totals.total === 0
      ? t('demand.summaryNone')
      : t('demand.summary', {
          total: totals.total,
          failure: fmt.percent(totals.failureShare ?? 0),
          value: fmt.percent(totals.valueShare ?? 0),
          unknown: fmt.percent(totals.unknownShare ?? 0),
        });
  return (
    <ChartFigure
      id="demand"
      heading={t('demand.heading')}
      summary={
        <>
          <p>{summary}</p>
          <p className="mt-1 text-sm text-slate-700">{t('demand.intro')}</p>
        </>
      }
      explainers={<TermExplainer term="demand" />}
      ariaLabel={t('demand.ariaLabel')}
      legend={legend}
      legendLabel={t('legend')}
      tableToggle={t('table.show', { chart: t('demand.heading') })}
      defs={<DemandPatterns idPrefix={idPrefix} />}
      table={{
        caption: t('demand.heading'),
        columns: [t('columns.week'), t('columns.valueDemand'), t('columns.failureDemand'), t('columns.unknownDemand'), t('columns.total')],
        rows: weeks.map((week) => [
          week.isPartial ? `${fmt.week(week.week)} ${t('demand.partialNote')}` : fmt.week(week.week),
          week.value,
          week.failure,
          week.unknown,
          week.total,
        ]),
      }}
    >
      <DemandChart
        bars={weeks.map((week) => ({ key: week.week, value: week.value, failure: week.failure, unknown: week.unknown }))}
        idPrefix={idPrefix}
        formatTick={fmt.weekShort}
        xLabel={t('axis.week')}
        yLabel={t('axis.items')}
      />
    </ChartFigure>
  );
}
