import type { ExperimentStudyView } from '@/lib/data/experiment-study';
import type { ExperimentDirection } from '@/lib/experiments/model';
import { CENTRE_LINE_STYLE, ChartFigure, getSeriesStyle, LIMIT_LINE_STYLE, type LegendEntry } from '../../flow/charts/chart-kit';
import { ExperimentMarkerLines, MARKER_COLOUR } from '../../flow/charts/experiment-marker-lines';
import { SeriesChart, type SeriesReference } from '../../flow/charts/series-chart';
import type { DateFormat } from '../experiment-summary';
import type { ExperimentTranslator } from '../experiment-text';

type NumberFormat = (value: number, digits?: number) => string;

/**
 * The Study of Plan–Do–Study–Act: the measure before and after the start side by side, the baseline's natural
 * process limits carried forward, and the verdict of Wheeler's detection rules in plain words. It never says
 * "success" or "failure": a signal says the system changed, and which way; what that means, the team decides.
 */
export function StudySection({
  study,
  expectedDirection,
  t,
  fmt,
  formatNumber,
}: {
  study: ExperimentStudyView;
  expectedDirection: ExperimentDirection;
  t: ExperimentTranslator;
  fmt: DateFormat;
  formatNumber: NumberFormat;
}) {
  const { detection } = study;
  const unit = (value: number) => t(`unit.${study.measure}`, { value: formatNumber(value) });
  const before = study.points.filter((point) => point.phase === 'before');
  const after = study.points.filter((point) => point.phase === 'after');
  const keyOf = (index: number) => `p${index}`;
  const signalTimes = new Set(detection.signals.map((signal) => new Date(signal.at).getTime()));
  const points = study.points.map((point, index) => ({ key: keyOf(index), value: point.value, isMarked: signalTimes.has(new Date(point.at).getTime()) }));
  const pointName = (index: number) => {
    const point = study.points[index];
    if (!point) return '';
    return study.isWeekly ? t('study.weekOf', { date: fmt.day(point.date) }) : `${point.title} (${fmt.day(point.date)})`;
  };

  const references: SeriesReference[] = detection.baseline
    ? [
        { value: detection.baseline.mean, label: t('study.centre', { value: formatNumber(detection.baseline.mean) }), style: CENTRE_LINE_STYLE },
        { value: detection.baseline.upperLimit, label: t('study.upper', { value: formatNumber(detection.baseline.upperLimit) }), style: LIMIT_LINE_STYLE },
        { value: detection.baseline.lowerLimit, label: t('study.lower', { value: formatNumber(detection.baseline.lowerLimit) }), style: LIMIT_LINE_STYLE },
      ]
    : [];
  const legend: LegendEntry[] = [
    { kind: 'line', label: t(`measure.${study.measure}`), style: getSeriesStyle(0) },
    ...(detection.baseline ? ([{ kind: 'line', label: t('study.legendCentre'), style: CENTRE_LINE_STYLE }, { kind: 'line', label: t('study.legendLimits'), style: LIMIT_LINE_STYLE }] as LegendEntry[]) : []),
    { kind: 'line', label: t('study.legendStart'), style: { colour: MARKER_COLOUR, dash: '6 3' } },
    ...(detection.signals.length > 0 ? ([{ kind: 'marker', label: t('study.legendSignal'), shape: 'diamond', colour: '#be123c' }] as LegendEntry[]) : []),
  ];

  const verdict = describeVerdict(t, study, expectedDirection, fmt, before.length, after.length);
  const summary = (
    <>
      <p className="font-semibold" data-testid="study-verdict">
        {verdict.headline}
      </p>
      {verdict.details.map((sentence) => (
        <p key={sentence} className="mt-1">
          {sentence}
        </p>
      ))}
      <p className="mt-1">
        {detection.baseline
          ? t('study.limits', { mean: unit(detection.baseline.mean), lower: unit(detection.baseline.lowerLimit), upper: unit(detection.baseline.upperLimit), count: detection.baseline.count })
          : t('study.noLimits', { count: before.length })}
        {study.afterMean !== null && ` ${t('study.afterMean', { mean: unit(study.afterMean), count: after.length })}`}
      </p>
      <p className="mt-1 text-sm text-slate-700">{study.isFinal ? t('study.periodFinal', { from: fmt.day(study.from), to: fmt.day(study.to) }) : t('study.periodRunning', { from: fmt.day(study.from), to: fmt.day(study.to) })}</p>
      <p className="mt-1 text-sm text-slate-700">{t('study.teamDecides')}</p>
    </>
  );

  const lastBefore = before.length - 1;
  return (
    <ChartFigure
      id="study"
      heading={t('study.heading')}
      summary={summary}
      ariaLabel={t('study.ariaLabel', { measure: t(`measure.${study.measure}`) })}
      legend={legend}
      legendLabel={t('study.legendLabel')}
      tableToggle={t('study.tableToggle')}
      table={{
        caption: t('study.tableCaption', { measure: t(`measure.${study.measure}`) }),
        columns: [study.isWeekly ? t('study.colWeek') : t('study.colItem'), t(`measure.${study.measure}`), t('study.colPhase'), t('study.colSignal')],
        rows: study.points.map((point, index) => [
          pointName(index),
          formatNumber(point.value),
          point.phase === 'before' ? t('study.phaseBefore') : t('study.phaseAfter'),
          detection.signals
            .filter((signal) => new Date(signal.at).getTime() === new Date(point.at).getTime())
            .map((signal) => t(`rule.${signal.rule}`))
            .join('; '),
        ]),
        note: t('study.tableNote'),
      }}
    >
      <SeriesChart
        points={points}
        references={references}
        formatTick={(key) => {
          const point = study.points[Number(key.slice(1))];
          return point ? fmt.day(point.date) : '';
        }}
        xLabel={study.isWeekly ? t('study.xWeeks') : t('study.xItems')}
        yLabel={t(`axis.${study.measure}`)}
        overlay={(placeKey) => {
          if (study.points.length === 0) return null;
          const x =
            before.length === 0
              ? placeKey(keyOf(0)) - 6
              : after.length === 0
                ? placeKey(keyOf(lastBefore)) + 6
                : (placeKey(keyOf(lastBefore)) + placeKey(keyOf(lastBefore + 1))) / 2;
          return <ExperimentMarkerLines lines={[{ key: 'start', x, label: t('study.startMarker'), kind: 'start' }]} />;
        }}
      />
    </ChartFigure>
  );
}

/** The verdict in words: too little data, no signal yet, or which rule signalled when and which way. */
export function describeVerdict(
  t: ExperimentTranslator,
  study: ExperimentStudyView,
  expectedDirection: ExperimentDirection,
  fmt: DateFormat,
  beforeCount: number,
  afterCount: number,
): { headline: string; details: string[] } {
  const { detection } = study;
  if (detection.verdict === 'too-little-data') {
    return { headline: t('verdict.tooLittle'), details: [t('verdict.tooLittleDetail', { before: beforeCount, after: afterCount, minBefore: 6, minAfter: 4 })] };
  }
  if (detection.verdict === 'no-signal') {
    return { headline: t('verdict.noSignal'), details: [t('verdict.noSignalDetail', { after: afterCount })] };
  }
  const details = detection.signals.map((signal) =>
    t('verdict.signalDetail', { rule: t(`rule.${signal.rule}`), date: fmt.instant(new Date(signal.at).toISOString()), direction: t(`signalDirection.${signal.direction}`) }),
  );
  const first = detection.signals[0];
  if (first) details.push((first.direction === 'up') === (expectedDirection === 'UP') ? t('verdict.asExpected') : t('verdict.otherWay'));
  return { headline: t('verdict.signal'), details };
}
