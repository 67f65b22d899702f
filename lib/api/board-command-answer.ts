import 'server-only';
import { readSessionToken } from '@/lib/auth/session';
import { boardCommandSchema } from '@/lib/board/commands';
import { executeBoardCommandForSession } from '@/lib/data/board-commands';
import { AppError } from '@/lib/errors';
import { errorAnswer, getRequestLocale, isForeignOrigin, parseJsonBody, type PlainAnswer, type RequestHeaders } from './handler';

export type BoardCommandRequest = {
  method: string;
  headers: RequestHeaders;
  /**
   * Reads the request body as text, at most MAX_JSON_BODY_CHARS characters (throws VALIDATION past them). Called
   * only once the origin and the session have been checked: an anonymous or foreign request is refused before a
   * byte of its body is read.
   */
  readBody: () => Promise<string>;
  boardId: string;
  requestId: string;
  now: Date;
};

/**
 * `POST /api/boards/:boardId/commands` — every change to a board — as a framework-neutral function, so the same
 * code answers it inside Next (app/api/boards/[boardId]/commands/route.ts, used by `next dev`) and in the
 * production server's direct route (lib/api/direct-routes.ts). Refuses a foreign origin, reads the session from
 * the Cookie header, only then reads the body, parses the command with zod and runs it through the data layer, which checks that the session
 * is still current (its generation) and the person's role itself. Every error becomes a status and a translated message (errorAnswer).
 */
export async function answerBoardCommand(request: BoardCommandRequest): Promise<PlainAnswer> {
  const locale = getRequestLocale(request.headers);
  try {
    if (isForeignOrigin(request.method, request.headers)) throw new AppError('FORBIDDEN');
    const session = await readSessionToken(request.headers.get('cookie'), request.now);
    if (!session) throw new AppError('UNAUTHENTICATED');
    const command = boardCommandSchema.parse(parseJsonBody(await request.readBody()));
    return { status: 200, body: await executeBoardCommandForSession(session, request.boardId, command, request.now) };
  } catch (error) {
    return errorAnswer(error, locale, request.requestId);
  }
}
