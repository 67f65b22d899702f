import { expect, PORT_B_URL, test } from './fixtures';
import { createTestUser, TEST_PASSWORD } from './fixtures/test-data';

/**
 * Sign-in rate limits against the real servers: per account (5 failures, then a pause, with a translated message),
 * per client address (100 failures), and shared by the two app instances through PostgreSQL.
 */

type Attempt = { outcome: 'signedIn' | 'wrong' | 'limited'; minutes: number | null };

/**
 * One password attempt through next-auth's own endpoints, as the sign-in form makes it, with its own CSRF cookie
 * (so that parallel attempts do not share one). `address` plays a client address behind a proxy (X-Forwarded-For).
 */
async function attempt(base: string, email: string, password: string, address?: string): Promise<Attempt> {
  const headers: Record<string, string> = {};
  if (address) headers['x-forwarded-for'] = address;
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { ...headers, origin: base, cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    redirect: 'manual',
  });
  const signedIn = response.headers.getSetCookie().some((cookie) => /^next-auth\.session-token=[^;]+/.test(cookie));
  const url = new URL(((await response.json()) as { url: string }).url);
  const error = url.searchParams.get('error');
  if (signedIn && !error) return { outcome: 'signedIn', minutes: null };
  const limited = /^RATE_LIMITED:(\d+)$/.exec(error ?? '');
  if (limited) return { outcome: 'limited', minutes: Number(limited[1]) };
  if (error === 'CredentialsSignin') return { outcome: 'wrong', minutes: null };
  throw new Error(`unexpected sign-in answer: ${url.toString()}`);
}

test.describe('sign-in rate limits', () => {
  test('after 5 wrong passwords the account pauses, with a translated message, even for the right password', async ({ page, context }) => {
    const user = await createTestUser('Lisa Låst');
    await page.goto('/sign-in');
    const message = page.locator('form [role="alert"]');
    for (let i = 0; i < 5; i += 1) {
      await page.getByLabel('E-postadress').fill(user.email);
      await page.getByLabel('Lösenord').fill(`wrong ${i}`);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await expect(message).toHaveText('E-postadressen eller lösenordet stämmer inte.');
      await expect(page.getByRole('button', { name: 'Logga in' })).toBeEnabled();
    }
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(message).toHaveText('För många misslyckade inloggningsförsök. För din säkerhet är inloggningen pausad: försök igen om 15 minuter.');
    await expect(page).toHaveURL(/\/sign-in/);

    // The same message in English.
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
    await page.reload();
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(message).toHaveText('Too many failed sign-in attempts. For your safety, sign-in is paused: try again in 15 minutes.');

    // Unknown accounts are limited exactly like real ones: the limit does not reveal who has an account.
    const unknown = `nobody.${Date.now()}@test.example`;
    for (let i = 0; i < 5; i += 1) expect((await attempt(new URL(page.url()).origin, unknown, 'x')).outcome).toBe('wrong');
    expect((await attempt(new URL(page.url()).origin, unknown, 'x')).outcome).toBe('limited');
  });

  test('the limit holds across app instances (counters in PostgreSQL)', async ({ baseURL }) => {
    const user = await createTestUser('Tove Tvåinstanser');
    for (let i = 0; i < 3; i += 1) expect((await attempt(baseURL!, user.email, 'wrong')).outcome).toBe('wrong');
    for (let i = 0; i < 2; i += 1) expect((await attempt(PORT_B_URL, user.email, 'wrong')).outcome).toBe('wrong');
    expect(await attempt(baseURL!, user.email, TEST_PASSWORD)).toEqual({ outcome: 'limited', minutes: 15 });
    expect(await attempt(PORT_B_URL, user.email, TEST_PASSWORD)).toEqual({ outcome: 'limited', minutes: 15 });

    // A correct password before the limit clears the account's failures.
    const other = await createTestUser('Olle Omstart');
    for (let i = 0; i < 4; i += 1) await attempt(PORT_B_URL, other.email, 'wrong');
    expect((await attempt(baseURL!, other.email, TEST_PASSWORD)).outcome).toBe('signedIn');
    for (let i = 0; i < 4; i += 1) expect((await attempt(baseURL!, other.email, 'wrong')).outcome).toBe('wrong');
    expect((await attempt(PORT_B_URL, other.email, TEST_PASSWORD)).outcome).toBe('signedIn');
  });

  test('an address that fails 100 times is paused for every account, other addresses are not', async ({ baseURL }) => {
    const address = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const stamp = Date.now();
    for (let batch = 0; batch < 10; batch += 1) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => attempt(batch % 2 ? PORT_B_URL : baseURL!, `spray.${stamp}.${batch}.${i}@test.example`, 'guess', address)),
      );
      expect(results.map((result) => result.outcome)).toEqual(Array(10).fill('wrong'));
    }
    const victim = await createTestUser('Vera Verklig');
    expect(await attempt(baseURL!, victim.email, TEST_PASSWORD, address)).toEqual({ outcome: 'limited', minutes: 15 });
    expect((await attempt(baseURL!, victim.email, TEST_PASSWORD, '198.19.0.1')).outcome).toBe('signedIn');
  });
});
