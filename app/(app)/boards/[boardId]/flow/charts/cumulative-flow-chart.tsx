/**
 * Cumulative flow diagram: one band per column, stacked in board order with the first column on top. A band's
 * height on a day is the number of items in that column that day; its upper edge is the number of items that
 * had reached the column by then. Each band has its own colour AND its own dash pattern on its upper edge.
 */
import { Area, LinePath } from '@visx/shape';
import { scaleLinear } from '@visx/scale';
import { ChartAxes, createCategoryScale, getSeriesStyle, INNER_HEIGHT, pickTickValues, placeCategory } from './chart-kit';

export interface CfdRow {
  readonly date: string;
  /** Cumulative count per stage, in board order. */
  readonly counts: readonly number[];
}

export function CumulativeFlowChart({
  rows,
  stageCount,
  formatTick,
  xLabel,
  yLabel,
}: {
  rows: readonly CfdRow[];
  stageCount: number;
  formatTick: (date: string) => string;
  xLabel: string;
  yLabel: string;
}) {
  const dates = rows.map((row) => row.date);
  const x = createCategoryScale(dates, 0);
  const maxValue = Math.max(1, ...rows.map((row) => row.counts[0] ?? 0));
  const y = scaleLinear<number>({ domain: [0, maxValue * 1.05], range: [INNER_HEIGHT, 0], nice: true });
  const upper = (row: CfdRow, stage: number) => row.counts[stage] ?? 0;
  const lower = (row: CfdRow, stage: number) => (stage + 1 < stageCount ? (row.counts[stage + 1] ?? 0) : 0);
  // Drawn bottom (last column) first so that each upper edge lies on top of the band below it.
  const stages = Array.from({ length: stageCount }, (_, index) => stageCount - 1 - index);

  return (
    <>
      <ChartAxes
        xScale={x}
        yScale={y}
        xTickValues={pickTickValues(dates)}
        xTickFormat={formatTick as (value: never) => string}
        xLabel={xLabel}
        yLabel={yLabel}
      />
      {stages.map((stage) => {
        const style = getSeriesStyle(stage);
        return (
          <g key={stage}>
            <Area<CfdRow>
              data={[...rows]}
              x={(row) => placeCategory(x, row.date)}
              y0={(row) => y(lower(row, stage))}
              y1={(row) => y(upper(row, stage))}
              fill={style.colour}
              fillOpacity={0.18}
            />
            <LinePath<CfdRow>
              data={[...rows]}
              x={(row) => placeCategory(x, row.date)}
              y={(row) => y(upper(row, stage))}
              stroke={style.colour}
              strokeWidth={2.5}
              strokeDasharray={style.dash || undefined}
              fill="none"
            />
          </g>
        );
      })}
    </>
  );
}
