import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { createTestUser, TEST_PASSWORD } from './fixtures/test-data';

/** Each person's own sign-in and sign-out history: recorded for every sign-in, shown to that person only. */

test.describe('sign-in history', () => {
  test('records sign-ins, sign-outs and failed passwords, and shows them to the person themself', async ({ page, browser, baseURL }) => {
    const user = await createTestUser('Hanna Historik');
    await page.goto('/sign-in');
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord').fill('not the password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.locator('form [role="alert"]')).toBeVisible();
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page.getByRole('heading', { name: 'Logga in i Tillit' })).toBeVisible();
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();

    await page.getByRole('link', { name: 'Dina inloggningar' }).click();
    await expect(page.getByRole('heading', { name: 'Dina inloggningar och utloggningar' })).toBeVisible();
    const rows = page.getByRole('row');
    await expect(rows).toHaveCount(5); // header + 4 entries
    await expect(rows.nth(1)).toContainText('Loggade in');
    await expect(rows.nth(1)).toContainText('Lösenord');
    await expect(rows.nth(2)).toContainText('Loggade ut');
    await expect(rows.nth(3)).toContainText('Loggade in');
    await expect(rows.nth(4)).toContainText('Misslyckad inloggning (fel lösenord)');
    await expect(rows.nth(1)).toContainText(/HeadlessChrome|Chrome/);
    await expectNoAccessibilityViolations(page);

    // Someone else, an instance administrator included, sees only their own history: there is no way to ask for
    // another person's.
    const admin = await createTestUser('Adam Administratör');
    const { getTestDb } = await import('./fixtures/db');
    await getTestDb().user.update({ where: { id: admin.id }, data: { isInstanceAdmin: true } });
    const adminContext = await browser.newContext({ locale: 'sv-SE' });
    await signInAs(adminContext, admin, baseURL!);
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`/account?userId=${user.id}`);
    await expect(adminPage.getByText('Inget registrerat än.')).toBeVisible();
    await expect(adminPage.getByText('Misslyckad inloggning')).toHaveCount(0);
  });

  test('records the address of the connection, not one the browser claims in X-Forwarded-For (no trusted proxy)', async ({ browser }) => {
    const user = await createTestUser('Xerxes Förfalskad');
    const context = await browser.newContext({ locale: 'sv-SE', extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.66', 'x-tillit-client-address': '203.0.113.67' } });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord').fill('not the password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.locator('form [role="alert"]')).toBeVisible();
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();
    await page.goto('/account');
    const rows = page.getByRole('row').filter({ hasText: /Loggade in|Misslyckad inloggning/ });
    await expect(rows).toHaveCount(2);
    for (const row of await rows.all()) {
      await expect(row).toContainText(/127\.0\.0\.1|::1/);
      await expect(row).not.toContainText('203.0.113');
    }
    await context.close();
  });
});
