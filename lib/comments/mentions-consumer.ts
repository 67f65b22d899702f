import 'server-only';
import type { Tx } from '@/lib/db';
import { createNotifications } from '@/lib/data/notifications';
import type { BoardChange, BoardEventRecord } from '@/lib/events/types';

/**
 * Mentions as a durable consumer of the board event core (lib/events, one event, many consumers): a comment
 * added or edited (`card.upsert` with the action 'commented' / 'comment-edited' and its `commentId`, written by
 * lib/data/comments.ts) tells each person the comment mentions, in their own "Aviseringar" list — once per
 * comment, however often it is edited, and never the author. Who the comment mentions was decided when it was
 * written (Comment.mentionedUserIds); createNotifications leaves out anyone no longer on the team.
 *
 * Runs inside the dispatcher's transaction, which also moves the consumer's cursor: the notifications are written
 * exactly once. A comment deleted before its event is handled mentions no one any more. E-mail (for those who opted
 * in) is a job queued by createNotifications, never sent from here.
 */
export const mentionsConsumer = {
  name: 'notifications.mentions',
  kind: 'durable' as const,
  accepts: isCommentWritten,
  async handle(tx: Tx, events: readonly BoardEventRecord[]): Promise<void> {
    for (const { event } of events) {
      const commentId = commentIdOf(event);
      if (!commentId) continue;
      const comment = await tx.comment.findUnique({ where: { id: commentId }, select: { id: true, boardId: true, cardId: true, authorId: true, mentionedUserIds: true } });
      if (!comment || comment.mentionedUserIds.length === 0) continue;
      const told = await tx.notification.findMany({ where: { commentId, kind: 'mentioned' }, select: { userId: true } });
      const already = new Set(told.map((row) => row.userId));
      const userIds = selectNewlyMentioned(comment.mentionedUserIds, already);
      if (userIds.length === 0) continue;
      await createNotifications(tx, { userIds, kind: 'mentioned', boardId: comment.boardId, cardId: comment.cardId, commentId, actorId: comment.authorId });
    }
  },
};

/** A comment was added or edited (the events this consumer wants). Pure. */
export function isCommentWritten(event: BoardChange): boolean {
  return event.kind === 'card.upsert' && (event.action === 'commented' || event.action === 'comment-edited') && typeof event.commentId === 'string';
}

function commentIdOf(event: BoardChange): string | null {
  return event.kind === 'card.upsert' && typeof event.commentId === 'string' ? event.commentId : null;
}

/** The people a comment mentions who have not been told about it yet (an edit tells only the newly mentioned). Pure. */
export function selectNewlyMentioned(mentionedUserIds: readonly string[], alreadyNotified: ReadonlySet<string>): string[] {
  return [...new Set(mentionedUserIds)].filter((id) => !alreadyNotified.has(id));
}
