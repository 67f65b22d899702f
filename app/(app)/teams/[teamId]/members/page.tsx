import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { getTeamMembers, INVITATION_VALID_DAYS, type TeamHistoryEntry } from '@/lib/data/team-admin';
import { isEmailConfigured } from '@/lib/mail/mailer';
import { InviteForm, MembersTable, PendingInvitations } from './members-client';
import { orNotFound } from '@/app/(app)/or-not-found';
import { describeIntegrationHistory } from '../integrations/describe-history';
import { describeBoardHistory, isBoardHistoryEntry } from '../../describe-board-history';
import { isLocale } from '@/lib/i18n/config';
import { getTeamTwoFactorRequirement } from '@/lib/data/team-security';
import { TeamTwoFactorSetting } from './team-two-factor-setting';

type Props = { params: Promise<{ teamId: string }> };
type Translate = Awaited<ReturnType<typeof getTranslations<'admin'>>>;

const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('members.metaTitle') };
}

async function load(teamId: string) {
  const user = await requireSessionUser();
  // Not on the team and no such team look the same on purpose.
  return orNotFound(getTeamMembers(user, teamId, new Date()));
}

export default async function TeamMembersPage({ params }: Props) {
  const { teamId } = await params;
  const view = await load(teamId);
  const t = await getTranslations('admin');
  const tApi = await getTranslations('api');
  const tSecurity = await getTranslations('security.teamHistory');
  const twoFactor = await getTeamTwoFactorRequirement(await requireSessionUser(), teamId);
  const format = await getFormatter();
  const tBoards = await getTranslations('teamBoards');
  const uiLocale = await getLocale();
  const locale = isLocale(uiLocale) ? uiLocale : 'sv';

  return (
    <main id="main" className="mx-auto w-full max-w-5xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href="/teams" className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('members.backToTeams')}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">{t('members.title', { team: view.team.name })}</h1>
      <p className="mb-4 text-slate-700">{t('members.intro')}</p>
      <p className="mb-4">
        <Link href={`/teams/${view.team.id}/integrations`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          {tApi('integrations.link')}
        </Link>
      </p>
      {!view.canManage && <p className="mb-4 rounded border border-slate-400 bg-slate-100 p-3">{t('members.viewerNotice')}</p>}

      <TeamTwoFactorSetting teamId={teamId} isRequired={twoFactor.isRequired} canChange={twoFactor.canChange} />
      <section aria-labelledby="people-heading" className="mb-8">
        <h2 id="people-heading" className="mb-2 text-xl font-semibold">{t('members.peopleHeading')}</h2>
        <MembersTable
          teamId={view.team.id}
          teamName={view.team.name}
          canManage={view.canManage}
          members={view.members.map((member) => ({ ...member, sinceLabel: format.dateTime(new Date(member.since), { dateStyle: 'medium' }) }))}
        />
      </section>

      {view.canManage && (
        <>
          <section aria-labelledby="invite-heading" className="mb-8 rounded-lg border border-slate-300 bg-white p-4">
            <h2 id="invite-heading" className="mb-1 text-xl font-semibold">{t('members.inviteHeading')}</h2>
            <p className="mb-3 text-slate-700">{t('members.inviteIntro', { days: INVITATION_VALID_DAYS })}</p>
            <InviteForm teamId={view.team.id} canEmail={isEmailConfigured()} />
          </section>
          <section aria-labelledby="pending-heading" className="mb-8">
            <h2 id="pending-heading" className="mb-2 text-xl font-semibold">{t('members.pendingHeading')}</h2>
            <PendingInvitations
              teamId={view.team.id}
              invitations={view.invitations.map((invitation) => ({
                id: invitation.id,
                description: t('members.pendingEntry', {
                  role: t(`role.${invitation.role}`),
                  expires: format.dateTime(new Date(invitation.expiresAt), DATE_TIME),
                  creator: invitation.createdByName ?? t('members.someone'),
                }),
                delivery: invitation.email ? t('members.pendingEmail', { email: invitation.email }) : t('members.pendingLink'),
                createdLabel: format.dateTime(new Date(invitation.createdAt), DATE_TIME),
              }))}
            />
          </section>
        </>
      )}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-1 text-xl font-semibold">{t('members.historyHeading')}</h2>
        <p className="mb-3 text-slate-700">{t('members.historyIntro')}</p>
        {view.history.length === 0 ? (
          <p>{t('members.historyEmpty')}</p>
        ) : (
          <ol className="flex flex-col gap-2" aria-label={t('members.historyHeading')}>
            {view.history.map((entry) => (
              <li key={entry.id} className="rounded-lg border border-slate-300 bg-white p-3">
                <p className="break-words">{isBoardHistoryEntry(entry) ? describeBoardHistory(entry, entry.actorName ?? t('members.someone'), tBoards, locale) : describe(entry, t, tApi, tSecurity)}</p>
                <p className="mt-1 text-sm text-slate-700">
                  <time dateTime={entry.at}>{format.dateTime(new Date(entry.at), DATE_TIME)}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}

function roleLabel(value: unknown, t: Translate): string {
  return value === 'MEMBER' || value === 'VIEWER' ? t(`role.${value}`) : '?';
}

/** One sentence per change; the shapes are those written by lib/data/team-admin.ts. */
function describe(entry: TeamHistoryEntry, t: Translate, tApi: Awaited<ReturnType<typeof getTranslations<'api'>>>, tSecurity: Awaited<ReturnType<typeof getTranslations<'security.teamHistory'>>>): string {
  const actor = entry.actorName ?? t('members.someone');
  const subject = entry.subjectName ?? t('members.someone');
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  switch (entry.type) {
    case 'TEAM_CREATED':
      return t('members.history.TEAM_CREATED', { actor, name: typeof after.name === 'string' ? after.name : '' });
    case 'MEMBER_ADDED':
      if (entry.invitationId) {
        return entry.inviterName
          ? t('members.history.MEMBER_JOINED_FROM', { subject, role: roleLabel(after.role, t), inviter: entry.inviterName })
          : t('members.history.MEMBER_JOINED', { subject, role: roleLabel(after.role, t) });
      }
      return t('members.history.MEMBER_ADDED', { actor, subject, role: roleLabel(after.role, t) });
    case 'MEMBER_ROLE_CHANGED':
      return t('members.history.MEMBER_ROLE_CHANGED', { actor, subject, before: roleLabel(before.role, t), after: roleLabel(after.role, t) });
    case 'MEMBER_REMOVED':
      return entry.actorId !== null && entry.actorId === entry.subjectUserId
        ? t('members.history.MEMBER_LEFT', { subject, role: roleLabel(before.role, t) })
        : t('members.history.MEMBER_REMOVED', { actor, subject, role: roleLabel(before.role, t) });
    case 'INVITATION_CREATED':
      return after.byEmail === true
        ? t('members.history.INVITATION_CREATED_EMAIL', { actor, role: roleLabel(after.role, t) })
        : t('members.history.INVITATION_CREATED', { actor, role: roleLabel(after.role, t) });
    case 'INVITATION_REVOKED':
      return t('members.history.INVITATION_REVOKED', { actor });
    case 'TWO_FACTOR_REQUIRED':
    case 'TWO_FACTOR_NOT_REQUIRED':
      return tSecurity(entry.type, { actor });
    default:
      return describeIntegrationHistory(entry, actor, tApi);
  }
}
