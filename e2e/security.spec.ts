import { spawn } from 'node:child_process';
import { expect, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { startAppProcess, stopAppProcess } from './fixtures/app-process';
import { getTestDb } from './fixtures/db';
import { createTestBoard, createTestUser, TEST_PASSWORD } from './fixtures/test-data';
import { FOREIGN_ORIGIN, readActionManifest, sessionCookieFor } from './access-matrix/http';

/**
 * Hardening, checked against the production build: security headers on every kind of response, a nonce-based CSP
 * that really stops injected scripts, session cookie flags (over http, and Secure behind HTTPS), server actions
 * refused from foreign sites, and a server that will not start with incomplete configuration.
 */

const PORT_C = Number(process.env.E2E_PORT_C ?? 3102);

function parseCsp(header: string | null | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = parseCsp(headers['content-security-policy']);
  const scripts = csp.get('script-src') ?? [];
  expect(scripts.some((source) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(source)), `${what}: script nonce`).toBe(true);
  expect(scripts, `${what}: no unsafe-inline scripts`).not.toContain("'unsafe-inline'");
  expect(scripts, `${what}: no eval`).not.toContain("'unsafe-eval'");
  expect(csp.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(csp.get('object-src'), `${what}: object-src`).toEqual(["'none'"]);
  expect(headers['x-content-type-options'], `${what}: X-Content-Type-Options`).toBe('nosniff');
  expect(headers['referrer-policy'], `${what}: Referrer-Policy`).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
}

test.describe('security headers', () => {
  test('are on every kind of response: pages, redirects, 404s, API answers and errors, board commands, static files, auth, server actions', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    const signIn = await page.goto('/sign-in');
    const scriptSrc = await page.locator('script[src]').first().getAttribute('src');
    const responses: [string, Record<string, string>][] = [['sign-in page', signIn!.headers()]];
    const get = async (what: string, path: string, headers: Record<string, string> = {}) => {
      const response = await page.request.get(path, { headers, maxRedirects: 0 });
      responses.push([`${what} (${response.status()})`, response.headers()]);
      return response;
    };
    expect((await get('redirect', '/')).status()).toBe(307);
    expect((await get('missing page', '/no-such-page')).status()).toBe(404);
    expect((await get('health API', '/api/health')).status()).toBe(200);
    expect((await get('API refusal', `/api/boards/${board.boardId}`)).status()).toBe(401);
    expect((await get('static script', scriptSrc!)).status()).toBe(200);
    expect((await get('next-auth', '/api/auth/session')).status()).toBe(200);
    const actionId = readActionManifest().get('app/actions.ts#setLocaleAction')!;
    const action = await page.request.post('/sign-in', { headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', origin: baseURL! }, data: '["sv"]' });
    responses.push(['server action', action.headers()]);
    // Board commands are answered by server.ts directly, outside Next's pipeline: the same headers there.
    const command = { type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[1]!.id, toIndex: 0 };
    const refused = await page.request.post(`/api/boards/${board.boardId}/commands`, { data: command, headers: { origin: baseURL! } });
    expect(refused.status()).toBe(401);
    responses.push(['board command refused (401)', refused.headers()]);
    await signInAs(context, board.member, baseURL!);
    const moved = await page.request.post(`/api/boards/${board.boardId}/commands`, { data: command, headers: { origin: baseURL! } });
    expect(moved.status()).toBe(200);
    responses.push(['board command (200)', moved.headers()]);
    responses.push(['board page', (await page.goto(`/boards/${board.boardId}`))!.headers()]);
    for (const [what, headers] of responses) expectSecurityHeaders(headers, what);
    // Over plain http (the test servers) there is no HSTS; see the HTTPS test below.
    expect(signIn!.headers()['strict-transport-security']).toBeUndefined();
  });

  test('give every response its own nonce, which Next.js puts on all of its scripts', async ({ page }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const response = await page.goto('/sign-in');
      const nonce = /'nonce-([^']+)'/.exec(response!.headers()['content-security-policy'] ?? '')?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce!);
      const scripts = await page.locator('script').evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.every((value) => value === nonce)).toBe(true);
    }
    expect(nonces.size).toBe(3);
  });

  test('stop an injected inline script while the app itself runs without a violation', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.addInitScript(() => {
      (window as unknown as { cspViolations: string[] }).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    // The app's own pages: hydrated, interactive, and no violation at all.
    for (const path of ['/teams', `/boards/${board.boardId}`, `/teams/${board.teamId}/members`, '/account']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual([]);
    }
    await page.getByRole('combobox', { name: 'Språk' }).selectOption('en');
    await expect(page.getByRole('heading', { name: 'Your sign-ins and sign-outs' })).toBeVisible();

    // An attacker's inline script (as if it had slipped into the HTML) does not run.
    await page.route(`**/boards/${board.boardId}`, async (route) => {
      // Only the page itself: the board's own data request (/api/boards/:id, made when the live stream opens)
      // goes through untouched.
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const html = (await response.text()).replace('</body>', '<script>window.__injected = true</script></body>');
      const headers = { ...response.headers() };
      delete headers['content-length'];
      delete headers['content-encoding'];
      expect(headers['content-security-policy']).toContain("'nonce-");
      await route.fulfill({ status: response.status(), headers, body: html });
    });
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByRole('button', { name: 'Open card Ärende A' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^script-src(-elem)? inline$/);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });
});

test.describe('session cookies', () => {
  test('are HttpOnly and SameSite=Lax (and not Secure over plain http)', async ({ page, context }) => {
    const user = await createTestUser('Kaka Kontroll');
    await page.goto('/sign-in');
    await page.getByLabel('E-postadress').fill(user.email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();
    const session = (await context.cookies()).find((cookie) => cookie.name === 'next-auth.session-token');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    for (const cookie of (await context.cookies()).filter((c) => c.name.startsWith('next-auth'))) expect(cookie.httpOnly, cookie.name).toBe(true);
    expect(await page.evaluate(() => document.cookie)).not.toContain('next-auth');
  });

  test('are Secure, with __Secure-/__Host- names, and HSTS is sent, when Tillit is served behind HTTPS', async () => {
    test.setTimeout(180_000); // starts an app of its own, which takes long on a busy machine
    // A TLS-terminating proxy in front: the public URL is https, the proxy talks plain http to Tillit.
    const app = await startAppProcess(PORT_C, { NEXTAUTH_URL: `https://localhost:${PORT_C}` });
    try {
      const base = `http://localhost:${PORT_C}`;
      const user = await createTestUser('Säker Kaka');
      const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { 'x-forwarded-proto': 'https' } });
      const csrfCookie = csrf.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-next-auth.csrf-token='))!;
      expect(csrfCookie).toMatch(/; HttpOnly/i);
      expect(csrfCookie).toMatch(/; Secure/i);
      expect(csrfCookie).toMatch(/; SameSite=Lax/i);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };

      const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie.split(';')[0]!, origin: `https://localhost:${PORT_C}`, 'x-forwarded-proto': 'https' },
        body: new URLSearchParams({ csrfToken, email: user.email, password: TEST_PASSWORD, json: 'true' }),
        redirect: 'manual',
      });
      const session = signIn.headers.getSetCookie().find((cookie) => cookie.startsWith('__Secure-next-auth.session-token='));
      expect(session).toBeDefined();
      expect(session).toMatch(/; HttpOnly/i);
      expect(session).toMatch(/; Secure/i);
      expect(session).toMatch(/; SameSite=Lax/i);

      const page = await fetch(`${base}/sign-in`);
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(parseCsp(page.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
    } finally {
      await stopAppProcess(app);
    }
  });
});

