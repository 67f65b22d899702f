import type { ChildProcess } from 'node:child_process';
import { expect, PORT_B_URL, test } from './fixtures';
import { startAppProcess, stopAppProcess } from './fixtures/app-process';
import { createTestUser, TEST_PASSWORD } from './fixtures/test-data';

/**
 * Sign-in rate limits against the real servers (lib/auth/rate-limit.ts): per account and address (5 failures, then
 * a pause, with a translated message — for that address only, so nobody can lock the owner out), per client
 * address (100 failures), per account from all addresses (50), shared by the app instances through PostgreSQL.
 *
 * The shared servers trust no proxy, so every request of this machine comes from one address (loopback). Tests
 * that play several client addresses run against their own instance behind a pretend proxy
 * (TILLIT_TRUSTED_PROXY_HOPS=1), which takes the client's address from X-Forwarded-For.
 */

const PROXIED_PORT = Number(process.env.E2E_PORT_C ?? 3102);
const PROXIED = `http://localhost:${PROXIED_PORT}`;
const randomAddress = (prefix: string) => `${prefix}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

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
  let proxied: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(300_000); // starts an app of its own, slow on a busy machine
    proxied = await startAppProcess(PROXIED_PORT, { TILLIT_TRUSTED_PROXY_HOPS: '1' });
  });

  test.afterAll(async () => {
    if (proxied) await stopAppProcess(proxied, 'SIGTERM');
  });

  test('after 5 wrong passwords from one address the account pauses there, with a translated message, even for the right password; its owner elsewhere still signs in', async ({ page, context }) => {
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

    // The owner, from their own address, is not locked out by the attacker's failures.
    expect((await attempt(PROXIED, user.email, TEST_PASSWORD, randomAddress('198.51'))).outcome).toBe('signedIn');
  });

  test('unknown accounts are limited exactly like real ones', async () => {
    const address = randomAddress('198.51');
    const unknown = `nobody.${Date.now()}@test.example`;
    for (let i = 0; i < 5; i += 1) expect((await attempt(PROXIED, unknown, 'x', address)).outcome).toBe('wrong');
    expect((await attempt(PROXIED, unknown, 'x', address)).outcome).toBe('limited');
    const real = await createTestUser('Rut Riktig');
    for (let i = 0; i < 5; i += 1) expect((await attempt(PROXIED, real.email, 'x', address)).outcome).toBe('wrong');
    expect((await attempt(PROXIED, real.email, 'x', address)).outcome).toBe('limited');
  });

  test('a new X-Forwarded-For on every attempt does not escape the limit when no proxy is trusted', async ({ baseURL }) => {
    // The shared server trusts no proxy: the header is the client's own claim, and the connection (loopback) is the
    // address the limit counts, whatever the header says.
    const user = await createTestUser('Xena Växlar');
    for (let i = 0; i < 5; i += 1) expect((await attempt(baseURL!, user.email, `wrong ${i}`, randomAddress('203.0'))).outcome).toBe('wrong');
    expect(await attempt(baseURL!, user.email, TEST_PASSWORD, randomAddress('203.0'))).toEqual({ outcome: 'limited', minutes: 15 });
    expect(await attempt(baseURL!, user.email, TEST_PASSWORD)).toEqual({ outcome: 'limited', minutes: 15 });
    // Behind a trusted proxy the same addresses would be separate clients: the proxied instance lets the owner in.
    expect((await attempt(PROXIED, user.email, TEST_PASSWORD, randomAddress('198.51'))).outcome).toBe('signedIn');
  });

  test('the limit holds across app instances (counters in PostgreSQL)', async ({ baseURL }) => {
    const user = await createTestUser('Tove Tvåinstanser');
    for (let i = 0; i < 3; i += 1) expect((await attempt(baseURL!, user.email, 'wrong')).outcome).toBe('wrong');
    for (let i = 0; i < 2; i += 1) expect((await attempt(PORT_B_URL, user.email, 'wrong')).outcome).toBe('wrong');
    expect(await attempt(baseURL!, user.email, TEST_PASSWORD)).toEqual({ outcome: 'limited', minutes: 15 });
    expect(await attempt(PORT_B_URL, user.email, TEST_PASSWORD)).toEqual({ outcome: 'limited', minutes: 15 });

    // A correct password before the limit clears the account's failures from that address.
    const other = await createTestUser('Olle Omstart');
    for (let i = 0; i < 4; i += 1) await attempt(PORT_B_URL, other.email, 'wrong');
    expect((await attempt(baseURL!, other.email, TEST_PASSWORD)).outcome).toBe('signedIn');
    for (let i = 0; i < 4; i += 1) expect((await attempt(baseURL!, other.email, 'wrong')).outcome).toBe('wrong');
    expect((await attempt(PORT_B_URL, other.email, TEST_PASSWORD)).outcome).toBe('signedIn');
  });

  test('an address that fails 100 times is paused for every account, other addresses are not', async () => {
    const address = randomAddress('198.18');
    const stamp = Date.now();
    for (let batch = 0; batch < 10; batch += 1) {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(PROXIED, `spray.${stamp}.${batch}.${i}@test.example`, 'guess', address)));
      expect(results.map((result) => result.outcome)).toEqual(Array(10).fill('wrong'));
    }
    const victim = await createTestUser('Vera Verklig');
    expect(await attempt(PROXIED, victim.email, TEST_PASSWORD, address)).toEqual({ outcome: 'limited', minutes: 15 });
    expect((await attempt(PROXIED, victim.email, TEST_PASSWORD, randomAddress('198.19'))).outcome).toBe('signedIn');
  });

  test('an attack on one account from many addresses is slowed, and the owner still signs in', async () => {
    const user = await createTestUser('Berit Botnät');
    const attackers = Array.from({ length: 25 }, () => randomAddress('203.0'));
    for (const address of attackers) for (let i = 0; i < 2; i += 1) expect((await attempt(PROXIED, user.email, 'guess', address)).outcome).toBe('wrong');
    // 50 failures on the account: an attacking address is refused before it reaches its own 5 …
    expect((await attempt(PROXIED, user.email, TEST_PASSWORD, attackers[0])).outcome).toBe('limited');
    // … and the owner, from an address with no failure on the account, signs in.
    expect((await attempt(PROXIED, user.email, TEST_PASSWORD, randomAddress('198.51'))).outcome).toBe('signedIn');
  });
});
