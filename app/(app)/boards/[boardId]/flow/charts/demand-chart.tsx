/**
 * Demand per week of arrival as stacked bars: value demand (solid), failure demand (diagonal hatching) and
 * not classified (dots). The fill patterns carry the distinction, so the chart reads without colour.
 */
import { Bar } from '@visx/shape';
import { scaleBand, scaleLinear } from '@visx/scale';
import { ChartAxes, INNER_HEIGHT, INNER_WIDTH, pickTickValues } from './chart-kit';

export interface DemandBar {
  readonly key: string;
  readonly value: number;
  readonly failure: number;
  readonly unknown: number;
}

export const DEMAND_STYLES = {
  VALUE: { colour: '#0f766e', dash: '' },
  FAILURE: { colour: '#b45309', dash: '8 4' },
  UNKNOWN: { colour: '#475569', dash: '2 3' },
} as const;

/** Pattern definitions; ids are prefixed so two charts on a page never share one by accident. */
export function DemandPatterns({ idPrefix }: { idPrefix: string }) {
  return (
    <>
      <pattern id={`${idPrefix}-value`} width={6} height={6} patternUnits="userSpaceOnUse">
        <rect width={6} height={6} fill={DEMAND_STYLES.VALUE.colour} />
      </pattern>
      <pattern id={`${idPrefix}-failure`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill="#ffffff" />
        <rect width={3} height={6} fill={DEMAND_STYLES.FAILURE.colour} />
      </pattern>
      <pattern id={`${idPrefix}-unknown`} width={6} height={6} patternUnits="userSpaceOnUse">
        <rect width={6} height={6} fill="#ffffff" />
        <circle cx={3} cy={3} r={1.6} fill={DEMAND_STYLES.UNKNOWN.colour} />
      </pattern>
    </>
  );
}

export function DemandChart({
  bars,
  idPrefix,
  formatTick,
  xLabel,
  yLabel,
}: {
  bars: readonly DemandBar[];
  idPrefix: string;
  formatTick: (key: string) => string;
  xLabel: string;
  yLabel: string;
}) {
  const keys = bars.map((bar) => bar.key);
  const x = scaleBand<string>({ domain: keys, range: [0, INNER_WIDTH], padding: 0.25 });
  const maxValue = Math.max(1, ...bars.map((bar) => bar.value + bar.failure + bar.unknown));
  const y = scaleLinear<number>({ domain: [0, maxValue * 1.08], range: [INNER_HEIGHT, 0], nice: true });
  const width = x.bandwidth();
  const segments = [
    { field: 'value', fill: `url(#${idPrefix}-value)`, stroke: DEMAND_STYLES.VALUE.colour },
    { field: 'failure', fill: `url(#${idPrefix}-failure)`, stroke: DEMAND_STYLES.FAILURE.colour },
    { field: 'unknown', fill: `url(#${idPrefix}-unknown)`, stroke: DEMAND_STYLES.UNKNOWN.colour },
  ] as const;

  return (
    <>
      <ChartAxes
        xScale={x}
        yScale={y}
        xTickValues={pickTickValues(keys)}
        xTickFormat={formatTick as (value: never) => string}
        xLabel={xLabel}
        yLabel={yLabel}
      />
      {bars.map((bar) => {
        let base = 0;
        return (
          <g key={bar.key}>
            {segments.map((segment) => {
              const count = bar[segment.field];
              if (count === 0) return null;
              const top = y(base + count);
              const height = y(base) - top;
              base += count;
              return (
                <Bar
                  key={segment.field}
                  x={x(bar.key) ?? 0}
                  y={top}
                  width={width}
                  height={height}
                  fill={segment.fill}
                  stroke={segment.stroke}
                  strokeWidth={1.5}
                />
              );
            })}
          </g>
        );
      })}
    </>
  );
}
