import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { answerBoardCommand } from '@/lib/api/board-command-answer';

export const dynamic = 'force-dynamic';

/**
 * Every change to a board. In production the server answers this path directly, before Next's pipeline
 * (server.ts, lib/api/direct-routes.ts); this route serves it under `next dev`. Both run answerBoardCommand.
 */
export async function POST(request: NextRequest, segment: { params: Promise<{ boardId: string }> }): Promise<Response> {
  const requestId = request.headers.get('x-request-id') ?? randomUUID();
  const answer = await answerBoardCommand({
    method: request.method,
    headers: request.headers,
    bodyText: await request.text(),
    boardId: (await segment.params).boardId,
    requestId,
    now: new Date(),
  });
  return NextResponse.json(answer.body, { status: answer.status, headers: { ...answer.headers, 'x-request-id': requestId } });
}
