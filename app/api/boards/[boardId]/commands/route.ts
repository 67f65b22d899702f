import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { answerBoardCommand } from '@/lib/api/board-command-answer';
import { MAX_JSON_BODY_CHARS, readLimitedText } from '@/lib/api/handler';

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
    readBody: () => readLimitedText(request, MAX_JSON_BODY_CHARS),
    boardId: (await segment.params).boardId,
    requestId,
    now: new Date(),
  });
  return NextResponse.json(answer.body, { status: answer.status, headers: { ...answer.headers, 'x-request-id': requestId, 'Cache-Control': 'no-store' } });
}
