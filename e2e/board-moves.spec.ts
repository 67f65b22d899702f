import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

function column(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

/**
 * Moves and creations are optimistic: the card shows before the server has answered. A reload
 * before the answer can race the write, so tests that reload wait for the command's response.
 */
function commandAnswered(page: Page) {
  return page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/boards\/[^/]+\/commands$/.test(new URL(r.url()).pathname));
}

async function titlesIn(page: Page, name: string): Promise<string[]> {
  return column(page, name).getByTestId('card').locator('button[aria-label^="Öppna kortet"]').allInnerTexts();
}

test.describe('cards on the board', () => {
  test('creates a card and it persists', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await column(page, 'Inkommet').getByRole('button', { name: 'Lägg till kort i Inkommet' }).click();
    await column(page, 'Inkommet').getByLabel('Rubrik').fill('Nytt ärende 77');
    const created = commandAnswered(page);
    await column(page, 'Inkommet').getByRole('button', { name: 'Skapa' }).click();
    expect((await created).ok()).toBe(true);
    await expect(column(page, 'Inkommet').getByRole('button', { name: 'Öppna kortet Nytt ärende 77' })).toBeVisible();
    await page.reload();
    expect(await titlesIn(page, 'Inkommet')).toEqual(['Ärende A', 'Ärende B', 'Nytt ärende 77']);
    const events = await getTestDb().cardEvent.findMany({ where: { boardId: board.boardId, type: 'CREATED', card: { title: 'Nytt ärende 77' } } });
    expect(events).toHaveLength(1);
  });

  test('rejects an empty and an overlong title with a clear message', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    const response = await page.request.post(`/api/boards/${board.boardId}/commands`, {
      data: { type: 'card.create', columnId: board.columns[0]!.id, title: 'x'.repeat(201) },
      headers: { origin: baseURL! },
    });
    expect(response.status()).toBe(422);
    expect((await response.json()).error.message).toBe('Rubriken får vara högst 200 tecken.');
    expect(await getTestDb().card.count({ where: { boardId: board.boardId } })).toBe(3);
  });

  test('moves a card with the "Move to…" menu and the order persists', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    const moved = commandAnswered(page);
    await page.getByRole('menuitem', { name: /^Pågår/ }).click();
    expect((await moved).ok()).toBe(true);
    await expect(column(page, 'Pågår').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();
    await page.reload();
    expect(await titlesIn(page, 'Pågår')).toEqual(['Ärende C', 'Ärende A']);
    expect(await titlesIn(page, 'Inkommet')).toEqual(['Ärende B']);

    // Then to the top of its new column.
    await page.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    const movedToTop = commandAnswered(page);
    await page.getByRole('menuitem', { name: 'Överst i kolumnen' }).click();
    expect((await movedToTop).ok()).toBe(true);
    await expect.poll(() => titlesIn(page, 'Pågår')).toEqual(['Ärende A', 'Ärende C']);
    await page.reload();
    expect(await titlesIn(page, 'Pågår')).toEqual(['Ärende A', 'Ärende C']);
    const moves = await getTestDb().cardEvent.findMany({ where: { cardId: board.cards[0]!.id, type: 'MOVED' }, orderBy: { at: 'asc' } });
    expect(moves.map((m) => [m.fromColumnId, m.toColumnId])).toEqual([
      [board.columns[0]!.id, board.columns[1]!.id],
      [board.columns[1]!.id, board.columns[1]!.id],
    ]);
  });

  test('moves a card by keyboard', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    // The card itself takes the keyboard drag (Space); Enter stays "open".
    const handle = page.getByRole('button', { name: 'Öppna kortet Ärende B' });
    await handle.focus();
    await expect(handle).toBeFocused();
    // Like a screen-reader user, wait for each announcement before the next key: the drag library measures the
    // drop targets after the pick-up (then announces where the card is), and an arrow key pressed before that has
    // nowhere to go.
    const announcer = page.locator('[id^="DndLiveRegion"]');
    await page.keyboard.press('Space');
    await expect(handle).toHaveAttribute('aria-pressed', 'true');
    await expect(announcer).toHaveText('Plockade upp kortet Ärende B.');
    await page.keyboard.press('ArrowRight');
    await expect(announcer).toContainText(/Kortet Ärende B är över .*Pågår/);
    const moved = commandAnswered(page);
    await page.keyboard.press('Space');
    expect((await moved).ok()).toBe(true);
    await expect(column(page, 'Pågår').getByRole('button', { name: 'Öppna kortet Ärende B' })).toBeVisible();
    await page.reload();
    expect(await titlesIn(page, 'Pågår')).toContain('Ärende B');
    expect(await titlesIn(page, 'Inkommet')).toEqual(['Ärende A']);
  });

  test('moves a card by mouse drag, within and across columns', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);

    async function drag(title: string, target: ReturnType<Page['locator']>) {
      const handle = page.getByTestId('card').filter({ hasText: title }).getByTestId('drag-handle');
      const from = (await handle.boundingBox())!;
      const to = (await target.boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
      const moved = commandAnswered(page);
      await page.mouse.up();
      expect((await moved).ok()).toBe(true);
    }

    // Across: Ärende A onto the card in "Pågår" lands in front of it.
    await drag('Ärende A', column(page, 'Pågår').getByTestId('card').first());
    await expect.poll(() => titlesIn(page, 'Pågår')).toEqual(['Ärende A', 'Ärende C']);
    // Within: Ärende C dragged above Ärende A.
    await drag('Ärende C', column(page, 'Pågår').getByTestId('card').first());
    await expect.poll(() => titlesIn(page, 'Pågår')).toEqual(['Ärende C', 'Ärende A']);
    await page.reload();
    expect(await titlesIn(page, 'Pågår')).toEqual(['Ärende C', 'Ärende A']);
  });

  test('a move to a column of another board is refused and changes nothing', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    const other = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    const response = await page.request.post(`/api/boards/${board.boardId}/commands`, {
      data: { type: 'card.move', cardId: board.cards[0]!.id, toColumnId: other.columns[1]!.id, toIndex: 0 },
      headers: { origin: baseURL! },
    });
    expect(response.status()).toBe(404);
    const card = await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } });
    expect(card.columnId).toBe(board.columns[0]!.id);
  });
});
