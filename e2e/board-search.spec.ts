import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestBoard } from './fixtures/test-data';

/**
 * Find any card in a second (#11 §2): "Sök på tavlan" with "/" and Escape, the filters beside it, the count, the
 * view in the URL, WIP counts untouched, live updates under a filter, the standup walk filtered.
 */

function shownTitles(page: Page) {
  return page.locator('[data-testid="card"]:visible').getByRole('button', { name: /^Öppna kortet / });
}

async function boardWithCases(): Promise<TestBoard> {
  const board = await createTestBoard({
    cards: [
      { title: 'Ärende om bistånd', column: 0 },
      { title: 'Orosanmälan från skola', column: 0 },
      { title: 'Hemtjänst, ny ansökan', column: 1 },
      { title: 'Färdtjänst', column: 1 },
    ],
  });
  const db = getTestDb();
  const [bistand, oro, hemtjanst, fardtjanst] = board.cards;
  await db.card.update({ where: { id: bistand!.id }, data: { labels: ['Brådskande'], demand: 'VALUE' } });
  await db.card.update({ where: { id: oro!.id }, data: { description: 'Rektorn ringde om eleven.', demand: 'FAILURE', blockedAt: new Date(), blockedReason: 'Väntar på skolan' } });
  await db.card.update({ where: { id: hemtjanst!.id }, data: { reference: 'KS-2026/118' } });
  await db.cardPerson.create({ data: { cardId: fardtjanst!.id, userId: board.member.id } });
  return board;
}

