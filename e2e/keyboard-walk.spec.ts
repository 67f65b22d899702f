import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordAnnouncements } from './fixtures/announcements';
import { getTestDb } from './fixtures/db';
import { createTestBoard, TEST_PASSWORD } from './fixtures/test-data';

/**
 * Issue #14's keyboard-only walk: a frontline worker who cannot use a mouse signs in, creates a card, moves it by
 * the keyboard drag and by "Flytta till…" twice in a row, blocks it, reads the Flow page, runs the standup and
 * ends it — without one click. Focus is asserted after every step and the text of every announcement, and the
 * key presses are counted, so the closing note can say what a move costs a keyboard user.
 */

/** Every key press of the walk goes through here, so it is counted per stretch. */
class Keys {
  count = 0;
  constructor(private readonly page: Page) {}

  async press(key: string) {
    this.count += 1;
    await this.page.keyboard.press(key);
  }

  /** Tabs (forwards or backwards) until `target` has focus; fails rather than tabbing forever. */
  async tabTo(target: Locator, { backwards = false, limit = 40 } = {}) {
    for (let presses = 0; presses < limit; presses += 1) {
      await this.press(backwards ? 'Shift+Tab' : 'Tab');
      if (await target.evaluate((element) => element === document.activeElement)) return;
    }
    throw new Error(`Not reachable with ${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
  }

  /** Counts the presses `stretch` makes. */
  async measure(stretch: () => Promise<void>): Promise<number> {
    const before = this.count;
    await stretch();
    return this.count - before;
  }
}

function column(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

function cardIn(page: Page, columnName: string, title: string) {
  return column(page, columnName).getByRole('button', { name: `Öppna kortet ${title}`, exact: true });
}

function commandAnswered(page: Page) {
  return page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/boards\/[^/]+\/commands$/.test(new URL(r.url()).pathname));
}

test('keyboard only: sign in, create, move by keyboard and by Move-to twice, block, Flow, standup, end', async ({ page }) => {
  const board = await createTestBoard({
    columns: [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Utreds', flowState: 'IN_PROGRESS' },
      { name: 'Beslut', flowState: 'IN_PROGRESS' },
      { name: 'Granskas', flowState: 'IN_PROGRESS' },
      { name: 'Klart', flowState: 'DONE' },
    ],
    cards: [{ title: 'Ärende A', column: 1 }],
  });
  const keys = new Keys(page);
  const announcer = page.getByTestId('live-announcer');

  // Sign in: the e-mail field, the password, Enter.
  await page.goto('/sign-in');
  await keys.tabTo(page.getByLabel('E-postadress'));
  await page.keyboard.type(board.member.email);
  await keys.press('Tab');
  await expect(page.getByLabel('Lösenord')).toBeFocused();
  await page.keyboard.type(TEST_PASSWORD);
  await keys.press('Enter');
  await expect(page.getByRole('heading', { name: 'Dina team' })).toBeVisible();

  await page.goto(`/boards/${board.boardId}`);
  await expect(page.locator('[data-live-status="live"]')).toBeVisible();
  const { said } = await recordAnnouncements(page);

  // Create a card in "Inkommet"; the field keeps focus, Escape leaves it for the cards.
  const addButton = page.getByRole('button', { name: 'Lägg till kort i Inkommet' });
  await keys.tabTo(addButton);
  await keys.press('Enter');
  const titleField = column(page, 'Inkommet').getByLabel('Rubrik');
  await expect(titleField).toBeFocused();
  await page.keyboard.type('Ansökan om bostadsanpassning');
  const created = commandAnswered(page);
  await keys.press('Enter');
  expect((await created).ok()).toBe(true);
  await expect(announcer).toHaveText('Kortet ”Ansökan om bostadsanpassning” lades till i Inkommet.');
  await expect(titleField).toBeFocused();
  await keys.press('Escape');
  await expect(page.locator(':focus')).toHaveAccessibleName('Lägg till kort i Inkommet');
  const title = 'Ansökan om bostadsanpassning';
  // The cards are one tab stop (on "Ärende A", the card last in use); an arrow key goes to the new card.
  await keys.tabTo(page.locator('[data-card-nav][tabindex="0"]'));
  await expect(cardIn(page, 'Utreds', 'Ärende A')).toBeFocused();
  await keys.press('ArrowLeft');
  await expect(cardIn(page, 'Inkommet', title)).toBeFocused();

  // Two columns to the right with the keyboard drag: Space, →, →, Space — and focus stays on the card.
  const dndRegion = page.locator('[id^="DndLiveRegion"]');
  const byDrag = await keys.measure(async () => {
    await keys.press('Space');
    await expect(dndRegion).toHaveText(`Plockade upp kortet ${title}.`);
    await keys.press('ArrowRight');
    await expect(dndRegion).toContainText(new RegExp(`Kortet ${title} är över .*Utreds`));
    await keys.press('ArrowRight');
    await expect(dndRegion).toContainText(new RegExp(`Kortet ${title} är över .*Beslut`));
    const moved = commandAnswered(page);
    await keys.press('Space');
    expect((await moved).ok()).toBe(true);
    await expect(cardIn(page, 'Beslut', title)).toBeFocused();
  });
  await expect(dndRegion).toHaveText(`Kortet ${title} släpptes i kolumnen Beslut.`);

  // Move-to twice in a row: M, the column's first letter, Enter; focus on the card in its new place each time.
  const byMoveTo: number[] = [];
  for (const [target, letter] of [
    ['Granskas', 'g'],
    ['Utreds', 'u'],
  ] as const) {
    byMoveTo.push(
      await keys.measure(async () => {
        await keys.press('m');
        const menu = page.getByRole('menu', { name: `Flytta till… ${title}` });
        await expect(menu.locator(':focus')).toHaveCount(1);
        await keys.press(letter);
        await expect(menu.getByRole('menuitem', { name: new RegExp(`^${target}`) })).toBeFocused();
        const moved = commandAnswered(page);
        await keys.press('Enter');
        expect((await moved).ok()).toBe(true);
        await expect(cardIn(page, target, title)).toBeFocused();
      }),
    );
    await expect(announcer).toHaveText(`Flyttade ”${title}” till ${target}.`);
  }

  // Block it from the card dialog: Enter opens it, the block button, a reason, the confirm button.
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await keys.tabTo(dialog.getByRole('button', { name: 'Markera som blockerat…' }));
  await keys.press('Enter');
  await expect(dialog.getByLabel('Varför är kortet blockerat?')).toBeFocused();
  await page.keyboard.type('Väntar på intyg från arbetsterapeut');
  const blocked = commandAnswered(page);
  await keys.tabTo(dialog.getByRole('button', { name: 'Markera som blockerat', exact: true }));
  await keys.press('Enter');
  expect((await blocked).ok()).toBe(true);
  await expect(dialog.getByRole('button', { name: 'Ta bort blockeringen' })).toBeFocused();
  await expect(dialog.getByRole('status').filter({ hasText: 'Kortet är markerat som blockerat.' })).toHaveCount(1);
  await keys.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(cardIn(page, 'Utreds', title)).toBeFocused();
  await expect(column(page, 'Utreds').getByTestId('card').filter({ hasText: title })).toContainText('Anledning: Väntar på intyg från arbetsterapeut');

  // Every move and the creation were announced once, in order, and nothing else about the card.
  const aboutCard = (await said()).filter((text) => text.includes(title) && !text.startsWith('Kortet ' + title + ' är över'));
  expect(aboutCard).toEqual([
    `Kortet ”${title}” lades till i Inkommet.`,
    `Plockade upp kortet ${title}.`,
    `Kortet ${title} släpptes i kolumnen Beslut.`,
    `Flyttade ”${title}” till Granskas.`,
    `Flyttade ”${title}” till Utreds.`,
  ]);

  // The Flow page: the link in the board's header; focus starts on its heading.
  await keys.tabTo(page.getByRole('link', { name: 'Flöde', exact: true }), { backwards: true, limit: 60 });
  await keys.press('Enter');
  await expect(page).toHaveURL(/\/flow$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Flödet på /);

  // Back to the board with the page's own link, then the standup.
  await keys.tabTo(page.getByRole('link', { name: /^Tillbaka till / }), { backwards: true });
  await keys.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/boards/${board.boardId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('[data-live-status="live"]')).toBeVisible();
  await keys.tabTo(page.getByRole('link', { name: 'Avstämning', exact: true }));
  await keys.press('Enter');
  await expect(page).toHaveURL(/\/standup$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Start: the walk goes right to left, so the first card is the one in "Utreds", the blocked case.
  await keys.tabTo(page.getByRole('button', { name: 'Starta avstämningen' }));
  await keys.press('Enter');
  const current = page.locator('li[aria-current="step"]');
  await expect(current).toContainText(title);
  await expect(current).toContainText('Anledning: Väntar på intyg från arbetsterapeut');
  await expect(page.getByRole('button', { name: `Öppna kortet ${title}` })).toBeFocused();
  await expect(page.getByTestId('standup-announcer')).toContainText(`Utreds: ${title}.`);

  // End: E, then Enter on the dialog's confirm button, which has focus.
  await keys.press('e');
  const endDialog = page.getByRole('dialog', { name: 'Avsluta avstämningen?' });
  await expect(endDialog.getByRole('button', { name: 'Avsluta avstämningen' })).toBeFocused();
  await keys.press('Enter');
  await expect(page.getByRole('heading', { name: 'Avstämningen är avslutad' })).toBeFocused();

  const card = await getTestDb().card.findFirstOrThrow({ where: { boardId: board.boardId, title } });
  expect(card.blockedReason).toBe('Väntar på intyg från arbetsterapeut');
  expect(card.columnId).toBe(board.columns[1]!.id);

  // The figure for the closing note: from "card focused" to "moved two columns right, focus back on it".
  expect(byDrag).toBe(4);
  expect(byMoveTo).toEqual([3, 3]);
  test.info().annotations.push({
    type: 'key presses',
    description: `two columns right by keyboard drag: ${byDrag}; by Move-to: ${byMoveTo.join(', ')}; whole walk: ${keys.count}`,
  });
  console.log(`keyboard walk: two columns right by drag ${byDrag} presses, by Move-to ${byMoveTo.join(' / ')}; whole walk ${keys.count} presses`);
});
