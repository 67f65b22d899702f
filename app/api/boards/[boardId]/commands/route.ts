import { NextResponse } from 'next/server';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { boardCommandSchema } from '@/lib/board/commands';
import { executeBoardCommand } from '@/lib/data/board-commands';

export const dynamic = 'force-dynamic';

/** Every change to a board: parse → session (withApi) → one data-layer call, which checks the role itself. */
export const POST = withApi<{ boardId: string }>(async ({ request, params, user }) => {
  const command = boardCommandSchema.parse(await readJsonBody(request));
  const result = await executeBoardCommand(user, params.boardId, command, new Date());
  return NextResponse.json(result);
});
