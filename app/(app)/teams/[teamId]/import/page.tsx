import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { getTeamForImport } from '@/lib/data/import-board';
import { IMPORT_LIMITS } from '@/lib/import/model';
import { ImportClient } from './import-client';
import { orNotFound } from '@/app/(app)/or-not-found';

type Props = { params: Promise<{ teamId: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations('data.import'))('metaTitle') };
}

async function loadTeam(teamId: string) {
  const user = await requireSessionUser();
  // Not on the team, a viewer, or no such team: importing is for the team's members only.
  return orNotFound(getTeamForImport(user.id, teamId), ['NOT_FOUND', 'FORBIDDEN']);
}

/** Import a Trello board, a spreadsheet or a Tillit export as a new board of the team: file → preview → confirm. */
export default async function ImportPage({ params }: Props) {
  const { teamId } = await params;
  const team = await loadTeam(teamId);
  const t = await getTranslations('data.import');
  const maxMb = IMPORT_LIMITS.maxBytes / 1024 / 1024;
  return (
    <main id="main" className="mx-auto w-full max-w-4xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href="/teams" className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToTeams')}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">{t('title', { team: team.name })}</h1>
      <p className="mb-4 max-w-prose text-slate-700">{t('intro')}</p>
      <details className="mb-6 max-w-prose rounded border border-slate-300 bg-white p-3">
        <summary className="cursor-pointer font-medium">{t('howTo')}</summary>
        <ul className="mt-2 flex list-disc flex-col gap-2 ps-5 text-sm">
          <li>{t('howToTrello')}</li>
          <li>{t('howToCsv')}</li>
          <li>{t('howToTillit')}</li>
        </ul>
      </details>
      <ImportClient teamId={team.id} maxMb={maxMb} />
    </main>
  );
}