test.describe('server actions', () => {
  test('are refused when sent from another site, before they run', async ({ baseURL }) => {
    const board = await createTestBoard();
    const ids = readActionManifest();
    const cookie = await sessionCookieFor(board.member);
    const invite = await fetch(`${baseURL}/teams/${board.teamId}/members`, {
      method: 'POST',
      headers: { 'next-action': ids.get('app/(app)/teams/[teamId]/members/actions.ts#createInvitationAction')!, 'content-type': 'text/plain;charset=UTF-8', origin: FOREIGN_ORIGIN, cookie },
      body: JSON.stringify([board.teamId, 'MEMBER', null]),
    });
    expect(invite.status).toBe(403);
    expect(await getTestDb().teamInvitation.count({ where: { teamId: board.teamId } })).toBe(0);

    // Without an Origin, a browser's Sec-Fetch-Site still gives a cross-site request away.
    const locale = await fetch(`${baseURL}/sign-in`, {
      method: 'POST',
      headers: { 'next-action': ids.get('app/actions.ts#setLocaleAction')!, 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'cross-site', cookie },
      body: '["en"]',
    });
    expect(locale.status).toBe(403);
    expect(locale.headers.get('set-cookie')).toBeNull();

    // The same call from the app's own pages works.
    const own = await fetch(`${baseURL}/teams/${board.teamId}/members`, {
      method: 'POST',
      headers: { 'next-action': ids.get('app/(app)/teams/[teamId]/members/actions.ts#createInvitationAction')!, 'content-type': 'text/plain;charset=UTF-8', origin: baseURL!, cookie },
      body: JSON.stringify([board.teamId, 'MEMBER', null]),
    });
    expect(own.status).toBe(200);
    expect(await getTestDb().teamInvitation.count({ where: { teamId: board.teamId } })).toBe(1);
  });
});

