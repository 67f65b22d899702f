/**
 * Shared parts of the flow charts: sizes, colours, line styles, axes, the legend and the figure around every
 * chart (heading, written summary, SVG, data table).
 *
 * Server components only: the charts are SVG rendered on the server, so the page ships almost no JavaScript.
 * Accessibility rules every chart follows:
 * - the SVG is role="img", named by aria-label and described by the written summary (WCAG 1.1.1);
 * - the same data is available as a table, in a native <details> that needs no script;
 * - colour is never the only signal: each series also has its own dash pattern or marker shape, and the
 *   legend shows both; every colour has at least 3:1 contrast against the white chart background (1.4.11);
 * - text is drawn at FONT_SIZE user units and the SVG is never narrower than CHART_WIDTH px, so chart text is
 *   never smaller than 12 px; on a narrow screen the chart scrolls sideways in a named region (ChartScroll);
 * - each table toggle is named after its chart, so a list of the page's controls tells them apart.
 */
import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis';
import { scaleLinear, scalePoint } from '@visx/scale';
import type { ReactNode } from 'react';
import { ChartScroll } from './chart-scroll';

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 300;
export const MARGIN = { top: 16, right: 112, bottom: 48, left: 56 } as const;
export const INNER_WIDTH = CHART_WIDTH - MARGIN.left - MARGIN.right;
export const INNER_HEIGHT = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;

/** Text and axis colour (slate-700, 10:1 on white). */
export const INK = '#334155';
/** Grid lines are decoration, not information, so they may be faint. */
export const GRID = '#e2e8f0';
export const FONT_SIZE = 12;

/** A line or marker style: colour plus a dash pattern, so series differ without colour too. */
export interface SeriesStyle {
  readonly colour: string;
  /** SVG stroke-dasharray; '' for a solid line. */
  readonly dash: string;
}

/** Colours with ≥ 4.5:1 contrast on white, each paired with a distinct dash pattern. */
export const SERIES_STYLES: readonly SeriesStyle[] = [
  { colour: '#1d4ed8', dash: '' },
  { colour: '#b45309', dash: '8 4' },
  { colour: '#0f766e', dash: '2 3' },
  { colour: '#7e22ce', dash: '10 3 2 3' },
  { colour: '#be123c', dash: '4 4' },
  { colour: '#4d7c0f', dash: '1 3' },
  { colour: '#0369a1', dash: '14 4' },
  { colour: '#a16207', dash: '6 2 2 2' },
];

export function getSeriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length] as SeriesStyle;
}

/** The 50/85/95 % reference lines, distinguishable by dash pattern alone. */
export const PERCENTILE_STYLES = {
  p50: { colour: INK, dash: '2 3' },
  p85: { colour: '#b45309', dash: '8 4' },
  p95: { colour: '#be123c', dash: '12 3 2 3' },
} as const satisfies Record<string, SeriesStyle>;

/** XmR reference lines: the average solid, the limits dashed. */
export const CENTRE_LINE_STYLE: SeriesStyle = { colour: INK, dash: '' };
export const LIMIT_LINE_STYLE: SeriesStyle = { colour: '#be123c', dash: '8 4' };

/** Shows at most `maxTicks` evenly spaced labels of a category axis, always including the first and last. */
export function pickTickValues<T>(values: readonly T[], maxTicks = 8): T[] {
  if (values.length <= maxTicks) return [...values];
  const step = Math.ceil((values.length - 1) / (maxTicks - 1));
  const picked: T[] = [];
  for (let index = 0; index < values.length; index += step) picked.push(values[index] as T);
  const last = values[values.length - 1] as T;
  // Drop a tick that would crowd the last one.
  if (picked.length > 1 && (values.length - 1) % step !== 0 && (values.length - 1) % step < step / 2) picked.pop();
  if (picked[picked.length - 1] !== last) picked.push(last);
  return picked;
}

/** A category axis (days or weeks) with evenly spaced points across the plot. */
export function createCategoryScale(keys: readonly string[], padding = 0.5) {
  return scalePoint<string>({ domain: [...keys], range: [0, INNER_WIDTH], padding: keys.length > 1 ? padding : 1 });
}

/** The position of `key` on a category scale (its domain always contains the keys the charts ask for). */
export function placeCategory(scale: ReturnType<typeof createCategoryScale>, key: string): number {
  return scale(key) ?? 0;
}

