import 'server-only';
import { z } from 'zod';
import type { Tx } from '@/lib/db';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isEmailConfigured } from '@/lib/mail/mailer';
import { decideNotificationRecipients, NOTIFICATION_KINDS, type NotificationKind } from '@/lib/notifications/decide';
import { teamsOpenToFilter } from './access';

export { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/notifications/decide';

/**
 * A person's own notifications ("Aviseringar"): a mention in a comment, a card they wait for that reached done.
 *
 * Invariants:
 * - A notification is only ever read, counted or marked by the person it is for (every function here takes that
 *   person's id and filters on it); nothing counts, ranks or lists notifications across people.
 * - Only current members of the board's team are notified, never the person who caused it, at most once per call.
 * - A notification carries ids (board, card, comment, actor) and small facts, never card or comment text: the list
 *   reads the card's current title (which the team's retention rule may have cleared) when it is shown.
 */

export type NewNotifications = {
  /** Who to tell; the actor, duplicates and people no longer on the board's team are left out. */
  userIds: readonly string[];
  kind: NotificationKind;
  boardId: string;
  cardId?: string | null;
  commentId?: string | null;
  /** Who caused it (the comment's author, the person who moved the awaited card); never notified of it. */
  actorId?: string | null;
  /** Small facts of the kind (e.g. `{ awaitedCardId }`), never card text. */
  data?: Record<string, string | number | boolean | null>;
};

/**
 * Creates notifications inside the caller's transaction (an event consumer's, lib/events/consumers.ts), so they
 * happen exactly once with it. Returns the ids of the people notified. A person who opted in to e-mail for
 * mentions ("E-post när någon nämner mig") gets one too, sent by a job queued in the same transaction
 * (lib/notifications/mention-email.ts), never from inside it.
 */
export async function createNotifications(tx: Tx, input: NewNotifications): Promise<string[]> {
  const board = await tx.board.findUnique({ where: { id: input.boardId }, select: { teamId: true } });
  if (!board || input.userIds.length === 0) return [];
  const members = await tx.membership.findMany({
    where: { teamId: board.teamId, userId: { in: [...new Set(input.userIds)] }, user: { isIntegration: false } },
    select: { userId: true, user: { select: { emailOnMention: true } } },
  });
  const recipients = decideNotificationRecipients({ candidateIds: input.userIds, memberIds: members.map((member) => member.userId), actorId: input.actorId ?? null });
  if (recipients.length === 0) return [];
  const rows = recipients.map((userId) => ({
    id: crypto.randomUUID(),
    userId,
    kind: input.kind,
    boardId: input.boardId,
    cardId: input.cardId ?? null,
    commentId: input.commentId ?? null,
    actorId: input.actorId ?? null,
    data: input.data ?? undefined,
  }));
  await tx.notification.createMany({ data: rows });
  if (input.kind === 'mentioned' && isEmailConfigured()) {
    const wantsEmail = new Set(members.filter((member) => member.user.emailOnMention).map((member) => member.userId));
    for (const row of rows) if (wantsEmail.has(row.userId)) await enqueueNotificationEmail(tx, row.id);
  }
  return recipients;
}

/** Queues the e-mail of one notification (graphile-worker; sent by lib/notifications/mention-email.ts). */
async function enqueueNotificationEmail(tx: Tx, notificationId: string): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    'notification_email',
    json_build_object('notificationId', ${notificationId}::text),
    max_attempts => 5,
    job_key => ${`notification:${notificationId}`}::text
  )`;
}

export type NotificationView = {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  isRead: boolean;
  boardId: string;
  boardName: string;
  cardId: string | null;
  /** The card's current title ('' once the team's retention rule cleared it). */
  cardTitle: string;
  /** Who caused it, as the team sees the name; null for Tillit itself or a removed account. */
  actorName: string | null;
};

const NOTIFICATION_LIST_LIMIT = 100;

/** Only notifications about boards of teams the person is still on (and may open): the list never leaks a board. */
async function ownNotificationsWhere(userId: string) {
  const openTeams = await teamsOpenToFilter(getDb(), userId);
  return { userId, board: { team: { memberships: { some: { userId } }, ...(openTeams.team ?? {}) } } };
}

/** The person's own notifications, newest first (at most 100), with the card's title and the actor's name. */
export async function listNotifications(userId: string): Promise<NotificationView[]> {
  const db = getDb();
  const rows = await db.notification.findMany({
    where: await ownNotificationsWhere(userId),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: NOTIFICATION_LIST_LIMIT,
    select: { id: true, kind: true, createdAt: true, readAt: true, boardId: true, cardId: true, actorId: true, board: { select: { name: true } }, card: { select: { title: true } } },
  });
  const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => id !== null))];
  const actors = actorIds.length === 0 ? [] : await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const nameById = new Map(actors.map((actor) => [actor.id, actor.name]));
  return rows
    .filter((row) => (NOTIFICATION_KINDS as readonly string[]).includes(row.kind))
    .map((row) => ({
      id: row.id,
      kind: row.kind as NotificationKind,
      createdAt: row.createdAt.toISOString(),
      isRead: row.readAt !== null,
      boardId: row.boardId,
      boardName: row.board.name,
      cardId: row.cardId,
      cardTitle: row.card?.title ?? '',
      actorName: row.actorId ? (nameById.get(row.actorId) ?? null) : null,
    }));
}

/** How many of the person's own notifications are unread (for the header link "Aviseringar, 2 olästa"). */
export async function countUnreadNotifications(userId: string): Promise<number> {
  return getDb().notification.count({ where: { ...(await ownNotificationsWhere(userId)), readAt: null } });
}

const idSchema = z.string().min(1).max(64);

/** Marks one of the person's own notifications read. Someone else's (or an unknown id) is NOT_FOUND. */
export async function markNotificationRead(userId: string, notificationId: string, now: Date): Promise<void> {
  const id = idSchema.safeParse(notificationId);
  if (!id.success) throw new AppError('NOT_FOUND');
  const found = await getDb().notification.findFirst({ where: { id: id.data, userId }, select: { readAt: true } });
  if (!found) throw new AppError('NOT_FOUND');
  if (found.readAt === null) await getDb().notification.updateMany({ where: { id: id.data, userId, readAt: null }, data: { readAt: now } });
}

/** Marks every one of the person's own notifications read; returns how many were unread. */
export async function markAllNotificationsRead(userId: string, now: Date): Promise<number> {
  const { count } = await getDb().notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return count;
}

/** The person's choice of an e-mail for mentions (account page), and whether the instance can send e-mail. */
export async function getMentionEmailSetting(userId: string): Promise<{ isEnabled: boolean; isAvailable: boolean }> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { emailOnMention: true } });
  return { isEnabled: user?.emailOnMention ?? false, isAvailable: isEmailConfigured() };
}

/** Opts the person in or out of an e-mail for each mention. Refused (VALIDATION) when the instance has no SMTP. */
export async function setMentionEmail(userId: string, isEnabled: boolean): Promise<void> {
  if (isEnabled && !isEmailConfigured()) throw new AppError('VALIDATION');
  await getDb().user.update({ where: { id: userId }, data: { emailOnMention: isEnabled } });
}
