import { decode, encode } from 'next-auth/jwt';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { getTestDb } from './fixtures/db';
import { createTestBoard, TEST_PASSWORD } from './fixtures/test-data';

/**
 * Sessions that really end (issue #15, finding 1): signing out, and "Logga ut överallt", end the session on the
 * server, so a copy of the cookie taken before reads nothing, moves nothing and cannot be renewed; and no session
 * outlives 7 days from its sign-in, however often it is renewed.
 */

const SESSION_COOKIE = 'next-auth.session-token';

async function signInWithForm(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();
}

async function sessionCookieOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return `${SESSION_COOKIE}=${cookie.value}`;
}

/** What a copied cookie still gets: the board's JSON, the board page, a move, and a renewal at /api/auth/session. */
async function probe(base: string, cookie: string, board: Awaited<ReturnType<typeof createTestBoard>>) {
  const state = await fetch(`${base}/api/boards/${board.boardId}`, { headers: { cookie } });
  const boardPage = await fetch(`${base}/boards/${board.boardId}`, { headers: { cookie }, redirect: 'manual' });
  const move = await fetch(`${base}/api/boards/${board.boardId}/commands`, {
    method: 'POST',
    headers: { cookie, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[2]!.id, toIndex: 0 }),
  });
  const renewal = await fetch(`${base}/api/auth/session`, { headers: { cookie } });
  const renewedToken = renewal.headers
    .getSetCookie()
    .map((line) => new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(line)?.[1] ?? '')
    .find((value) => value.length > 0);
  return { state: state.status, page: boardPage.status, pageLocation: boardPage.headers.get('location') ?? '', move: move.status, session: (await renewal.json()) as { user?: unknown }, renewedToken };
}

