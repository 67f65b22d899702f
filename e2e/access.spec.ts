import { expect, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

test.describe('roles', () => {
  test('a viewer sees the board read-only, with no control that changes it', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByText('Du är läsare: du kan läsa tavlan men inte ändra den.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();
    await expect(page.getByTestId('drag-handle')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Flytta till… / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Lägg till/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Inställningar för kolumnen/ })).toHaveCount(0);

    // The card dialog is read-only too.
    await page.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: /spara|blocker|arkivera|ändra/i })).toHaveCount(0);
    await expect(dialog.getByRole('textbox')).toHaveCount(0);
  });

  test("a viewer's forged mutations are refused by the server and change nothing", async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    const forged = [
      { type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[1]!.id, toIndex: 0 },
      { type: 'card.create', columnId: board.columns[0]!.id, title: 'Smuggled' },
      { type: 'card.block', cardId: board.cards[0]!.id, reason: 'x' },
      { type: 'column.update', columnId: board.columns[0]!.id, wipLimit: 1 },
      { type: 'column.delete', columnId: board.columns[2]!.id },
    ];
    for (const command of forged) {
      const response = await page.request.post(`/api/boards/${board.boardId}/commands`, { data: command, headers: { origin: baseURL! } });
      expect(response.status(), command.type).toBe(403);
    }
    const db = getTestDb();
    expect(await db.card.count({ where: { boardId: board.boardId } })).toBe(3);
    expect((await db.card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).columnId).toBe(board.columns[0]!.id);
    expect(await db.boardEvent.count({ where: { boardId: board.boardId } })).toBe(0);
    expect(await db.column.count({ where: { boardId: board.boardId, deletedAt: null } })).toBe(3);
  });

  test('someone not on the team gets 404 for the board, its API and its history', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.outsider, baseURL!);
    const response = await page.goto(`/boards/${board.boardId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Hittades inte' })).toBeVisible();
    expect((await page.request.get(`/api/boards/${board.boardId}`)).status()).toBe(404);
    expect((await page.goto(`/boards/${board.boardId}/history`))?.status()).toBe(404);
    const move = await page.request.post(`/api/boards/${board.boardId}/commands`, {
      data: { type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[1]!.id, toIndex: 0 },
      headers: { origin: baseURL! },
    });
    expect(move.status()).toBe(404);
  });

  test('a mutation from a foreign origin is refused', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    const response = await page.request.post(`/api/boards/${board.boardId}/commands`, {
      data: { type: 'card.create', columnId: board.columns[0]!.id, title: 'From elsewhere' },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status()).toBe(403);
    expect(await getTestDb().card.count({ where: { boardId: board.boardId } })).toBe(3);
  });
});
