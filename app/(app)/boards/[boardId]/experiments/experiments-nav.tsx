import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { listRunningExperiments } from '@/lib/data/experiments';

const linkClass = 'rounded border border-slate-400 px-3 py-1 hover:bg-slate-100';

/**
 * The board header's way to the team's experiments: a link to the list and, while experiments run, a disclosure
 * with each one's hypothesis, so what the team is trying is one click away from the work.
 */
export async function ExperimentsNav({ userId, boardId }: { userId: string; boardId: string }) {
  const [t, running] = await Promise.all([getTranslations('experiments'), listRunningExperiments(userId, boardId, new Date())]);
  return (
    <>
      <Link className={linkClass} href={`/boards/${boardId}/experiments`}>
        {t('nav.link')}
      </Link>
      {running.length > 0 && (
        <details className="relative" data-testid="running-experiments">
          <summary className={`${linkClass} inline-flex cursor-pointer items-center`}>{t('nav.running', { count: running.length })}</summary>
          <div className="absolute z-30 mt-1 w-80 max-w-[calc(100vw-2rem)] rounded border border-slate-300 bg-white p-3 shadow-lg">
            <ul className="flex flex-col gap-3">
              {running.map((experiment) => (
                <li key={experiment.id}>
                  <Link href={`/boards/${boardId}/experiments/${experiment.id}`} className="font-medium text-brand-700 underline underline-offset-2 wrap-anywhere">
                    {experiment.change}
                  </Link>
                  <p className="mt-0.5 whitespace-pre-line wrap-anywhere text-slate-800">{experiment.hypothesis}</p>
                  {experiment.isDueForReview && <p className="mt-0.5 font-medium text-slate-900">{t('nav.due')}</p>}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </>
  );
}
