/**
 * Improvement experiments' starts and ends as labelled vertical lines on a chart. The label ("▶ 1" for a start,
 * "■ 1" for an end) carries the meaning in shape and text, never colour alone; the chart's table and the page's
 * list of experiments say the same in words.
 */
import { INNER_HEIGHT, INK } from './chart-kit';

export interface MarkerLine {
  readonly key: string;
  readonly x: number;
  readonly label: string;
  readonly kind: 'start' | 'end';
}

export const MARKER_COLOUR = '#6d28d9';

/** Short label on the chart: the experiment's number with a shape for start or end. */
export function getMarkerLabel(kind: 'start' | 'end', number: number): string {
  return `${kind === 'start' ? '▶' : '■'} ${number}`;
}

export function ExperimentMarkerLines({ lines }: { lines: readonly MarkerLine[] }) {
  return (
    <g data-testid="experiment-markers" aria-hidden="true">
      {lines.map((line, index) => (
        <g key={line.key} data-marker-kind={line.kind}>
          <line x1={line.x} x2={line.x} y1={0} y2={INNER_HEIGHT} stroke={MARKER_COLOUR} strokeWidth={2} strokeDasharray={line.kind === 'start' ? '6 3' : '2 3'} />
          <text x={line.x + 4} y={12 + (index % 2) * 14} fontSize={12} fill={INK} fontWeight={600}>
            {line.label}
          </text>
        </g>
      ))}
    </g>
  );
}