type AnyScale = Parameters<typeof AxisBottom>[0]['scale'];
/** Every y axis is a count or a number of days. */
export type LinearScale = ReturnType<typeof scaleLinear<number>>;

/** Left and bottom axes in the charts' common style, plus horizontal grid lines. */
export function ChartAxes({
  xScale,
  yScale,
  xTickValues,
  xTickFormat,
  xLabel,
  yLabel,
  yTickValues,
}: {
  xScale: AnyScale;
  yScale: LinearScale;
  xTickValues?: unknown[];
  xTickFormat?: (value: never) => string;
  xLabel: string;
  yLabel: string;
  yTickValues?: number[];
}) {
  const gridValues = yTickValues ?? pickIntegerTicks(yScale);
  return (
    <>
      {gridValues.map((value) => {
        const y = yScale(value);
        return <line key={`grid-${value}`} x1={0} x2={INNER_WIDTH} y1={y} y2={y} stroke={GRID} />;
      })}
      <AxisLeft
        scale={yScale}
        tickValues={gridValues}
        stroke={INK}
        tickStroke={INK}
        tickComponent={renderTickLabel}
        tickLabelProps={{ fill: INK, fontSize: FONT_SIZE, textAnchor: 'end', dx: -4, dy: 4 }}
        tickFormat={(value) => formatAxisNumber(Number(value))}
      />
      <AxisBottom
        top={INNER_HEIGHT}
        scale={xScale}
        tickValues={xTickValues as never}
        tickFormat={xTickFormat as never}
        stroke={INK}
        tickStroke={INK}
        tickComponent={renderTickLabel}
        tickLabelProps={{ fill: INK, fontSize: FONT_SIZE, textAnchor: 'middle', dy: 2 }}
      />
      <text x={-MARGIN.left + 14} y={INNER_HEIGHT / 2} transform={`rotate(-90, ${-MARGIN.left + 14}, ${INNER_HEIGHT / 2})`} fill={INK} fontSize={FONT_SIZE} textAnchor="middle">
        {yLabel}
      </text>
      <text x={INNER_WIDTH / 2} y={INNER_HEIGHT + MARGIN.bottom - 8} fill={INK} fontSize={FONT_SIZE} textAnchor="middle">
        {xLabel}
      </text>
    </>
  );
}

/**
 * Tick labels as plain SVG text. visx's default (@visx/text) wraps every label in its own nested <svg>, which
 * adds DOM weight and shows up as extra images to assistive-technology queries.
 */
function renderTickLabel({ x, y, formattedValue, fill, fontSize, textAnchor, dx, dy }: TickRendererProps) {
  return (
    <text x={x} y={y} dx={dx} dy={dy} fill={fill} fontSize={fontSize} textAnchor={textAnchor}>
      {formattedValue}
    </text>
  );
}

/**
 * Y-axis ticks at whole numbers only: every y axis counts items or days, and "0.4 items" is no help to
 * anyone reading the chart.
 */
function pickIntegerTicks(scale: LinearScale): number[] {
  const ticks = scale.ticks(5).filter((value) => Number.isInteger(value));
  if (ticks.length >= 2) return ticks;
  const [low = 0, high = 1] = scale.domain();
  return [Math.ceil(low), Math.max(Math.ceil(low) + 1, Math.floor(high))];
}

/** Whole numbers as they are, fractions to one decimal (axes are read at a glance). */
function formatAxisNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * A labelled horizontal reference line across the plot (percentile, average, limit). The label sits in the
 * right margin so it never covers data; `labelOffset` nudges labels of lines that lie close together.
 */
export function ReferenceLine({ y, style, label, labelOffset = 0 }: { y: number; style: SeriesStyle; label: string; labelOffset?: number }) {
  return (
    <g>
      <line x1={0} x2={INNER_WIDTH} y1={y} y2={y} stroke={style.colour} strokeWidth={2} strokeDasharray={style.dash || undefined} />
      <text x={INNER_WIDTH + 6} y={y + 4 + labelOffset} fill={style.colour} fontSize={FONT_SIZE}>
        {label}
      </text>
    </g>
  );
}

/** Spreads labels of reference lines that would overlap (positions in px, returned as offsets). */
export function spreadLabelOffsets(positions: readonly number[], minGap = 14): number[] {
  const order = positions.map((y, index) => ({ y, index })).sort((a, b) => a.y - b.y);
  const placed: number[] = new Array<number>(positions.length).fill(0);
  let previous = Number.NEGATIVE_INFINITY;
  for (const { y, index } of order) {
    const target = Math.max(y, previous + minGap);
    placed[index] = target - y;
    previous = target;
  }
  return placed;
}

