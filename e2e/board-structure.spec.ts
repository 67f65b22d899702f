import { expect, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

test.describe('the team shapes its board', () => {
  test("edits a column's policy and WIP limit and sees both in the board history", async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Inställningar för kolumnen Pågår' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('WIP-gräns').fill('3');
    await dialog.getByLabel('Explicit policy').fill('Kort får **lämna** kolumnen när beslutet är skickat.');
    await dialog.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'Pågår', exact: true }).getByTestId('wip-count')).toHaveText('1 / 3');

    await page.getByRole('button', { name: 'Policy för Pågår' }).click();
    await expect(page.getByRole('region', { name: 'Pågår', exact: true }).locator('strong', { hasText: 'lämna' })).toBeVisible();

    await page.getByRole('link', { name: 'Tavlans historik' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Tavla`);
    await expect(page.locator('main li').filter({ hasText: 'lämna' }).first()).toBeVisible();
    await expect(page.locator('main').getByText(board.member.name).first()).toBeVisible();
    const events = await getTestDb().boardEvent.findMany({ where: { boardId: board.boardId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type).sort()).toEqual(['COLUMN_POLICY_CHANGED', 'COLUMN_WIP_CHANGED']);
    expect(events.find((e) => e.type === 'COLUMN_WIP_CHANGED')).toMatchObject({ before: { wipLimit: null }, after: { wipLimit: 3 }, actorId: board.member.id });
  });

  test('rejects a negative or fractional WIP limit with a clear message and changes nothing', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    for (const wipLimit of [-1, 2.5, 0, '3']) {
      const response = await page.request.post(`/api/boards/${board.boardId}/commands`, {
        data: { type: 'column.update', columnId: board.columns[1]!.id, wipLimit },
        headers: { origin: baseURL! },
      });
      expect(response.status(), String(wipLimit)).toBe(422);
      expect((await response.json()).error.message).toContain('WIP-gränsen måste vara ett heltal');
    }
    expect((await getTestDb().column.findUniqueOrThrow({ where: { id: board.columns[1]!.id } })).wipLimit).toBeNull();
    expect(await getTestDb().boardEvent.count({ where: { boardId: board.boardId } })).toBe(0);
  });

  test('adds, renames, reorders and removes columns; removing a column with cards asks where they go', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByLabel('Kolumnens namn').fill('Väntar');
    await page.getByRole('button', { name: 'Lägg till kolumn' }).click();
    await expect(page.getByRole('region', { name: 'Väntar', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Inställningar för kolumnen Väntar' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Flytta åt vänster' }).click();
    await expect.poll(async () => page.locator('section[aria-labelledby^="column-"] h2').allInnerTexts()).toEqual(['Inkommet', 'Pågår', 'Väntar', 'Klart']);

    await page.getByRole('button', { name: 'Inställningar för kolumnen Inkommet' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Ta bort kolumnen…' }).click();
    await dialog.getByLabel(/Flytta kolumnens 2 kort till/).selectOption({ label: 'Väntar' });
    await dialog.getByRole('button', { name: 'Ta bort kolumnen och flytta korten' }).click();
    await expect(page.getByRole('region', { name: 'Inkommet', exact: true })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Väntar', exact: true }).getByTestId('card')).toHaveCount(2);

    const types = (await getTestDb().boardEvent.findMany({ where: { boardId: board.boardId }, orderBy: { id: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(['COLUMN_CREATED', 'COLUMN_REORDERED', 'COLUMN_DELETED']);
  });

  test('markdown with script, iframe and javascript: links is rendered harmless', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [{ name: 'Pågår', flowState: 'IN_PROGRESS', policy: 'Hej <script>window.__pwned = 1</script><iframe src="https://evil.example"></iframe> [klicka](javascript:window.__pwned=2) <img src=x onerror="window.__pwned=3">' }],
      cards: [{ title: 'Ärende A', column: 0 }],
    });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Policy för Pågår' }).click();
    const policy = page.locator('.prose-policy');
    await expect(policy).toContainText('Hej');
    await expect(policy.locator('script, iframe, img[onerror]')).toHaveCount(0);
    await expect(policy.locator('a[href^="javascript"]')).toHaveCount(0);
    await policy.getByText('klicka').click().catch(() => {});
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
