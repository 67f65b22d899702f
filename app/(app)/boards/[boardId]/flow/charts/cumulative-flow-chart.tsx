/**
 * Cumulative flow diagram: one band per column, stacked in board order with the first column on top. A band's
 * height on a day is the number of items in that column that day; its upper edge is the number of items that
 * had reached the column by then. Each band has its own colour, its own dash pattern on its upper edge AND its own
 * fill pattern (hatching at different angles, dots, grids), so neighbouring bands differ in more than a faint
 * tint (WCAG 1.4.1, 1.4.11): the legend shows the same pattern.
 */
import { Area, LinePath } from '@visx/shape';
import { scaleLinear } from '@visx/scale';
import type { ReactNode } from 'react';
import { ChartAxes, createCategoryScale, getSeriesStyle, INNER_HEIGHT, pickTickValues, placeCategory } from './chart-kit';

export interface CfdRow {
  readonly date: string;
  /** Cumulative count per stage, in board order. */
  readonly counts: readonly number[];
}

const PATTERN_SIZE = 8;

/** Fill geometries in band order; no two neighbours share one (and a board needs more than eight columns to repeat). */
const BAND_GEOMETRIES: readonly ((colour: string) => ReactNode)[] = [
  // Diagonal hatching, rising.
  (colour) => <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={colour} strokeWidth={1.5} />,
  // Dots.
  (colour) => <circle cx={4} cy={4} r={1.6} fill={colour} />,
  // Horizontal lines.
  (colour) => <path d="M0,4 h8" stroke={colour} strokeWidth={1.5} />,
  // Diagonal hatching, falling.
  (colour) => <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke={colour} strokeWidth={1.5} />,
  // Vertical lines.
  (colour) => <path d="M4,0 v8" stroke={colour} strokeWidth={1.5} />,
  // Grid.
  (colour) => <path d="M0,0.75 h8 M0.75,0 v8" stroke={colour} strokeWidth={1.5} />,
  // Checks.
  (colour) => <path d="M0,0 h4 v4 h-4 Z M4,4 h4 v4 h-4 Z" fill={colour} fillOpacity={0.55} />,
  // Crosses.
  (colour) => <path d="M2,2 l4,4 M6,2 l-4,4" stroke={colour} strokeWidth={1.5} />,
];

/** The pattern id of band `stage`; ids are prefixed so two charts on one page never share one by accident. */
export function getBandPatternId(idPrefix: string, stage: number): string {
  return `${idPrefix}-band-${stage}`;
}

/** Pattern definitions for `stageCount` bands: a light tint of the band's colour with the band's own geometry. */
export function CfdPatterns({ idPrefix, stageCount }: { idPrefix: string; stageCount: number }) {
  return (
    <>
      {Array.from({ length: stageCount }, (_, stage) => {
        const { colour } = getSeriesStyle(stage);
        const geometry = BAND_GEOMETRIES[stage % BAND_GEOMETRIES.length] as (colour: string) => ReactNode;
        return (
          <pattern key={stage} id={getBandPatternId(idPrefix, stage)} width={PATTERN_SIZE} height={PATTERN_SIZE} patternUnits="userSpaceOnUse" data-geometry={stage % BAND_GEOMETRIES.length}>
            <rect width={PATTERN_SIZE} height={PATTERN_SIZE} fill={colour} fillOpacity={0.1} />
            {geometry(colour)}
          </pattern>
        );
      })}
    </>
  );
}

export function CumulativeFlowChart({
  rows,
  stageCount,
  idPrefix,
  formatTick,
  xLabel,
  yLabel,
  overlay,
}: {
  rows: readonly CfdRow[];
  stageCount: number;
  /** The prefix the page's CfdPatterns were defined with. */
  idPrefix: string;
  formatTick: (date: string) => string;
  xLabel: string;
  yLabel: string;
  /** Drawn on top of the bands (e.g. experiment markers), given the x position of a date. */
  overlay?: (placeDate: (date: string) => number) => ReactNode;
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
          <g key={stage} data-band={stage}>
            <Area<CfdRow>
              data={[...rows]}
              x={(row) => placeCategory(x, row.date)}
              y0={(row) => y(lower(row, stage))}
              y1={(row) => y(upper(row, stage))}
              fill={`url(#${getBandPatternId(idPrefix, stage)})`}
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
      {overlay?.((date) => placeCategory(x, date))}
    </>
  );
}
