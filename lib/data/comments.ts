import 'server-only';
import type { BoardCardView } from '@/lib/board/types';
import { findMentions, type MentionCandidate } from '@/lib/comments/mentions';
import { commentInputSchema, type CommentInput } from '@/lib/comments/schema';
import { getDb, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import type { ReadChannel } from '@/lib/read-log/model';
import { recordCardReadsIfSensitive } from './read-log';
import { authorizeBoardAction } from './access';
import { CARD_VIEW_SELECT, toCardView } from './card-view';

/**
 * Comments on a card (issue #11 §3): the team talks about the work where the work is.
 *
 * Invariants:
 * - Members of the board's team add comments; viewers and everyone else read or get nothing (NOT_FOUND for a card
 *   of another team: no one learns it exists). Only a comment's author edits or deletes it (COMMENT_NOT_AUTHOR).
 * - Every change is one transaction with its card history row (COMMENTED, COMMENT_EDITED, COMMENT_DELETED — the
 *   history keeps the comment's id, never its text), the card's commentCount and version, and ONE board event:
 *   a `card.upsert` with the action 'commented', 'comment-edited' or 'comment-deleted' and the comment's id. The
 *   live stream, webhooks (comment.added) and the mentions consumer (lib/comments/mentions-consumer.ts) all
 *   consume that event; nothing here notifies anyone directly.
 * - Who a comment mentions is decided here, from its text and the team's members at that moment
 *   (Comment.mentionedUserIds). A client that lists a mention of someone not on the team is refused with
 *   MENTION_NOT_MEMBER and nothing is saved.
 * - Deleting removes the comment's text for good: the history says only that a comment was removed.
 */

type Actor = { id: string; name: string };

export type CommentView = {
  id: string;
  body: string;
  authorId: string | null;
  /** The author's name as the team sees it; null for a removed account or a comment cleared by retention. */
  authorName: string | null;
  createdAt: string;
  editedAt: string | null;
  /** Whether the person asking wrote it (and so may edit or delete it). */
  isOwn: boolean;
};

export type CommentChange = { comment: CommentView | null; card: BoardCardView };

const COMMENT_SELECT = { id: true, body: true, authorId: true, createdAt: true, editedAt: true, importedAuthorName: true, author: { select: { name: true } } } as const;

type CommentRow = { id: string; body: string; authorId: string | null; createdAt: Date; editedAt: Date | null; importedAuthorName: string | null; author: { name: string } | null };

function toCommentView(row: CommentRow, viewerId: string): CommentView {
  return {
    id: row.id,
    body: row.body,
    authorId: row.authorId,
    authorName: row.author?.name ?? row.importedAuthorName ?? null,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    isOwn: row.authorId !== null && row.authorId === viewerId,
  };
}

/**
 * The comments of a card on the board, oldest first. Members and viewers of the board's team. Comments are the
 * card's content: on a board that may hold client data the read is logged first (lib/data/read-log.ts).
 */
export async function listComments(userId: string, boardId: string, cardId: string, channel: ReadChannel = 'dialog'): Promise<CommentView[]> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.read');
  const card = await db.card.findFirst({ where: { id: cardId, boardId, archivedAt: null }, select: { id: true, board: { select: { holdsClientData: true } } } });
  if (!card) throw new AppError('NOT_FOUND');
  await recordCardReadsIfSensitive(db, { boardId, readerId: userId, cardIds: [cardId], channel, holdsClientData: card.board.holdsClientData });
  const rows = await db.comment.findMany({ where: { cardId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: COMMENT_SELECT });
  return rows.map((row) => toCommentView(row, userId));
}

/**
 * The people of the board's team who can be mentioned (for the comment field's suggestions): every member and
 * viewer, by name. Integration identities are not people and are left out.
 */
export async function listMentionCandidates(userId: string, boardId: string): Promise<MentionCandidate[]> {
  const db = getDb();
  const access = await authorizeBoardAction(db, userId, boardId, 'board.read');
  return loadMentionCandidates(db, access.teamId);
}

async function loadMentionCandidates(db: Tx | ReturnType<typeof getDb>, teamId: string): Promise<MentionCandidate[]> {
  const memberships = await db.membership.findMany({
    where: { teamId, user: { isIntegration: false } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: 'asc' } },
  });
  return memberships.map((membership) => ({ id: membership.user.id, name: membership.user.name }));
}

/** Locks the card (FOR UPDATE: comments on one card apply one after another) and checks it is on the board. */
async function lockOpenCard(tx: Tx, boardId: string, cardId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Card" WHERE id = ${cardId} AND "boardId" = ${boardId} AND "archivedAt" IS NULL FOR UPDATE`;
  if (rows.length === 0) throw new AppError('NOT_FOUND');
}

