import type { Browser, Page } from '@playwright/test';
import { readActionManifest } from './access-matrix/http';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { createPersonalTestToken, createTeamTestToken } from './fixtures/api-tokens';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestUser } from './fixtures/test-data';

/**
 * The public API as a person and an integrator meet it: tokens made and revoked in the UI (shown once, then
 * working, then refused), history, the reference page, and the bad input and abuse of issue 16 — each answered with
 * a clear translated error, nothing written.
 */

async function signedInPage(browser: Browser, user: TestUser, baseURL: string, locale = 'sv-SE'): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale });
  await signInAs(context, user, baseURL);
  return context.newPage();
}

type Answer = { status: number; body: { error?: { code: string; message: string; fields?: { path: string; message: string }[] }; [key: string]: unknown }; headers: Headers };

async function api(baseURL: string, method: string, path: string, options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string>; language?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'accept-language': options.language ?? 'en', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(`/api/v1${path}`, baseURL), { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {}, headers: response.headers };
}

async function countCards(boardId: string): Promise<number> {
  return getTestDb().card.count({ where: { boardId } });
}

test.describe('public API', () => {
  test('a person creates a personal token on the account page, uses it once shown, and revokes it', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const page = await signedInPage(browser, board.member, baseURL!);
    await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Personliga API-nycklar' })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    // Empty name: a translated error on the field, focus there, nothing created.
    await page.getByRole('button', { name: 'Skapa nyckel' }).click();
    await expect(page.getByText('Ge nyckeln ett namn.')).toBeVisible();
    await expect(page.getByLabel('Namn', { exact: true })).toBeFocused();

    await page.getByLabel('Namn', { exact: true }).fill('Veckorapport');
    await page.getByLabel(/^Läsa och ändra/).check();
    await page.getByLabel('Giltig i').selectOption({ label: '30 dagar' });
    await page.getByRole('button', { name: 'Skapa nyckel' }).click();
    const secretField = page.getByLabel('Nyckel', { exact: true });
    await expect(secretField).toBeFocused();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^tillit_pat_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText('Nyckeln ”Veckorapport” skapades.')).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const stored = await getTestDb().apiToken.findFirstOrThrow({ where: { actorUserId: board.member.id, name: 'Veckorapport' } });
    expect(stored.tokenHash).not.toContain(secret.slice(11));
    expect(stored.scope).toBe('READ_WRITE');

    // It works: the person's own teams and board, as the board shows them.
    const teams = await api(baseURL!, 'GET', '/teams', { token: secret });
    expect(teams.status).toBe(200);
    expect(JSON.stringify(teams.body)).toContain(board.boardId);
    const read = await api(baseURL!, 'GET', `/boards/${board.boardId}`, { token: secret });
    expect(read.status).toBe(200);
    expect((read.body.cards as { id: string }[]).map((card) => card.id).sort()).toEqual(board.cards.map((card) => card.id).sort());
    const moved = await api(baseURL!, 'POST', `/boards/${board.boardId}/cards/${board.cards[0]!.id}/move`, { token: secret, body: { toColumnId: board.columns[1]!.id, toIndex: 0 } });
    expect(moved.status).toBe(200);
    expect((moved.body.card as { columnId: string }).columnId).toBe(board.columns[1]!.id);

    // Shown once: after "I have copied it" and a reload, only the prefix is on the page; last used is recorded.
    await page.getByRole('button', { name: 'Jag har kopierat den' }).click();
    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0);
    const tokenRow = page.getByRole('table', { name: 'Nycklar' }).getByRole('row', { name: /Veckorapport/ });
    await expect(tokenRow).toContainText(stored.prefix);
    await expect(tokenRow).not.toContainText('Inte använd än');

    await page.getByRole('button', { name: 'Återkalla nyckeln ”Veckorapport”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Återkalla nyckeln ”Veckorapport”' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Återkalla nyckeln' }).click();
    await expect(page.getByText('Nyckeln ”Veckorapport” återkallades.')).toBeVisible();
    await expect(tokenRow).toContainText('Återkallad');
    const refused = await api(baseURL!, 'GET', '/teams', { token: secret, language: 'sv' });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({ code: 'TOKEN_REVOKED', message: 'Nyckeln har återkallats.' });

    // The account's history records both.
    await page.reload();
    await expect(page.getByText('Personlig API-nyckel skapad: Veckorapport')).toBeVisible();
    await expect(page.getByText('Personlig API-nyckel återkallad: Veckorapport')).toBeVisible();
  });

  test('a team member creates an intake token on the integrations page; it only takes intake, and is in the team history', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const page = await signedInPage(browser, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/members`);
    await page.getByRole('link', { name: 'Integrationer (API och webhooks)' }).click();
    await expect(page.getByRole('heading', { name: 'Teamnycklar för integrationer' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByLabel('Namn', { exact: true }).fill('E-tjänst: Försörjningsstöd');
    await page.getByLabel(/^Bara inflöde/).check();
    await page.getByRole('button', { name: 'Skapa nyckel' }).click();
    const secret = await page.getByLabel('Nyckel', { exact: true }).inputValue();
    expect(secret).toMatch(/^tillit_int_/);

    const intake = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token: secret, body: { title: 'Ansökan om försörjningsstöd', demand: 'VALUE', reference: 'FS-2026-1' } });
    expect(intake.status).toBe(201);
    expect(intake.body).toMatchObject({ outcome: 'created', warnings: [], card: { columnId: board.columns[0]!.id, demand: 'VALUE', reference: 'FS-2026-1' } });
    expect((await api(baseURL!, 'GET', `/boards/${board.boardId}`, { token: secret })).body.error?.code).toBe('TOKEN_SCOPE');
    expect((await api(baseURL!, 'POST', `/boards/${board.boardId}/cards/${board.cards[0]!.id}/archive`, { token: secret })).body.error?.code).toBe('TOKEN_SCOPE');

    // Its identity is not one of the team's people; its card's history names the integration.
    await page.goto(`/teams/${board.teamId}/members`);
    await expect(page.getByRole('row', { name: /E-tjänst/ })).toHaveCount(0);
    await expect(page.getByText(/skapade integrationsnyckeln ”E-tjänst: Försörjningsstöd” \(Bara inflöde\)/)).toBeVisible();
    const history = await getTestDb().cardEvent.findFirstOrThrow({ where: { cardId: (intake.body.card as { id: string }).id }, select: { actor: { select: { name: true, isIntegration: true } } } });
    expect(history.actor).toEqual({ name: 'E-tjänst: Försörjningsstöd', isIntegration: true });

    // A viewer reads the list but cannot manage.
    const viewer = await signedInPage(browser, board.viewer, baseURL!);
    await viewer.goto(`/teams/${board.teamId}/integrations`);
    await expect(viewer.getByText('Bara teamets medlemmar kan skapa och återkalla nycklar.')).toBeVisible();
    await expect(viewer.getByRole('button', { name: 'Skapa nyckel' })).toHaveCount(0);
    await expect(viewer.getByRole('table', { name: 'Nycklar' }).getByRole('row', { name: /E-tjänst: Försörjningsstöd/ })).toBeVisible();
  });

  test('intake: resubmission updates, the personal identity number nudge is a warning, bad input changes nothing', async ({ baseURL }) => {
    const board = await createTestBoard();
    const token = (await createTeamTestToken(board.teamId, 'INTAKE')).secret;
    const first = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: 'Orosanmälan', description: 'Från skolan', demand: 'UNKNOWN', reference: 'OA 2026/77' } });
    expect(first.status).toBe(201);
    const again = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: 'Orosanmälan, komplettering', description: 'Från skolan igen', demand: 'FAILURE', reference: 'OA 2026/77' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'updated', card: { id: (first.body.card as { id: string }).id, title: 'Orosanmälan, komplettering', demand: 'FAILURE' } });
    // Ten at once with one new reference: one card.
    const burst = await Promise.all(Array.from({ length: 10 }, () => api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: 'Samtidigt', demand: 'VALUE', reference: 'SAME-1' } })));
    expect(burst.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await getTestDb().card.count({ where: { boardId: board.boardId, title: 'Samtidigt' } })).toBe(1);

    const warned = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, language: 'sv', body: { title: 'Ansökan', description: 'Sökande 19850709-9805 ringde', demand: 'VALUE' } });
    expect(warned.status).toBe(201);
    expect(warned.body.warnings).toEqual([{ code: 'PERSONAL_IDENTITY_NUMBER', message: 'Texten verkar innehålla ett personnummer. Fundera på om tavlan behöver det.' }]);

    const before = await countCards(board.boardId);
    const noTitle = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, language: 'sv', body: { description: 'x', demand: 'VALUE' } });
    expect(noTitle.status).toBe(422);
    expect(noTitle.body.error?.code).toBe('VALIDATION');
    expect(noTitle.body.error?.fields?.[0]?.path).toBe('title');
    const huge = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: 'Stor', description: 'x'.repeat(1_000_000), demand: 'VALUE' } });
    expect(huge.status).toBe(413);
    expect(huge.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    const longText = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: 'Lång', description: 'x'.repeat(20_000), demand: 'VALUE' } });
    expect(longText.status).toBe(422);
    const badDemand = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: 'Okänd typ', demand: 'URGENT' } });
    expect(badDemand.status).toBe(422);
    expect(badDemand.body.error?.message).toBe('The demand type must be VALUE, FAILURE or UNKNOWN.');
    const notJson = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, raw: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(422);
    const wrongType = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
    const extra = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: 'Extra', demand: 'VALUE', columnId: board.columns[2]!.id } });
    expect(extra.status).toBe(422);
    expect(await countCards(board.boardId)).toBe(before);
  });

  test('tokens that must not work: expired, revoked, malformed, wrong scope, another team’s; and never outside /api/v1', async ({ baseURL }) => {
    const board = await createTestBoard();
    const other = await createTestBoard();
    const expired = (await createPersonalTestToken(board.member.id, 'READ_WRITE', { expired: true })).secret;
    const revoked = (await createPersonalTestToken(board.member.id, 'READ_WRITE', { revoked: true })).secret;
    const readOnly = (await createPersonalTestToken(board.member.id, 'READ')).secret;
    const viewers = (await createPersonalTestToken(board.viewer.id, 'READ_WRITE')).secret;
    const otherTeams = (await createTeamTestToken(other.teamId, 'READ_WRITE')).secret;
    const move = (token: string | null, language = 'en') => api(baseURL!, 'POST', `/boards/${board.boardId}/cards/${board.cards[0]!.id}/move`, { token, language, body: { toColumnId: board.columns[1]!.id, toIndex: 0 } });

    expect((await move(expired, 'sv')).body.error).toEqual({ code: 'TOKEN_EXPIRED', message: 'Nyckeln har gått ut. Skapa en ny.' });
    expect((await move(revoked)).body.error?.code).toBe('TOKEN_REVOKED');
    for (const malformed of ['tillit_pat_abc', 'Bearer', 'x'.repeat(5000), `${expired}x`]) {
      const answer = await move(malformed);
      expect(answer.status, malformed.slice(0, 20)).toBe(401);
      expect(answer.body.error?.code).toBe('TOKEN_INVALID');
    }
    const none = await move(null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await move(readOnly)).body.error?.code).toBe('TOKEN_SCOPE');
    const viewer = await move(viewers);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error?.code).toBe('FORBIDDEN');
    const outsider = await move(otherTeams);
    const ghost = await api(baseURL!, 'POST', `/boards/ghost${board.boardId}/cards/${board.cards[0]!.id}/move`, { token: otherTeams, body: { toColumnId: board.columns[1]!.id, toIndex: 0 } });
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(ghost.body);
    expect(await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id }, select: { columnId: true, version: true } })).toEqual({ columnId: board.columns[0]!.id, version: 1 });

    // A token is not a session: not for pages, downloads, sign-in or token management.
    const member = (await createPersonalTestToken(board.member.id, 'READ_WRITE')).secret;
    const bearer = { authorization: `Bearer ${member}` };
    expect((await fetch(new URL('/api/account/export', baseURL), { headers: bearer })).status).toBe(401);
    expect((await fetch(new URL(`/api/boards/${board.boardId}`, baseURL), { headers: bearer })).status).toBe(401);
    const page = await fetch(new URL('/account', baseURL), { headers: bearer, redirect: 'manual' });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(page.status).toBeLessThan(400);
    const actionId = readActionManifest().get('app/(app)/account/token-actions.ts#createPersonalTokenAction');
    const action = await fetch(new URL('/account', baseURL), {
      method: 'POST',
      headers: { ...bearer, 'next-action': actionId!, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: new URL(baseURL!).origin },
      body: JSON.stringify([{ name: 'Via token', scope: 'READ_WRITE', expiresInDays: 7 }]),
    });
    expect(await action.text()).toContain('UNAUTHENTICATED');
    expect(await getTestDb().apiToken.count({ where: { name: 'Via token' } })).toBe(0);
  });

  test('Idempotency-Key: the same body gets the first answer and changes nothing; another body is refused', async ({ baseURL }) => {
    const board = await createTestBoard();
    const token = (await createPersonalTestToken(board.member.id, 'READ_WRITE')).secret;
    const key = `key-${Date.now()}`;
    const create = (title: string, extra: Record<string, string> = {}) =>
      api(baseURL!, 'POST', `/boards/${board.boardId}/cards`, { token, headers: { 'idempotency-key': key, ...extra }, body: { title, columnId: board.columns[0]!.id } });
    const first = await create('Ett ärende');
    expect(first.status).toBe(201);
    const before = await countCards(board.boardId);
    const repeat = await api(baseURL!, 'POST', `/boards/${board.boardId}/cards`, { token, headers: { 'idempotency-key': key }, body: { columnId: board.columns[0]!.id, title: 'Ett ärende' } });
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body).toEqual(first.body);
    expect(await countCards(board.boardId)).toBe(before);
    const other = await create('Ett annat ärende');
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countCards(board.boardId)).toBe(before);
    // Keys are per token: another token may use the same key for its own request.
    const colleague = (await createPersonalTestToken(board.colleague.id, 'READ_WRITE')).secret;
    expect((await api(baseURL!, 'POST', `/boards/${board.boardId}/cards`, { token: colleague, headers: { 'idempotency-key': key }, body: { title: 'Kollegans', columnId: board.columns[0]!.id } })).status).toBe(201);
  });

  test('intake is rate limited per token', async ({ baseURL }) => {
    const board = await createTestBoard();
    const token = (await createTeamTestToken(board.teamId, 'INTAKE')).secret;
    const other = (await createTeamTestToken(board.teamId, 'INTAKE')).secret;
    const limit = Number(process.env.TILLIT_INTAKE_PER_MINUTE ?? 30);
    let refused: Answer | null = null;
    for (let i = 0; i <= limit && !refused; i += 1) {
      const answer = await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token, body: { title: `Ärende ${i}`, demand: 'VALUE' } });
      if (answer.status === 429) refused = answer;
    }
    expect(refused?.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countCards(board.boardId)).toBe(3 + limit);
    expect((await api(baseURL!, 'POST', `/boards/${board.boardId}/intake`, { token: other, body: { title: 'Annan nyckel', demand: 'VALUE' } })).status).toBe(201);
  });

  test('the reference page is served locally, under the CSP, from the OpenAPI document', async ({ page }) => {
    const violations: string[] = [];
    const external: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(new URL(page.url() || 'http://localhost').origin) && !request.url().startsWith('data:') && new URL(request.url()).hostname !== 'localhost') external.push(request.url());
    });
    await page.goto('/api/docs');
    await expect(page.getByRole('heading', { name: /Tillit API/ })).toBeVisible();
    await expect(page.getByText('/boards/{boardId}/intake').first()).toBeVisible();
    expect(violations).toEqual([]);
    expect(external).toEqual([]);
    const document = await (await fetch(new URL('/api/v1/openapi.json', page.url()))).json();
    expect(document.openapi).toBe('3.1.0');
  });
});
