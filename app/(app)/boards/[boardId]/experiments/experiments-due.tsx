import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { listExperimentsDueForReview } from '@/lib/data/experiments';
import { getExperimentFormat } from './format';

/**
 * For the standup's opening summary: the running experiments whose review date has come, so the team takes the
 * decision together (adopt, adapt, abandon). Nothing is shown when none is due.
 */
export async function ExperimentsDueSummary({ userId, boardId }: { userId: string; boardId: string }) {
  const due = await listExperimentsDueForReview(userId, boardId, new Date());
  if (due.length === 0) return null;
  const [t, { fmt }] = await Promise.all([getTranslations('experiments'), getExperimentFormat()]);
  return (
    <section aria-labelledby="standup-experiments-heading" data-testid="standup-experiments" className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="standup-experiments-heading" className="text-lg font-semibold">
        {t('standup.heading', { count: due.length })}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('standup.intro')}</p>
      <ul className="mt-2 flex flex-col gap-1">
        {due.map((experiment) => (
          <li key={experiment.id}>
            <Link href={`/boards/${boardId}/experiments/${experiment.id}`} className="text-brand-700 underline underline-offset-2 wrap-anywhere">
              {experiment.change}
            </Link>{' '}
            <span className="text-sm text-slate-700">{t('standup.reviewDate', { date: fmt.day(experiment.reviewDate) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
