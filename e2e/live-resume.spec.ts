/**
 * Live updates that survive real life (issue 17), on two instances: a browser whose connection drops receives
 * exactly the changes it missed when it is back, without refetching the board; a person removed, demoted or
 * deleted loses their open streams on every instance within a second; a card too large for a database notification
 * still moves and still reaches other instances' browsers.
 */
import type { Page } from '@playwright/test';
import { expect, PORT_B_URL, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { startNetworkCut } from './fixtures/network-cut';
import { createTestBoard, type TestUser } from './fixtures/test-data';
import { encode } from 'next-auth/jwt';

const PORT_A = Number(process.env.E2E_PORT_A ?? 3100);

function cardIn(page: Page, column: string, title: string) {
  return page.getByRole('region', { name: column, exact: true }).getByRole('button', { name: `Öppna kortet ${title}`, exact: true });
}

/** The page shows exactly the board's open cards, each in its column, as the database has them. */
async function expectBoardAsStored(page: Page, boardId: string) {
  const cards = await getTestDb().card.findMany({ where: { boardId, archivedAt: null }, select: { title: true, column: { select: { name: true } } } });
  for (const card of cards) await expect(cardIn(page, card.column.name, card.title)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Öppna kortet / })).toHaveCount(cards.length);
}

/** A live stream read by the test itself: what it received, and when the server ended it. */
async function openStream(baseUrl: string, user: TestUser, boardId: string) {
  const token = await encode({ token: { sub: user.id, name: user.name, email: user.email }, secret: process.env.AUTH_SECRET!, maxAge: 3600 });
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/boards/${boardId}/events`, { headers: { cookie: `next-auth.session-token=${token}` }, signal: controller.signal });
  expect(response.status).toBe(200);
  const state = { text: '', endedAt: null as number | null };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        state.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted by the test
    }
    state.endedAt = Date.now();
  })();
  await expect.poll(() => state.text).toContain('"kind":"presence"');
  return { state, ended, close: () => controller.abort() };
}

test.describe('live updates at scale of real life', () => {
  test('a browser whose connection drops gets exactly the 20 changes it missed when it is back, and refetches nothing', async ({ browser }) => {
    const board = await createTestBoard();
    const network = await startNetworkCut(PORT_A);
    const annaContext = await browser.newContext();
    const boContext = await browser.newContext();
    try {
      await signInAs(annaContext, board.member, network.url);
      await signInAs(boContext, board.colleague, PORT_B_URL);
      const anna = await annaContext.newPage();
      await anna.goto(`${network.url}/boards/${board.boardId}`);
      await expect(anna.locator('[data-live-status="live"]')).toBeVisible();
      // From now on, note every fetch of the board and every page load.
      const refetches: string[] = [];
      const streamOpenings: string[] = [];
      anna.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === `/api/boards/${board.boardId}` || request.resourceType() === 'document') refetches.push(`${request.method()} ${url.pathname}`);
        if (url.pathname === `/api/boards/${board.boardId}/events`) streamOpenings.push(url.search);
      });

      network.cut();
      await expect(anna.locator('[data-live-status="paused"]')).toBeVisible();

      // Meanwhile Bo, in another browser on the other instance, makes 20 changes.
      const post = async (data: Record<string, unknown>) => {
        const response = await boContext.request.post(`${PORT_B_URL}/api/boards/${board.boardId}/commands`, { data, headers: { origin: PORT_B_URL } });
        expect(response.status(), JSON.stringify(data)).toBe(200);
        return (await response.json()) as { card?: { id: string } };
      };
      const [a, b, c] = board.cards as [(typeof board.cards)[0], (typeof board.cards)[0], (typeof board.cards)[0]];
      const [todo, doing, done] = board.columns as [(typeof board.columns)[0], (typeof board.columns)[0], (typeof board.columns)[0]];
      const created: string[] = [];
      for (let i = 0; i < 4; i += 1) created.push((await post({ type: 'card.create', columnId: [todo, doing][i % 2]!.id, title: `Nytt ärende ${i + 1}` })).card!.id);
      for (let i = 0; i < 8; i += 1) await post({ type: 'card.move', cardId: [a, b, c, { id: created[0] }][i % 4]!.id, toColumnId: [doing, done, todo][i % 3]!.id, toIndex: 0 });
      for (let i = 0; i < 4; i += 1) await post({ type: 'card.update', cardId: [a, b, c][i % 3]!.id, title: `Omdöpt ärende ${i + 1}` });
      await post({ type: 'card.block', cardId: c.id, reason: 'Väntar på intyg' });
      await post({ type: 'card.block', cardId: b.id, reason: 'Väntar på svar' });
      await post({ type: 'card.unblock', cardId: b.id });
      await post({ type: 'card.archive', cardId: created[3]! });

      network.restore();
      await expect(anna.locator('[data-live-status="live"]')).toBeVisible({ timeout: 30_000 });
      await expectBoardAsStored(anna, board.boardId);
      await expect(cardIn(anna, (await getTestDb().card.findUniqueOrThrow({ where: { id: c.id }, select: { column: { select: { name: true } } } })).column.name, (await getTestDb().card.findUniqueOrThrow({ where: { id: c.id } })).title)).toBeVisible();
      await expect(anna.getByText('Väntar på intyg')).toBeVisible();
      // The board was never fetched again: the stream replayed what was missed, asking from its last event.
      expect(refetches).toEqual([]);
      expect(streamOpenings.length).toBeGreaterThan(0);
      expect(streamOpenings.at(-1)).toMatch(/^\?lastEventId=\d+$/);
    } finally {
      await annaContext.close();
      await boContext.close();
      await network.close();
    }
  });

  test('removing a member, demoting one, signing out everywhere and deleting an account close their open streams on every instance within a second', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    const boContext = await browser.newContext();
    const annaStream = await openStream(baseURL!, board.member, board.boardId);
    try {
      // Bo has the board open in a browser on instance B and a stream on instance A.
      await signInAs(boContext, board.colleague, PORT_B_URL);
      const boPage = await boContext.newPage();
      await boPage.goto(`${PORT_B_URL}/boards/${board.boardId}`);
      await expect(boPage.locator('[data-live-status="live"]')).toBeVisible();
      await expect(boPage.getByText('Du är läsare: du kan läsa tavlan men inte ändra den.')).toHaveCount(0);
      const boStream = await openStream(baseURL!, board.colleague, board.boardId);

      // Demoted to viewer: both streams end at once, and the page comes back read-only.
      const demotedAt = Date.now();
      await db.membership.update({ where: { teamId_userId: { teamId: board.teamId, userId: board.colleague.id } }, data: { role: 'VIEWER' } });
      await boStream.ended;
      expect(boStream.state.endedAt! - demotedAt).toBeLessThan(1_000);
      expect(boStream.state.text).toContain('"role" : "VIEWER"');
      await expect(boPage.getByText('Du är läsare: du kan läsa tavlan men inte ändra den.')).toBeVisible();
      await expect(boPage.locator('[data-live-status="live"]')).toBeVisible();

      // Removed from the team: the streams on both instances end within a second and the page leaves the board.
      const boStreamAgain = await openStream(baseURL!, board.colleague, board.boardId);
      const removedAt = Date.now();
      await db.membership.delete({ where: { teamId_userId: { teamId: board.teamId, userId: board.colleague.id } } });
      await boStreamAgain.ended;
      expect(boStreamAgain.state.endedAt! - removedAt).toBeLessThan(1_000);
      expect(boStreamAgain.state.text).toContain('"role" : null');
      await boPage.waitForURL(/\/teams$/);
      expect((await fetch(`${baseURL}/api/boards/${board.boardId}/events`, { headers: { cookie: (await boContext.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).status).toBe(404);

      // Anna signs out everywhere (her session generation rises): her streams end within a second as well.
      const annaSecond = await openStream(PORT_B_URL, board.member, board.boardId);
      const signedOutAt = Date.now();
      await db.user.update({ where: { id: board.member.id }, data: { sessionGeneration: { increment: 1 } } });
      await annaSecond.ended;
      expect(annaSecond.state.endedAt! - signedOutAt).toBeLessThan(1_000);
      expect(annaSecond.state.text).toContain('"reason" : "session-ended"');
      await annaStream.ended;

      // An account deleted: the viewer's stream ends within a second too.
      const viewerStream = await openStream(PORT_B_URL, board.viewer, board.boardId);
      const deletedAt = Date.now();
      await db.user.delete({ where: { id: board.viewer.id } });
      await viewerStream.ended;
      expect(viewerStream.state.endedAt! - deletedAt).toBeLessThan(1_000);

      // Until she signed out, Anna (still on the team) kept her stream and heard nothing of the others' changes.
      expect(annaStream.state.text.match(/"access\.changed"/g)).toHaveLength(1);
      expect(annaStream.state.text).toContain(`"userId" : "${board.member.id}", "role" : "MEMBER", "reason" : "session-ended"`);
    } finally {
      annaStream.close();
      await boContext.close();
    }
  });

  test('a card too large for a database notification moves, and a browser on the other instance sees the move', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    const big = board.cards[0]!;
    // Twenty labels of control characters (6 bytes each in JSON) and a long title: far over the 8,000-byte limit.
    await db.card.update({ where: { id: big.id }, data: { labels: Array.from({ length: 20 }, (_, i) => `${i}${'\u0001'.repeat(59)}`), title: `Stort ärende ${'ö'.repeat(180)}` } });
    const title = (await db.card.findUniqueOrThrow({ where: { id: big.id } })).title;
    const annaContext = await browser.newContext();
    const boContext = await browser.newContext();
    try {
      await signInAs(annaContext, board.member, baseURL!);
      await signInAs(boContext, board.colleague, PORT_B_URL);
      const anna = await annaContext.newPage();
      await anna.goto(`${baseURL}/boards/${board.boardId}`);
      await expect(anna.locator('[data-live-status="live"]')).toBeVisible();
      const moved = await boContext.request.post(`${PORT_B_URL}/api/boards/${board.boardId}/commands`, {
        data: { type: 'card.move', cardId: big.id, toColumnId: board.columns[2]!.id, toIndex: 0 },
        headers: { origin: PORT_B_URL },
      });
      expect(moved.status()).toBe(200);
      const logged = await db.outboxEvent.findFirstOrThrow({ where: { boardId: board.boardId }, orderBy: { seq: 'desc' } });
      expect(Buffer.byteLength(logged.payload)).toBeGreaterThan(8_000);
      await expect(cardIn(anna, 'Klart', title)).toBeVisible();
    } finally {
      await annaContext.close();
      await boContext.close();
    }
  });
});
