import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { openOnTwoInstances } from './fixtures/two-instances';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A board in the middle of a week: work of different ages, one card blocked, "Utreds" over its limit, and a
 * standup yesterday after which one card moved.
 */
async function createStandupBoard() {
  const board = await createTestBoard({
    columns: [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 1 },
      { name: 'Granskas', flowState: 'IN_PROGRESS' },
      { name: 'Klart', flowState: 'DONE' },
    ],
    cards: [
      { title: 'Ärende A', column: 1 },
      { title: 'Ärende B', column: 1 },
      { title: 'Ärende C', column: 2 },
      { title: 'Ärende D', column: 0 },
      { title: 'Ärende E', column: 3 },
    ],
  });
  const db = getTestDb();
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms);
  const [a, b, c, , e] = board.cards;
  const [, utreds, granskas] = board.columns;
  // Everything seeded so far happened long before yesterday's standup; only the move below is "since".
  await db.card.updateMany({ where: { boardId: board.boardId }, data: { createdAt: ago(20 * DAY), lastMovedAt: ago(6 * DAY) } });
  await db.cardEvent.updateMany({ where: { boardId: board.boardId }, data: { at: ago(20 * DAY) } });
  await db.card.update({ where: { id: a!.id }, data: { startedAt: ago(5 * DAY) } });
  await db.card.update({ where: { id: b!.id }, data: { startedAt: ago(2 * DAY), blockedAt: ago(1.5 * DAY), blockedReason: 'Väntar på beslut' } });
  await db.card.update({ where: { id: c!.id }, data: { startedAt: ago(3 * DAY), lastMovedAt: ago(2 * HOUR) } });
  await db.card.update({ where: { id: e!.id }, data: { startedAt: ago(9 * DAY), doneAt: ago(4 * DAY) } });
  await db.standup.create({ data: { boardId: board.boardId, startedAt: ago(DAY), endedAt: ago(DAY - 15 * 60_000) } });
  await db.cardEvent.create({
    data: { boardId: board.boardId, cardId: c!.id, type: 'MOVED', fromColumnId: utreds!.id, toColumnId: granskas!.id, at: ago(2 * HOUR) },
  });
  return board;
}

/**
 * Presses a walk shortcut once the walk listens for it: the shortcuts pause while a dialog is open and resume a
 * moment after it closes, so a key pressed before then would be lost (body[data-standup-keys], use-standup-keys.ts).
 */
async function pressWalkKey(page: Page, key: string) {
  await expect(page.locator('body[data-standup-keys="listening"]')).toHaveCount(1);
  await page.keyboard.press(key);
}

/** Reaches a control the way a keyboard user does: Tab, Tab, Tab… */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error('The control cannot be reached with Tab');
}

function walkColumn(page: Page, name: string) {
  return page.locator(`[data-testid="walk-column"][data-column-name="${name}"]`);
}

