import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { answerApiRequest, API_PREFIX } from '@/lib/api/v1/router';
import { API_MAX_BODY_BYTES } from '@/lib/api/v1/request-shape';

/**
 * The public API v1 under Next (`next dev`). The production server answers /api/v1 itself, before Next
 * (lib/api/direct-routes.ts), with the same answerApiRequest.
 */
async function handle(request: NextRequest): Promise<Response> {
  const requestId = request.headers.get('x-request-id') ?? randomUUID();
  const answer = await answerApiRequest({
    method: request.method,
    pathname: request.nextUrl.pathname.slice(API_PREFIX.length) || '/',
    query: request.nextUrl.searchParams,
    headers: request.headers,
    bodyText: request.method === 'GET' || request.method === 'HEAD' ? '' : await readLimited(request),
    requestId,
    now: new Date(),
  });
  return NextResponse.json(answer.body, { status: answer.status, headers: { ...answer.headers, 'Cache-Control': answer.headers?.['Cache-Control'] ?? 'no-store', 'x-request-id': requestId } });
}

/** The body as text, or null once it passes API_MAX_BODY_BYTES (reading stops there). */
async function readLimited(request: NextRequest): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > API_MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export { handle as GET, handle as POST, handle as PATCH };
