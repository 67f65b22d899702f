import 'server-only';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from '@/lib/auth/client-address';
import { findSessionUser, readSessionToken } from '@/lib/auth/session';
import { getServerEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseLastEventId } from '@/lib/events/resume';
import { abandonPreparedStream, admitStreamOpening, EVENT_STREAM_HEADERS, prepareBoardEventStream, startBoardEventStream } from '@/lib/live/board-stream';
import { log } from '@/lib/log';
import { buildContentSecurityPolicy, createNonce, SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from '@/lib/security/csp';
import { answerBoardCommand } from './board-command-answer';
import { API_MAX_BODY_BYTES } from './v1/request-shape';
import { answerApiRequest, API_PREFIX } from './v1/router';
import { describeErrorForLog, errorAnswer, getRequestLocale, isDeclaredTooLong, isRequestHttps, MAX_JSON_BODY_CHARS, type PlainAnswer, type RequestHeaders } from './handler';

/**
 * Routes the production server (server.ts) answers itself, before Next's request pipeline.
 *
 * Why: moving cards is what frontline staff do all day, and every open board hears every move. On a 2-core
 * server Next's pipeline (routing, proxy, Web Request/Response conversions, tracing) costs several milliseconds
 * of CPU per request — more than the move itself (measured with `npm run bench -- --only=moves`). So the two hot
 * paths are served here with plain node:http, by the same lib/ functions the Next routes use:
 * - `POST /api/boards/:boardId/commands` (every board change): answerBoardCommand — origin check, session, zod,
 *   data layer, error mapping;
 * - `GET /api/boards/:boardId/events` (every open board's live stream, written to on every change): admitted
 *   (lib/live/admission.ts), prepared and started by lib/live/board-stream.ts, writing the same bytes straight to
 *   every socket instead of through Web streams. The hub behind it is one per process (lib/live/hub.ts),
 *   whichever copy of lib/ asks for it.
 * Everything else goes to Next. The responses carry the same security headers as Next's.
 */
const BOARD_COMMANDS_PATH = /^\/api\/boards\/([^/?#]+)\/commands\/?(?:\?.*)?$/;
const BOARD_EVENTS_PATH = /^\/api\/boards\/([^/?#]+)\/events\/?(?:\?.*)?$/;
/** The public API v1 (lib/api/v1/router.ts): integrations move cards as often as people do, so it is served here too. */
const PUBLIC_API_PATH = /^\/api\/v1(\/[^?#]*)?(?:\?(.*))?$/;

/**
 * Works out the client's address once, from the connection and the trusted proxies' X-Forwarded-For
 * (lib/auth/client-address.ts), and hands it to the rest of the app in CLIENT_ADDRESS_HEADER, overwriting any value
 * a client sent in it. server.ts calls it first for every request, Next's and the direct routes'.
 */
export function markClientAddress(request: IncomingMessage): void {
  const address = resolveClientAddress(firstHeader(request, 'x-forwarded-for'), request.socket.remoteAddress, getServerEnv().trustedProxyHops);
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete request.headers[CLIENT_ADDRESS_HEADER];
}

/** Answers `request` when it is a direct route and returns true; otherwise leaves it alone and returns false. */
export function serveDirectRoute(request: IncomingMessage, response: ServerResponse): boolean {
  const url = request.url ?? '';
  const api = PUBLIC_API_PATH.exec(url);
  if (api) {
    const requestId = firstHeader(request, 'x-request-id') ?? randomUUID();
    void answerPublicApi(request, response, api[1] ?? '/', api[2] ?? '', requestId).catch((error: unknown) => {
      log.error({ requestId, err: describeErrorForLog(error) }, 'direct route failed');
      if (!response.headersSent) send(response, requestId, { status: 500, body: { error: { code: 'UNKNOWN', message: '', requestId } } });
      else response.destroy();
    });
    return true;
  }
  const commands = request.method === 'POST' ? BOARD_COMMANDS_PATH.exec(url) : null;
  const events = request.method === 'GET' ? BOARD_EVENTS_PATH.exec(url) : null;
  if (!commands && !events) return false;
  const requestId = firstHeader(request, 'x-request-id') ?? randomUUID();
  const serve = commands ? answerCommand(request, response, commands[1] as string, requestId) : streamEvents(request, response, events![1] as string, requestId);
  void serve.catch((error: unknown) => {
    log.error({ requestId, err: describeErrorForLog(error) }, 'direct route failed');
    if (!response.headersSent) send(response, requestId, { status: 500, body: { error: { code: 'UNKNOWN', message: '', requestId } } });
    else response.destroy();
  });
  return true;
}

async function answerCommand(request: IncomingMessage, response: ServerResponse, rawBoardId: string, requestId: string): Promise<void> {
  const now = new Date();
  const headers: RequestHeaders = { get: (name) => firstHeader(request, name) };
  let isBodyLeftUnread = true;
  const readBody = async () => {
    isBodyLeftUnread = false;
    return readBodyText(request, MAX_JSON_BODY_CHARS);
  };
  const answer = await answerBoardCommand({ method: 'POST', headers, readBody, boardId: decodeBoardId(rawBoardId), requestId, now });
  // A refused request whose body was not (or not wholly) read: answer, then close the connection rather than take
  // in the rest of an upload nobody will look at.
  send(response, requestId, answer, isBodyLeftUnread || !request.readableEnded);
}

async function answerPublicApi(request: IncomingMessage, response: ServerResponse, pathname: string, search: string, requestId: string): Promise<void> {
  const now = new Date();
  const method = request.method ?? 'GET';
  const bodyText = method === 'GET' || method === 'HEAD' ? '' : await readBodyBytes(request, API_MAX_BODY_BYTES);
  const headers: RequestHeaders = { get: (name) => firstHeader(request, name) };
  const answer = await answerApiRequest({ method, pathname, query: new URLSearchParams(search), headers, bodyText, requestId, now });
  send(response, requestId, answer);
}

/**
 * The body as UTF-8 text, or null when it is larger than `maxBytes` (the rest is read and dropped, so that the
 * answer can still be sent on the same connection).
 */
async function readBodyBytes(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else if (size > maxBytes * 16) break; // far too large: stop reading (the connection closes after the answer)
  }
  return size > maxBytes ? null : Buffer.concat(chunks).toString('utf8');
}

/**
 * The board's live stream: refused (401/404, as JSON) before anything is streamed, then SSE until either side ends.
 * The browser's position comes from `Last-Event-ID` (EventSource's own reconnects) or `?lastEventId=` (our
 * client's new connections, which cannot set headers); the header wins, it is the fresher.
 */
async function streamEvents(request: IncomingMessage, response: ServerResponse, rawBoardId: string, requestId: string): Promise<void> {
  const headers: RequestHeaders = { get: (name) => firstHeader(request, name) };
  const boardId = decodeBoardId(rawBoardId);
  const gone = new AbortController();
  response.once('close', () => gone.abort());
  try {
    const session = await readSessionToken(headers.get('cookie'), new Date());
    if (!session) throw new AppError('UNAUTHENTICATED');
    const { user, prepared } = await admitStreamOpening(async () => {
      // The session must still be current (its generation: lib/auth/session.ts); it ends later through the event log.
      const user = await findSessionUser(session);
      if (!user) throw new AppError('UNAUTHENTICATED');
      return { user, prepared: await prepareBoardEventStream(user.id, boardId) };
    }, gone.signal);
    if (gone.signal.aborted || response.destroyed) {
      abandonPreparedStream(prepared);
      return;
    }
    response.writeHead(200, { ...securityHeaders(request), ...EVENT_STREAM_HEADERS, 'x-request-id': requestId });
    const lastEventId = parseLastEventId(headers.get('last-event-id') ?? new URL(request.url ?? '/', 'http://localhost').searchParams.get('lastEventId'));
    const stop = startBoardEventStream({
      user,
      prepared,
      lastEventId,
      sink: {
        write: (bytes) => {
          if (response.destroyed || response.writableEnded) throw new Error('the browser went away');
          response.write(bytes);
        },
        end: () => response.end(),
        bufferedBytes: () => response.writableLength,
      },
    });
    response.once('close', stop);
  } catch (error) {
    if (gone.signal.aborted || response.destroyed) return;
    send(response, requestId, errorAnswer(error, getRequestLocale(headers), requestId));
  }
}

function decodeBoardId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

function firstHeader(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * The body as UTF-8 text, at most `maxChars` characters. A body declared (Content-Length) or found to be longer is
 * refused as VALIDATION (the same answer the Next route gives) without reading past the limit.
 */
async function readBodyText(request: IncomingMessage, maxChars: number): Promise<string> {
  if (isDeclaredTooLong(firstHeader(request, 'content-length'), maxChars)) throw new AppError('VALIDATION');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > maxChars * 4) throw new AppError('VALIDATION');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length > maxChars) throw new AppError('VALIDATION');
  return text;
}

/**
 * The headers Next's pipeline (next.config.js and proxy.ts) puts on every response, HSTS included whenever the
 * browser reached Tillit over HTTPS (the public URL is https, or a trusted proxy says so in X-Forwarded-Proto).
 */
function securityHeaders(request: IncomingMessage): Record<string, string> {
  const isHttps = isRequestHttps({ get: (name) => firstHeader(request, name) });
  return {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': buildContentSecurityPolicy({ nonce: createNonce(), isDevelopment: false, isHttps }),
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(isHttps ? { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : {}),
  };
}

function send(response: ServerResponse, requestId: string, answer: PlainAnswer, shouldClose = false): void {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...securityHeaders(response.req),
    ...(shouldClose ? { Connection: 'close' } : {}),
    ...answer.headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...answer.headers,
    'x-request-id': requestId,
  });
  response.end(body);
}