/** Who the comment mentions: names in its text, and the ids the client listed, which must all be members. */
async function decideMentions(tx: Tx, teamId: string, input: CommentInput): Promise<string[]> {
  const members = await loadMentionCandidates(tx, teamId);
  const memberIds = new Set(members.map((member) => member.id));
  const outsider = input.mentions?.find((id) => !memberIds.has(id));
  if (outsider !== undefined) throw new AppError('MENTION_NOT_MEMBER');
  const mentioned = findMentions(input.body, members);
  for (const id of input.mentions ?? []) if (!mentioned.includes(id)) mentioned.push(id);
  return mentioned;
}

async function bumpCard(tx: Tx, cardId: string, countChange: number): Promise<BoardCardView> {
  const card = await tx.card.update({
    where: { id: cardId },
    data: { version: { increment: 1 }, ...(countChange !== 0 ? { commentCount: { increment: countChange } } : {}) },
    select: CARD_VIEW_SELECT,
  });
  return toCardView(card);
}

/** Adds a comment to a card. Members only; the input is validated here too (the API and the UI both call this). */
export async function addComment(actor: Actor, input: { boardId: string; cardId: string } & CommentInput, now: Date): Promise<CommentChange> {
  const parsed = commentInputSchema.parse({ body: input.body, mentions: input.mentions });
  const db = getDb();
  const access = await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockOpenCard(tx, input.boardId, input.cardId);
    const mentionedUserIds = await decideMentions(tx, access.teamId, parsed);
    const row = await tx.comment.create({
      data: { boardId: input.boardId, cardId: input.cardId, authorId: actor.id, body: parsed.body, mentionedUserIds, createdAt: now },
      select: COMMENT_SELECT,
    });
    await tx.cardEvent.create({ data: { boardId: input.boardId, cardId: input.cardId, type: 'COMMENTED', actorId: actor.id, at: now, data: { commentId: row.id } } });
    const card = await bumpCard(tx, input.cardId, 1);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card, actorId: actor.id, actorName: actor.name, action: 'commented', commentId: row.id });
    return { comment: toCommentView(row, actor.id), card };
  });
}

/** The comment, locked with its card; NOT_FOUND unless it is on that card, COMMENT_NOT_AUTHOR unless the actor wrote it. */
async function lockOwnComment(tx: Tx, actor: Actor, input: { boardId: string; cardId: string; commentId: string }) {
  await lockOpenCard(tx, input.boardId, input.cardId);
  const comment = await tx.comment.findFirst({ where: { id: input.commentId, cardId: input.cardId, boardId: input.boardId }, select: { id: true, authorId: true, body: true } });
  if (!comment) throw new AppError('NOT_FOUND');
  if (comment.authorId !== actor.id) throw new AppError('COMMENT_NOT_AUTHOR');
  return comment;
}

/** The author edits their comment; it shows as edited. Newly mentioned people are told (the consumer decides). */
export async function editComment(actor: Actor, input: { boardId: string; cardId: string; commentId: string } & CommentInput, now: Date): Promise<CommentChange> {
  const parsed = commentInputSchema.parse({ body: input.body, mentions: input.mentions });
  const db = getDb();
  const access = await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    const before = await lockOwnComment(tx, actor, input);
    const mentionedUserIds = await decideMentions(tx, access.teamId, parsed);
    if (before.body === parsed.body && parsed.mentions === undefined) {
      const unchanged = await tx.comment.findUniqueOrThrow({ where: { id: before.id }, select: COMMENT_SELECT });
      const card = toCardView(await tx.card.findUniqueOrThrow({ where: { id: input.cardId }, select: CARD_VIEW_SELECT }));
      return { comment: toCommentView(unchanged, actor.id), card };
    }
    const row = await tx.comment.update({ where: { id: before.id }, data: { body: parsed.body, mentionedUserIds, editedAt: now }, select: COMMENT_SELECT });
    await tx.cardEvent.create({ data: { boardId: input.boardId, cardId: input.cardId, type: 'COMMENT_EDITED', actorId: actor.id, at: now, data: { commentId: row.id } } });
    const card = await bumpCard(tx, input.cardId, 0);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card, actorId: actor.id, actorName: actor.name, action: 'comment-edited', commentId: row.id });
    return { comment: toCommentView(row, actor.id), card };
  });
}

/** The author deletes their comment: its text is gone, the card history says "Kommentaren togs bort". */
export async function deleteComment(actor: Actor, input: { boardId: string; cardId: string; commentId: string }, now: Date): Promise<CommentChange> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    const comment = await lockOwnComment(tx, actor, input);
    // Its notifications go with it (foreign key ON DELETE CASCADE): a mention of a removed text points nowhere.
    await tx.comment.delete({ where: { id: comment.id } });
    await tx.cardEvent.create({ data: { boardId: input.boardId, cardId: input.cardId, type: 'COMMENT_DELETED', actorId: actor.id, at: now, data: { commentId: comment.id } } });
    const card = await bumpCard(tx, input.cardId, -1);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card, actorId: actor.id, actorName: actor.name, action: 'comment-deleted', commentId: comment.id });
    return { comment: null, card };
  });
}

/** The person (or team integration) a token acts as, with the name the board shows for them: for the API. */
export async function findCommentActor(userId: string): Promise<Actor> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}
