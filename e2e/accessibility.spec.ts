import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { createTestBoard } from './fixtures/test-data';

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  test('sign-in page', async ({ page }) => {
    await page.goto('/sign-in');
    await expectNoAccessibilityViolations(page);
  });

  test('team list, board, card dialog, column settings and board history', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Pågår', flowState: 'IN_PROGRESS', wipLimit: 1, wipMode: 'STRICT', policy: '**Får lämna** när det är klart.' },
        { name: 'Klart', flowState: 'DONE' },
      ],
      cards: [
        { title: 'Ärende A', column: 0 },
        { title: 'Ärende B', column: 1 },
        { title: 'Ärende C', column: 1 },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await page.goto('/teams');
    await expectNoAccessibilityViolations(page);

    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Policy för Pågår' }).click();
    await expect(page.getByRole('button', { name: 'Policy för Pågår' })).toHaveAttribute('aria-expanded', 'true');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('button', { name: 'Öppna kortet Ärende B' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('dialog').getByText('Skapat')).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByRole('button', { name: 'Inställningar för kolumnen Pågår' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.goto(`/boards/${board.boardId}/history`);
    await expectNoAccessibilityViolations(page);
  });

  test('the board is usable at 320 px wide without horizontal page scrolling', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAccessibilityViolations(page);
  });
});
