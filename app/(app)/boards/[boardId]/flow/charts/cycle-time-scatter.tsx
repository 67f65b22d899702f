/**
 * Cycle-time scatterplot: one dot per finished item at its done day and cycle time, with the 50/85/95 %
 * lines. The lines are told apart by dash pattern and by their written labels, not by colour alone.
 */
import type { ReactNode } from 'react';
import { scaleLinear } from '@visx/scale';
import {
  ChartAxes,
  createCategoryScale,
  getSeriesStyle,
  INNER_HEIGHT,
  MarkerCloud,
  PERCENTILE_STYLES,
  pickTickValues,
  placeCategory,
  ReferenceLine,
  spreadLabelOffsets,
} from './chart-kit';

export interface ScatterPoint {
  readonly id: string;
  readonly date: string;
  readonly days: number;
  /** On a board with lanes: which marker group the point belongs to (a class of service); see `groups`. */
  readonly group?: string;
}

/** A marker group: its points drawn with their own shape and colour (never colour alone). */
export interface ScatterGroup {
  readonly key: string;
  readonly shape: 'circle' | 'triangle' | 'diamond' | 'square';
  readonly colour: string;
}

export function CycleTimeScatter({
  days,
  points,
  percentiles,
  formatTick,
  xLabel,
  yLabel,
  overlay,
  groups,
}: {
  /** Draw the points by group (each its shape and colour); without it every point is one circle series. */
  groups?: readonly ScatterGroup[];
  /** Every day of the range, the x axis. */
  days: readonly string[];
  points: readonly ScatterPoint[];
  percentiles: readonly { key: keyof typeof PERCENTILE_STYLES; value: number; label: string }[];
  formatTick: (date: string) => string;
  xLabel: string;
  yLabel: string;
  /** Drawn on top (e.g. experiment markers), given the x position of a date. */
  overlay?: (placeDate: (date: string) => number) => ReactNode;
}) {
  const x = createCategoryScale(days, 0.5);
  const maxValue = Math.max(1, ...points.map((point) => point.days));
  const y = scaleLinear<number>({ domain: [0, maxValue * 1.08], range: [INNER_HEIGHT, 0], nice: true });
  const offsets = spreadLabelOffsets(percentiles.map((line) => y(line.value)));
  const style = getSeriesStyle(0);
  // Items finished the same day with the same cycle time would hide each other: nudge repeats sideways.
  const seen = new Map<string, number>();
  const placed = points.map((point) => {
    const slot = `${point.date}|${point.days}`;
    const repeat = seen.get(slot) ?? 0;
    seen.set(slot, repeat + 1);
    const nudge = repeat === 0 ? 0 : (repeat % 2 === 1 ? 1 : -1) * Math.ceil(repeat / 2) * 3;
    return { ...point, cx: placeCategory(x, point.date) + nudge, cy: y(point.days) };
  });

  return (
    <>
      <ChartAxes
        xScale={x}
        yScale={y}
        xTickValues={pickTickValues(days)}
        xTickFormat={formatTick as (value: never) => string}
        xLabel={xLabel}
        yLabel={yLabel}
      />
      {groups ? (
        groups.map((group) => (
          <MarkerCloud
            key={group.key}
            shape={group.shape}
            points={placed.filter((point) => point.group === group.key).map((point) => ({ x: point.cx, y: point.cy }))}
            colour={group.colour}
            fillOpacity={0.5}
          />
        ))
      ) : (
        <MarkerCloud shape="circle" points={placed.map((point) => ({ x: point.cx, y: point.cy }))} colour={style.colour} fillOpacity={0.35} />
      )}
      {percentiles.map((line, index) => (
        <ReferenceLine key={line.key} y={y(line.value)} style={PERCENTILE_STYLES[line.key]} label={line.label} labelOffset={offsets[index]} />
      ))}
      {overlay?.((date) => placeCategory(x, date))}
    </>
  );
}
