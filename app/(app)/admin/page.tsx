import { getFormatter, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { requireSessionUser } from '@/lib/auth/session';
import { FIRST_MEMBERS_MAX, listTeamsForAdmin } from '@/lib/data/team-admin';
import { canAdministerInstance } from '@/lib/domain/permissions';
import { CreateTeamForm } from './create-team-form';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('instance.metaTitle') };
}

/** Instance administration: teams and their first members. Not found for anyone who is not an instance admin. */
export default async function AdminPage() {
  const user = await requireSessionUser();
  if (!canAdministerInstance(user.isInstanceAdmin)) notFound();
  const teams = await listTeamsForAdmin(user);
  const t = await getTranslations('admin.instance');
  const format = await getFormatter();
  return (
    <main id="main" className="mx-auto w-full max-w-4xl p-4 sm:p-6">
      <h1 className="mb-1 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-6 text-slate-700">{t('intro')}</p>
      <section aria-labelledby="create-team-heading" className="mb-8 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="create-team-heading" className="mb-3 text-xl font-semibold">{t('createHeading')}</h2>
        <CreateTeamForm maxMembers={FIRST_MEMBERS_MAX} />
      </section>
      <section aria-labelledby="teams-heading">
        <h2 id="teams-heading" className="mb-2 text-xl font-semibold">{t('teamsHeading')}</h2>
        {teams.length === 0 ? (
          <p>{t('teamsEmpty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="p-2">{t('teamColumn')}</th>
                  <th scope="col" className="p-2">{t('membersColumn')}</th>
                  <th scope="col" className="p-2">{t('createdColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((team) => (
                  <tr key={team.id} className="border-b border-slate-200">
                    <th scope="row" className="p-2 font-normal">{team.name}</th>
                    <td className="p-2">{team.memberCount}</td>
                    <td className="p-2">{format.dateTime(new Date(team.createdAt), { dateStyle: 'medium' })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
