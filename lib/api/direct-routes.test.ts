/**
 * The production server's direct route for board commands (lib/api/direct-routes.ts), over real HTTP against a
 * real database: the same answers as the Next route — session, origin, validation, roles, translated errors —
 * with the same security headers, and a move that lands in the database with its history event.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

type Seeded = { boardId: string; columnIds: string[]; cardIds: string[]; memberId: string; viewerId: string; teamId: string };

describe.skipIf(!hasDatabase)('direct route: POST /api/boards/:id/commands', () => {
  let server: http.Server;
  let base: string;
  let seeded: Seeded;
  let memberCookie: string;
  let viewerCookie: string;

  async function seed(): Promise<Seeded> {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const suffix = randomUUID().slice(0, 8);
    const member = await db.user.create({ data: { email: `direct.m.${suffix}@test.example`, name: `Anna ${suffix}` } });
    const viewer = await db.user.create({ data: { email: `direct.v.${suffix}@test.example`, name: `Chef ${suffix}` } });
    const team = await db.team.create({ data: { name: `Direktteamet ${suffix}` } });
    await db.membership.createMany({
      data: [
        { teamId: team.id, userId: member.id, role: 'MEMBER' },
        { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      ],
    });
    const board = await db.board.create({ data: { teamId: team.id, name: `Tavla ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
    const columnIds: string[] = [];
    for (const [index, name] of ['Inkommet', 'Pågår', 'Klart'].entries()) {
      const column = await db.column.create({ data: { boardId: board.id, name, position: (index + 1) * 1024, flowState: (['NOT_STARTED', 'IN_PROGRESS', 'DONE'] as const)[index]! } });
      columnIds.push(column.id);
    }
    const card = await db.card.create({ data: { boardId: board.id, columnId: columnIds[0]!, laneId: board.lanes[0]!.id, title: 'Ärende A', position: 1024 } });
    await db.cardEvent.create({ data: { boardId: board.id, cardId: card.id, type: 'CREATED', toColumnId: columnIds[0]! } });
    return { boardId: board.id, columnIds, cardIds: [card.id], memberId: member.id, viewerId: viewer.id, teamId: team.id };
  }

  async function cookieFor(userId: string): Promise<string> {
    const token = await encode({ token: { sub: userId }, secret: process.env.AUTH_SECRET!, maxAge: 600 });
    return `next-auth.session-token=${token}`;
  }

  function post(path: string, body: string, headers: Record<string, string> = {}) {
    return fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', origin: base, 'accept-language': 'sv', ...headers } });
  }

  const movePath = () => `/api/boards/${seeded.boardId}/commands`;
  const moveBody = (toColumn: number) => JSON.stringify({ type: 'card.move', cardId: seeded.cardIds[0], toColumnId: seeded.columnIds[toColumn], toIndex: 0 });

  async function memberName(): Promise<string> {
    const { getDb } = await import('@/lib/db');
    return (await getDb().user.findUniqueOrThrow({ where: { id: seeded.memberId } })).name;
  }

  async function cardColumn(): Promise<string> {
    const { getDb } = await import('@/lib/db');
    return (await getDb().card.findUniqueOrThrow({ where: { id: seeded.cardIds[0]! } })).columnId;
  }

  beforeAll(async () => {
    const { serveDirectRoute } = await import('./direct-routes');
    server = http.createServer((request, response) => {
      if (serveDirectRoute(request, response)) return;
      response.writeHead(418).end('not a direct route');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    seeded = await seed();
    memberCookie = await cookieFor(seeded.memberId);
    viewerCookie = await cookieFor(seeded.viewerId);
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (!seeded) return;
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.team.delete({ where: { id: seeded.teamId } }).catch(() => {});
    await db.user.deleteMany({ where: { id: { in: [seeded.memberId, seeded.viewerId] } } });
  });

  it('moves a card for a member: 200 with the card, one MOVED event, security headers on the answer', async () => {
    const response = await post(movePath(), moveBody(1), { cookie: memberCookie });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { card: { id: string; columnId: string; version: number } };
    expect(body.card).toMatchObject({ id: seeded.cardIds[0], columnId: seeded.columnIds[1], version: 2 });
    expect(await cardColumn()).toBe(seeded.columnIds[1]);
    const { getDb } = await import('@/lib/db');
    expect(await getDb().cardEvent.count({ where: { cardId: seeded.cardIds[0]!, type: 'MOVED' } })).toBe(1);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses without a session (401), with a forged or expired token (401) and from a foreign origin (403); nothing changes', async () => {
    const before = await cardColumn();
    const anonymous = await post(movePath(), moveBody(2));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string; message: string } }).error.message).toBeTruthy();
    expect((await post(movePath(), moveBody(2), { cookie: 'next-auth.session-token=not-a-token' })).status).toBe(401);
    const expired = await encode({ token: { sub: seeded.memberId }, secret: process.env.AUTH_SECRET!, maxAge: -60 });
    expect((await post(movePath(), moveBody(2), { cookie: `next-auth.session-token=${expired}` })).status).toBe(401);
    const otherSecret = await encode({ token: { sub: seeded.memberId }, secret: 'another-secret-of-some-length', maxAge: 600 });
    expect((await post(movePath(), moveBody(2), { cookie: `next-auth.session-token=${otherSecret}` })).status).toBe(401);
    expect((await post(movePath(), moveBody(2), { cookie: memberCookie, origin: 'https://evil.example' })).status).toBe(403);
    expect(await cardColumn()).toBe(before);
  });

  it('refuses a viewer (403), another board (404), bad JSON and an oversized body (422) with translated messages; nothing changes', async () => {
    const before = await cardColumn();
    const viewer = await post(movePath(), moveBody(2), { cookie: viewerCookie });
    expect(viewer.status).toBe(403);
    const other = await post(`/api/boards/${randomUUID()}/commands`, moveBody(2), { cookie: memberCookie });
    expect(other.status).toBe(404);
    const notJson = await post(movePath(), '{"type": "card.move",', { cookie: memberCookie });
    expect(notJson.status).toBe(422);
    const huge = await post(movePath(), JSON.stringify({ type: 'card.move', cardId: 'x'.repeat(400_000) }), { cookie: memberCookie });
    expect(huge.status).toBe(422);
    const invalid = await post(movePath(), JSON.stringify({ type: 'card.move', cardId: seeded.cardIds[0], toColumnId: seeded.columnIds[2], toIndex: -1 }), { cookie: memberCookie });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).not.toMatch(/at |Error/);
    expect(await cardColumn()).toBe(before);
  });

  it('streams the board live to a member: SSE with security headers, the presence list, then every move', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/boards/${seeded.boardId}/events`, { headers: { cookie: viewerCookie }, signal: controller.signal });
    try {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      const readUntil = async (pattern: RegExp) => {
        const deadline = Date.now() + 5_000;
        while (!pattern.test(received)) {
          if (Date.now() > deadline) throw new Error(`no ${pattern} in ${received}`);
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended: ${received}`);
          received += decoder.decode(value, { stream: true });
        }
      };
      await readUntil(/"kind":"presence"/);
      // A spread reconnect delay (1–3 s) for the browser's own EventSource.
      expect(received).toMatch(/^retry: [1-3]\d{3}\n\n/);
      const moved = await post(movePath(), moveBody(2), { cookie: memberCookie });
      expect(moved.status).toBe(200);
      const { card } = (await moved.json()) as { card: { version: number } };
      // Each event carries the board's sequence number as its SSE id (the browser's Last-Event-ID).
      await readUntil(new RegExp(`id: \\d+\\ndata: \\{"kind":"card.upsert".*"version":${card.version}`));
      expect(received).toContain(`"actorName":"${(await memberName())}"`);
    } finally {
      controller.abort();
    }
  });

  it('refuses the stream without a session (401) and to someone not on the team (404), as JSON', async () => {
    const anonymous = await fetch(`${base}/api/boards/${seeded.boardId}/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/json');
    const { getDb } = await import('@/lib/db');
    const outsider = await getDb().user.create({ data: { email: `direct.o.${randomUUID().slice(0, 8)}@test.example`, name: 'Utomstående' } });
    try {
      const refused = await fetch(`${base}/api/boards/${seeded.boardId}/events`, { headers: { cookie: await cookieFor(outsider.id) } });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    } finally {
      await getDb().user.delete({ where: { id: outsider.id } });
    }
  });

  it('refuses a move by an account removed after its cookie was issued; nothing changes', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const gone = await db.user.create({ data: { email: `direct.g.${randomUUID().slice(0, 8)}@test.example`, name: 'Borttagen' } });
    await db.membership.create({ data: { teamId: seeded.teamId, userId: gone.id, role: 'MEMBER' } });
    const cookie = await cookieFor(gone.id);
    await db.user.delete({ where: { id: gone.id } });
    const before = await cardColumn();
    const move = await post(movePath(), moveBody(0), { cookie });
    expect(move.status).toBe(401); // moveCard finds no membership; the session it came with has ended with the account
    const create = await post(movePath(), JSON.stringify({ type: 'card.create', columnId: seeded.columnIds[0], title: 'Spökkort' }), { cookie });
    expect(create.status).toBe(401);
    expect(await cardColumn()).toBe(before);
    expect(await db.card.count({ where: { boardId: seeded.boardId, title: 'Spökkort' } })).toBe(0);
  });

  it('refuses a copy of a cookie whose session has ended (generation raised): move, other commands and the stream; nothing changes', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const person = await db.user.create({ data: { email: `direct.s.${randomUUID().slice(0, 8)}@test.example`, name: 'Utloggad' } });
    await db.membership.create({ data: { teamId: seeded.teamId, userId: person.id, role: 'MEMBER' } });
    try {
      const copied = `next-auth.session-token=${await encode({ token: { sub: person.id, gen: 0 }, secret: process.env.AUTH_SECRET!, maxAge: 600 })}`;
      expect((await post(movePath(), moveBody(1), { cookie: copied })).status).toBe(200);
      // Signing out (or "sign out everywhere") raises the generation: the copied cookie is still unexpired.
      await db.user.update({ where: { id: person.id }, data: { sessionGeneration: { increment: 1 } } });
      const before = await cardColumn();
      const move = await post(movePath(), moveBody(2), { cookie: copied });
      expect(move.status).toBe(401);
      expect(((await move.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      expect((await post(movePath(), JSON.stringify({ type: 'card.create', columnId: seeded.columnIds[0], title: 'Kopierad kaka' }), { cookie: copied })).status).toBe(401);
      expect((await fetch(`${base}/api/boards/${seeded.boardId}/events`, { headers: { cookie: copied } })).status).toBe(401);
      expect(await cardColumn()).toBe(before);
      expect(await db.card.count({ where: { boardId: seeded.boardId, title: 'Kopierad kaka' } })).toBe(0);
      // A session issued under the new generation works.
      const fresh = `next-auth.session-token=${await encode({ token: { sub: person.id, gen: 1 }, secret: process.env.AUTH_SECRET!, maxAge: 600 })}`;
      expect((await post(movePath(), moveBody(0), { cookie: fresh })).status).toBe(200);
    } finally {
      await db.user.delete({ where: { id: person.id } });
    }
  });

  it('refuses a session past its absolute lifetime (7 days from sign-in), however recently it was renewed', async () => {
    const eightDaysAgo = Math.floor(Date.now() / 1000) - 8 * 86_400;
    const renewed = await encode({ token: { sub: seeded.memberId, gen: 0, authTime: eightDaysAgo }, secret: process.env.AUTH_SECRET!, maxAge: 600 });
    const before = await cardColumn();
    expect((await post(movePath(), moveBody(2), { cookie: `next-auth.session-token=${renewed}` })).status).toBe(401);
    expect(await cardColumn()).toBe(before);
  });

  /**
   * Sends the headers and the first kilobyte of a body that claims (or turns out) to be huge, and resolves with the
   * answer's status as soon as the server answers: a server that read the whole body first would never answer.
   */
  function startUpload(headers: Record<string, string>, options: { declaredBytes?: number; sendBytes?: number }): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${base}${movePath()}`);
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', origin: base, ...(options.declaredBytes ? { 'content-length': String(options.declaredBytes) } : {}), ...headers } });
      request.on('response', (response) => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
        response.resume();
        request.destroy();
      });
      request.on('error', (error) => reject(error));
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < (options.sendBytes ?? 1024)) {
          sent += chunk.length;
          if (!request.write(chunk)) return request.once('drain', pump);
        }
      };
      pump();
    });
  }

  it('refuses an anonymous body, and one declared over the limit, before reading it; stops reading an undeclared one at the limit', async () => {
    const before = await cardColumn();
    const anonymous = await startUpload({}, { declaredBytes: 65 * 1024 * 1024 });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.connection).toBe('close');
    const foreign = await startUpload({ cookie: memberCookie, origin: 'https://evil.example' }, { declaredBytes: 65 * 1024 * 1024 });
    expect(foreign.status).toBe(403);
    const declared = await startUpload({ cookie: memberCookie }, { declaredBytes: 65 * 1024 * 1024 });
    expect(declared.status).toBe(422);
    // Chunked (no Content-Length): read up to the limit, then refused without waiting for the rest.
    const chunked = await startUpload({ cookie: memberCookie, 'transfer-encoding': 'chunked' }, { sendBytes: 2 * 1024 * 1024 });
    expect(chunked.status).toBe(422);
    expect(await cardColumn()).toBe(before);
    // The server is fine afterwards.
    expect((await post(movePath(), moveBody(1), { cookie: memberCookie })).status).toBe(200);
  });

  it('sends no HSTS when only the client claims HTTPS (no trusted proxy)', async () => {
    const response = await post(movePath(), moveBody(2), { cookie: memberCookie, 'x-forwarded-proto': 'https' });
    expect(response.status).toBe(200);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves every other request to Next', async () => {
    expect((await fetch(`${base}${movePath()}`)).status).toBe(418);
    expect((await post(`/api/boards/${seeded.boardId}/state`, '{}')).status).toBe(418);
    expect((await post(`/api/boards/${seeded.boardId}/events`, '{}')).status).toBe(418);
  });
});
