import { expect, test } from './fixtures';
import { createTestUser, TEST_PASSWORD } from './fixtures/test-data';

test.describe('sign-in', () => {
  test('signs in with the form, lands on the team list and signs out', async ({ page }) => {
    const user = await createTestUser('Sara Inloggning');
    await page.goto('/sign-in');
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();
    await expect(page.getByText(`Inloggad som ${user.name}`)).toBeVisible();

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page.getByRole('heading', { name: 'Logga in i Tillit' })).toBeVisible();
    await page.goto('/teams');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('gives one generic message for a wrong password and for an unknown account', async ({ page }) => {
    const user = await createTestUser('Sara Felskriven');
    await page.goto('/sign-in');
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord').fill('not the password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const message = page.locator('form [role="alert"]');
    await expect(message).toHaveText('E-postadressen eller lösenordet stämmer inte.');

    await page.getByLabel('E-postadress').fill(`nobody.${Date.now()}@test.example`);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(message).toHaveText('E-postadressen eller lösenordet stämmer inte.');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
