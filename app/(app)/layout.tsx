import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/components/language-switcher';
import { NotificationsLink } from '@/components/notifications/notifications-link';
import { SignOutButton } from '@/components/sign-out-button';
import { getSessionUser } from '@/lib/auth/session';
import { countUnreadNotifications } from '@/lib/data/notifications';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  const t = await getTranslations('app');
  const tAdmin = await getTranslations('admin.nav');
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-300 bg-white">
        <nav aria-label={t('mainNavigation')} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link href="/teams" className="text-lg font-bold text-brand-800">
            {t('name')}
          </Link>
          <Link href="/teams" className="underline-offset-4 hover:underline">
            {t('teams')}
          </Link>
          <Link href="/flow" className="underline-offset-4 hover:underline">
            {t('flowOverview')}
          </Link>
          {user.isInstanceAdmin && (
            <Link href="/admin" className="underline-offset-4 hover:underline">
              {tAdmin('administration')}
            </Link>
          )}
          <Link href="/account" className="underline-offset-4 hover:underline">
            {tAdmin('account')}
          </Link>
          <NotificationsLink initialUnread={await countUnreadNotifications(user.id)} />
          <div className="ms-auto flex flex-wrap items-center gap-4">
            <span className="text-sm text-slate-700">{t('signedInAs', { name: user.name })}</span>
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </nav>
      </header>
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
      <footer className="border-t border-slate-300 bg-white px-4 py-2 text-sm">
        <Link href="/tillganglighet" className="text-brand-700 underline underline-offset-2">
          {t('accessibilityStatement')}
        </Link>
      </footer>
    </div>
  );
}