/** Marker shapes, so "different kind of point" never depends on colour. */
export function Marker({ shape, x, y, colour, size = 4 }: { shape: 'circle' | 'triangle' | 'diamond' | 'square'; x: number; y: number; colour: string; size?: number }) {
  return <path d={describeMarker(shape, x, y, size)} fill={colour} stroke="#ffffff" strokeWidth={1} />;
}

/** One marker's outline as path data: circles as two arcs, the other shapes as polygons. */
function describeMarker(shape: 'circle' | 'triangle' | 'diamond' | 'square', x: number, y: number, size: number): string {
  const r = (value: number) => Math.round(value * 10) / 10;
  switch (shape) {
    case 'triangle':
      return `M${r(x)},${r(y - size * 1.3)}L${r(x + size * 1.2)},${r(y + size)}L${r(x - size * 1.2)},${r(y + size)}Z`;
    case 'diamond':
      return `M${r(x)},${r(y - size * 1.4)}L${r(x + size * 1.4)},${r(y)}L${r(x)},${r(y + size * 1.4)}L${r(x - size * 1.4)},${r(y)}Z`;
    case 'square':
      return `M${r(x - size)},${r(y - size)}h${r(size * 2)}v${r(size * 2)}h${r(-size * 2)}Z`;
    default:
      return `M${r(x - size)},${r(y)}a${size},${size} 0 1,0 ${size * 2},0a${size},${size} 0 1,0 ${-size * 2},0`;
  }
}

/**
 * Many markers of one kind as a single <path>: a scatterplot of a big board has thousands of points, and one
 * element instead of thousands keeps the page light (the server sends the markup twice, as HTML and as the
 * React payload).
 */
export function MarkerCloud({
  shape,
  points,
  colour,
  size = 4,
  fillOpacity = 1,
}: {
  shape: 'circle' | 'triangle' | 'diamond' | 'square';
  points: readonly { x: number; y: number }[];
  colour: string;
  size?: number;
  fillOpacity?: number;
}) {
  if (points.length === 0) return null;
  const d = points.map((point) => describeMarker(shape, point.x, point.y, size)).join('');
  return fillOpacity < 1 ? (
    <path d={d} fill={colour} fillOpacity={fillOpacity} stroke={colour} strokeWidth={1.5} />
  ) : (
    <path d={d} fill={colour} stroke="#ffffff" strokeWidth={1} />
  );
}

export type LegendEntry =
  | { readonly kind: 'line'; readonly label: string; readonly style: SeriesStyle }
  | { readonly kind: 'area'; readonly label: string; readonly style: SeriesStyle; readonly patternId?: string }
  | { readonly kind: 'marker'; readonly label: string; readonly shape: 'circle' | 'triangle' | 'diamond' | 'square'; readonly colour: string };

/** The key to a chart's lines, areas and markers, as text with a small sample of each. */
export function Legend({ entries, label }: { entries: readonly LegendEntry[]; label: string }) {
  return (
    <ul aria-label={label} className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-800">
      {entries.map((entry) => (
        <li key={entry.label} className="flex items-center gap-2">
          <svg width={28} height={14} aria-hidden="true" focusable="false">
            {entry.kind === 'line' && (
              <line x1={1} x2={27} y1={7} y2={7} stroke={entry.style.colour} strokeWidth={2.5} strokeDasharray={entry.style.dash || undefined} />
            )}
            {entry.kind === 'area' &&
              (entry.patternId ? (
                <rect x={1} y={1} width={26} height={12} fill={`url(#${entry.patternId})`} stroke={entry.style.colour} strokeWidth={1.5} />
              ) : (
                <>
                  <rect x={1} y={1} width={26} height={12} fill={entry.style.colour} fillOpacity={0.18} />
                  <line x1={1} x2={27} y1={1.5} y2={1.5} stroke={entry.style.colour} strokeWidth={2.5} strokeDasharray={entry.style.dash || undefined} />
                </>
              ))}
            {entry.kind === 'marker' && <Marker shape={entry.shape} x={14} y={7} colour={entry.colour} size={5} />}
          </svg>
          <span>{entry.label}</span>
        </li>
      ))}
    </ul>
  );
}

