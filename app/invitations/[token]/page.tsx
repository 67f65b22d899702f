import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LanguageSwitcher } from '@/components/language-switcher';
import { getSessionUser } from '@/lib/auth/session';
import { getInvitationPreview } from '@/lib/data/team-admin';
import { AcceptInvitation } from './accept-invitation';

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('invitation.metaTitle') };
}

/**
 * Where an invitation link leads. Signed out, the person signs in first (with a password or single sign-on, which
 * creates their account on first use) and comes back here; then one button joins the team.
 */
export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`);
  const preview = await getInvitationPreview(user, token, new Date());
  const t = await getTranslations('admin');
  const tApp = await getTranslations('app');
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-lg flex-col justify-center p-6">
      <div className="mb-6 flex items-center justify-between gap-4">
        <p className="text-xl font-bold text-brand-800">{tApp('name')}</p>
        <LanguageSwitcher />
      </div>
      <div className="rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        {preview === null ? (
          <>
            <h1 className="mb-2 text-2xl font-semibold">{t('invitation.unknownTitle')}</h1>
            <p>{t('invitation.unknownBody')}</p>
          </>
        ) : (
          <>
            <h1 className="mb-2 text-2xl font-semibold">{t('invitation.title', { team: preview.teamName })}</h1>
            <p className="mb-2 text-sm text-slate-700">{t('invitation.signedInAs', { name: user.name })}</p>
            {preview.isAlreadyMember ? (
              <p>{t('invitation.alreadyMember', { team: preview.teamName })}</p>
            ) : preview.status === 'valid' ? (
              <>
                <p className="mb-4">{t('invitation.offer', { team: preview.teamName, role: t(`role.${preview.role}`) })}</p>
                <p className="mb-4 text-sm text-slate-700">{t(`roleHint.${preview.role}`)}</p>
                <AcceptInvitation token={token} teamName={preview.teamName} />
              </>
            ) : (
              <p>{t(`invitation.${preview.status}`)}</p>
            )}
          </>
        )}
        <p className="mt-4">
          <Link href="/teams" className="text-brand-700 underline underline-offset-2">
            {t('invitation.toTeams')}
          </Link>
        </p>
      </div>
    </main>
  );
}
