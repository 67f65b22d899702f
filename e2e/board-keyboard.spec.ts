import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordAnnouncements } from './fixtures/announcements';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';
import { openOnTwoInstances } from './fixtures/two-instances';

/**
 * The board for keyboard and screen-reader users (issue #14 items 1–7): focus after every kind of move, the drag
 * instructions, what is announced, the column counts, the Move-to menu, the board as one keyboard widget, target
 * sizes. Every test waits for state (focus, a response, an announcement), never for time.
 */

function column(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

function cardButton(page: Page, title: string) {
  return page.getByRole('button', { name: `Öppna kortet ${title}`, exact: true });
}

function commandAnswered(page: Page) {
  return page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/boards\/[^/]+\/commands$/.test(new URL(r.url()).pathname));
}

/** Opens the card's Move-to menu with M and waits until its first choice has focus. */
async function openMoveMenu(page: Page, title: string) {
  await expect(cardButton(page, title)).toBeFocused();
  await page.keyboard.press('m');
  const menu = page.getByRole('menu', { name: `Flytta till… ${title}` });
  await expect(menu.locator(':focus')).toHaveCount(1);
  return menu;
}

async function openBoard(page: Page, boardId: string) {
  await page.goto(`/boards/${boardId}`);
  await expect(page.locator('[data-live-status="live"]')).toBeVisible();
}

