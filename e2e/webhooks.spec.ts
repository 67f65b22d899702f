import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { startAppProcess, stopAppProcess } from './fixtures/app-process';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';
import { WEBHOOK_TEST_ENV } from './fixtures/webhook-env';
import { createWebhookReceiver, type ReceivedWebhook } from './fixtures/webhook-receiver';

/**
 * Webhooks end to end, with a real HTTP receiver on loopback: a team token and a webhook made in the UI, a case
 * taken in and seen live on the board, moved through the API, signed deliveries received in order; the receiver
 * killed (retries and the delivery log), the delivering app killed and restarted mid-retry (nothing lost); a
 * receiver that fails, hangs or redirects; addresses that must be refused.
 *
 * The shared servers run without a delivery worker (playwright.config.ts): this spec's own app instance on
 * E2E_PORT_C is the only one that delivers, so killing it stops every delivery.
 */
const PORT_C = Number(process.env.E2E_PORT_C ?? 3102);
const RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_PORT ?? 3453);
const SECOND_RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_PORT_B ?? 3454);

type Payload = { type: string; timestamp: string; data: { boardId: string; card: { id: string; columnId?: string; version?: number; reference?: string | null }; actor: { kind: string } } };

function verified(secret: string, deliveries: ReceivedWebhook[]): (Payload & { id: string })[] {
  const hook = new Webhook(secret);
  return deliveries.map((delivery) => ({ ...(hook.verify(delivery.body, delivery.headers) as Payload), id: delivery.headers['webhook-id'] as string }));
}

