import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { startAppProcess, stopAppProcess } from './fixtures/app-process';
import { getTestDb } from './fixtures/db';
import { newSubject, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ISSUER, OIDC_PORT, OIDC_TEST_ACR, registerOidcAccount, startOidcProvider, type RunningOidcProvider } from './fixtures/oidc-provider';
import { createTestUser, TEST_PASSWORD } from './fixtures/test-data';

/**
 * Single sign-on through a real OpenID Connect provider (oidc-provider, in this process, on loopback) and a Tillit
 * instance configured for it only by environment variables, signing in in the browser.
 */

const PORT = Number(process.env.E2E_PORT_C ?? 3102);
const APP = `http://localhost:${PORT}`;
const PROVIDER_NAME = 'Testkommunens inloggning';
const SSO_ENV = { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_DISPLAY_NAME: PROVIDER_NAME };
const REDIRECT_URIS = [`${APP}/api/auth/callback/oidc`];

let app: ChildProcess | undefined;
let provider: RunningOidcProvider | undefined;

async function restartProvider(options: { issuer?: string; clientSecret?: string } = {}) {
  await provider?.stop();
  provider = await startOidcProvider({ redirectUris: REDIRECT_URIS, ...options });
}

/** From Tillit's sign-in page through the provider's login form and back. */
async function signInThroughProvider(page: Page, subject: string) {
  await page.goto(`${APP}/sign-in`);
  await page.getByRole('button', { name: `Logga in med ${PROVIDER_NAME}` }).click();
  await page.waitForURL((url) => url.port === String(OIDC_PORT));
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill('any password: the test provider checks none');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.port === String(PORT));
}

const SIGN_IN_ALERT = 'main [role="alert"]';

