import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { BOARD_TEMPLATES } from '@/lib/board-templates/templates';
import { getTeamBoardsForUser } from '@/lib/data/board-admin';
import { isLocale } from '@/lib/i18n/config';
import { TeamBoards } from './team-boards';

export async function generateMetadata() {
  return { title: (await getTranslations('teams'))('title') };
}

export default async function TeamsPage() {
  const user = await requireSessionUser();
  const teams = await getTeamBoardsForUser(user.id);
  const t = await getTranslations('teams');
  const format = await getFormatter();
  const uiLocale = await getLocale();
  const locale = isLocale(uiLocale) ? uiLocale : 'sv';
  const templates = BOARD_TEMPLATES.map((template) => ({ id: template.id, name: template.name[locale], description: template.description[locale] }));
  const tAdmin = await getTranslations('admin.nav');
  const tData = await getTranslations('data');
  return (
    <main id="main" className="mx-auto w-full max-w-4xl p-4 sm:p-6">
      <h1 className="mb-4 text-2xl font-semibold">{t('title')}</h1>
      {teams.length === 0 && <p>{t('empty')}</p>}
      <ul className="grid gap-4 sm:grid-cols-2">
        {teams.map((team) => (
          <li key={team.id} className="rounded-lg border border-slate-300 bg-white p-4">
            <h2 className="text-lg font-semibold">{team.name}</h2>
            <p className="text-sm text-slate-700">
              {t('yourRole', { role: t(`role.${team.role}`) })} ·{' '}
              <Link href={`/teams/${team.id}/members`} className="text-brand-700 underline underline-offset-2">
                {t('members', { count: team.memberCount })}
                <span className="sr-only"> – {tAdmin('members', { team: team.name })}</span>
              </Link>
            </p>
            <nav aria-label={t('teamLinks', { team: team.name })} className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {team.role === 'MEMBER' && (
                <Link href={`/teams/${team.id}/import`} className="text-brand-700 underline underline-offset-2">
                  {t('importBoard')}
                </Link>
              )}
              <Link href={`/teams/${team.id}/retention`} className="text-brand-700 underline underline-offset-2">
                {tData('retention.link')}
              </Link>
            </nav>
            <TeamBoards
              teamId={team.id}
              teamName={team.name}
              canManage={team.role === 'MEMBER'}
              boards={team.boards}
              archivedBoards={team.archivedBoards.map((board) => ({ id: board.id, name: board.name, archivedLabel: format.dateTime(new Date(board.archivedAt), { dateStyle: 'medium' }) }))}
              templates={templates}
            />
          </li>
        ))}
      </ul>
    </main>
  );
}