test.describe('standup mode', () => {
  test('a member runs a standup by keyboard only, and a colleague on another instance sees the block live', async ({ browser, baseURL }) => {
    const board = await createStandupBoard();
    const { anna, bo, close } = await openOnTwoInstances(
      browser,
      baseURL!,
      { anna: board.member, bo: board.colleague },
      { anna: `/boards/${board.boardId}/standup`, bo: `/boards/${board.boardId}` },
    );

    // Before anyone's work: the system, then what changed since yesterday's standup.
    await expect(anna.getByTestId('standup-wip')).toContainText('Utreds: 2 av 1');
    await expect(anna.getByRole('heading', { name: 'Sedan förra avstämningen' })).toBeVisible();
    await expect(anna.getByTestId('standup-changes-moved')).toContainText('Flyttade: 1');
    await expect(anna.getByTestId('standup-changes-moved')).toContainText('Ärende C');

    await tabTo(anna, anna.getByRole('button', { name: 'Starta avstämningen' }));
    await anna.keyboard.press('Enter');

    // Right to left, the done column skipped; in "Utreds" the blocked card before the older one.
    const current = anna.locator('li[aria-current="step"]');
    await expect(current).toContainText('Ärende C');
    await expect(anna.getByRole('button', { name: 'Öppna kortet Ärende C' })).toBeFocused();
    await expect(anna.getByTestId('standup-announcer')).toContainText('1 av 4, Granskas: Ärende C.');
    await expect(anna.getByTestId('walk-card')).toHaveText([/Ärende C/, /Ärende B/, /Ärende A/, /Ärende D/]);

    await pressWalkKey(anna, 'j');
    await expect(current).toContainText('Ärende B');
    await expect(current).toContainText('Blockerad i 1 dag');
    await expect(current).toContainText('Anledning: Väntar på beslut');
    await pressWalkKey(anna, 'ArrowDown');
    await expect(current).toContainText('Ärende A');
    await expect(current).toContainText('6 dagar pågående');
    await pressWalkKey(anna, 'n');
    await expect(current).toContainText('Ärende D');
    await expect(current).toContainText('Inte påbörjat');
    await pressWalkKey(anna, 'k');
    await expect(current).toContainText('Ärende A');
    await expect(anna.getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();

    // Open the card, and back to the walk where it was.
    await pressWalkKey(anna, 'Enter');
    await expect(anna.getByRole('dialog', { name: 'Ärende A' })).toBeVisible();
    await anna.keyboard.press('Escape');
    await expect(anna.getByRole('dialog')).toHaveCount(0);
    await expect(anna.getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();

    // Block it from the walk: B, a reason, Enter.
    await pressWalkKey(anna, 'b');
    const blockDialog = anna.getByRole('dialog', { name: 'Blockera ”Ärende A”' });
    await expect(blockDialog.getByLabel('Vad blockerar det?')).toBeFocused();
    await anna.keyboard.type('Väntar på underlag');
    await anna.keyboard.press('Enter');
    await expect(blockDialog).toHaveCount(0);
    await expect(current).toContainText('Ärende A');
    await expect(current).toContainText('Anledning: Väntar på underlag');
    await expect(anna.getByTestId('standup-announcer')).toContainText('”Ärende A” är markerat som blockerat.');
    // The colleague's board, served by the other instance, shows it at once.
    await expect(bo.getByTestId('card').filter({ hasText: 'Ärende A' }).getByText('Anledning: Väntar på underlag')).toBeVisible({ timeout: 3_000 });

    // A colleague moves a card during the standup: the walk updates and Anna keeps her place.
    await bo.getByRole('button', { name: 'Flytta till… Ärende D' }).click();
    await bo.getByRole('menuitem', { name: /^Granskas/ }).click();
    await expect(walkColumn(anna, 'Granskas')).toContainText('Ärende D');
    await expect(walkColumn(anna, 'Inkommet')).toContainText('Inga kort i kolumnen.');
    await expect(current).toContainText('Ärende A');
    await expect(anna.getByTestId('standup-announcer')).toContainText(`${board.colleague.name} flyttade ”Ärende D” till Granskas`);

    // Move it with M: the first other column has focus; Tab passes the current (disabled) one.
    await pressWalkKey(anna, 'm');
    const moveDialog = anna.getByRole('dialog', { name: 'Flytta ”Ärende A” till…' });
    await expect(moveDialog.getByRole('button', { name: /^Flytta till Inkommet/ })).toBeFocused();
    await anna.keyboard.press('Tab');
    await expect(moveDialog.getByRole('button', { name: /^Flytta till Granskas/ })).toBeFocused();
    await anna.keyboard.press('Enter');
    await expect(moveDialog).toHaveCount(0);
    await expect(walkColumn(anna, 'Granskas').locator('li[aria-current="step"]')).toContainText('Ärende A');
    await expect(anna.getByTestId('standup-wip')).toContainText('Ingen kolumn är över sin WIP-gräns.');
    await expect(bo.getByRole('region', { name: 'Granskas', exact: true }).getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();

    // End with E and Enter.
    await pressWalkKey(anna, 'e');
    const endDialog = anna.getByRole('dialog', { name: 'Avsluta avstämningen?' });
    await expect(endDialog.getByRole('button', { name: 'Avsluta avstämningen' })).toBeFocused();
    await anna.keyboard.press('Enter');
    await expect(anna.getByRole('heading', { name: 'Avstämningen är avslutad' })).toBeFocused();

    // Recorded: its start and end time, and nothing else (no field for who spoke or took part).
    const standups = await getTestDb().standup.findMany({ where: { boardId: board.boardId }, orderBy: { startedAt: 'asc' } });
    expect(standups).toHaveLength(2);
    expect(Object.keys(standups[1]!).sort()).toEqual(['boardId', 'endedAt', 'id', 'startedAt']);
    expect(standups[1]!.endedAt!.getTime()).toBeGreaterThanOrEqual(standups[1]!.startedAt.getTime());
    const blocked = await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } });
    expect(blocked.blockedReason).toBe('Väntar på underlag');
    expect(blocked.columnId).toBe(board.columns[2]!.id);
    await close();
  });

  test('a second member joins the standup under way instead of starting another', async ({ browser, baseURL }) => {
    const board = await createStandupBoard();
    const pages: Page[] = [];
    for (const user of [board.member, board.colleague]) {
      const context = await browser.newContext();
      await signInAs(context, user, baseURL!);
      const page = await context.newPage();
      await page.goto(`${baseURL}/boards/${board.boardId}/standup`);
      pages.push(page);
    }
    const [anna, bo] = pages as [Page, Page];
    await anna.getByRole('button', { name: 'Starta avstämningen' }).click();
    await expect(anna.locator('li[aria-current="step"]')).toContainText('Ärende C');
    await bo.reload();
    await bo.getByRole('button', { name: /^Anslut till avstämningen som startade/ }).click();
    await expect(bo.locator('li[aria-current="step"]')).toContainText('Ärende C');
    // Both walk the same standup; its summary still reaches back to yesterday's, not to Anna's start.
    await expect(bo.getByTestId('standup-changes-moved')).toContainText('Ärende C');
    expect(await getTestDb().standup.count({ where: { boardId: board.boardId } })).toBe(2);
    for (const page of pages) await page.context().close();
  });

  test('a viewer follows the walk without block, move or end controls; an outsider finds nothing', async ({ browser, baseURL }) => {
    const board = await createStandupBoard();
    const context = await browser.newContext();
    await signInAs(context, board.viewer, baseURL!);
    const page = await context.newPage();
    await page.goto(`${baseURL}/boards/${board.boardId}/standup`);
    await expect(page.getByText('Du är läsare: du kan följa genomgången men inte blockera eller flytta kort.')).toBeVisible();
    await page.getByRole('button', { name: 'Följ genomgången' }).click();
    const current = page.locator('li[aria-current="step"]');
    await expect(current).toContainText('Ärende C');
    await pressWalkKey(page, 'j');
    await expect(current).toContainText('Ärende B');
    for (const name of ['Blockera', 'Ta bort blockering', 'Flytta till…', 'Avsluta avstämningen']) {
      await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByTestId('standup-key-legend')).not.toContainText('Blockera');
    for (const key of ['b', 'm', 'e']) await pressWalkKey(page, key);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(current).toContainText('Ärende B');

    // The server agrees: a viewer cannot record a standup or block a card.
    const start = await page.request.post(`${baseURL}/api/boards/${board.boardId}/standups`, { data: {}, headers: { origin: baseURL! } });
    expect(start.status()).toBe(403);
    expect(await getTestDb().standup.count({ where: { boardId: board.boardId } })).toBe(1);
    await context.close();

    const outsiderContext = await browser.newContext();
    await signInAs(outsiderContext, board.outsider, baseURL!);
    const outsider = await outsiderContext.newPage();
    const response = await outsider.goto(`${baseURL}/boards/${board.boardId}/standup`);
    expect(response?.status()).toBe(404);
    await expect(outsider.getByRole('heading', { name: 'Hittades inte' })).toBeVisible();
    await outsiderContext.close();
  });

  test('works in English too', async ({ browser, baseURL }) => {
    const board = await createStandupBoard();
    const context = await browser.newContext({ locale: 'en-GB' });
    await signInAs(context, board.member, baseURL!);
    const page = await context.newPage();
    await page.goto(`${baseURL}/boards/${board.boardId}/standup`);
    await expect(page.getByRole('heading', { name: 'Since the last standup' })).toBeVisible();
    await expect(page.getByTestId('standup-wip')).toContainText('Utreds: 2 of 1');
    await page.getByRole('button', { name: 'Start the standup' }).click();
    await expect(page.locator('li[aria-current="step"]')).toContainText('Ärende C');
    await pressWalkKey(page, 'j');
    await expect(page.locator('li[aria-current="step"]')).toContainText('Blocked for 1 day');
    await context.close();
  });

  test('standup mode has no accessibility violations, before, during (with its dialogs) and after', async ({ page, context, baseURL }) => {
    const board = await createStandupBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}/standup`);
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Tidsram').selectOption('15');
    await page.getByRole('button', { name: 'Starta avstämningen' }).click();
    await expect(page.locator('li[aria-current="step"]')).toContainText('Ärende C');
    await expect(page.getByTestId('standup-timer')).toContainText('kvar');
    await expectNoAccessibilityViolations(page);

    await pressWalkKey(page, 'b');
    const blockDialog = page.getByRole('dialog', { name: 'Blockera ”Ärende C”' });
    await expect(blockDialog.getByLabel('Vad blockerar det?')).toBeFocused();
    await expectNoAccessibilityViolations(page);
    await page.keyboard.press('Escape');
    await expect(blockDialog).toHaveCount(0);
    await pressWalkKey(page, 'm');
    const moveDialog = page.getByRole('dialog', { name: 'Flytta ”Ärende C” till…' });
    await expect(moveDialog.locator(':focus')).toHaveCount(1);
    await expectNoAccessibilityViolations(page);
    await page.keyboard.press('Escape');
    await expect(moveDialog).toHaveCount(0);

    // E opens the confirmation; Enter only once its button has focus (pressed earlier it would go nowhere).
    await pressWalkKey(page, 'e');
    const endDialog = page.getByRole('dialog', { name: 'Avsluta avstämningen?' });
    await expect(endDialog.getByRole('button', { name: 'Avsluta avstämningen' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Avstämningen är avslutad' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });
});
