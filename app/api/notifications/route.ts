import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from '@/lib/data/notifications';

export const dynamic = 'force-dynamic';

/** The person's own notifications and how many are unread (`?only=count`: just the count, for the header). */
export const GET = withApi<Record<string, never>>(async ({ request, user }) => {
  if (request.nextUrl.searchParams.get('only') === 'count') return NextResponse.json({ unreadCount: await countUnreadNotifications(user.id) });
  const [notifications, unreadCount] = await Promise.all([listNotifications(user.id), countUnreadNotifications(user.id)]);
  return NextResponse.json({ notifications, unreadCount });
});

const markSchema = z.union([z.strictObject({ id: z.string().min(1).max(64) }), z.strictObject({ all: z.literal(true) })]);

/** Marks one of the person's own notifications read (`{ id }`), or all of them (`{ all: true }`). */
export const POST = withApi<Record<string, never>>(async ({ request, user }) => {
  const input = markSchema.parse(await readJsonBody(request));
  const now = new Date();
  if ('id' in input) await markNotificationRead(user.id, input.id, now);
  else await markAllNotificationsRead(user.id, now);
  return NextResponse.json({ unreadCount: await countUnreadNotifications(user.id) });
});
