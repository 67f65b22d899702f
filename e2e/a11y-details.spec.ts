import { expect, PORT_B_URL, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';
import { openOnTwoInstances } from './fixtures/two-instances';

/** Issue #14 item 9: the smaller barriers (the Flow page's parts are in flow specs). */

test.describe('smaller barriers', () => {
  test('a page that does not exist says so in its title', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto('/boards/finns-inte');
    await expect(page.getByRole('heading', { level: 1, name: 'Hittades inte' })).toBeVisible();
    await expect(page).toHaveTitle('Hittades inte · Tillit');
    await page.goto('/ingen-sida-har-den-har-adressen');
    await expect(page).toHaveTitle('Hittades inte · Tillit');
  });

  test('the Swedish export page speaks Swedish', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}/export`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(/standup/i);
  });

  test('the card dialog shows a colleague’s unblock at once and moves the card itself', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    await getTestDb().card.update({ where: { id: board.cards[1]!.id }, data: { blockedAt: new Date(), blockedReason: 'Väntar på svar' } });
    const { anna, bo, close } = await openOnTwoInstances(
      browser,
      baseURL!,
      { anna: board.member, bo: board.colleague },
      { anna: `/boards/${board.boardId}`, bo: `/boards/${board.boardId}` },
    );
    const cardButton = anna.getByRole('button', { name: 'Öppna kortet Ärende B' });
    await cardButton.focus();
    await anna.keyboard.press('Enter');
    const dialog = anna.getByRole('dialog', { name: 'Ärende B' });
    await expect(dialog.getByRole('heading', { name: 'Blockerad' })).toBeVisible();

    const unblocked = await bo.request.post(`${PORT_B_URL}/api/boards/${board.boardId}/commands`, {
      data: { type: 'card.unblock', cardId: board.cards[1]!.id },
      headers: { origin: PORT_B_URL },
    });
    expect(unblocked.ok()).toBe(true);
    await expect(dialog.getByRole('heading', { name: 'Blockerad' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Blockera' })).toBeVisible();
    await expect(dialog.getByRole('status').filter({ hasText: 'tog bort' })).toHaveText(`${board.colleague.name} tog bort blockeringen av ”Ärende B”`);

    // Move it from the dialog: the same menu and move path as on the board.
    const menuButton = dialog.getByRole('button', { name: 'Flytta till… Ärende B' });
    await menuButton.focus();
    await anna.keyboard.press('Enter');
    await expect(dialog.getByRole('menuitem', { name: /^Pågår/ })).toBeFocused();
    await anna.keyboard.press('ArrowDown');
    const moved = anna.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/commands'));
    await anna.keyboard.press('Enter');
    expect((await moved).ok()).toBe(true);
    await expect(dialog.getByTestId('card-dialog-column')).toHaveText('Klart');
    await expect(dialog.getByRole('status').filter({ hasText: 'Flyttade' })).toHaveText('Flyttade ”Ärende B” till Klart.');
    await expect(menuButton).toBeFocused();
    expect((await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[1]!.id } })).columnId).toBe(board.columns[2]!.id);
    await expect(bo.getByRole('region', { name: 'Klart', exact: true }).getByRole('button', { name: 'Öppna kortet Ärende B' })).toBeVisible();

    // Closing the dialog returns to the card, in its new column.
    await anna.keyboard.press('Escape');
    await expect(anna.getByRole('region', { name: 'Klart', exact: true }).getByRole('button', { name: 'Öppna kortet Ärende B' })).toBeFocused();
    await close();
  });
});
