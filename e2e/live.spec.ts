import type { Page } from '@playwright/test';
import { expect, PORT_B_URL, test } from './fixtures';
import { startAppProcess, stopAppProcess } from './fixtures/app-process';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';
import { openOnTwoInstances } from './fixtures/two-instances';

function cardIn(page: Page, column: string, title: string) {
  return page.getByRole('region', { name: column, exact: true }).getByRole('button', { name: `Öppna kortet ${title}` });
}

test.describe('live collaboration', () => {
  test('a move on instance B appears at once in a browser on instance A, announced politely', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const path = `/boards/${board.boardId}`;
    const { anna, bo, close } = await openOnTwoInstances(browser, baseURL!, { anna: board.member, bo: board.colleague }, { anna: path, bo: path });

    // Presence: each sees the other, across instances.
    await expect(anna.getByTestId('presence').getByText(`${board.colleague.name} tittar på tavlan`)).toBeAttached();
    await expect(bo.getByTestId('presence').getByText(`${board.member.name} tittar på tavlan`)).toBeAttached();

    await bo.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    await bo.getByRole('menuitem', { name: /^Klart/ }).click();
    await expect(cardIn(anna, 'Klart', 'Ärende A')).toBeVisible({ timeout: 3_000 });
    await expect(anna.getByTestId('live-announcer')).toHaveText(`${board.colleague.name} flyttade ”Ärende A” till Klart`);

    // A new card and a block travel too.
    await bo.getByRole('region', { name: 'Pågår', exact: true }).getByRole('button', { name: 'Lägg till kort i Pågår' }).click();
    await bo.getByRole('region', { name: 'Pågår', exact: true }).getByLabel('Rubrik').fill('Live-kort');
    await bo.getByRole('region', { name: 'Pågår', exact: true }).getByRole('button', { name: 'Skapa' }).click();
    await expect(cardIn(anna, 'Pågår', 'Live-kort')).toBeVisible({ timeout: 3_000 });

    // A structural change (new WIP limit) is resynced too.
    await bo.getByRole('button', { name: 'Inställningar för kolumnen Pågår' }).click();
    await bo.getByRole('dialog').getByLabel('WIP-gräns').fill('4');
    await bo.getByRole('dialog').getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(anna.getByRole('region', { name: 'Pågår', exact: true }).getByTestId('wip-count')).toHaveText('2 / 4');

    // Focus stays where Anna had it.
    await anna.getByRole('button', { name: 'Flytta till… Ärende B' }).focus();
    await bo.getByRole('button', { name: 'Flytta till… Ärende C' }).click();
    await bo.getByRole('menuitem', { name: /^Inkommet/ }).click();
    await expect(cardIn(anna, 'Inkommet', 'Ärende C')).toBeVisible();
    await expect(anna.getByRole('button', { name: 'Flytta till… Ärende B' })).toBeFocused();
    await close();
  });

  test('two people moving the same card at once end with the same board in both browsers', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const pages: Page[] = [];
    for (const [user, url] of [[board.member, baseURL!], [board.colleague, PORT_B_URL]] as const) {
      const context = await browser.newContext();
      await signInAs(context, user, url);
      const page = await context.newPage();
      await page.goto(`${url}/boards/${board.boardId}`);
      await expect(page.locator('[data-live-status="live"]')).toBeVisible();
      pages.push(page);
    }
    // Both requests leave at the same moment, one through each instance.
    const move = (page: Page, url: string, toColumnId: string) =>
      page.request.post(`${url}/api/boards/${board.boardId}/commands`, {
        data: { type: 'card.move', cardId: board.cards[0]!.id, toColumnId, toIndex: 0 },
        headers: { origin: url },
      });
    const responses = await Promise.all([move(pages[0]!, baseURL!, board.columns[1]!.id), move(pages[1]!, PORT_B_URL, board.columns[2]!.id)]);
    expect(responses.map((r) => r.status())).toEqual([200, 200]);

    const db = getTestDb();
    const events = await db.cardEvent.findMany({ where: { cardId: board.cards[0]!.id, type: 'MOVED' }, orderBy: { id: 'asc' } });
    expect(events).toHaveLength(2);
    const settled = await db.card.findUniqueOrThrow({ where: { id: board.cards[0]!.id }, include: { column: true } });
    // The last committed move wins, and every browser shows exactly that.
    expect(settled.columnId).toBe(events[1]!.toColumnId);
    for (const page of pages) {
      await expect(cardIn(page, settled.column.name, 'Ärende A')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Öppna kortet Ärende A' })).toHaveCount(1);
    }
  });

  test('a stream for a board the user may not read is refused', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.outsider, baseURL!);
    await page.goto(`${baseURL}/teams`);
    const status = await page.evaluate(async (url) => (await fetch(url)).status, `/api/boards/${board.boardId}/events`);
    expect(status).toBe(404);
    const anonymous = await fetch(`${baseURL}/api/boards/${board.boardId}/events`);
    expect(anonymous.status).toBe(401);
  });

  test('after the server restarts, the browser reconnects by itself and resyncs the board', async ({ browser, baseURL }) => {
    test.setTimeout(300_000); // starts an app of its own, slow on a busy machine
    const port = Number(process.env.E2E_PORT_C ?? 3102);
    const board = await createTestBoard();
    let app = await startAppProcess(port);
    const context = await browser.newContext();
    await signInAs(context, board.member, `http://localhost:${port}`);
    const page = await context.newPage();
    try {
      await page.goto(`http://localhost:${port}/boards/${board.boardId}`);
      await expect(page.locator('[data-live-status="live"]')).toBeVisible();
      await stopAppProcess(app);
      await expect(page.locator('[data-live-status="paused"]')).toBeVisible();
      await expect(page.getByText('Liveuppdateringen är pausad. Ansluter igen…')).toBeVisible();

      // While it is down, a colleague on another instance moves a card and archives another.
      const colleague = await browser.newContext();
      await signInAs(colleague, board.colleague, baseURL!);
      const request = colleague.request;
      const moved = await request.post(`${baseURL}/api/boards/${board.boardId}/commands`, {
        data: { type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[2]!.id, toIndex: 0 },
        headers: { origin: baseURL! },
      });
      expect(moved.status()).toBe(200);
      const archived = await request.post(`${baseURL}/api/boards/${board.boardId}/commands`, {
        data: { type: 'card.archive', cardId: board.cards[1]!.id },
        headers: { origin: baseURL! },
      });
      expect(archived.status()).toBe(200);
      await colleague.close();

      app = await startAppProcess(port);
      await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 20_000 });
      await expect(cardIn(page, 'Klart', 'Ärende A')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Öppna kortet Ärende B' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Öppna kortet Ärende A' })).toHaveCount(1);
    } finally {
      await context.close();
      await stopAppProcess(app);
    }
  });
});
