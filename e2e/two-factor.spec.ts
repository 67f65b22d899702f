import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { sealTotpSecret } from '../lib/auth/two-factor-secret';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, createTestUser, TEST_PASSWORD } from './fixtures/test-data';
import { sessionCookieFor } from './access-matrix/http';

/**
 * Two-factor sign-in (issue #15 item 9): set up on the account security page with a code from an "app" (otplib
 * plays it), sign in with a code and with a recovery code, and a team that requires it stops a member without it,
 * on the page and in the API. Axe on the security page and the two-factor step.
 */

/** What an authenticator app shows for `secret`, `stepsAhead` 30-second steps from now. */
function appCode(secret: string, stepsAhead = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

async function signInWithPassword(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Logga in i Tillit' })).toBeVisible();
}

test.describe('two-factor sign-in', () => {
  test('is set up with a QR code or key and a code, then asked for after the password; a recovery code works once', async ({ page }) => {
    const user = await createTestUser('Tove Tvåfaktor');
    await signInWithPassword(page, user.email);
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();

    await page.goto('/account/security');
    await expect(page.getByRole('heading', { name: 'Inloggning och säkerhet' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Slå på tvåfaktorsinloggning' }).click();
    await expect(page.getByRole('heading', { name: '1. Lägg till Tillit i appen' })).toBeFocused();
    await expect(page.getByRole('img', { name: 'QR-kod för att lägga till Tillit i en autentiseringsapp' })).toBeVisible();
    const secret = (await page.getByTestId('manual-key').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectNoAccessibilityViolations(page);

    // A wrong code first: refused with a message, nothing switched on.
    await page.getByLabel('Kod från appen').fill('000000');
    await page.getByRole('button', { name: 'Bekräfta och slå på' }).click();
    await expect(page.locator('main [role="alert"]')).toHaveText('Koden stämmer inte. Försök igen.');
    await expect(page.locator('main [role="alert"]')).toBeFocused();
    await page.getByLabel('Kod från appen').fill(appCode(secret));
    await page.getByRole('button', { name: 'Bekräfta och slå på' }).click();
    await expect(page.getByRole('heading', { name: 'Dina återställningskoder' })).toBeFocused();
    const codes = await page.getByTestId('recovery-codes').getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Jag har sparat koderna' }).click();
    await expect(page.getByText(/Tvåfaktorsinloggning är påslagen sedan .*Du har 10 återställningskoder kvar\./)).toBeVisible();
    const stored = await getTestDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true, recoveryCodes: { select: { codeHash: true } } } });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecret).not.toContain(secret);
    expect(stored.recoveryCodes.map((code) => code.codeHash).join()).not.toContain(codes[0]!.slice(0, 5));

    // Sign in again: the password alone gives no session, the code step does.
    await signOut(page);
    await signInWithPassword(page, user.email);
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    await expect(page.getByRole('heading', { name: 'Tvåfaktorsinloggning' })).toBeVisible();
    expect((await page.context().cookies()).some((cookie) => cookie.name === 'next-auth.session-token')).toBe(false);
    await expect(page.getByLabel('Kod från appen')).toBeFocused();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Kod från appen').fill('123456');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.locator('main [role="alert"]')).toHaveText('Koden stämmer inte. Försök igen.');
    await expect(page.getByLabel('Kod från appen')).toBeFocused();
    // The set-up used the current step's code, so the next step's is the one that is new.
    await page.getByLabel('Kod från appen').fill(appCode(secret, 1));
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();

    // And with a recovery code, which then stops working.
    await signOut(page);
    await signInWithPassword(page, user.email);
    await page.getByRole('button', { name: 'Jag har inte telefonen: använd en återställningskod' }).click();
    await expect(page.getByLabel('Återställningskod')).toBeFocused();
    await page.getByLabel('Återställningskod').fill(codes[3]!.toUpperCase());
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();
    await page.goto('/account');
    const signIns = page.getByRole('row').filter({ hasText: 'Loggade in' });
    await expect(signIns.filter({ hasText: 'Lösenord och återställningskod' })).toHaveCount(1);
    await expect(signIns.filter({ hasText: 'Lösenord och kod' })).toHaveCount(1);
    await expect(page.getByRole('row').filter({ hasText: 'Misslyckad inloggning (fel kod)' })).toHaveCount(1);
    await signOut(page);
    await signInWithPassword(page, user.email);
    await page.getByRole('button', { name: 'Jag har inte telefonen: använd en återställningskod' }).click();
    await page.getByLabel('Återställningskod').fill(codes[3]!);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.locator('main [role="alert"]')).toHaveText('Koden stämmer inte. Försök igen.');
  });

  test('the two-factor step without a correct password first sends the person back to sign in', async ({ page }) => {
    await page.goto('/sign-in/two-factor');
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  });

  test('a team that requires it stops a member without it (page, API, moves, live stream) and lets one with it in', async ({ page, context, browser, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    // The member who turns the requirement on has two-factor sign-in already.
    await db.user.update({ where: { id: board.member.id }, data: { totpSecret: sealTotpSecret('JBSWY3DPEHPK3PXP', process.env.AUTH_SECRET!), totpEnabledAt: new Date() } });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/members`);
    await page.getByRole('checkbox', { name: 'Kräv tvåfaktorsinloggning' }).check();
    await expect(page.getByRole('status').filter({ hasText: 'Sparat.' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Kräv tvåfaktorsinloggning' })).toBeFocused();
    await page.reload();
    await expect(page.getByText(/började kräva tvåfaktorsinloggning/)).toBeVisible();
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();

    // The colleague has no second factor: asked to set it up, and refused everywhere else.
    const colleagueContext = await browser.newContext({ locale: 'sv-SE' });
    await signInAs(colleagueContext, board.colleague, baseURL!);
    const colleague = await colleagueContext.newPage();
    await colleague.goto(`/boards/${board.boardId}`);
    await expect(colleague.getByRole('heading', { name: 'Teamet kräver tvåfaktorsinloggning' })).toBeVisible();
    await expect(colleague.getByText(board.cards[0]!.title)).toHaveCount(0);
    await expectNoAccessibilityViolations(colleague);
    await colleague.goto(`/teams/${board.teamId}/members`);
    await expect(colleague.getByRole('heading', { name: 'Teamet kräver tvåfaktorsinloggning' })).toBeVisible();
    const cookie = await sessionCookieFor(board.colleague);
    const state = await fetch(`${baseURL}/api/boards/${board.boardId}`, { headers: { cookie } });
    expect(state.status).toBe(403);
    expect(((await state.json()) as { error: { code: string } }).error.code).toBe('TWO_FACTOR_REQUIRED');
    const move = await fetch(`${baseURL}/api/boards/${board.boardId}/commands`, {
      method: 'POST',
      headers: { cookie, origin: baseURL!, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[2]!.id, toIndex: 0 }),
    });
    expect(move.status).toBe(403);
    expect((await db.card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).columnId).toBe(board.cards[0]!.columnId);
    expect((await fetch(`${baseURL}/api/boards/${board.boardId}/events`, { headers: { cookie } })).status).toBe(403);
    expect((await fetch(`${baseURL}/api/boards/${board.boardId}/cards/${board.cards[0]!.id}`, { headers: { cookie } })).status).toBe(403);
    // The viewer too; and the flow overview leaves the team out for them.
    const viewerCookie = await sessionCookieFor(board.viewer);
    expect((await fetch(`${baseURL}/api/boards/${board.boardId}`, { headers: { cookie: viewerCookie } })).status).toBe(403);
    await colleague.goto('/flow');
    await expect(colleague.getByText(board.cards[0]!.title)).toHaveCount(0);

    // The member with two-factor sign-in still moves cards.
    const allowed = await fetch(`${baseURL}/api/boards/${board.boardId}/commands`, {
      method: 'POST',
      headers: { cookie: await sessionCookieFor(board.member), origin: baseURL!, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[1]!.id, toIndex: 0 }),
    });
    expect(allowed.status).toBe(200);
    await colleagueContext.close();
  });
});
