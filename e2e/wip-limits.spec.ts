import { expect, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

test.describe('WIP limits', () => {
  test('an advisory limit asks for confirmation and the board history records the reason', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 1, wipMode: 'ADVISORY' },
        { name: 'Klart', flowState: 'DONE' },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByRole('region', { name: 'Utreds', exact: true }).getByTestId('wip-count')).toHaveText('1 / 1');

    await page.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    await page.getByRole('menuitem', { name: /^Utreds/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Över WIP-gränsen' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Anledning (valfritt)').fill('Akut orosanmälan');
    // The board shows the move at once (optimistic); the record exists once the server has answered.
    const moved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/commands'));
    await dialog.getByRole('button', { name: 'Flytta ändå' }).click();
    expect((await moved).ok()).toBe(true);
    const utreds = page.getByRole('region', { name: 'Utreds', exact: true });
    await expect(utreds.getByTestId('wip-count')).toHaveText('2 / 1');
    await expect(utreds.getByRole('strong').filter({ hasText: 'Över gränsen' })).toBeVisible();

    const exceeded = await getTestDb().boardEvent.findMany({ where: { boardId: board.boardId, type: 'WIP_LIMIT_EXCEEDED' } });
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]!.after).toMatchObject({ reason: 'Akut orosanmälan', limit: 1, count: 2 });
    await page.goto(`/boards/${board.boardId}/history`);
    await expect(page.getByText('Akut orosanmälan')).toBeVisible();
  });

  test('cancelling the advisory confirmation leaves the card where it was', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 1 },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    await page.getByRole('menuitem', { name: /^Utreds/ }).click();
    await page.getByRole('dialog', { name: 'Över WIP-gränsen' }).getByRole('button', { name: 'Avbryt' }).click();
    await expect(page.getByRole('region', { name: 'Inkommet', exact: true }).getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();
    const card = await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } });
    expect(card.columnId).toBe(board.columns[0]!.id);
  });

  test('a strict limit refuses the move with a clear message and the card snaps back', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Beslut', flowState: 'IN_PROGRESS', wipLimit: 1, wipMode: 'STRICT' },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    await page.getByRole('menuitem', { name: /^Beslut/ }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'WIP-gräns' })).toContainText('”Beslut” har nått sin WIP-gräns (1)');
    await expect(page.getByRole('region', { name: 'Inkommet', exact: true }).getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();
    const card = await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } });
    expect(card.columnId).toBe(board.columns[0]!.id);
    expect(await getTestDb().cardEvent.count({ where: { cardId: card.id, type: 'MOVED' } })).toBe(0);
  });
});
