import Link from 'next/link';
import { cache } from 'react';
import { requireSessionUser } from '@/lib/auth/session';
import { getExperimentsPage, type ExperimentView } from '@/lib/data/experiments';
import { orNotFound } from '@/app/(app)/or-not-found';
import { ExperimentSummary } from './experiment-summary';
import { getExperimentFormat } from './format';
import { ProposeButton } from './propose-button';

type Props = { params: Promise<{ boardId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (boardId: string) => {
  const user = await requireSessionUser();
  return orNotFound(getExperimentsPage(user.id, boardId, new Date()));
});

export async function generateMetadata({ params }: Props) {
  const data = await load((await params).boardId);
  const { t } = await getExperimentFormat();
  return { title: t('list.metaTitle', { board: data.board.name }) };
}

/**
 * The board's improvement experiments (Plan–Do–Study–Act): what the team is trying, what it expects to see, and
 * what it decided. Members propose and run them; viewers read them.
 */
export default async function ExperimentsPage({ params, searchParams }: Props) {
  const [{ boardId }, query] = await Promise.all([params, searchParams]);
  const data = await load(boardId);
  const { t, fmt } = await getExperimentFormat();
  const groups: { key: 'running' | 'proposed' | 'ended'; items: ExperimentView[] }[] = [
    { key: 'running', items: data.experiments.filter((experiment) => experiment.status === 'RUNNING') },
    { key: 'proposed', items: data.experiments.filter((experiment) => experiment.status === 'PROPOSED') },
    { key: 'ended', items: data.experiments.filter((experiment) => experiment.status === 'ENDED') },
  ];
  const notice = query.notice === 'withdrawn' ? t('list.withdrawn') : null;

  return (
    <main id="main" className="mx-auto w-full max-w-5xl break-words p-4 sm:p-6">
      <nav aria-label={t('list.navLabel')} className="mb-2 flex flex-wrap gap-x-4 gap-y-1">
        <Link href={`/boards/${boardId}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToBoard', { board: data.board.name })}
        </Link>
        <Link href={`/boards/${boardId}/flow`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          {t('list.flowLink')}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t('list.title', { board: data.board.name })}</h1>
      <p className="mt-1 max-w-prose text-slate-800">{t('list.intro')}</p>
      <p className="mt-1 max-w-prose text-sm text-slate-700">{t('list.teamDecides')}</p>
      <p role="status" className={notice ? 'mt-3 rounded border border-green-700 bg-green-50 p-3 text-green-900' : 'sr-only'}>
        {notice ?? ''}
      </p>
      {data.canManage ? (
        <ProposeButton boardId={boardId} options={data.options} today={data.today} />
      ) : (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">{t('list.viewerNotice')}</p>
      )}
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`} className="mt-6">
          <h2 id={`group-${group.key}`} className="text-xl font-semibold">
            {t(`list.group.${group.key}`, { count: group.items.length })}
          </h2>
          {group.items.length === 0 ? (
            <p className="mt-2 text-slate-700">{t(`list.empty.${group.key}`)}</p>
          ) : (
            <ul className="mt-2 flex flex-col gap-3">
              {group.items.map((experiment) => (
                <li key={experiment.id}>
                  <ExperimentSummary boardId={boardId} experiment={experiment} t={t} fmt={fmt} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </main>
  );
}
