/**
 * A value per day or week as a line (run charts, WIP over time, XmR charts), with labelled horizontal reference
 * lines (median, average, limits). Points can be marked with a different shape, e.g. XmR signals or the week
 * still in progress, so the distinction never rests on colour.
 */
import type { ReactNode } from 'react';
import { LinePath } from '@visx/shape';
import { scaleLinear } from '@visx/scale';
import {
  ChartAxes,
  createCategoryScale,
  getSeriesStyle,
  INNER_HEIGHT,
  MarkerCloud,
  pickTickValues,
  placeCategory,
  ReferenceLine,
  spreadLabelOffsets,
  type SeriesStyle,
} from './chart-kit';

export interface SeriesPoint {
  readonly key: string;
  readonly value: number;
  /** Drawn with `markedShape` instead of a circle. */
  readonly isMarked?: boolean;
}

export interface SeriesReference {
  readonly value: number;
  readonly label: string;
  readonly style: SeriesStyle;
}

export function SeriesChart({
  points,
  references = [],
  formatTick,
  xLabel,
  yLabel,
  style = getSeriesStyle(0),
  showMarkers = true,
  markedShape = 'diamond',
  markedColour = '#be123c',
  yMin,
  overlay,
}: {
  points: readonly SeriesPoint[];
  references?: readonly SeriesReference[];
  formatTick: (key: string) => string;
  xLabel: string;
  yLabel: string;
  style?: SeriesStyle;
  showMarkers?: boolean;
  markedShape?: 'triangle' | 'diamond' | 'square';
  markedColour?: string;
  /** Lowest value on the y axis; default 0 (counts and durations). */
  yMin?: number;
  /** Drawn on top (e.g. experiment markers), given the x position of a point's key. */
  overlay?: (placeKey: (key: string) => number) => ReactNode;
}) {
  const keys = points.map((point) => point.key);
  const x = createCategoryScale(keys);
  const maxValue = Math.max(1, ...points.map((point) => point.value), ...references.map((reference) => reference.value));
  const minValue = yMin ?? 0;
  const y = scaleLinear<number>({ domain: [minValue, maxValue * 1.08], range: [INNER_HEIGHT, 0], nice: true });
  // Reference lines below the axis (a negative lower limit) are left out: nothing can fall there.
  const visibleReferences = references.filter((reference) => reference.value >= minValue);
  const offsets = spreadLabelOffsets(visibleReferences.map((reference) => y(reference.value)));
  const markersShown = showMarkers && points.length <= 120;

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
      {visibleReferences.map((reference, index) => (
        <ReferenceLine key={reference.label} y={y(reference.value)} style={reference.style} label={reference.label} labelOffset={offsets[index]} />
      ))}
      <LinePath<SeriesPoint>
        data={[...points]}
        x={(point) => placeCategory(x, point.key)}
        y={(point) => y(point.value)}
        stroke={style.colour}
        strokeWidth={2.5}
        strokeDasharray={style.dash || undefined}
        fill="none"
      />
      {markersShown && (
        <MarkerCloud
          shape="circle"
          points={points.filter((point) => !point.isMarked).map((point) => ({ x: placeCategory(x, point.key), y: y(point.value) }))}
          colour={style.colour}
          size={3.5}
        />
      )}
      <MarkerCloud
        shape={markedShape}
        points={points.filter((point) => point.isMarked).map((point) => ({ x: placeCategory(x, point.key), y: y(point.value) }))}
        colour={markedColour}
        size={5}
      />
      {overlay?.((key) => placeCategory(x, key))}
    </>
  );
}
