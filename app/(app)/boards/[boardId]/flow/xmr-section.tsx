import type { BoardFlowData, XmRView } from '@/lib/data/flow';
import type { XmRPoint } from '@/lib/flow';
import { CENTRE_LINE_STYLE, ChartFigure, getSeriesStyle, LIMIT_LINE_STYLE, limitRows, type LegendEntry } from './charts/chart-kit';
import { SeriesChart, type SeriesReference } from './charts/series-chart';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';
import { joinNotes, MarkerOverlay, type FlowMarkers } from './experiment-markers';

type SignalKind = 'week' | 'item';

const MAX_SIGNAL_SENTENCES = 12;

export function hasSignal(point: XmRPoint): boolean {
  return point.isOutsideLimits || point.isMovingRangeAboveLimit || point.isInLongRun;
}

/**
 * The chart's signals as plain sentences, in time order: what was unusual and what it may mean. Runs are
 * described once, as a whole; a value outside the limits and a sudden jump each get their own sentence.
 */
export function describeSignals(view: XmRView, kind: SignalKind, fmt: FlowFormat): string[] {
  const { t } = fmt;
  const centre = view.centreLine;
  if (centre === null) return [];
  const name = (index: number) => (kind === 'week' ? fmt.week(view.pointTitles[index] ?? '') : (view.pointTitles[index] ?? ''));
  const itemFacts = (index: number) => ({
    title: name(index),
    date: fmt.date(view.pointDates[index] ?? ''),
    days: view.points[index]?.value ?? 0,
  });
  const sentences: string[] = [];
  let index = 0;
  while (index < view.points.length) {
    const point = view.points[index] as XmRPoint;
    if (point.isInLongRun) {
      const isAbove = point.value > centre;
      let last = index;
      while (last + 1 < view.points.length && (view.points[last + 1] as XmRPoint).isInLongRun && (view.points[last + 1] as XmRPoint).value > centre === isAbove) {
        last += 1;
      }
      const count = last - index + 1;
      const key = `${isAbove ? 'runAbove' : 'runBelow'}${kind === 'week' ? 'Weeks' : 'Items'}`;
      sentences.push(t(`xmr.signal.${key}`, { first: name(index), last: name(last), count }));
      for (let k = index; k <= last; k += 1) sentences.push(...describePointSignals(view, k, kind, fmt, name, itemFacts));
      index = last + 1;
      continue;
    }
    sentences.push(...describePointSignals(view, index, kind, fmt, name, itemFacts));
    index += 1;
  }
  return sentences;
}

function describePointSignals(
  view: XmRView,
  index: number,
  kind: SignalKind,
  fmt: FlowFormat,
  name: (index: number) => string,
  itemFacts: (index: number) => { title: string; date: string; days: number },
): string[] {
  const { t } = fmt;
  const point = view.points[index] as XmRPoint;
  const sentences: string[] = [];
  if (point.isOutsideLimits) {
    const isAbove = point.value > (view.centreLine ?? 0);
    sentences.push(
      kind === 'week'
        ? t(isAbove ? 'xmr.signal.aboveWeek' : 'xmr.signal.belowWeek', { week: name(index) })
        : t(isAbove ? 'xmr.signal.aboveItem' : 'xmr.signal.belowItem', itemFacts(index)),
    );
  }
  if (point.isMovingRangeAboveLimit && index > 0) {
    sentences.push(kind === 'week' ? t('xmr.signal.jumpWeek', { previous: name(index - 1), week: name(index) }) : t('xmr.signal.jumpItem', itemFacts(index)));
  }
  return sentences;
}

function describeSignalShort(point: XmRPoint, fmt: FlowFormat): string {
  const parts: string[] = [];
  if (point.isOutsideLimits) parts.push(fmt.t('signalShort.outside'));
  if (point.isMovingRangeAboveLimit) parts.push(fmt.t('signalShort.jump'));
  if (point.isInLongRun) parts.push(fmt.t('signalShort.run'));
  return parts.join(', ');
}