test.describe('focus after a move (2.4.3)', () => {
  test('Move-to twice in a row: focus stays on the card in its new place, each move announced once', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await cardButton(page, 'Ärende A').focus();
    const { said } = await recordAnnouncements(page);

    const menu = await openMoveMenu(page, 'Ärende A');
    // The card's own column is listed but cannot be chosen: the first choice is the next column.
    await expect(menu.getByRole('menuitem', { name: /^Pågår/ })).toBeFocused();
    let moved = commandAnswered(page);
    await page.keyboard.press('Enter');
    expect((await moved).ok()).toBe(true);
    await expect(column(page, 'Pågår').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();
    await expect(page.getByTestId('live-announcer')).toHaveText('Flyttade ”Ärende A” till Pågår.');

    await openMoveMenu(page, 'Ärende A');
    await expect(page.getByRole('menuitem', { name: /^Inkommet/ })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: /^Pågår/ })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    moved = commandAnswered(page);
    await page.keyboard.press('Enter');
    expect((await moved).ok()).toBe(true);
    await expect(column(page, 'Klart').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();
    await expect(page.getByTestId('live-announcer')).toHaveText('Flyttade ”Ärende A” till Klart.');
    expect((await said()).filter((text) => text.includes('Ärende A'))).toEqual(['Flyttade ”Ärende A” till Pågår.', 'Flyttade ”Ärende A” till Klart.']);
  });

  test('a move refused by a strict limit: focus back on the card, the reason next to it', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Beslut', flowState: 'IN_PROGRESS', wipLimit: 1, wipMode: 'STRICT' },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await cardButton(page, 'Ärende A').focus();
    const menu = await openMoveMenu(page, 'Ärende A');
    // Before choosing, the choice says the column is full and strict.
    await expect(menu.getByRole('menuitem', { name: /^Beslut/ })).toHaveText('Beslut (1 / 1, strikt — full)');
    await expect(menu.getByRole('menuitem', { name: /^Beslut/ })).toHaveAccessibleName('Beslut, 1 kort, gränsen är 1, strikt: full, flytten nekas');
    const refused = commandAnswered(page);
    await page.keyboard.press('Enter');
    expect((await refused).status()).toBe(409);

    const card = column(page, 'Inkommet').getByTestId('card').filter({ hasText: 'Ärende A' });
    await expect(card.getByRole('alert')).toContainText('”Beslut” har nått sin WIP-gräns (1) och teamet har gjort gränsen strikt.');
    await expect(card.getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();
    expect((await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).columnId).toBe(board.columns[0]!.id);
  });

  test('the over-limit question starts in its reason field; cancelling returns to the card, confirming follows it', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 1 },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await cardButton(page, 'Ärende A').focus();
    await openMoveMenu(page, 'Ärende A');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Över WIP-gränsen' });
    await expect(dialog.getByLabel('Anledning (valfritt)')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(column(page, 'Inkommet').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();

    await openMoveMenu(page, 'Ärende A');
    await page.keyboard.press('Enter');
    await expect(dialog.getByLabel('Anledning (valfritt)')).toBeFocused();
    await page.keyboard.type('Akut');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Flytta ändå' })).toBeFocused();
    const moved = commandAnswered(page);
    await page.keyboard.press('Enter');
    expect((await moved).ok()).toBe(true);
    await expect(column(page, 'Utreds').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();
    await expect(page.getByTestId('live-announcer')).toHaveText('Flyttade ”Ärende A” till Utreds.');
  });

  test('a colleague moves the card I am on: my focus follows it to its new column', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const { anna, bo, close } = await openOnTwoInstances(
      browser,
      baseURL!,
      { anna: board.member, bo: board.colleague },
      { anna: `/boards/${board.boardId}`, bo: `/boards/${board.boardId}` },
    );
    await cardButton(anna, 'Ärende A').focus();
    await bo.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    await bo.getByRole('menuitem', { name: /^Klart/ }).click();
    await expect(column(anna, 'Klart').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();
    await expect(anna.getByTestId('live-announcer')).toHaveText(`${board.colleague.name} flyttade ”Ärende A” till Klart`);
    await close();
  });
});

test.describe('keyboard drag and announcements (4.1.3)', () => {
  test('the drag instructions exist under the id the server rendered on every card', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    const html = await (await page.request.get(`/boards/${board.boardId}`)).text();
    // As the server renders them (before any script runs): one per card, naming the board's instructions.
    const describedBy = [...html.matchAll(/aria-describedby="([^"]+)"/g)].map((match) => match[1]!).filter((value) => value.includes('facts'));
    expect(describedBy).toHaveLength(3);
    for (const value of describedBy) expect(value.split(' ')).toContain('board-keyboard-instructions');

    await openBoard(page, board.boardId);
    for (const value of describedBy) {
      for (const id of value.split(' ')) await expect(page.locator(`[id="${id}"]`)).toHaveCount(1);
    }
    await expect(cardButton(page, 'Ärende A')).toHaveAccessibleDescription(/Piltangenterna går mellan korten och kolumnerna\. Enter öppnar kortet\. M öppnar menyn Flytta till\. Mellanslag plockar upp kortet/);
  });

  test('a keyboard drag: the pick-up is not overwritten, the drop is announced once, focus stays on the card', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    const card = cardButton(page, 'Ärende B');
    await card.focus();
    const { said } = await recordAnnouncements(page);
    const dndRegion = page.locator('[id^="DndLiveRegion"]');
    await page.keyboard.press('Space');
    await expect(card).toHaveAttribute('aria-pressed', 'true');
    await expect(dndRegion).toHaveText('Plockade upp kortet Ärende B.');
    await page.keyboard.press('ArrowRight');
    await expect(dndRegion).toContainText(/Kortet Ärende B är över .*Pågår/);
    const moved = commandAnswered(page);
    await page.keyboard.press('Space');
    expect((await moved).ok()).toBe(true);
    await expect(column(page, 'Pågår').getByRole('button', { name: 'Öppna kortet Ärende B' })).toBeFocused();
    await expect(dndRegion).toHaveText('Kortet Ärende B släpptes i kolumnen Pågår.');
    // Space does not also open the card.
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const aboutB = (await said()).filter((text) => text.includes('Ärende B'));
    expect(aboutB).toEqual(['Plockade upp kortet Ärende B.', expect.stringMatching(/^Kortet Ärende B är över .*Pågår/), 'Kortet Ärende B släpptes i kolumnen Pågår.']);
  });

  test('creating a card is announced once, and the field keeps focus for the next one', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    const { said } = await recordAnnouncements(page);
    await column(page, 'Inkommet').getByRole('button', { name: 'Lägg till kort i Inkommet' }).click();
    const field = column(page, 'Inkommet').getByLabel('Rubrik');
    await expect(field).toBeFocused();
    await page.keyboard.type('Nytt ärende 5');
    const created = commandAnswered(page);
    await page.keyboard.press('Enter');
    expect((await created).ok()).toBe(true);
    await expect(page.getByTestId('live-announcer')).toHaveText('Kortet ”Nytt ärende 5” lades till i Inkommet.');
    await expect(field).toBeFocused();
    expect((await said()).filter((text) => text.includes('Nytt ärende 5'))).toEqual(['Kortet ”Nytt ärende 5” lades till i Inkommet.']);
  });

  test('creating an invitation link is announced and keeps focus on the button', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/members`);
    const button = page.getByRole('button', { name: 'Skicka inbjudan' });
    await button.focus();
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/members'));
    await page.keyboard.press('Enter');
    await created;
    await expect(page.getByLabel('Inbjudningslänk')).toBeVisible();
    await expect(page.getByTestId('invite-announcer')).toHaveText(/^Inbjudningslänken är skapad: för en ny Medlem, giltig till .+\. Kopiera den med knappen Kopiera under formuläret\.$/);
    await expect(page.locator(':focus')).toHaveAccessibleName('Skicka inbjudan');
  });
});

test.describe('what assistive technology reads', () => {
  test('a column header says its count in words; a card and the Move-to menu read as one piece each', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Beslut', flowState: 'IN_PROGRESS', wipLimit: 1, wipMode: 'STRICT' },
      ],
      cards: [
        { title: 'Ärende A', column: 0 },
        { title: 'Ärende B', column: 1 },
        { title: 'Ärende C', column: 1 },
      ],
    });
    await getTestDb().card.update({ where: { id: board.cards[1]!.id }, data: { startedAt: new Date(), blockedAt: new Date(), blockedReason: 'Väntar på intyg' } });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);

    const beslut = column(page, 'Beslut');
    await expect(beslut).toHaveAccessibleDescription('2 kort, gränsen är 1, över gränsen');
    await expect(beslut.locator('header')).toMatchAriaSnapshot(`
      - heading "Beslut" [level=2]
      - text: 2 kort, gränsen är 1, över gränsen Pågående Åtagandepunkt · strikt
      - strong: Över gränsen
      - button "Policy för Beslut"
      - button "Inställningar för kolumnen Beslut"
    `);
    await expect(beslut.getByTestId('card').filter({ hasText: 'Ärende B' })).toMatchAriaSnapshot(`
      - article:
        - button "Öppna kortet Ärende B"
        - text: Blockerad sedan i dag Påbörjat i dag
        - paragraph: "Anledning: Väntar på intyg"
        - button "Flytta till… Ärende B" [expanded=false]
    `);

    await cardButton(page, 'Ärende A').focus();
    const menu = await openMoveMenu(page, 'Ärende A');
    await expect(menu).toMatchAriaSnapshot(`
      - menu "Flytta till… Ärende A":
        - group "Kolumner":
          - menuitem "Inkommet — nuvarande kolumn" [disabled]
          - 'menuitem "Beslut, 2 kort, gränsen är 1, strikt: full, flytten nekas"'
        - group "I Inkommet":
          - menuitem "Överst i kolumnen — där är kortet redan" [disabled]
          - menuitem "Nederst i kolumnen — där är kortet redan" [disabled]
    `);
  });
});

test.describe('the Move-to menu (ARIA menu button)', () => {
  test('arrows wrap, Home/End, a letter jumps, Escape returns to the card, Tab closes it and moves on', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Pågår', flowState: 'IN_PROGRESS' },
        { name: 'Klart', flowState: 'DONE' },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await cardButton(page, 'Ärende A').focus();
    const menu = await openMoveMenu(page, 'Ärende A');
    await expect(page.getByRole('button', { name: 'Flytta till… Ärende A' })).toHaveAttribute('aria-expanded', 'true');
    await expect(menu.getByRole('menuitem', { name: /^Pågår/ })).toBeFocused();
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: /^Nederst i kolumnen/ })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: /^Inkommet/ })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: /^Nederst i kolumnen/ })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(menu.getByRole('menuitem', { name: /^Inkommet/ })).toBeFocused();
    await page.keyboard.press('k');
    await expect(menu.getByRole('menuitem', { name: /^Klart/ })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(cardButton(page, 'Ärende A')).toBeFocused();

    await openMoveMenu(page, 'Ärende A');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page.locator(':focus')).toHaveAccessibleName('Lägg till kort i Inkommet');
    // A click elsewhere closes it too.
    await page.getByRole('button', { name: 'Flytta till… Ärende A' }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.getByRole('heading', { level: 1 }).click();
    await expect(page.getByRole('menu')).toHaveCount(0);
  });
});

test.describe('the board as one keyboard widget', () => {
  test('the cards are one tab stop; arrows, Home/End move between cards and columns; Enter opens; ? shows the keys', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Tom', flowState: 'IN_PROGRESS' },
        { name: 'Pågår', flowState: 'IN_PROGRESS' },
      ],
      cards: [
        { title: 'Ärende A', column: 0 },
        { title: 'Ärende B', column: 0 },
        { title: 'Ärende C', column: 0 },
        { title: 'Ärende D', column: 2 },
        { title: 'Ärende E', column: 2 },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await expect(page.locator('[data-card-nav][tabindex="0"]')).toHaveCount(1);

    // Tab from the first column's policy and settings buttons lands on the one card tab stop, the next Tab leaves.
    await page.getByRole('button', { name: 'Inställningar för kolumnen Inkommet' }).focus();
    await page.keyboard.press('Tab');
    await expect(cardButton(page, 'Ärende A')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAccessibleName('Lägg till kort i Inkommet');
    await page.keyboard.press('Shift+Tab');
    await expect(cardButton(page, 'Ärende A')).toBeFocused();

    await page.keyboard.press('ArrowDown');
    await expect(cardButton(page, 'Ärende B')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    // The empty column is skipped; the same place in the next column that shows cards.
    await expect(cardButton(page, 'Ärende E')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(cardButton(page, 'Ärende D')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(cardButton(page, 'Ärende A')).toBeFocused();
    await page.keyboard.press('End');
    await expect(cardButton(page, 'Ärende C')).toBeFocused();
    await page.keyboard.press('Control+End');
    await expect(cardButton(page, 'Ärende E')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(cardButton(page, 'Ärende E')).toBeFocused();
    // The tab stop follows: leaving and coming back lands on the card last used.
    await expect(page.locator('[data-card-nav][tabindex="0"]')).toHaveAccessibleName('Öppna kortet Ärende E');

    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Ärende E' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(cardButton(page, 'Ärende E')).toBeFocused();

    await page.keyboard.press('Shift+Slash');
    const help = page.getByRole('dialog', { name: 'Kortkommandon på tavlan' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Flytta kortet: öppna menyn Flytta till');
    await page.keyboard.press('Escape');
    await expect(cardButton(page, 'Ärende E')).toBeFocused();
    await page.getByRole('button', { name: 'Kortkommandon' }).click();
    await expect(help).toBeVisible();
  });

  test('after in-app navigation focus starts on the new page’s heading and the skip link works', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await page.getByRole('link', { name: 'Tavlans historik' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/history$/);
    await expect(page.locator(':focus')).toHaveRole('heading');
    await expect(page.locator('h1')).toBeFocused();

    const skipLink = page.getByRole('link', { name: 'Hoppa till innehållet' });
    for (let presses = 0; presses < 20 && !(await skipLink.evaluate((element) => element === document.activeElement)); presses += 1) {
      await page.keyboard.press('Shift+Tab');
    }
    await expect(skipLink).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
  });

  test('targets are at least 24 × 24 px without the spacing exception (2.5.8)', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Beslut', flowState: 'IN_PROGRESS', wipLimit: 1, wipMode: 'STRICT' },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    const card = page.getByTestId('card').filter({ hasText: 'Ärende A' });
    const targets = [
      page.getByRole('button', { name: 'Inställningar för kolumnen Inkommet' }),
      page.getByRole('button', { name: 'Policy för Inkommet' }),
      card.getByTestId('drag-handle'),
      card.getByRole('button', { name: 'Flytta till… Ärende A' }),
      card.getByRole('button', { name: 'Öppna kortet Ärende A' }),
    ];
    for (const target of targets) {
      const box = (await target.boundingBox())!;
      expect({ width: box.width >= 24, height: box.height >= 24 }).toEqual({ width: true, height: true });
    }
  });
});