test.describe('sessions', () => {
  test('signing out ends the session: a cookie copied before reads nothing, moves nothing and is not renewed', async ({ page, baseURL }) => {
    const board = await createTestBoard();
    await signInWithForm(page, board.member.email);
    const copied = await sessionCookieOf(page);
    const before = await probe(baseURL!, copied, board);
    expect(before).toMatchObject({ state: 200, page: 200, move: 200 });
    expect(before.renewedToken).toBeTruthy();

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page.getByRole('heading', { name: 'Logga in i Tillit' })).toBeVisible();

    const columnBefore = (await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).columnId;
    // The renewed token from before sign-out is as dead as the original.
    for (const cookie of [copied, `${SESSION_COOKIE}=${before.renewedToken}`]) {
      const after = await probe(baseURL!, cookie, { ...board, columns: [board.columns[0]!, board.columns[1]!, board.columns[0]!] });
      expect(after.state).toBe(401);
      expect(after.page).toBe(307);
      expect(after.pageLocation).toContain('/sign-in');
      expect(after.move).toBe(401);
      expect(after.session).toEqual({});
      expect(after.renewedToken).toBeUndefined();
    }
    expect((await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).columnId).toBe(columnBefore);
  });

  test('"Logga ut överallt" ends the sessions on every device', async ({ page, browser, baseURL }) => {
    const board = await createTestBoard();
    await signInWithForm(page, board.member.email);
    const otherDevice = await browser.newContext({ locale: 'sv-SE' });
    const otherPage = await otherDevice.newPage();
    await signInWithForm(otherPage, board.member.email);
    const otherCookie = await sessionCookieOf(otherPage);

    await page.goto('/account/security');
    await page.getByRole('button', { name: 'Logga ut överallt' }).click();
    await expect(page.getByRole('heading', { name: 'Logga in i Tillit' })).toBeVisible();

    await otherPage.goto(`/boards/${board.boardId}`);
    await expect(otherPage).toHaveURL(/\/sign-in/);
    expect((await probe(baseURL!, otherCookie, board)).state).toBe(401);
    // Signing in again works, and the account's history shows the sign-out.
    await signInWithForm(page, board.member.email);
    await page.goto('/account');
    await expect(page.getByRole('row').filter({ hasText: 'Loggade ut' })).toHaveCount(1);
    await otherDevice.close();
  });

  test('changing the password ends the sessions on other devices; the changing browser stays signed in', async ({ page, browser, baseURL }) => {
    const board = await createTestBoard();
    await signInWithForm(page, board.member.email);
    const otherDevice = await browser.newContext({ locale: 'sv-SE' });
    const otherPage = await otherDevice.newPage();
    await signInWithForm(otherPage, board.member.email);
    const otherCookie = await sessionCookieOf(otherPage);
    expect((await probe(baseURL!, otherCookie, board)).state).toBe(200);
    const generationBefore = (await getTestDb().user.findUniqueOrThrow({ where: { id: board.member.id } })).sessionGeneration;

    await page.goto('/account/security');
    const newPassword = 'en helt ny lösenfras för test';
    await page.getByLabel('Nuvarande lösenord').fill(TEST_PASSWORD);
    await page.locator('input[name="next"]').fill(newPassword); // its label also holds the hint
    await page.getByLabel('Nytt lösenord igen').fill(newPassword);
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    const changed = page.getByRole('status').filter({ hasText: 'Lösenordet är bytt. Dina andra inloggningar har avslutats.' });
    await expect(changed).toBeVisible();
    await expect(changed).toBeFocused();
    expect((await getTestDb().user.findUniqueOrThrow({ where: { id: board.member.id } })).sessionGeneration).toBe(generationBefore + 1);

    // The other device's cookie reads nothing and moves nothing any more, and its page is sent to sign in.
    const columnBefore = (await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).columnId;
    const other = await probe(baseURL!, otherCookie, { ...board, columns: [board.columns[0]!, board.columns[1]!, board.columns[0]!] });
    expect(other).toMatchObject({ state: 401, page: 307, move: 401, session: {} });
    expect(other.renewedToken).toBeUndefined();
    expect((await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).columnId).toBe(columnBefore);
    await otherPage.goto(`/boards/${board.boardId}`);
    await expect(otherPage).toHaveURL(/\/sign-in/);

    // The browser that changed it was renewed under the new generation: it still reads the board.
    const own = await sessionCookieOf(page);
    expect(await probe(baseURL!, own, board)).toMatchObject({ state: 200, page: 200, move: 200 });

    // The other device signs in again with the new password only.
    await otherPage.getByLabel('E-postadress').fill(board.member.email);
    await otherPage.getByLabel('Lösenord').fill(newPassword);
    await otherPage.getByRole('button', { name: 'Logga in' }).click();
    await expect(otherPage).not.toHaveURL(/\/sign-in/);
    expect((await probe(baseURL!, await sessionCookieOf(otherPage), board)).state).toBe(200);
    await otherDevice.close();
  });

  test('no session outlives 7 days from its sign-in, however often it was renewed', async ({ baseURL }) => {
    const board = await createTestBoard();
    const secret = process.env.AUTH_SECRET!;
    const now = Math.floor(Date.now() / 1000);
    const cookieSignedInAt = async (authTime: number) =>
      `${SESSION_COOKIE}=${await encode({ token: { sub: board.member.id, name: board.member.name, email: board.member.email, gen: 0, authTime }, secret, maxAge: 3600 })}`;

    const old = await probe(baseURL!, await cookieSignedInAt(now - 8 * 86_400), board);
    expect(old).toMatchObject({ state: 401, page: 307, move: 401, session: {} });
    expect(old.renewedToken).toBeUndefined();

    const recent = await probe(baseURL!, await cookieSignedInAt(now - 2 * 3600), board);
    expect(recent).toMatchObject({ state: 200, page: 200, move: 200 });
    // A renewal keeps the sign-in time and the generation, so renewing cannot push the end further.
    const renewed = await decode({ token: recent.renewedToken!, secret });
    expect(renewed).toMatchObject({ sub: board.member.id, gen: 0, authTime: now - 2 * 3600 });
  });
});