async function api(baseURL: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(`/api/v1${path}`, baseURL), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'sv' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Webhooks consume the board event core's events: until the webhook consumer is registered there, none is sent. */
const CONSUMERS = path.resolve(import.meta.dirname, '../lib/events/consumers.ts');
const isWiredToEventCore = existsSync(CONSUMERS) && readFileSync(CONSUMERS, 'utf8').includes('webhookConsumer');

test.describe('webhooks', () => {
  test.skip(!isWiredToEventCore, 'the webhook consumer is not registered in lib/events/consumers.ts yet (EVENT_CONSUMERS)');
  let worker: ChildProcess | undefined;
  const startWorker = async () => {
    worker = await startAppProcess(PORT_C, { ...WEBHOOK_TEST_ENV, TILLIT_WEBHOOK_WORKER: 'true' });
  };

  test.afterEach(async () => {
    if (worker) await stopAppProcess(worker);
    worker = undefined;
  });

  test('team token and webhook from the UI; intake seen live; signed deliveries in order; retries survive a dead receiver and a restarted app', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const board = await createTestBoard();
    const receiver = createWebhookReceiver(RECEIVER_PORT);
    await receiver.start();
    await startWorker();
    try {
      const context = await browser.newContext({ baseURL, locale: 'sv-SE' });
      await signInAs(context, board.member, baseURL!);
      const page = await context.newPage();
      await page.goto(`/teams/${board.teamId}/integrations`);
      await expect(page.getByRole('heading', { name: 'Webhooks', exact: true })).toBeVisible();

      // Refused destinations: each says why and creates nothing.
      for (const url of ['http://10.0.0.1/hook', 'https://169.254.169.254/latest/meta-data', `http://localhost:${RECEIVER_PORT}/hooks`, 'http://127.0.0.2/hook', 'https://[::1]/hook', 'https://10.0.0.1/hook']) {
        await page.getByLabel('Adress (URL)').fill(url);
        await page.getByRole('button', { name: 'Lägg till webhook' }).click();
        await expect(page.getByText(/privat eller internt nät|Använd https:\/\//), url).toBeVisible();
        await expect(page.getByLabel('Adress (URL)')).toBeFocused();
      }
      expect(await getTestDb().webhookEndpoint.count({ where: { teamId: board.teamId } })).toBe(0);

      await page.getByLabel('Adress (URL)').fill(receiver.url);
      await page.getByLabel('Beskrivning (valfri)').fill('Ärendesystemet');
      await page.getByRole('button', { name: 'Lägg till webhook' }).click();
      const secretField = page.getByLabel('Hemlighet (whsec_…)', { exact: true });
      await expect(secretField).toBeFocused();
      const secret = await secretField.inputValue();
      expect(secret).toMatch(/^whsec_/);
      await page.getByRole('button', { name: 'Jag har kopierat den' }).click();

      await page.getByLabel('Namn', { exact: true }).fill('E-tjänst: Ekonomiskt bistånd');
      await page.getByLabel(/^Läsa och ändra/).check();
      await page.getByRole('button', { name: 'Skapa nyckel' }).click();
      const token = await page.getByLabel('Nyckel', { exact: true }).inputValue();
      await page.getByRole('button', { name: 'Jag har kopierat den' }).click();
      await expectNoAccessibilityViolations(page);

      // The board is open while the case comes in: it appears at once.
      const boardPage = await context.newPage();
      await boardPage.goto(`/boards/${board.boardId}`);
      await expect(boardPage.getByTestId('column-Inkommet')).toBeVisible();
      const intake = await api(baseURL!, token, 'POST', `/boards/${board.boardId}/intake`, { title: 'Ansökan om ekonomiskt bistånd, EB-1', demand: 'VALUE', reference: 'EB-2026-1' });
      expect(intake.status).toBe(201);
      const cardId = (intake.body.card as { id: string }).id;
      await expect(boardPage.getByTestId('column-Inkommet').getByTestId('card').filter({ hasText: 'Ansökan om ekonomiskt bistånd, EB-1' })).toBeVisible();
      const moved = await api(baseURL!, token, 'POST', `/boards/${board.boardId}/cards/${cardId}/move`, { toColumnId: board.columns[1]!.id, toIndex: 0 });
      expect(moved.status).toBe(200);
      await expect(boardPage.getByTestId('column-Pågår').getByTestId('card').filter({ hasText: 'Ansökan om ekonomiskt bistånd, EB-1' })).toBeVisible();
      const done = await api(baseURL!, token, 'POST', `/boards/${board.boardId}/cards/${cardId}/move`, { toColumnId: board.columns[2]!.id, toIndex: 0 });
      expect(done.status).toBe(200);

      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(4);
      const first = verified(secret, receiver.received);
      expect(first.map((event) => event.type)).toEqual(['card.created', 'card.moved', 'card.moved', 'card.done']);
      expect(first.every((event) => event.data.card.id === cardId && event.data.card.reference === 'EB-2026-1' && event.data.actor.kind === 'integration')).toBe(true);
      expect(first.map((event) => event.data.card.version)).toEqual([1, 2, 3, 3]);
      expect(receiver.received.map((delivery) => delivery.body).join('')).not.toContain('Ansökan');

      // The receiver dies: deliveries fail and are retried, and the log says so.
      await receiver.stop();
      const blocked = await api(baseURL!, token, 'POST', `/boards/${board.boardId}/cards/${cardId}/block`, { reason: 'Väntar på kontoutdrag' });
      expect(blocked.status).toBe(200);
      const pending = () => getTestDb().webhookDelivery.findFirst({ where: { endpoint: { teamId: board.teamId }, eventType: 'card.blocked' }, select: { id: true, status: true, attempts: true, lastError: true } });
      await expect.poll(async () => (await pending())?.attempts ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      expect(await pending()).toMatchObject({ status: 'PENDING', lastError: 'ECONNREFUSED' });
      await page.goto(`/teams/${board.teamId}/integrations`);
      await expect(page.getByRole('cell', { name: /Misslyckas sedan/ })).toBeVisible();
      await page.getByRole('link', { name: `Leveranslogg för ${receiver.url}` }).click();
      await expect(page.getByRole('heading', { name: `Leveranser till ${receiver.url}` })).toBeVisible();
      const row = page.getByRole('row', { name: /card\.blocked/ });
      await expect(row).toContainText('Väntar');
      await expect(row).toContainText('ECONNREFUSED');
      await expectNoAccessibilityViolations(page);

      // The app that delivers is killed mid-retry, and more happens meanwhile; it restarts, the receiver is back.
      await stopAppProcess(worker!);
      worker = undefined;
      const unblocked = await api(baseURL!, token, 'POST', `/boards/${board.boardId}/cards/${cardId}/unblock`, {});
      expect(unblocked.status).toBe(200);
      await receiver.start();
      await startWorker();
      await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBe(6);
      const all = verified(secret, receiver.received);
      expect(all.slice(4).map((event) => event.type).sort()).toEqual(['card.blocked', 'card.unblocked']);
      const readDeliveries = () => getTestDb().webhookDelivery.findMany({ where: { endpoint: { teamId: board.teamId } }, select: { id: true, status: true } });
      // The worker records a success after the receiver's answer reaches it, a moment after the receiver has the
      // request: wait for the log to say so rather than reading it at once.
      await expect.poll(async () => (await readDeliveries()).map((delivery) => delivery.status), { timeout: 30_000 }).toEqual(Array.from({ length: 6 }, () => 'SUCCEEDED'));
      const deliveries = await readDeliveries();
      expect(new Set(all.map((event) => event.id))).toEqual(new Set(deliveries.map((delivery) => delivery.id)));
      expect(await getTestDb().webhookEndpoint.findFirstOrThrow({ where: { teamId: board.teamId }, select: { failingSince: true } })).toEqual({ failingSince: null });

      // Send again: the same message, the same id.
      await page.reload();
      const sendAgain = page.getByRole('row', { name: /card\.created/ }).getByRole('button', { name: /Skicka igen: card\.created/ });
      await sendAgain.click();
      await expect(page.getByText('Meddelandet står i kö för att skickas igen.')).toBeVisible();
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(7);
      expect(receiver.received[6]!.headers['webhook-id']).toBe(all[0]!.id);
    } finally {
      await receiver.stop();
    }
  });

  test('a receiver that answers 500, hangs or redirects: retried, timed out, never followed', async ({ baseURL }) => {
    test.setTimeout(120_000);
    const board = await createTestBoard();
    const receiver = createWebhookReceiver(RECEIVER_PORT);
    const elsewhere = createWebhookReceiver(SECOND_RECEIVER_PORT, '/elsewhere');
    await receiver.start();
    await elsewhere.start();
    await startWorker();
    try {
      const db = getTestDb();
      const secret = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
      await db.webhookEndpoint.create({ data: { teamId: board.teamId, url: receiver.url, events: ['card.blocked'], secret } });
      const { createPersonalTestToken } = await import('./fixtures/api-tokens');
      const token = (await createPersonalTestToken(board.member.id, 'READ_WRITE')).secret;
      const latest = () => db.webhookDelivery.findFirst({ where: { endpoint: { teamId: board.teamId } }, orderBy: { createdAt: 'desc' }, select: { status: true, attempts: true, lastStatus: true, lastError: true } });
      const block = async (index: number) => {
        await api(baseURL!, token, 'POST', `/boards/${board.boardId}/cards/${board.cards[index]!.id}/block`, { reason: 'Väntar' });
      };

      receiver.setMode('fail');
      await block(0);
      await expect.poll(async () => (await latest())?.attempts ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      expect(await latest()).toMatchObject({ status: 'PENDING', lastStatus: 500, lastError: 'HTTP 500: receiver is down for maintenance' });
      receiver.setMode('ok');
      await expect.poll(async () => (await latest())?.status, { timeout: 30_000 }).toBe('SUCCEEDED');

      receiver.setMode('hang');
      await block(1);
      await expect.poll(async () => (await latest())?.lastError ?? '', { timeout: 30_000 }).toMatch(/no answer within \d+ ms/);
      receiver.setMode('ok');
      await expect.poll(async () => (await latest())?.status, { timeout: 30_000 }).toBe('SUCCEEDED');

      receiver.setMode('redirect', elsewhere.url);
      await block(2);
      await expect.poll(async () => (await latest())?.lastError ?? '', { timeout: 30_000 }).toContain('not followed');
      expect(await latest()).toMatchObject({ status: 'PENDING', lastStatus: 307 });
      expect(elsewhere.received).toEqual([]);
      receiver.setMode('ok');
      await expect.poll(async () => (await latest())?.status, { timeout: 30_000 }).toBe('SUCCEEDED');
      expect(elsewhere.received).toEqual([]);
    } finally {
      await receiver.stop();
      await elsewhere.stop();
    }
  });

  test('an address that resolves inside the network at delivery time is refused then too', async ({ baseURL }) => {
    const board = await createTestBoard();
    await startWorker();
    const db = getTestDb();
    // Saved while it pointed elsewhere (written directly: the form checks the address when saving).
    await db.webhookEndpoint.create({ data: { teamId: board.teamId, url: 'https://localhost:9/rebound', events: ['card.blocked'], secret: `whsec_${Buffer.alloc(24, 3).toString('base64')}` } });
    const { createPersonalTestToken } = await import('./fixtures/api-tokens');
    const token = (await createPersonalTestToken(board.member.id, 'READ_WRITE')).secret;
    await api(baseURL!, token, 'POST', `/boards/${board.boardId}/cards/${board.cards[0]!.id}/block`, { reason: 'Väntar' });
    await expect.poll(async () => (await db.webhookDelivery.findFirst({ where: { endpoint: { teamId: board.teamId } }, select: { lastError: true } }))?.lastError ?? '', { timeout: 30_000 }).toBe('refused: refusedAddress');
  });
});
