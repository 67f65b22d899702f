import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { currentSessionClaims } from '../fixtures/session-claims';
import type { TestUser } from '../fixtures/test-data';
import { ROOT } from './enumerate';
import type { Expectation, MatrixCall } from './matrix';

/**
 * Calls a route handler or a server action over HTTP, exactly as a browser would (a server action is a POST to a
 * page with its id in the Next-Action header), and classifies the answer as allowed or refused with 401/403/404.
 */

export const FOREIGN_ORIGIN = 'https://evil.example';

export async function sessionCookieFor(user: TestUser): Promise<string> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  const token = await encode({ token: { sub: user.id, name: user.name, email: user.email, ...(await currentSessionClaims(user.id)) }, secret, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

type ManifestEntry = { filename?: string; exportedName?: string; workers: Record<string, unknown> };

/** `file#export` → action id, from the build's server reference manifest. */
export function readActionManifest(): Map<string, string> {
  const file = path.join(ROOT, process.env.NEXT_DIST_DIR ?? '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { node: Record<string, ManifestEntry> };
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) ids.set(`${entry.filename}#${entry.exportedName}`, id);
  }
  return ids;
}

export type Outcome = {
  verdict: Expectation | 'unexpected';
  status: number;
  /** The error code or result, for messages and for comparing with the answer about a non-existent board. */
  detail: string;
  headers: Headers;
  body: string;
};

const CODE_TO_STATUS: Record<string, Expectation> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/**
 * Refusals on the merits, after the access check let the call through: the account security page's answers to a
 * wrong or missing code (the matrix cannot know each role's authenticator). They count as allowed.
 */
const ANSWERED_ON_THE_MERITS = new Set(['CODE_INVALID', 'SETUP_EXPIRED', 'NOT_ENABLED']);

function routeVerdict(status: number): Expectation | 'unexpected' {
  if (status >= 200 && status < 400) return 'allowed';
  if (status === 401 || status === 403 || status === 404) return status;
  return 'unexpected';
}

/**
 * The rows of a React Server Components answer: `id:json\n`, or `id:T<hex byte length>,<text>` for a long string,
 * which has no line end (the next row follows at once), so it is read by its length.
 */
function readRows(body: string): Map<string, string> {
  const bytes = Buffer.from(body, 'utf8');
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(0x3a, at);
    if (colon === -1) break;
    const id = bytes.subarray(at, colon).toString('utf8').trim();
    if (bytes[colon + 1] === 0x54) {
      const comma = bytes.indexOf(0x2c, colon);
      const length = Number.parseInt(bytes.subarray(colon + 2, comma).toString('utf8'), 16);
      rows.set(id, JSON.stringify(bytes.subarray(comma + 1, comma + 1 + length).toString('utf8')));
      at = comma + 1 + length;
      continue;
    }
    const end = bytes.indexOf(0x0a, colon);
    rows.set(id, bytes.subarray(colon + 1, end === -1 ? bytes.length : end).toString('utf8'));
    at = end === -1 ? bytes.length : end + 1;
  }
  return rows;
}

/** The value a server action returned, from its React Server Components answer (`0:{"a":"$@1",…}` → row 1). */
export function readActionResult(body: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const rows = readRows(body);
  const head = rows.get('0');
  if (!head) return { ok: false, error: 'no action result in the answer' };
  const reference = (JSON.parse(head) as { a?: string }).a;
  if (reference === undefined || reference === '$undefined') return { ok: true, value: undefined };
  const id = /^\$@([0-9a-f]+)$/.exec(reference)?.[1];
  const row = id ? rows.get(id) : undefined;
  if (row === undefined) return { ok: false, error: `unreadable result ${reference}` };
  if (row.startsWith('E')) return { ok: false, error: `the action threw ${row.slice(1)}` };
  const value = JSON.parse(row) as unknown;
  return { ok: true, value: value === '$undefined' ? undefined : value };
}

export async function perform(baseURL: string, key: string, call: MatrixCall, cookie: string | null, actionIds: Map<string, string>, options: { foreign: boolean }): Promise<Outcome> {
  if (call.kind === 'action') return performAction(baseURL, key, call, cookie, actionIds, options);
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (options.foreign) {
    headers.origin = FOREIGN_ORIGIN;
    headers['sec-fetch-site'] = 'cross-site';
  } else if (call.method !== 'GET') {
    headers.origin = new URL(baseURL).origin;
  }
  let body: string | undefined;
  if (call.raw) {
    headers['content-type'] = call.raw.contentType;
    body = call.raw.text;
  } else if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  const abort = new AbortController();
  const response = await fetch(new URL(call.path, baseURL), { method: call.method, headers, body, redirect: 'manual', signal: abort.signal });
  let text = '';
  if (call.stream && response.status === 200) abort.abort();
  else text = await response.text();
  let detail = String(response.status);
  try {
    detail = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? detail;
  } catch {
    // not JSON
  }
  return { verdict: routeVerdict(response.status), status: response.status, detail, headers: response.headers, body: text };
}

async function performAction(baseURL: string, key: string, call: Extract<MatrixCall, { kind: 'action' }>, cookie: string | null, actionIds: Map<string, string>, options: { foreign: boolean }): Promise<Outcome> {
  const id = actionIds.get(key);
  if (!id) throw new Error(`${key} is not in the build's server reference manifest: is it still a server action?`);
  const headers: Record<string, string> = {
    'next-action': id,
    'content-type': 'text/plain;charset=UTF-8',
    accept: 'text/x-component',
    origin: options.foreign ? FOREIGN_ORIGIN : new URL(baseURL).origin,
  };
  if (options.foreign) headers['sec-fetch-site'] = 'cross-site';
  if (cookie) headers.cookie = cookie;
  const response = await fetch(new URL(call.page, baseURL), { method: 'POST', headers, body: JSON.stringify(call.args), redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200) {
    return { verdict: routeVerdict(response.status) === 'allowed' ? 'unexpected' : routeVerdict(response.status), status: response.status, detail: String(response.status), headers: response.headers, body };
  }
  const result = readActionResult(body);
  if (!result.ok) return { verdict: 'unexpected', status: response.status, detail: result.error, headers: response.headers, body };
  const value = result.value as { ok?: boolean; code?: string } | undefined;
  if (value === undefined || value?.ok === true) return { verdict: 'allowed', status: 200, detail: 'ok', headers: response.headers, body };
  const code = value?.code ?? 'unknown';
  if (ANSWERED_ON_THE_MERITS.has(code)) return { verdict: 'allowed', status: 200, detail: code, headers: response.headers, body };
  return { verdict: CODE_TO_STATUS[code] ?? 'unexpected', status: 200, detail: code, headers: response.headers, body };
}
