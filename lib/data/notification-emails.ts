import 'server-only';
import { getDb } from '@/lib/db';
import { getServerEnv } from '@/lib/env';
import { isEmailConfigured, sendMail } from '@/lib/mail/mailer';
import { composeMentionEmail } from '@/lib/notifications/mention-email';

/**
 * Sends the e-mail of one mention notification (the `notification_email` job createNotifications queues for a
 * person who opted in; run by the job worker, lib/webhooks/worker.ts, outside any event transaction).
 *
 * Checked again at sending time, so a mail never goes out after the reason for it went: the person must still
 * want e-mail for mentions and still be on the board's team, and SMTP must be configured. On a board that may hold
 * client data the mail carries only the link (lib/notifications/mention-email.ts). Throws when the SMTP server
 * fails, so that the job is retried (at most 5 attempts, set when it was queued). Returns whether a mail was sent.
 */
export async function sendNotificationEmail(notificationId: string): Promise<boolean> {
  if (!isEmailConfigured()) return false;
  const db = getDb();
  const notification = await db.notification.findUnique({
    where: { id: notificationId },
    select: {
      kind: true,
      userId: true,
      cardId: true,
      actorId: true,
      user: { select: { email: true, emailOnMention: true } },
      board: { select: { id: true, name: true, teamId: true, holdsClientData: true } },
      card: { select: { title: true } },
    },
  });
  if (!notification || notification.kind !== 'mentioned' || !notification.user.emailOnMention) return false;
  const isMember = (await db.membership.count({ where: { teamId: notification.board.teamId, userId: notification.userId } })) > 0;
  if (!isMember) return false;
  const actor = notification.actorId ? await db.user.findUnique({ where: { id: notification.actorId }, select: { name: true } }) : null;
  // The public URL (NEXTAUTH_URL); without one, the address `npm start` serves on (README, Configuration).
  const origin = (getServerEnv().publicUrl ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const link = `${origin}/boards/${notification.board.id}${notification.cardId ? `?card=${notification.cardId}` : ''}`;
  const mail = composeMentionEmail({
    actorName: actor?.name ?? null,
    boardName: notification.board.name,
    cardTitle: notification.card?.title ?? '',
    holdsClientData: notification.board.holdsClientData,
    link,
  });
  await sendMail({ to: notification.user.email, ...mail });
  return true;
}

/** The person's own choice: an e-mail for each mention ("E-post när någon nämner mig"), off by default. */
export async function setEmailOnMention(person: { id: string }, isWanted: boolean): Promise<void> {
  await getDb().user.update({ where: { id: person.id }, data: { emailOnMention: isWanted } });
}

export async function readEmailOnMention(person: { id: string }): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: person.id }, select: { emailOnMention: true } });
  return user?.emailOnMention ?? false;
}
