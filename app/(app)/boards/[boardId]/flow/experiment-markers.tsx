/**
 * The board's improvement experiments on the Flow page: each start and end in the period as a labelled vertical
 * line on the charts over time (CFD, cycle-time scatterplot, throughput run chart, XmR charts), the same facts in
 * words in each chart's table note, and a short list of the experiments with links to their study.
 */
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { ExperimentMarker } from '@/lib/data/experiment-study';
import { formatDayNumber, getIsoWeek, parseCalendarDate } from '@/lib/flow';
import { ExperimentMarkerLines, getMarkerLabel } from './charts/experiment-marker-lines';
import type { FlowFormat } from './flow-format';

/** What every chart section gets: the markers and their sentence for the table. */
export type FlowMarkers = { readonly list: readonly ExperimentMarker[]; readonly note: string | undefined };

export async function buildFlowMarkers(list: readonly ExperimentMarker[], fmt: FlowFormat): Promise<FlowMarkers> {
  if (list.length === 0) return { list, note: undefined };
  const t = await getTranslations('experiments');
  const items = list.map((marker) =>
    t(marker.kind === 'start' ? 'flowMarkers.start' : 'flowMarkers.end', { label: getMarkerLabel(marker.kind, marker.number), date: fmt.date(marker.date), change: marker.change }),
  );
  return { list, note: t('flowMarkers.tableNote', { list: items.join('; ') }) };
}

/** Joins a table's own note (e.g. rows left out) with the experiments' sentence. */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const present = notes.filter((note): note is string => Boolean(note));
  return present.length === 0 ? undefined : present.join(' ');
}

function mondayOf(date: string): string {
  return formatDayNumber(getIsoWeek(parseCalendarDate(date as Parameters<typeof parseCalendarDate>[0])).mondayDayNumber);
}

/**
 * The markers' lines on a chart whose x axis is ordered points with dates (days, weeks given by their Monday, or
 * finished items by their done day): on the point of the marker's day (or week), else between the points around it.
 */
export function MarkerOverlay({
  markers,
  points,
  placeKey,
  byWeek = false,
}: {
  markers: FlowMarkers;
  points: readonly { key: string; date: string }[];
  placeKey: (key: string) => number;
  byWeek?: boolean;
}) {
  if (markers.list.length === 0 || points.length === 0) return null;
  const lines = markers.list.map((marker) => {
    const target = byWeek ? mondayOf(marker.date) : marker.date;
    const exact = points.find((point) => point.date === target);
    const next = points.findIndex((point) => point.date > target);
    const x = exact
      ? placeKey(exact.key)
      : next === -1
        ? placeKey((points.at(-1) as { key: string }).key) + 8
        : next === 0
          ? placeKey((points[0] as { key: string }).key) - 8
          : (placeKey((points[next - 1] as { key: string }).key) + placeKey((points[next] as { key: string }).key)) / 2;
    return { key: `${marker.experimentId}-${marker.kind}`, x, kind: marker.kind, label: getMarkerLabel(marker.kind, marker.number) };
  });
  return <ExperimentMarkerLines lines={lines} />;
}

/** The experiments whose start or end falls in the period, with a link to each one's study. */
export async function FlowExperimentsSection({ boardId, markers, fmt }: { boardId: string; markers: FlowMarkers; fmt: FlowFormat }) {
  if (markers.list.length === 0) return null;
  const t = await getTranslations('experiments');
  return (
    <section aria-labelledby="flow-experiments-heading" className="mt-6 rounded border border-slate-300 bg-white p-4">
      <h2 id="flow-experiments-heading" className="text-lg font-semibold">
        {t('flowMarkers.heading')}
      </h2>
      <p className="mt-1 max-w-prose text-sm text-slate-800">{t('flowMarkers.intro')}</p>
      <ul className="mt-2 flex flex-col gap-1">
        {markers.list.map((marker) => (
          <li key={`${marker.experimentId}-${marker.kind}`}>
            <Link href={`/boards/${boardId}/experiments/${marker.experimentId}`} className="text-brand-700 underline underline-offset-2">
              {t(marker.kind === 'start' ? 'flowMarkers.start' : 'flowMarkers.end', { label: getMarkerLabel(marker.kind, marker.number), date: fmt.date(marker.date), change: marker.change })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
