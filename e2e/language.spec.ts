import { expect, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { createTestBoard } from './fixtures/test-data';

test('switches language and remembers the choice', async ({ page, context, baseURL }) => {
  const board = await createTestBoard();
  await signInAs(context, board.member, baseURL!);
  await page.goto(`/boards/${board.boardId}`);
  await expect(page.getByRole('link', { name: 'Tavlans historik' })).toBeVisible();
  await page.getByLabel('Språk').selectOption('en');
  await expect(page.getByRole('link', { name: 'Board history' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Move to… Ärende A' })).toBeVisible();
  await page.getByLabel('Language').selectOption('sv');
  await expect(page.getByRole('button', { name: 'Flytta till… Ärende A' })).toBeVisible();
});

test('follows the browser language when no choice was made', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${baseURL}/sign-in`);
  await expect(page.getByRole('heading', { name: 'Sign in to Tillit' })).toBeVisible();
  await context.close();
});
