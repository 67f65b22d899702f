'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useState } from 'react';

/** Sent on `window` when the person's unread count changed on this page (the notifications list marks read). */
export const NOTIFICATIONS_CHANGED_EVENT = 'tillit:notifications-changed';

const REFRESH_MS = 60_000;

/**
 * The header's link to the person's own notifications, named with the unread count ("Aviseringar, 2 olästa"). The
 * count is read again when the tab comes back into view and once a minute while it is shown; the list page tells
 * it at once when something is marked read.
 */
export function NotificationsLink({ initialUnread }: { initialUnread: number }) {
  const t = useTranslations('notifications');
  const [unread, setUnread] = useState(initialUnread);

  useEffect(() => {
    let isActive = true;
    const refresh = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const response = await fetch('/api/notifications?only=count', { headers: { accept: 'application/json' }, cache: 'no-store' });
        const body = (await response.json().catch(() => null)) as { unreadCount?: unknown } | null;
        if (isActive && response.ok && typeof body?.unreadCount === 'number') setUnread(body.unreadCount);
      } catch {
        // Offline or signed out: the count stays as it was.
      }
    };
    const onChanged = (event: Event) => {
      const count = (event as CustomEvent<{ unreadCount?: unknown }>).detail?.unreadCount;
      if (typeof count === 'number') setUnread(count);
    };
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
    window.addEventListener(NOTIFICATIONS_CHANGED_EVENT, onChanged);
    return () => {
      isActive = false;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
      window.removeEventListener(NOTIFICATIONS_CHANGED_EVENT, onChanged);
    };
  }, []);

  return (
    <span className="inline-flex items-center gap-1">
      {/* The name is the visible word and, for screen readers, the count in words: "Aviseringar, 2 olästa". The
          badge repeats the count for the eye, outside the link so that the link's visible text is in its name. */}
      <Link
        href="/notifications"
        aria-label={unread > 0 ? `${t('title')}${t('unreadSuffix', { count: unread })}` : undefined}
        className="underline-offset-4 hover:underline"
        data-testid="notifications-link"
      >
        {t('title')}
      </Link>
      {unread > 0 && (
        <span aria-hidden="true" className="rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white">
          {unread}
        </span>
      )}
    </span>
  );
}
