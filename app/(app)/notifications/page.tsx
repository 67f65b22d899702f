import { getTranslations } from 'next-intl/server';
import { requireSessionUser } from '@/lib/auth/session';
import { listNotifications } from '@/lib/data/notifications';
import { NotificationsClient } from './notifications-client';

export async function generateMetadata() {
  return { title: (await getTranslations('notifications'))('title') };
}

export const dynamic = 'force-dynamic';

/** The person's own notifications ("Aviseringar"): only ever theirs, newest first. */
export default async function NotificationsPage() {
  const user = await requireSessionUser();
  const notifications = await listNotifications(user.id);
  const t = await getTranslations('notifications');
  return (
    <main id="main" className="mx-auto w-full max-w-3xl p-4 sm:p-6">
      <NotificationsClient initial={notifications} title={t('title')} intro={t('intro')} />
    </main>
  );
}
