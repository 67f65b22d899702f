import { NextResponse } from 'next/server';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { commentInputSchema } from '@/lib/comments/schema';
import { deleteComment, editComment } from '@/lib/data/comments';

export const dynamic = 'force-dynamic';

type Params = { boardId: string; cardId: string; commentId: string };

/** The author edits their comment. */
export const PATCH = withApi<Params>(async ({ request, params, user }) => {
  const input = commentInputSchema.parse(await readJsonBody(request));
  return NextResponse.json(await editComment(user, { ...params, ...input }, new Date()));
});

/** The author deletes their comment. */
export const DELETE = withApi<Params>(async ({ params, user }) => NextResponse.json(await deleteComment(user, params, new Date())));
