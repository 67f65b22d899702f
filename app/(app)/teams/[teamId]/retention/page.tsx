import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { getRetentionOverview, RETENTION_LOOKAHEAD_DAYS } from '@/lib/data/retention';
import { RetentionForm } from './retention-form';
import { orNotFound } from '@/app/(app)/or-not-found';

type Props = { params: Promise<{ teamId: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations('data.retention'))('metaTitle') };
}

async function load(teamId: string) {
  const user = await requireSessionUser();
  return orNotFound(getRetentionOverview(user.id, teamId, new Date()));
}

const periodKey = (months: number | null) => (months === null ? 'forever' : String(months));

/** The team's own retention rule: what is cleared and kept, what the rule clears next, its history. */
export default async function RetentionPage({ params }: Props) {
  const { teamId } = await params;
  const overview = await load(teamId);
  const t = await getTranslations('data.retention');
  const format = await getFormatter();

  return (
    <main id="main" className="mx-auto w-full max-w-4xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href="/teams" className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToTeams')}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">{t('title', { team: overview.teamName })}</h1>
      <p className="mb-4 max-w-prose text-slate-700">{t('intro')}</p>

      <section aria-labelledby="retention-what" className="mb-6 max-w-prose rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="retention-what" className="mb-2 text-lg font-semibold">
          {t('whatHeading')}
        </h2>
        <ul className="flex list-disc flex-col gap-1 ps-5">
          <li>{t('cleared')}</li>
          <li>{t('kept')}</li>
          <li>{t('finishedMeans')}</li>
        </ul>
      </section>

      <p className="mb-4 font-medium" data-testid="retention-current">
        {t('current', { period: t(`period.${periodKey(overview.months)}`) })}
      </p>
      {!overview.canEdit && <p className="mb-4 rounded border border-slate-400 bg-slate-100 p-3">{t('viewerNotice')}</p>}

      <RetentionForm
        teamId={overview.teamId}
        canEdit={overview.canEdit}
        currentMonths={overview.months}
        initialPreview={overview.preview}
        lookAheadDays={RETENTION_LOOKAHEAD_DAYS}
      />

      <section aria-labelledby="retention-log" className="mt-8">
        <h2 id="retention-log" className="mb-2 text-lg font-semibold">
          {t('logHeading')}
        </h2>
        {overview.log.length === 0 ? (
          <p>{t('logEmpty')}</p>
        ) : (
          <ol className="flex flex-col gap-2">
            {overview.log.map((entry) => (
              <li key={entry.id} className="rounded border border-slate-300 bg-white p-3">
                <p>
                  {entry.kind === 'SETTING_CHANGED'
                    ? t('log.SETTING_CHANGED', {
                        actor: entry.actorName ?? t('someone'),
                        previous: t(`period.${periodKey(entry.previousMonths)}`),
                        months: t(`period.${periodKey(entry.months)}`),
                      })
                    : t('log.TEXT_CLEARED', { count: entry.cardCount })}
                </p>
                <p className="text-sm text-slate-700">
                  <time dateTime={entry.at}>{format.dateTime(new Date(entry.at), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
