import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

/** Issue #14 item 8 (standup) and the card age of item 9. */

const LONG_WORD = 'Överförmyndarnämndsärendehandläggningsrutinsgenomgångsprotokollsbilaga'.repeat(2);

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function createBoardWithBlockedCard() {
  const board = await createTestBoard({
    columns: [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Utreds', flowState: 'IN_PROGRESS' },
    ],
    cards: [
      { title: 'Ärende A', column: 1 },
      { title: 'Ärende B', column: 1 },
    ],
  });
  const db = getTestDb();
  const dayAgo = new Date(Date.now() - 2 * 86_400_000);
  await db.card.update({ where: { id: board.cards[0]!.id }, data: { startedAt: dayAgo } });
  await db.card.update({ where: { id: board.cards[1]!.id }, data: { startedAt: dayAgo, blockedAt: dayAgo, blockedReason: 'Väntar på läkarintyg' } });
  return board;
}

test.describe('standup for keyboard users', () => {
  test('B on a blocked card asks before unblocking; Escape changes nothing, Enter unblocks', async ({ page, context, baseURL }) => {
    const board = await createBoardWithBlockedCard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}/standup`);
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();
    await page.getByRole('button', { name: 'Starta avstämningen' }).click();
    // Blocked first in its column.
    const cardButton = page.getByRole('button', { name: 'Öppna kortet Ärende B' });
    await expect(cardButton).toBeFocused();

    await page.keyboard.press('b');
    const dialog = page.getByRole('dialog', { name: 'Ta bort blockeringen av ”Ärende B”?' });
    await expect(dialog).toContainText('Blockerat i 2 dagar.');
    await expect(dialog).toContainText('Anledning: Väntar på läkarintyg');
    await expect(dialog.getByRole('button', { name: 'Ta bort blockeringen' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(cardButton).toBeFocused();
    expect((await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[1]!.id } })).blockedAt).not.toBeNull();

    await page.keyboard.press('b');
    await expect(dialog.getByRole('button', { name: 'Ta bort blockeringen' })).toBeFocused();
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/commands'));
    await page.keyboard.press('Enter');
    expect((await answered).ok()).toBe(true);
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('standup-announcer')).toHaveText('”Ärende B” är inte längre blockerat.');
    await expect(cardButton).toBeFocused();
    expect((await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[1]!.id } })).blockedAt).toBeNull();
  });

  test('a long unbroken word in a title never scrolls the page sideways at 320 px (1.4.10)', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Utreds', flowState: 'IN_PROGRESS' },
      ],
      cards: [
        { title: LONG_WORD, column: 1 },
        { title: 'Ärende B', column: 0 },
      ],
    });
    const db = getTestDb();
    await db.card.update({ where: { id: board.cards[0]!.id }, data: { startedAt: new Date(), blockedAt: new Date(), blockedReason: LONG_WORD } });
    // The summary "since the last standup" lists it too.
    await db.cardEvent.create({ data: { boardId: board.boardId, cardId: board.cards[0]!.id, type: 'MOVED', fromColumnId: board.columns[0]!.id, toColumnId: board.columns[1]!.id } });
    await signInAs(context, board.member, baseURL!);
    await page.setViewportSize({ width: 320, height: 640 });

    await page.goto(`/boards/${board.boardId}/standup`);
    await expect(page.getByTestId('standup-changes')).toContainText(LONG_WORD.slice(0, 20));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Starta avstämningen' }).click();
    await expect(page.locator('li[aria-current="step"]')).toContainText(LONG_WORD.slice(0, 20));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toContainText('Historik');
    expect(await page.getByRole('dialog').evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth)).toBeLessThanOrEqual(0);

    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByRole('button', { name: `Öppna kortet ${LONG_WORD}` })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  test('work started a minute ago reads "Påbörjat i dag", on the board and in the standup', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Utreds', flowState: 'IN_PROGRESS' },
      ],
      cards: [{ title: 'Ärende A', column: 1 }],
    });
    // A minute ago — unless that was yesterday in the team's time zone (a run just after midnight): then now.
    const day = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const minuteAgo = new Date(Date.now() - 60_000);
    const startedAt = day(minuteAgo) === day(new Date()) ? minuteAgo : new Date();
    await getTestDb().card.update({ where: { id: board.cards[0]!.id }, data: { startedAt } });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByTestId('card-age')).toHaveText('Påbörjat i dag');
    await page.goto(`/boards/${board.boardId}/standup`);
    await page.getByRole('button', { name: 'Starta avstämningen' }).click();
    await expect(page.getByTestId('walk-card-age')).toHaveText('Påbörjat i dag');
  });
});
