/**
 * What a person may send as a comment (pure; the browser checks with it before sending, the server is the
 * authority). Control characters go first, as in every command (lib/text/clean-text.ts); then the length is
 * checked. Messages are i18n keys under `errors.`.
 */
import { z } from 'zod';
import { multiLineText } from '@/lib/board/commands';

/** The longest comment, in characters (the same bound as a card's description). */
export const COMMENT_MAX = 10_000;

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const commentBodySchema = multiLineText().pipe(z.string().trim().min(1, 'commentRequired').max(COMMENT_MAX, 'commentTooLong'));

/**
 * A new or edited comment. `mentions` is optional: who the comment mentions is read from its text (@Name); a
 * client may also list ids, and each must then be a member of the board's team (or nothing is saved).
 */
export const commentInputSchema = z.strictObject({
  body: commentBodySchema,
  mentions: z.array(idSchema).max(50).optional(),
});

export type CommentInput = z.infer<typeof commentInputSchema>;
