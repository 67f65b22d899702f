'use client';

import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { NOTIFICATIONS_CHANGED_EVENT } from '@/components/notifications/notifications-link';
import type { NotificationView } from '@/lib/data/notifications';

const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;
const buttonSecondary = 'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100';

async function markRead(body: { id: string } | { all: true }): Promise<number | null> {
  try {
    const response = await fetch('/api/notifications', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body), keepalive: true });
    const answer = (await response.json().catch(() => null)) as { unreadCount?: unknown } | null;
    return response.ok && typeof answer?.unreadCount === 'number' ? answer.unreadCount : null;
  } catch {
    return null;
  }
}

/**
 * The list of the person's own notifications: what happened, where, when, read or not (said in words, not only by
 * style), a link that opens the card's dialog on its board, and marking read one by one or all at once. After a
 * mark, focus stays on the notification (its link) or goes to the heading, never to the page.
 */
export function NotificationsClient({ initial, title, intro }: { initial: NotificationView[]; title: string; intro: string }) {
  const t = useTranslations('notifications');
  const format = useFormatter();
  const [items, setItems] = useState(initial);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const linkRefs = useRef(new Map<string, HTMLAnchorElement>());
  const focusNext = useRef<(() => HTMLElement | null | undefined) | null>(null);
  const unread = items.filter((item) => !item.isRead).length;

  useEffect(() => {
    const target = focusNext.current?.();
    if (target) {
      target.focus();
      focusNext.current = null;
    }
  });

  function tell(unreadCount: number) {
    window.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED_EVENT, { detail: { unreadCount } }));
  }

  function describe(item: NotificationView): string {
    const card = item.cardTitle || t('cardCleared');
    return item.kind === 'mentioned' ? t('mentioned', { actor: item.actorName ?? t('someone'), card }) : t('awaitedDone', { card });
  }

  async function markOne(item: NotificationView, { quiet = false } = {}) {
    setError(null);
    const count = await markRead({ id: item.id });
    if (count === null) {
      if (!quiet) setError(t('failed'));
      return;
    }
    setItems((current) => current.map((entry) => (entry.id === item.id ? { ...entry, isRead: true } : entry)));
    tell(count);
    if (!quiet) {
      setStatus(t('markedRead'));
      focusNext.current = () => linkRefs.current.get(item.id);
    }
  }

  async function markAll() {
    setError(null);
    const count = await markRead({ all: true });
    if (count === null) {
      setError(t('failed'));
      return;
    }
    setItems((current) => current.map((entry) => ({ ...entry, isRead: true })));
    tell(count);
    setStatus(t('allMarkedRead'));
    focusNext.current = () => headingRef.current;
  }

  return (
    <div className="flex flex-col gap-4">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold">
        {title}
      </h1>
      <p className="text-slate-700">{intro}</p>
      {items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <p className="font-medium" data-testid="notifications-unread">
              {t('unreadHeading', { count: unread })}
            </p>
            {unread > 0 && (
              <button type="button" className={buttonSecondary} onClick={() => void markAll()}>
                {t('markAllRead')}
              </button>
            )}
          </div>
          <ul className="flex flex-col gap-2" data-testid="notifications-list">
            {items.map((item) => {
              const text = describe(item);
              return (
                <li key={item.id} className={`rounded border p-3 ${item.isRead ? 'border-slate-300 bg-white' : 'border-brand-700 border-s-4 bg-brand-50'}`} data-testid="notification">
                  <p className="text-sm font-semibold">{item.isRead ? t('read') : t('unread')}</p>
                  <p>
                    {item.cardId ? (
                      <Link
                        href={`/boards/${encodeURIComponent(item.boardId)}?card=${encodeURIComponent(item.cardId)}`}
                        ref={(node) => {
                          if (node) linkRefs.current.set(item.id, node);
                        }}
                        onClick={() => {
                          if (!item.isRead) void markOne(item, { quiet: true });
                        }}
                        className="text-brand-700 underline underline-offset-2 wrap-anywhere"
                      >
                        {text}
                      </Link>
                    ) : (
                      text
                    )}
                  </p>
                  <p className="text-sm text-slate-700">
                    {t('onBoard', { board: item.boardName })} · <time dateTime={item.createdAt}>{format.dateTime(new Date(item.createdAt), DATE_TIME)}</time>
                  </p>
                  {!item.isRead && (
                    <button type="button" className={`${buttonSecondary} mt-2`} aria-label={t('markReadLabel', { text })} onClick={() => void markOne(item)}>
                      {t('markRead')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div role="alert">{error && <p className="rounded border border-red-700 bg-red-50 p-3 text-red-900">{error}</p>}</div>
      <div role="status" className="sr-only">
        {status}
      </div>
    </div>
  );
}