function XmRBlock({ id, view, kind, heading, fmt, markers }: { id: string; view: XmRView; kind: SignalKind; heading: string; fmt: FlowFormat; markers: FlowMarkers }) {
  const { t } = fmt;
  const round = (value: number) => fmt.number(value);
  const keyOf = (index: number) => `${index}`;
  const label = (index: number) => (kind === 'week' ? fmt.weekShort(view.pointTitles[index] ?? '') : String(index + 1));
  const rowName = (index: number) => (kind === 'week' ? fmt.week(view.pointTitles[index] ?? '') : (view.pointTitles[index] ?? ''));
  const allSignals = describeSignals(view, kind, fmt);
  // A long list stops being read; the table marks every signal.
  const signals = allSignals.slice(0, MAX_SIGNAL_SENTENCES);
  const hasLimits = view.upperNaturalProcessLimit !== null && view.lowerNaturalProcessLimit !== null && view.centreLine !== null;

  const xReferences: SeriesReference[] = hasLimits
    ? [
        { value: view.centreLine as number, label: t('xmr.average', { value: round(view.centreLine as number) }), style: CENTRE_LINE_STYLE },
        { value: view.upperNaturalProcessLimit as number, label: t('xmr.upperLimit', { value: round(view.upperNaturalProcessLimit as number) }), style: LIMIT_LINE_STYLE },
        { value: view.lowerNaturalProcessLimit as number, label: t('xmr.lowerLimit', { value: round(view.lowerNaturalProcessLimit as number) }), style: LIMIT_LINE_STYLE },
      ]
    : [];
  const mrReferences: SeriesReference[] =
    view.upperRangeLimit !== null
      ? [
          { value: view.averageMovingRange as number, label: t('xmr.average', { value: round(view.averageMovingRange as number) }), style: CENTRE_LINE_STYLE },
          { value: view.upperRangeLimit, label: t('xmr.rangeLimit', { value: round(view.upperRangeLimit) }), style: LIMIT_LINE_STYLE },
        ]
      : [];
  const summary = hasLimits
    ? t(kind === 'week' ? 'xmr.throughputSummary' : 'xmr.cycleTimeSummary', {
        mean: round(view.centreLine as number),
        lower: round(Math.max(0, view.lowerNaturalProcessLimit as number)),
        upper: round(view.upperNaturalProcessLimit as number),
      })
    : t('xmr.tooFew');
  const valueLegend: LegendEntry[] = [
    { kind: 'line', label: t('xmr.legendValue'), style: getSeriesStyle(0) },
    { kind: 'marker', label: t('xmr.legendSignal'), shape: 'diamond', colour: '#be123c' },
    { kind: 'line', label: t('xmr.legendAverage'), style: CENTRE_LINE_STYLE },
    { kind: 'line', label: t('xmr.legendLimits'), style: LIMIT_LINE_STYLE },
  ];
  const rangeLegend: LegendEntry[] = [
    { kind: 'line', label: t('xmr.legendRange'), style: getSeriesStyle(2) },
    { kind: 'marker', label: t('xmr.legendSignal'), shape: 'diamond', colour: '#be123c' },
    { kind: 'line', label: t('xmr.legendAverage'), style: CENTRE_LINE_STYLE },
    { kind: 'line', label: t('xmr.legendRangeLimit'), style: LIMIT_LINE_STYLE },
  ];
  const valueRows = view.points.map((point, index) => [rowName(index), point.value, point.movingRange ?? '', describeSignalShort(point, fmt)]);
  const limitedValues = limitRows(valueRows);
  const rangePoints = view.points.slice(1);
  const limitedRanges = limitRows(rangePoints.map((point, index) => [rowName(index + 1), round(point.movingRange ?? 0)]));
  const markerPoints = view.points.map((_, index) => ({ key: keyOf(index), date: view.pointDates[index] ?? '' }));
  const truncatedNote = (limited: { rows: unknown[]; total: number; isTruncated: boolean }) =>
    limited.isTruncated ? t('table.truncated', { shown: limited.rows.length, total: limited.total }) : undefined;

  return (
    <section aria-labelledby={`${id}-block-heading`} className="mt-6">
      <h3 id={`${id}-block-heading`} className="text-lg font-semibold">
        {heading}
      </h3>
      <ChartFigure
        id={`${id}-x`}
        headingLevel={4}
        heading={t('xmr.xChart')}
        summary={<p>{summary}</p>}
        ariaLabel={t('xmr.ariaX', { name: heading })}
        legend={valueLegend}
        legendLabel={t('legend')}
        tableToggle={t('table.show', { chart: `${heading}: ${t('xmr.xChart')}` })}
        table={{
          caption: `${heading}: ${t('xmr.xChart')}`,
          columns: [kind === 'week' ? t('columns.week') : t('columns.item'), t('columns.value'), t('columns.movingRange'), t('columns.signal')],
          rows: limitedValues.rows,
          note: joinNotes(truncatedNote(limitedValues), markers.note),
        }}
      >
        <SeriesChart
          points={view.points.map((point, index) => ({ key: keyOf(index), value: point.value, isMarked: hasSignal(point) }))}
          references={xReferences}
          formatTick={(key) => label(Number(key))}
          xLabel={kind === 'week' ? t('axis.week') : t('axis.finishedItem')}
          yLabel={kind === 'week' ? t('axis.items') : t('axis.days')}
          overlay={(placeKey) => <MarkerOverlay markers={markers} points={markerPoints} placeKey={placeKey} byWeek={kind === 'week'} />}
        />
      </ChartFigure>
      <ChartFigure
        id={`${id}-mr`}
        headingLevel={4}
        heading={t('xmr.mrChart')}
        summary={
          <p>
            {view.averageMovingRange !== null && view.upperRangeLimit !== null
              ? t('xmr.movingRangeSummary', { mean: round(view.averageMovingRange), limit: round(view.upperRangeLimit) })
              : t('xmr.tooFew')}
          </p>
        }
        ariaLabel={t('xmr.ariaMr', { name: heading })}
        legend={rangeLegend}
        legendLabel={t('legend')}
        tableToggle={t('table.show', { chart: `${heading}: ${t('xmr.mrChart')}` })}
        table={{
          caption: `${heading}: ${t('xmr.mrChart')}`,
          columns: [kind === 'week' ? t('columns.week') : t('columns.item'), t('columns.movingRange')],
          rows: limitedRanges.rows,
          note: joinNotes(truncatedNote(limitedRanges), markers.note),
        }}
      >
        <SeriesChart
          points={rangePoints.map((point, index) => ({ key: keyOf(index + 1), value: point.movingRange ?? 0, isMarked: point.isMovingRangeAboveLimit }))}
          references={mrReferences}
          formatTick={(key) => label(Number(key))}
          xLabel={kind === 'week' ? t('axis.week') : t('axis.finishedItem')}
          yLabel={kind === 'week' ? t('axis.items') : t('axis.days')}
          style={getSeriesStyle(2)}
          overlay={(placeKey) => <MarkerOverlay markers={markers} points={markerPoints.slice(1)} placeKey={placeKey} byWeek={kind === 'week'} />}
        />
      </ChartFigure>
      <h4 className="mt-4 font-semibold">{t('xmr.signalsHeading')}</h4>
      {signals.length === 0 ? (
        <p className="mt-1 max-w-prose">{hasLimits ? t('xmr.noSignals') : t('xmr.tooFew')}</p>
      ) : (
        <ul className="mt-1 max-w-prose list-disc ps-5">
          {signals.map((sentence, index) => (
            <li key={index}>{sentence}</li>
          ))}
          {allSignals.length > signals.length && <li>{t('xmr.moreSignals', { count: allSignals.length - signals.length })}</li>}
        </ul>
      )}
    </section>
  );
}

/** XmR charts of weekly throughput and of cycle time, each with its signals explained in plain words. */
export function XmRSection({ data, fmt, markers = { list: [], note: undefined } }: { data: BoardFlowData; fmt: FlowFormat; markers?: FlowMarkers }) {
  const { t } = fmt;
  return (
    <section id="xmr" aria-labelledby="xmr-heading" className="mt-8 scroll-mt-4">
      <h2 id="xmr-heading" className="text-xl font-semibold">
        {t('xmr.heading')}
      </h2>
      <p className="mt-1 max-w-prose text-slate-800">{t('xmr.intro')}</p>
      <TermExplainer term="xmr" />
      <TermExplainer term="naturalLimits" />
      <TermExplainer term="movingRange" />
      <XmRBlock id="xmr-throughput" view={data.xmr.weeklyThroughput} kind="week" heading={t('xmr.throughputHeading')} fmt={fmt} markers={markers} />
      <XmRBlock id="xmr-cycle-time" view={data.xmr.cycleTime} kind="item" heading={t('xmr.cycleTimeHeading')} fmt={fmt} markers={markers} />
    </section>
  );
}
