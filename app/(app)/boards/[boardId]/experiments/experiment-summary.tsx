import Link from 'next/link';
import type { ExperimentView } from '@/lib/data/experiments';
import { describePreparedChange, type ExperimentTranslator } from './experiment-text';

export type DateFormat = { day: (date: string) => string; instant: (iso: string) => string };

/** Where the experiment stands, in words (never by colour alone). */
export function describeStatus(t: ExperimentTranslator, experiment: ExperimentView, fmt: DateFormat): string {
  if (experiment.status === 'PROPOSED') return t('status.proposed', { reviewDate: fmt.day(experiment.reviewDate) });
  if (experiment.status === 'RUNNING') {
    const values = { startedAt: fmt.instant(experiment.startedAt ?? experiment.createdAt), reviewDate: fmt.day(experiment.reviewDate) };
    return experiment.isDueForReview ? t('status.due', values) : t('status.running', values);
  }
  return t('status.ended', { endedAt: fmt.instant(experiment.endedAt ?? experiment.createdAt), outcome: t(`outcome.${experiment.outcome ?? 'ADOPT'}`) });
}

/** One experiment in the list: its name (a link to its page), where it stands, what we expect to see and watch. */
export function ExperimentSummary({ boardId, experiment, t, fmt }: { boardId: string; experiment: ExperimentView; t: ExperimentTranslator; fmt: DateFormat }) {
  const headingId = `experiment-${experiment.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded border border-slate-300 bg-white p-4" data-testid="experiment">
      <h3 id={headingId} className="text-lg font-semibold wrap-anywhere">
        <Link id={`experiment-link-${experiment.id}`} href={`/boards/${boardId}/experiments/${experiment.id}`} className="text-brand-700 underline underline-offset-2">
          {experiment.change}
        </Link>
      </h3>
      <p className="mt-1 text-sm font-medium text-slate-800">
        {experiment.isDueForReview && <span aria-hidden="true">⏰&nbsp;</span>}
        {describeStatus(t, experiment, fmt)}
      </p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t('field.hypothesis')}</dt>
        <dd className="whitespace-pre-line wrap-anywhere">{experiment.hypothesis}</dd>
        <dt className="font-medium">{t('field.measure')}</dt>
        <dd>{t('measureWithDirection', { measure: t(`measure.${experiment.measure}`), direction: t(`directionShort.${experiment.expectedDirection}`) })}</dd>
        {experiment.preparedChange && (
          <>
            <dt className="font-medium">{t('field.boardChange')}</dt>
            <dd className="wrap-anywhere">{describePreparedChange(t, experiment.preparedChange, experiment.names)}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
