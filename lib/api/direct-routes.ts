import 'server-only';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getServerEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { buildContentSecurityPolicy, createNonce, SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from '@/lib/security/csp';
import { answerBoardCommand } from './board-command-answer';
import { describeErrorForLog, MAX_JSON_BODY_CHARS, type PlainAnswer, type RequestHeaders } from './handler';

/**
 * Routes the production server (server.ts) answers itself, before Next's request pipeline.
 *
 * Why: moving cards is what frontline staff do all day, and every open board hears every move. On a 2-core
 * server Next's pipeline (routing, proxy, Web Request/Response conversions, tracing) costs several milliseconds
 * of CPU per request — more than the move itself (measured with `npm run bench -- --only=moves`). So the one hot
 * write path, `POST /api/boards/:boardId/commands`, is served here with plain node:http and the very same
 * function the Next route uses (answerBoardCommand): origin check, session, zod, data layer, error mapping.
 * Everything else, including the live stream, goes to Next. The responses carry the same security headers.
 */
const BOARD_COMMANDS_PATH = /^\/api\/boards\/([^/?#]+)\/commands\/?(?:\?.*)?$/;

/** Answers `request` when it is a direct route and returns true; otherwise leaves it alone and returns false. */
export function serveDirectRoute(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'POST') return false;
  const match = BOARD_COMMANDS_PATH.exec(request.url ?? '');
  if (!match) return false;
  const requestId = firstHeader(request, 'x-request-id') ?? randomUUID();
  void answerCommand(request, response, match[1] as string, requestId).catch((error: unknown) => {
    log.error({ requestId, err: describeErrorForLog(error) }, 'direct route failed');
    if (!response.headersSent) send(response, requestId, { status: 500, body: { error: { code: 'UNKNOWN', message: '', requestId } } });
    else response.destroy();
  });
  return true;
}

async function answerCommand(request: IncomingMessage, response: ServerResponse, rawBoardId: string, requestId: string): Promise<void> {
  const now = new Date();
  const bodyText = await readBodyText(request, MAX_JSON_BODY_CHARS);
  let boardId: string;
  try {
    boardId = decodeURIComponent(rawBoardId);
  } catch {
    boardId = '';
  }
  const headers: RequestHeaders = { get: (name) => firstHeader(request, name) };
  const answer = await answerBoardCommand({ method: 'POST', headers, bodyText, boardId, requestId, now });
  send(response, requestId, answer);
}

function firstHeader(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * The body as UTF-8 text. A body longer than `maxChars` is not kept: reading stops keeping bytes and the result is
 * cut just past the limit, which the JSON parser then refuses as too long (the same answer the Next route gives).
 */
async function readBodyText(request: IncomingMessage, maxChars: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (size > maxChars * 4) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length > maxChars ? text.slice(0, maxChars + 1) : text;
}

function send(response: ServerResponse, requestId: string, answer: PlainAnswer): void {
  const body = JSON.stringify(answer.body);
  const isHttps = getServerEnv().isHttps;
  response.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': buildContentSecurityPolicy({ nonce: createNonce(), isDevelopment: false, isHttps }),
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(isHttps ? { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : {}),
    ...answer.headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'x-request-id': requestId,
  });
  response.end(body);
}
