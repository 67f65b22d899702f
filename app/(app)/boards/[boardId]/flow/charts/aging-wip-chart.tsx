/**
 * Aging work in progress: one marker per item in progress, in its column, at its age in days, against the
 * 50/85/95 % lines of how long finished items took. Items older than 85 % of finished work are triangles,
 * the others circles, so the warning does not depend on colour.
 */
import { scaleBand, scaleLinear } from '@visx/scale';
import { ChartAxes, INNER_HEIGHT, INNER_WIDTH, MarkerCloud, PERCENTILE_STYLES, ReferenceLine, spreadLabelOffsets } from './chart-kit';

export interface AgingPoint {
  readonly id: string;
  readonly stageId: string;
  readonly ageDays: number;
  readonly isOlderThanP85: boolean;
}

export const AGING_WITHIN_COLOUR = '#1d4ed8';
export const AGING_OLDER_COLOUR = '#b45309';

export function AgingWipChart({
  stages,
  points,
  percentiles,
  xLabel,
  yLabel,
}: {
  /** The in-progress columns, left to right. */
  stages: readonly { id: string; name: string }[];
  points: readonly AgingPoint[];
  percentiles: readonly { key: keyof typeof PERCENTILE_STYLES; value: number; label: string }[];
  xLabel: string;
  yLabel: string;
}) {
  const nameById = new Map(stages.map((stage) => [stage.id, stage.name]));
  const x = scaleBand<string>({ domain: stages.map((stage) => stage.id), range: [0, INNER_WIDTH], padding: 0.2 });
  const maxValue = Math.max(1, ...points.map((point) => point.ageDays), ...percentiles.map((line) => line.value));
  const y = scaleLinear<number>({ domain: [0, maxValue * 1.08], range: [INNER_HEIGHT, 0], nice: true });
  const offsets = spreadLabelOffsets(percentiles.map((line) => y(line.value)));
  const band = x.bandwidth();
  // Spread the items of a column across its band (deterministically, in the given order) so none hide.
  const perStage = new Map<string, number>();
  const countByStage = new Map<string, number>();
  for (const point of points) countByStage.set(point.stageId, (countByStage.get(point.stageId) ?? 0) + 1);

  const placed = points.map((point) => {
    const index = perStage.get(point.stageId) ?? 0;
    perStage.set(point.stageId, index + 1);
    const count = countByStage.get(point.stageId) ?? 1;
    return { x: (x(point.stageId) ?? 0) + (band * (index + 1)) / (count + 1), y: y(point.ageDays), isOlderThanP85: point.isOlderThanP85 };
  });

  return (
    <>
      <ChartAxes
        xScale={x}
        yScale={y}
        xTickFormat={((id: string) => nameById.get(id) ?? '') as (value: never) => string}
        xLabel={xLabel}
        yLabel={yLabel}
      />
      {percentiles.map((line, index) => (
        <ReferenceLine key={line.key} y={y(line.value)} style={PERCENTILE_STYLES[line.key]} label={line.label} labelOffset={offsets[index]} />
      ))}
      <MarkerCloud shape="circle" points={placed.filter((point) => !point.isOlderThanP85)} colour={AGING_WITHIN_COLOUR} size={5} />
      <MarkerCloud shape="triangle" points={placed.filter((point) => point.isOlderThanP85)} colour={AGING_OLDER_COLOUR} size={5} />
    </>
  );
}
