import type { BoardFlowData } from '@/lib/data/flow';
import { ChartFigure, limitRows, PERCENTILE_STYLES, type LegendEntry } from './charts/chart-kit';
import { AGING_OLDER_COLOUR, AGING_WITHIN_COLOUR, AgingWipChart } from './charts/aging-wip-chart';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';

/** Aging WIP is always about today, whatever period is chosen: it is what the team can act on now. */
export function AgingWipSection({ data, fmt }: { data: BoardFlowData; fmt: FlowFormat }) {
  const { t } = fmt;
  const percentiles = data.cycleTimePercentiles;
  const lines = percentiles
    ? (['p50', 'p85', 'p95'] as const).map((key) => ({
        key,
        value: percentiles[key],
        label: t('percentileLine', { percent: key.slice(1), days: percentiles[key] }),
      }))
    : [];
  // Columns shown: those from the commitment point on that are not done, plus any column holding an item.
  const occupied = new Set(data.agingWip.map((item) => item.stageId));
  const firstStarted = data.stages.findIndex((stage) => stage.state !== 'NOT_STARTED');
  const stages = data.stages.filter(
    (stage, index) => occupied.has(stage.id) || (firstStarted >= 0 && index >= firstStarted && stage.state === 'IN_PROGRESS'),
  );
  const older = data.agingWip.filter((item) => item.isOlderThanP85).length;
  // Oldest first: on a very busy board the table keeps the items that most need attention.
  const limitedRows = limitRows(data.agingWip, 'first');
  const legend: LegendEntry[] = [
    { kind: 'marker', label: t('aging.within'), shape: 'circle', colour: AGING_WITHIN_COLOUR },
    { kind: 'marker', label: t('aging.older'), shape: 'triangle', colour: AGING_OLDER_COLOUR },
    ...lines.map((line): LegendEntry => ({ kind: 'line', label: t('cycleTime.line', { percent: line.key.slice(1) }), style: PERCENTILE_STYLES[line.key] })),
  ];
  return (
    <ChartFigure
      id="aging-wip"
      heading={t('aging.heading')}
      summary={
        <>
          <p>{data.agingWip.length === 0 ? t('aging.summaryNone') : t('aging.summary', { count: data.agingWip.length, older })}</p>
          <p className="mt-1 text-sm text-slate-700">{t('aging.explanation')}</p>
        </>
      }
      explainers={<TermExplainer term="aging" />}
      ariaLabel={t('aging.ariaLabel')}
      legend={legend}
      legendLabel={t('legend')}
      tableToggle={t('table.show', { chart: t('aging.heading') })}
      table={{
        caption: t('aging.heading'),
        columns: [t('columns.item'), t('columns.column'), t('columns.started'), t('columns.ageDays'), t('columns.olderThan'), t('columns.blocked')],
        rows: limitedRows.rows.map((item) => [
          item.title,
          item.stageName ?? '',
          fmt.date(item.startedDate),
          item.ageDays,
          item.olderThanPercent === null ? t('aging.noHistory') : t('aging.olderThan', { percent: fmt.percent(item.olderThanPercent / 100) }),
          item.isBlockedNow ? t('yes') : t('no'),
        ]),
        note: limitedRows.isTruncated ? t('table.truncatedOldest', { shown: limitedRows.rows.length, total: limitedRows.total }) : undefined,
      }}
    >
      <AgingWipChart
        stages={stages.map((stage) => ({ id: stage.id, name: stage.name }))}
        points={data.agingWip.flatMap((item) =>
          item.stageId === null ? [] : [{ id: item.id, stageId: item.stageId, ageDays: item.ageDays, isOlderThanP85: item.isOlderThanP85 }],
        )}
        percentiles={lines}
        xLabel={t('axis.column')}
        yLabel={t('axis.days')}
      />
    </ChartFigure>
  );
}