test.describe('board search and filters', () => {
  test('"/" focuses the search; typing filters by title, description, case number and label without diacritics; Escape clears', async ({ page, context, baseURL }) => {
    const board = await boardWithCases();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    const search = page.getByRole('searchbox', { name: 'Sök på tavlan' });
    await expect(shownTitles(page)).toHaveCount(4);

    await page.locator('body').press('/');
    await expect(search).toBeFocused();
    await page.keyboard.type('arende');
    await expect(shownTitles(page)).toHaveText(['Ärende om bistånd']);
    await expect(page.getByTestId('board-search-count')).toHaveText('1 av 4 kort');
    await expect(page.getByTestId('board-search-status')).toHaveText('1 av 4 kort');
    // The WIP count still counts every card, and the column says that the filter hides some.
    const inbox = page.getByRole('region', { name: 'Inkommet', exact: true });
    await expect(inbox.getByTestId('wip-count')).toHaveText('2');
    await expect(inbox.getByTestId('column-filter-note')).toHaveText('2 kort, 1 dolda av filtret');
    await expect(page.getByRole('region', { name: 'Pågår', exact: true }).getByTestId('column-filter-note')).toContainText('Inga kort här matchar filtret.');

    await search.fill('rektorn ELEVEN');
    await expect(shownTitles(page)).toHaveText(['Orosanmälan från skola']);
    await search.fill('ks-2026/118');
    await expect(shownTitles(page)).toHaveText(['Hemtjänst, ny ansökan']);
    await search.fill('bradskande');
    await expect(shownTitles(page)).toHaveText(['Ärende om bistånd']);
    await expect(page).toHaveURL(/\?q=bradskande$/);

    await page.keyboard.press('Escape');
    await expect(search).toHaveValue('');
    await expect(search).toBeFocused();
    await expect(shownTitles(page)).toHaveCount(4);
    await expect(page.getByTestId('board-search-count')).toHaveText('');

    // "/" typed in another field is a slash, not a jump to the search.
    await page.getByRole('region', { name: 'Inkommet', exact: true }).getByRole('button', { name: 'Lägg till kort i Inkommet' }).click();
    const title = page.getByRole('region', { name: 'Inkommet', exact: true }).getByLabel('Rubrik');
    await title.focus();
    await page.keyboard.type('a/b');
    await expect(title).toHaveValue('a/b');
    await expect(title).toBeFocused();
  });

  test('each filter, combined; the URL shares the view with a second browser; axe passes in Swedish and English', async ({ page, context, baseURL, browser }) => {
    const board = await boardWithCases();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    const bar = page.getByRole('search', { name: 'Sök och filtrera' });
    await bar.getByLabel('Efterfrågan').selectOption({ label: 'Felefterfrågan' });
    await expect(shownTitles(page)).toHaveText(['Orosanmälan från skola']);
    await bar.getByLabel('Efterfrågan').selectOption({ label: 'Alla typer' });
    await bar.getByLabel('Etikett').selectOption('Brådskande');
    await expect(shownTitles(page)).toHaveText(['Ärende om bistånd']);
    await bar.getByLabel('Etikett').selectOption({ label: 'Alla etiketter' });
    await bar.getByLabel('Blockerade').check();
    await expect(shownTitles(page)).toHaveText(['Orosanmälan från skola']);
    await bar.getByLabel('Blockerade').uncheck();
    await bar.getByLabel('Mina kort').check();
    await expect(shownTitles(page)).toHaveText(['Färdtjänst']);
    await expect(page.getByTestId('board-search-count')).toHaveText('1 av 4 kort');
    // Too little history for the ageing filter: it says so and cannot be chosen.
    await expect(bar.getByLabel(/Äldre än 85 %.*för lite historik/)).toBeDisabled();
    // Combined: my cards AND a query that only another card matches → nothing.
    await bar.getByRole('searchbox', { name: 'Sök på tavlan' }).fill('tjänst');
    await expect(shownTitles(page)).toHaveText(['Färdtjänst']);
    await expect(page).toHaveURL(/\?q=tj%C3%A4nst&mine=1$/);
    await expectNoAccessibilityViolations(page);

    // The link opens the same view for a colleague (their "my cards" are their own: none here).
    const url = page.url();
    const other = await browser.newContext({ baseURL, locale: 'sv-SE' });
    await signInAs(other, board.member, baseURL!);
    const second = await other.newPage();
    await second.goto(url);
    await expect(second.getByRole('searchbox', { name: 'Sök på tavlan' })).toHaveValue('tjänst');
    await expect(second.getByRole('search').getByLabel('Mina kort')).toBeChecked();
    await expect(shownTitles(second)).toHaveText(['Färdtjänst']);
    await expect(second.getByTestId('board-search-count')).toHaveText('1 av 4 kort');
    await other.close();

    // English.
    const english = await browser.newContext({ baseURL, locale: 'en' });
    await signInAs(english, board.member, baseURL!);
    const en = await english.newPage();
    await en.goto(`/boards/${board.boardId}?blocked=1`);
    await expect(en.getByRole('searchbox', { name: 'Search the board' })).toBeVisible();
    await expect(en.getByTestId('board-search-count')).toHaveText('1 of 4 cards');
    await expectNoAccessibilityViolations(en);
    await english.close();
  });

  test('live under a filter: a colleague’s new matching card appears; a card that stops matching disappears, said politely', async ({ browser, baseURL }) => {
    const board = await boardWithCases();
    const annaContext = await browser.newContext({ baseURL, locale: 'sv-SE' });
    const boContext = await browser.newContext({ baseURL, locale: 'sv-SE' });
    await signInAs(annaContext, board.member, baseURL!);
    await signInAs(boContext, board.colleague, baseURL!);
    const anna = await annaContext.newPage();
    const bo = await boContext.newPage();
    await anna.goto(`/boards/${board.boardId}?q=tjanst`);
    await bo.goto(`/boards/${board.boardId}`);
    await expect(anna.locator('[data-live-status="live"]')).toBeVisible();
    await expect(shownTitles(anna)).toHaveText(['Hemtjänst, ny ansökan', 'Färdtjänst']);

    const doing = bo.getByRole('region', { name: 'Pågår', exact: true });
    await doing.getByRole('button', { name: 'Lägg till kort i Pågår' }).click();
    await doing.getByLabel('Rubrik').fill('Tjänsteresa');
    await doing.getByRole('button', { name: 'Skapa' }).click();
    await expect(shownTitles(anna)).toHaveText(['Hemtjänst, ny ansökan', 'Färdtjänst', 'Tjänsteresa']);
    await expect(anna.getByTestId('board-search-count')).toHaveText('3 av 5 kort');

    // Bo renames Färdtjänst: it no longer matches and disappears for Anna, with a polite announcement.
    await bo.getByRole('button', { name: 'Öppna kortet Färdtjänst', exact: true }).click();
    const dialog = bo.getByRole('dialog', { name: 'Färdtjänst' });
    await dialog.getByRole('button', { name: 'Ändra rubrik, beskrivning och etiketter' }).click();
    await dialog.getByLabel('Rubrik', { exact: true }).fill('Resa till läkare');
    await dialog.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect(shownTitles(anna)).toHaveText(['Hemtjänst, ny ansökan', 'Tjänsteresa']);
    await expect(anna.getByTestId('board-search-announcer')).toHaveText('”Resa till läkare” matchar inte längre filtret och döljs.');
    await expect(anna.getByRole('region', { name: 'Pågår', exact: true }).getByTestId('wip-count')).toHaveText('3');
    await annaContext.close();
    await boContext.close();
  });

  test('the standup walk is filtered the same way', async ({ page, context, baseURL }) => {
    const board = await boardWithCases();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}/standup?mine=1`);
    await expect(page.getByRole('searchbox', { name: 'Sök på tavlan' })).toBeVisible();
    await expect(page.getByRole('search').getByLabel('Mina kort')).toBeChecked();
    const start = page.getByRole('button', { name: /^(Starta avstämningen|Anslut till avstämningen)/ }).first();
    await start.click();
    await expect(page.getByTestId('walk-card')).toHaveCount(1);
    await expect(page.getByTestId('walk-card')).toContainText('Färdtjänst');
    await page.getByRole('search').getByLabel('Mina kort').uncheck();
    await expect(page.getByTestId('walk-card')).toHaveCount(4);
  });
});
