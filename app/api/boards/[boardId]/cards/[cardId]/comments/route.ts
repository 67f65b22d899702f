import { NextResponse } from 'next/server';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { commentInputSchema } from '@/lib/comments/schema';
import { addComment, listComments, listMentionCandidates } from '@/lib/data/comments';

export const dynamic = 'force-dynamic';

type Params = { boardId: string; cardId: string };

/** The card's comments, and the team's people who can be mentioned (for the comment field's suggestions). */
export const GET = withApi<Params>(async ({ params, user }) => {
  const [comments, mentionable] = await Promise.all([listComments(user.id, params.boardId, params.cardId), listMentionCandidates(user.id, params.boardId)]);
  return NextResponse.json({ comments, mentionable });
});

/** Adds a comment (members). */
export const POST = withApi<Params>(async ({ request, params, user }) => {
  const input = commentInputSchema.parse(await readJsonBody(request));
  const change = await addComment(user, { boardId: params.boardId, cardId: params.cardId, ...input }, new Date());
  return NextResponse.json(change, { status: 201 });
});
