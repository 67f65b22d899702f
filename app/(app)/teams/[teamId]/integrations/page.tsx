import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { orNotFound } from '@/app/(app)/or-not-found';
import { requireSessionUser } from '@/lib/auth/session';
import { listTeamTokens } from '@/lib/data/api-tokens';
import { getTeamMembers } from '@/lib/data/team-admin';
import { listWebhooks } from '@/lib/data/webhooks';
import { TeamTokens } from './team-tokens';
import { Webhooks } from './webhooks-client';

type Props = { params: Promise<{ teamId: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations('api'))('integrations.metaTitle') };
}

/** The team's integrations: team tokens for the API and webhooks. Members manage; viewers read; others get 404. */
export default async function TeamIntegrationsPage({ params }: Props) {
  const { teamId } = await params;
  const user = await requireSessionUser();
  const now = new Date();
  const team = await orNotFound(getTeamMembers(user, teamId, now));
  const [tokens, endpoints] = await Promise.all([listTeamTokens(user, teamId, now), listWebhooks(user, teamId)]);
  const t = await getTranslations('api');
  return (
    <main id="main" className="mx-auto w-full max-w-5xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href={`/teams/${team.team.id}/members`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('integrations.backToMembers')}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">{t('integrations.title', { team: team.team.name })}</h1>
      <p className="mb-2 text-slate-700">{t('integrations.intro')}</p>
      <p className="mb-4">
        <a href="/api/docs" className="text-brand-700 underline underline-offset-2">
          {t('tokens.apiDocs')}
        </a>
      </p>
      {!team.canManage && <p className="mb-4 rounded border border-slate-400 bg-slate-100 p-3">{t('tokens.viewerNotice')}</p>}
      <section aria-labelledby="team-tokens-heading" className="mb-8">
        <h2 id="team-tokens-heading" className="mb-1 text-xl font-semibold">{t('tokens.teamHeading')}</h2>
        <p className="mb-3 text-slate-700">{t('tokens.teamIntro')}</p>
        <TeamTokens teamId={team.team.id} tokens={tokens} canManage={team.canManage} />
      </section>
      <section aria-labelledby="webhooks-heading" className="mb-8">
        <h2 id="webhooks-heading" className="mb-1 text-xl font-semibold">{t('webhooks.heading')}</h2>
        <p className="mb-3 text-slate-700">{t('webhooks.intro')}</p>
        <Webhooks teamId={team.team.id} endpoints={endpoints} canManage={team.canManage} />
      </section>
    </main>
  );
}