export interface DataTable {
  readonly caption: string;
  readonly columns: readonly string[];
  /** The first cell of each row is its header (a date, week or card). */
  readonly rows: readonly (readonly (string | number)[])[];
  /** Shown under the table, e.g. when rows were left out. */
  readonly note?: string;
}

/** Most rows a table shows in the page; the CSV download has the rest. */
export const MAX_TABLE_ROWS = 400;

/**
 * Keeps MAX_TABLE_ROWS rows: the last ones by default (the most recent, as most tables run oldest first), or
 * the first ones (e.g. aging work, listed oldest first, where the oldest matter most).
 */
export function limitRows<T>(rows: readonly T[], keep: 'first' | 'last' = 'last'): { rows: T[]; total: number; isTruncated: boolean } {
  if (rows.length <= MAX_TABLE_ROWS) return { rows: [...rows], total: rows.length, isTruncated: false };
  return { rows: keep === 'first' ? rows.slice(0, MAX_TABLE_ROWS) : rows.slice(rows.length - MAX_TABLE_ROWS), total: rows.length, isTruncated: true };
}

/**
 * A chart as a figure: heading, written summary, the SVG (role img, described by the summary), legend and
 * its data as a table in a closed <details>.
 */
export function ChartFigure({
  id,
  heading,
  headingLevel = 2,
  summary,
  ariaLabel,
  legend,
  legendLabel,
  table,
  tableToggle,
  defs,
  children,
  extra,
  explainers,
}: {
  id: string;
  heading: string;
  headingLevel?: 2 | 3 | 4;
  summary: ReactNode;
  ariaLabel: string;
  legend?: readonly LegendEntry[];
  legendLabel: string;
  table: DataTable;
  tableToggle: string;
  defs?: ReactNode;
  children: ReactNode;
  extra?: ReactNode;
  /** Plain-language explanations of the chart's terms, beside its summary (outside the chart's description). */
  explainers?: ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  const summaryId = `${id}-summary`;
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="mt-8 scroll-mt-4">
      <Heading id={`${id}-heading`} className={headingLevel === 2 ? 'text-xl font-semibold' : 'text-lg font-semibold'}>
        {heading}
      </Heading>
      <div id={summaryId} className="mt-1 max-w-prose text-slate-800">
        {summary}
      </div>
      {explainers}
      <div className="mt-3 rounded-lg border border-slate-300 bg-white p-2">
        <ChartScroll label={ariaLabel}>
          <svg
            role="img"
            aria-label={ariaLabel}
            aria-describedby={summaryId}
            viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
            className="h-auto w-full"
            style={{ minWidth: CHART_WIDTH }}
            fontFamily="system-ui, sans-serif"
          >
            {defs && <defs>{defs}</defs>}
            <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>{children}</g>
          </svg>
        </ChartScroll>
        {legend && legend.length > 0 && <Legend entries={legend} label={legendLabel} />}
      </div>
      {extra}
      <DataTableDetails id={id} table={table} toggle={tableToggle} />
    </section>
  );
}

/** The data-table alternative of a chart, closed by default; a native <details> works without JavaScript. */
export function DataTableDetails({ id, table, toggle }: { id: string; table: DataTable; toggle: string }) {
  return (
    <details className="mt-2">
      <summary className="inline-flex min-h-6 cursor-pointer items-center py-1 text-brand-700 underline underline-offset-2">{toggle}</summary>
      {/* Focusable so keyboard users can scroll a table wider than the screen (WCAG 2.1.1). */}
      <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="mt-2 max-w-full overflow-x-auto">
        {/* Cell styles are set once on the table: a big board's tables have thousands of cells. */}
        <table className="min-w-full border-collapse text-sm [&_td]:border-b [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_td.n]:text-end [&_td.n]:tabular-nums [&_tbody_th]:border-b [&_tbody_th]:border-slate-200 [&_tbody_th]:px-2 [&_tbody_th]:py-1 [&_tbody_th]:text-start [&_tbody_th]:font-normal [&_tbody_tr:nth-child(even)]:bg-slate-50">
          <caption id={`${id}-caption`} className="mb-1 text-start font-semibold">
            {table.caption}
          </caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} scope="col" className="border-b border-slate-400 px-2 py-1 text-start align-bottom font-semibold">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, cellIndex) =>
                  cellIndex === 0 ? (
                    <th key={cellIndex} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={cellIndex} className={typeof cell === 'number' ? 'n' : undefined}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {table.note && <p className="mt-1 text-sm text-slate-700">{table.note}</p>}
      </div>
    </details>
  );
}