test.describe('single sign-on (OpenID Connect)', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    test.setTimeout(300_000); // starts an app of its own, slow on a busy machine
    app = await startAppProcess(PORT, SSO_ENV);
    const html = await (await fetch(`${APP}/sign-in`)).text();
    console.log('H8DEBUG', app.pid, app.exitCode, html.match(/<button[^<]*</g));
  });

  test.afterAll(async () => {
    await provider?.stop();
    provider = undefined;
    if (app) await stopAppProcess(app);
  });

  test('refuses a provider whose discovery document names another issuer, with a clear message', async ({ page }) => {
    // The same server, but it calls itself http://localhost:… while Tillit is configured for http://127.0.0.1:….
    await restartProvider({ issuer: `http://localhost:${OIDC_PORT}` });
    await page.goto(`${APP}/sign-in`);
    await page.getByRole('button', { name: `Logga in med ${PROVIDER_NAME}` }).click();
    await expect(page).toHaveURL(new RegExp(`^${APP}/sign-in\\?(.*&)?error=OAuthSignin`));
    await expect(page.locator(SIGN_IN_ALERT)).toHaveText(
      `Inloggningen med ${PROVIDER_NAME} kunde inte starta: Tillit kunde inte bekräfta identitetsleverantörens inställningar. Kontakta den som sköter Tillit i din organisation.`,
    );
    await expectNoAccessibilityViolations(page);
  });

  test('a first sign-in creates the account; later sign-ins find it by subject, whatever the e-mail', async ({ page, context }) => {
    await restartProvider();
    const subject = newSubject();
    const email = `sso.${subject.slice(8, 16)}@kommun.example`;
    registerOidcAccount({ sub: subject, email, email_verified: true, name: 'Sara Enkel' });

    await signInThroughProvider(page, subject);
    await expect(page).toHaveURL(`${APP}/teams`);
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();
    await expect(page.getByText('Inloggad som Sara Enkel')).toBeVisible();
    await expect(page.getByText('Du är inte med i något team ännu.', { exact: false })).toBeVisible();

    const db = getTestDb();
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, passwordHash: true, isInstanceAdmin: true, identities: { select: { issuer: true, subject: true } } } });
    expect(user).toMatchObject({ passwordHash: null, isInstanceAdmin: false, identities: [{ issuer: OIDC_ISSUER, subject }] });

    // The provider now reports another address: the subject still decides who this is.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page.getByRole('heading', { name: 'Logga in i Tillit' })).toBeVisible();
    await context.clearCookies({ domain: '127.0.0.1' });
    registerOidcAccount({ sub: subject, email: `changed.${email}`, email_verified: true, name: 'Sara Enkel' });
    await signInThroughProvider(page, subject);
    await expect(page.getByText('Inloggad som Sara Enkel')).toBeVisible();
    expect(await db.user.count({ where: { email: `changed.${email}` } })).toBe(0);
    expect(await db.userIdentity.count({ where: { userId: user.id } })).toBe(1);
  });

  test('links to an existing local account by e-mail only when the provider marks it verified', async ({ page, context }) => {
    await restartProvider();
    const db = getTestDb();
    const local = await createTestUser('Lokal Användare');
    const team = await db.team.create({ data: { name: `Länkteamet ${local.id.slice(-6)}` } });
    await db.membership.create({ data: { teamId: team.id, userId: local.id, role: 'MEMBER' } });

    const unverified = registerOidcAccount({ sub: newSubject(), email: local.email.toUpperCase(), email_verified: false, name: 'Någon Annan' });
    await signInThroughProvider(page, unverified.sub);
    await expect(page).toHaveURL(new RegExp(`^${APP}/sign-in\\?(.*&)?error=OidcEmailNotVerified`));
    await expect(page.locator(SIGN_IN_ALERT)).toContainText(`Det finns redan ett konto med din e-postadress, men ${PROVIDER_NAME} har inte bekräftat att adressen är din`);
    expect(await db.userIdentity.count({ where: { userId: local.id } })).toBe(0);

    await context.clearCookies({ domain: '127.0.0.1' });
    const verified = registerOidcAccount({ sub: newSubject(), email: local.email, email_verified: true, name: 'Lokal Användare' });
    await signInThroughProvider(page, verified.sub);
    await expect(page).toHaveURL(`${APP}/teams`);
    await expect(page.getByRole('heading', { name: team.name })).toBeVisible();
    expect(await db.userIdentity.findMany({ where: { userId: local.id }, select: { subject: true } })).toEqual([{ subject: verified.sub }]);
    expect(await db.user.count({ where: { email: local.email } })).toBe(1);

    // The sign-in appears in the person's own history as single sign-on.
    await page.goto(`${APP}/account`);
    await expect(page.getByRole('row').filter({ hasText: 'Gemensam inloggning (SSO)' }).first()).toBeVisible();
  });

  test('refuses a wrong client secret with a clear message and creates nobody', async ({ page }) => {
    // The provider no longer accepts the secret Tillit is configured with.
    await restartProvider({ clientSecret: 'another-secret-than-tillits' });
    const account = registerOidcAccount({ sub: newSubject(), email: `secret.${Date.now()}@kommun.example`, email_verified: true, name: 'Fel Hemlighet' });
    await signInThroughProvider(page, account.sub);
    await expect(page).toHaveURL(new RegExp(`^${APP}/sign-in\\?(.*&)?error=OAuthCallback`));
    await expect(page.locator(SIGN_IN_ALERT)).toHaveText(
      `Inloggningen med ${PROVIDER_NAME} lyckades inte: Tillit kunde inte kontrollera svaret från identitetsleverantören. Försök igen; om det fortsätter, kontakta den som sköter Tillit i din organisation.`,
    );
    expect(await getTestDb().user.count({ where: { email: account.email! } })).toBe(0);
    const session = await page.request.get(`${APP}/api/auth/session`);
    expect(await session.json()).toEqual({});
  });

  test('refuses an ID token from another issuer, even after the discovery document was accepted', async ({ page }) => {
    await restartProvider();
    // A good sign-in first, so that this instance has accepted (and cached) the provider's discovery document.
    const good = registerOidcAccount({ sub: newSubject(), email: `good.${Date.now()}@kommun.example`, email_verified: true, name: 'God' });
    await signInThroughProvider(page, good.sub);
    await expect(page).toHaveURL(`${APP}/teams`);
    await page.context().clearCookies();

    // Now tokens come signed with the same key but from an issuer Tillit was not configured for.
    await restartProvider({ issuer: `http://localhost:${OIDC_PORT}` });
    const account = registerOidcAccount({ sub: newSubject(), email: `issuer.${Date.now()}@kommun.example`, email_verified: true, name: 'Fel Utfärdare' });
    await signInThroughProvider(page, account.sub);
    await expect(page).toHaveURL(new RegExp(`^${APP}/sign-in\\?(.*&)?error=OAuthCallback`));
    await expect(page.locator(SIGN_IN_ALERT)).toContainText(`Inloggningen med ${PROVIDER_NAME} lyckades inte`);
    expect(await getTestDb().user.count({ where: { email: account.email! } })).toBe(0);
  });

  test('password sign-in can be switched off when single sign-on is on', async ({ page }) => {
    test.setTimeout(300_000); // starts an app of its own, slow on a busy machine
    await restartProvider();
    await stopAppProcess(app!);
    app = await startAppProcess(PORT, { ...SSO_ENV, TILLIT_LOCAL_SIGN_IN: 'false' });
    const user = await createTestUser('Lösenord Avstängt');

    await page.goto(`${APP}/sign-in`);
    await expect(page.getByRole('button', { name: `Logga in med ${PROVIDER_NAME}` })).toBeVisible();
    await expect(page.getByText(`Inloggning med lösenord är avstängd här. Använd ${PROVIDER_NAME}.`)).toBeVisible();
    await expect(page.getByLabel('Lösenord')).toHaveCount(0);

    // The password endpoint itself is gone too, not just the form.
    const csrf = (await (await page.request.get(`${APP}/api/auth/csrf`)).json()) as { csrfToken: string };
    const response = await page.request.post(`${APP}/api/auth/callback/credentials`, {
      form: { csrfToken: csrf.csrfToken, email: user.email, password: TEST_PASSWORD, json: 'true' },
      headers: { origin: APP },
    });
    expect(response.headers()['set-cookie'] ?? '').not.toMatch(/session-token=[^;]/);
    expect(await (await page.request.get(`${APP}/api/auth/session`)).json()).toEqual({});

    // Single sign-on still works.
    const account = registerOidcAccount({ sub: newSubject(), email: `only.sso.${Date.now()}@kommun.example`, email_verified: true, name: 'Bara SSO' });
    await signInThroughProvider(page, account.sub);
    await expect(page.getByText('Inloggad som Bara SSO')).toBeVisible();
  });
});

