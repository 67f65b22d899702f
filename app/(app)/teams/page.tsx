import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { getTeamsForUser } from '@/lib/data/teams';

export async function generateMetadata() {
  return { title: (await getTranslations('teams'))('title') };
}

export default async function TeamsPage() {
  const user = await requireSessionUser();
  const teams = await getTeamsForUser(user.id);
  const t = await getTranslations('teams');
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
            <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-slate-700">{t('boards')}</h3>
            {team.boards.length === 0 ? (
              <p className="text-sm">{t('noBoards')}</p>
            ) : (
              <ul className="mt-1 flex flex-col gap-1">
                {team.boards.map((board) => (
                  <li key={board.id}>
                    <Link href={`/boards/${board.id}`} className="text-brand-700 underline underline-offset-2">
                      {board.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