test.describe('bad requests are refused, never a 500', () => {
  test('a cross-site form post (multipart/form-data) to a page is refused with 403 before anything runs', async ({ baseURL }) => {
    const board = await createTestBoard();
    const cookie = await sessionCookieFor(board.member);
    for (const path of ['/teams', `/boards/${board.boardId}`, `/teams/${board.teamId}/members`, '/sign-in']) {
      const form = new FormData();
      form.append('name', 'x');
      const foreign = await fetch(`${baseURL}${path}`, { method: 'POST', headers: { origin: FOREIGN_ORIGIN, cookie }, body: form, redirect: 'manual' });
      expect(foreign.status, path).toBe(403);
      const hidden = await fetch(`${baseURL}${path}`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site', cookie }, body: form, redirect: 'manual' });
      expect(hidden.status, path).toBe(403);
    }
  });

  test('a malformed percent-encoding in a board or team id gets 400 in the API and the not-found page (404) on pages', async ({ baseURL, page, context }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    const cookie = await sessionCookieFor(board.member);
    for (const path of ['/boards/%E0%A4%A', '/boards/%E0%A4%A/flow', '/teams/%E0%A4%A/members', '/api/boards/%E0%A4%A', '/api/boards/%E0%A4%A/cards/x', '/api/teams/%E0%A4%A/retention']) {
      const response = await fetch(`${baseURL}${path}`, { headers: { cookie, 'accept-language': 'en' } });
      expect(response.status, path).toBe(path.startsWith('/api/') ? 400 : 404);
      if (path.startsWith('/api/')) expect(((await response.json()) as { error: { message: string } }).error.message, path).toBe('Please check what you entered.');
    }
    // The direct routes (board commands, live stream) answer as for a board that does not exist.
    const command = await fetch(`${baseURL}/api/boards/%E0%A4%A/commands`, { method: 'POST', headers: { cookie, origin: baseURL!, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'card.archive', cardId: board.cards[0]!.id }) });
    expect(command.status).toBe(404);
    expect((await fetch(`${baseURL}/api/boards/%E0%A4%A/events`, { headers: { cookie } })).status).toBe(404);
    // A person sees the translated not-found page.
    const answer = await page.goto('/boards/%E0%A4%A');
    expect(answer?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hittades inte');
  });

  test('the origin check compares the whole origin: https://host on an http site is another site', async ({ baseURL }) => {
    const board = await createTestBoard();
    const cookie = await sessionCookieFor(board.member);
    const sameHostOtherScheme = baseURL!.replace('http://', 'https://');
    const move = await fetch(`${baseURL}/api/boards/${board.boardId}/commands`, {
      method: 'POST',
      headers: { cookie, origin: sameHostOtherScheme, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'card.archive', cardId: board.cards[0]!.id }),
    });
    expect(move.status).toBe(403);
    const retention = await fetch(`${baseURL}/api/teams/${board.teamId}/retention`, { method: 'PUT', headers: { cookie, origin: sameHostOtherScheme, 'content-type': 'application/json' }, body: JSON.stringify({ months: 12 }) });
    expect(retention.status).toBe(403);
    const invite = await fetch(`${baseURL}/teams/${board.teamId}/members`, {
      method: 'POST',
      headers: { 'next-action': readActionManifest().get('app/(app)/teams/[teamId]/members/actions.ts#createInvitationAction')!, 'content-type': 'text/plain;charset=UTF-8', origin: sameHostOtherScheme, cookie },
      body: JSON.stringify([board.teamId, 'MEMBER', null]),
    });
    expect(invite.status).toBe(403);
    const db = getTestDb();
    expect(await db.card.count({ where: { boardId: board.boardId, archivedAt: { not: null } } })).toBe(0);
    expect(await db.teamInvitation.count({ where: { teamId: board.teamId } })).toBe(0);
    expect((await db.team.findUniqueOrThrow({ where: { id: board.teamId } })).retentionMonths).toBeNull();
  });
});

test.describe('authenticated answers', () => {
  test('are never cached (Cache-Control: no-store): board state, card detail, exports, the account export', async ({ baseURL }) => {
    const board = await createTestBoard();
    const cookie = await sessionCookieFor(board.member);
    for (const path of [`/api/boards/${board.boardId}`, `/api/boards/${board.boardId}/cards/${board.cards[0]!.id}`, `/api/boards/${board.boardId}/export?kind=cards`, '/api/account/export', `/api/teams/${board.teamId}/retention`, '/api/boards/nope']) {
      const response = await fetch(`${baseURL}${path}`, { headers: { cookie } });
      expect(response.headers.get('cache-control'), path).toMatch(/(^|[ ,])no-store($|,)/);
    }
  });
});

test.describe('configuration', () => {
  test('a server with incomplete configuration refuses to start and names every missing or wrong setting', async () => {
    test.setTimeout(180_000); // starts a server of its own, slow on a busy machine
    const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: 'too-short', OIDC_ISSUER: 'http://127.0.0.1:3450', SMTP_URL: 'smtp://127.0.0.1:3451', NEXTAUTH_URL: `http://localhost:${PORT_C}` };
    delete env.NEXTAUTH_SECRET;
    delete env.SMTP_FROM;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '-p', String(PORT_C)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 150_000); // a deadline for a server that hangs instead of stopping, not a speed target
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code, output).toBe(78);
    expect(output).toContain('Tillit cannot start, its configuration is incomplete:');
    for (const name of ['AUTH_SECRET', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'SMTP_FROM']) expect(output, name).toContain(`- ${name}`);
  });
});