/**
 * OIDC_REQUIRED_ACR against the real test provider: the instance asks for the organisation's two-factor level
 * (acr_values) and lets in only an ID token that says the person signed in that way.
 */
test.describe('single sign-on that requires an authentication level (OIDC_REQUIRED_ACR)', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    test.setTimeout(300_000); // starts an app of its own, slow on a busy machine
    provider = await startOidcProvider({ redirectUris: REDIRECT_URIS });
    app = await startAppProcess(PORT, { ...SSO_ENV, OIDC_REQUIRED_ACR: OIDC_TEST_ACR.multiFactor });
  });

  test.afterAll(async () => {
    await provider?.stop();
    provider = undefined;
    if (app) await stopAppProcess(app);
  });

  test('an ID token without the required acr is refused with a translated message and no session; with it the person is signed in', async ({ page, context }) => {
    const db = getTestDb();
    const weak = registerOidcAccount({ sub: newSubject(), email: `weak.${Date.now()}@kommun.example`, email_verified: true, name: 'Svag Inloggning', acr: OIDC_TEST_ACR.password });
    await signInThroughProvider(page, weak.sub);
    await expect(page).toHaveURL(new RegExp(`^${APP}/sign-in\\?(.*&)?error=OidcMfaRequired`));
    await expect(page.locator(SIGN_IN_ALERT)).toHaveText(
      'Din organisations inloggning bekräftade inte att du loggade in med två faktorer, och det kräver Tillit här. Logga in igen och använd tvåfaktorsinloggningen, eller kontakta den som sköter inloggningen.',
    );
    expect(await (await page.request.get(`${APP}/api/auth/session`)).json()).toEqual({});
    expect(await db.user.count({ where: { email: weak.email! } })).toBe(0);

    // No acr at all is refused the same way; the message in English too.
    await context.clearCookies({ domain: '127.0.0.1' });
    const none = registerOidcAccount({ sub: newSubject(), email: `none.${Date.now()}@kommun.example`, email_verified: true, name: 'Ingen Nivå' });
    await signInThroughProvider(page, none.sub);
    await expect(page).toHaveURL(new RegExp(`^${APP}/sign-in\\?(.*&)?error=OidcMfaRequired`));
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: APP }]);
    await page.reload();
    await expect(page.locator(SIGN_IN_ALERT)).toHaveText(
      "Your organisation's sign-in did not confirm that you signed in with two factors, which Tillit requires here. Sign in again using two-factor sign-in, or contact whoever runs sign-in.",
    );
    expect(await db.user.count({ where: { email: none.email! } })).toBe(0);
    await context.clearCookies();

    // The required level: signed in, the account created.
    const strong = registerOidcAccount({ sub: newSubject(), email: `strong.${Date.now()}@kommun.example`, email_verified: true, name: 'Stark Inloggning', acr: OIDC_TEST_ACR.multiFactor });
    await signInThroughProvider(page, strong.sub);
    await expect(page).toHaveURL(`${APP}/teams`);
    await expect(page.getByText('Inloggad som Stark Inloggning')).toBeVisible();
    expect(await db.user.count({ where: { email: strong.email! } })).toBe(1);
    // This instance sends no e-mail (no SMTP_URL): the account page offers no e-mail for mentions.
    await page.goto(`${APP}/account`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'E-post när någon nämner mig' })).toHaveCount(0);
  });
});
