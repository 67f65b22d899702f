import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestBoard } from './fixtures/test-data';
import { openOnTwoInstances } from './fixtures/two-instances';

function cardOn(page: Page, title: string) {
  return page.getByTestId('card').filter({ has: page.getByRole('button', { name: `Öppna kortet ${title}` }) });
}

/** A second board of the same team, with one card in its first column. */
async function createSecondBoard(board: TestBoard, cardTitle: string) {
  const db = getTestDb();
  const second = await db.board.create({ data: { teamId: board.teamId, name: `Tolkar ${board.boardId.slice(-4)}` } });
  const lane = await db.lane.create({ data: { boardId: second.id, name: 'Standard', position: 1024 } });
  const inbox = await db.column.create({ data: { boardId: second.id, name: 'Att göra', flowState: 'NOT_STARTED', position: 1024 } });
  const done = await db.column.create({ data: { boardId: second.id, name: 'Bokat', flowState: 'DONE', position: 2048 } });
  const card = await db.card.create({ data: { boardId: second.id, columnId: inbox.id, laneId: lane.id, title: cardTitle, reference: 'TOLK-7', position: 1024 } });
  return { boardId: second.id, name: second.name, cardId: card.id, doneColumnId: done.id };
}

test.describe('waiting for', () => {
  test('a card waits for a card on another board; both show it; done frees it and notifies the people on it', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const interpreters = await createSecondBoard(board, 'Boka tolk');
    const db = getTestDb();
    const waitingCardId = board.cards[0]!.id;
    // Anna is on the waiting card ("Jag tar det"), Bo is not.
    await db.cardPerson.create({ data: { cardId: waitingCardId, userId: board.member.id } });
    const path = `/boards/${board.boardId}`;
    const { anna, bo, close } = await openOnTwoInstances(browser, baseURL!, { anna: board.member, bo: board.colleague }, { anna: path, bo: path });

    await anna.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    const dialog = anna.getByRole('dialog');
    const links = dialog.getByTestId('card-links');
    await expect(links.getByText('Väntar inte på något annat kort.')).toBeVisible();
    const combobox = links.getByRole('combobox', { name: 'Väntar på ett annat kort' });
    await expect(combobox).toHaveAccessibleDescription(/Sök bland teamets kort på titel eller ärendenummer/);
    await combobox.fill('tolk-7');
    const listbox = links.getByRole('listbox', { name: 'Väntar på ett annat kort' });
    await expect(listbox.getByRole('option')).toHaveText([`Boka tolk (TOLK-7) — ${interpreters.name}, Att göra`]);
    await expect(combobox).toHaveAttribute('aria-expanded', 'true');
    await combobox.press('ArrowDown');
    await expect(listbox.getByRole('option', { name: /Boka tolk/ })).toHaveAttribute('aria-selected', 'true');
    await expect(combobox).toHaveAttribute('aria-activedescendant', /.+/);
    await combobox.press('Enter');
    await expect(dialog.getByRole('status').filter({ hasText: 'Kortet väntar nu på ”Boka tolk”.' })).toBeAttached();
    await expect(combobox).toBeFocused();
    const waitingList = links.getByTestId('waiting-for-list');
    await expect(waitingList.getByText('Boka tolk')).toBeVisible();
    await expect(waitingList.getByText(`på ${interpreters.name}, i Att göra`)).toBeVisible();
    await expect(dialog.getByRole('region', { name: 'Historik' }).getByText(`Väntar nu på ”Boka tolk (TOLK-7)” (${interpreters.name})`)).toBeVisible();
    await expect(cardOn(anna, 'Ärende A').getByTestId('card-waiting-for')).toHaveText('⧗ Väntar på 1 kort');
    await expect(cardOn(bo, 'Ärende A').getByTestId('card-waiting-for')).toHaveText('⧗ Väntar på 1 kort', { timeout: 5_000 });
    await expectNoAccessibilityViolations(anna);

    // The awaited card shows what waits for it, with its history entry.
    const awaitedDetail = await anna.request.get(`/api/boards/${interpreters.boardId}/cards/${interpreters.cardId}`);
    const awaited = await awaitedDetail.json();
    expect(awaited.links.awaitedBy).toMatchObject([{ cardId: waitingCardId, title: 'Ärende A', columnName: 'Inkommet', isArchived: false }]);
    expect(awaited.history.at(-1)).toMatchObject({ type: 'LINK', data: { action: 'link.added', role: 'awaited', title: 'Ärende A' } });

    // Bo finishes the awaited card on the other board: Anna is notified, the waiting card is free to go on.
    const moved = await bo.request.post(`${new URL(bo.url()).origin}/api/boards/${interpreters.boardId}/commands`, {
      data: { type: 'card.move', cardId: interpreters.cardId, toColumnId: interpreters.doneColumnId, toIndex: 0 },
      headers: { origin: new URL(bo.url()).origin },
    });
    expect(moved.status()).toBe(200);
    await expect(cardOn(anna, 'Ärende A').getByTestId('card-waiting-for')).toHaveText('✓ Kan fortsätta', { timeout: 10_000 });
    await expect(dialog.getByTestId('free-to-go-on')).toHaveText(/Kan fortsätta/, { timeout: 10_000 });
    await expect(waitingList.getByText('Klart')).toBeVisible();
    await expect.poll(() => db.notification.findMany({ where: { kind: 'awaited-done', cardId: waitingCardId }, select: { userId: true } }), { timeout: 10_000 }).toEqual([{ userId: board.member.id }]);
    // Exactly once, and not to Bo, who finished it.
    expect(await db.notification.count({ where: { kind: 'awaited-done', userId: board.colleague.id } })).toBe(0);

    // Removing the awaited card leaves the link readable as archived.
    await db.card.update({ where: { id: interpreters.cardId }, data: { archivedAt: new Date() } });
    await anna.reload();
    await anna.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    await expect(anna.getByRole('dialog').getByTestId('waiting-for-list').getByText('(arkiverat)')).toBeVisible();
    await close();
  });

  test('refusals: itself, another team’s card, a cycle, a viewer; clear messages and nothing changes', async ({ browser, baseURL, page }) => {
    const board = await createTestBoard();
    const other = await createTestBoard();
    const db = getTestDb();
    const [a, b, c] = board.cards.map((card) => card.id) as [string, string, string];
    await db.cardLink.create({ data: { waitingCardId: a, awaitedCardId: b } });
    await db.cardLink.create({ data: { waitingCardId: b, awaitedCardId: c } });
    await signInAs(page.context(), board.member, baseURL!);
    const post = (body: unknown) => page.request.post(`/api/boards/${board.boardId}/commands`, { data: body, headers: { origin: baseURL! } });

    const self = await post({ type: 'link.add', cardId: a, awaitedCardId: a });
    expect(self.status()).toBe(422);
    expect((await self.json()).error.message).toBe('Ett kort kan inte vänta på sig självt.');
    const otherTeam = await post({ type: 'link.add', cardId: a, awaitedCardId: other.cards[0]!.id });
    expect(otherTeam.status()).toBe(404);
    expect((await otherTeam.json()).error.message).toBe('Det kortet finns inte på någon av teamets tavlor. Ett kort kan bara vänta på ett kort i sitt eget team.');
    const duplicate = await post({ type: 'link.add', cardId: a, awaitedCardId: b });
    expect(duplicate.status()).toBe(409);
    const cycle = await post({ type: 'link.add', cardId: c, awaitedCardId: a });
    expect(cycle.status()).toBe(409);
    expect((await cycle.json()).error.message).toMatch(/^Det kortet väntar redan på det här/);
    expect(await db.cardLink.count({ where: { OR: [{ waitingCardId: { in: [a, b, c] } }, { awaitedCardId: { in: [a, b, c] } }] } })).toBe(2);

    // The same cycle from the dialog: the message is shown and announced, focus stays in the combobox.
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Öppna kortet Ärende C' }).click();
    const dialog = page.getByRole('dialog');
    const combobox = dialog.getByRole('combobox', { name: 'Väntar på ett annat kort' });
    await combobox.fill('Ärende A');
    await expect(dialog.getByRole('option', { name: /Ärende A/ })).toBeVisible();
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
    await expect(dialog.getByRole('alert').filter({ hasText: 'Det kortet väntar redan på det här' })).toBeVisible();
    await expect(combobox).toBeFocused();
    expect(await db.cardLink.count({ where: { waitingCardId: c } })).toBe(0);

    // A viewer sees the links, has no controls, and is refused server-side.
    const viewer = await browser.newContext();
    await signInAs(viewer, board.viewer, baseURL!);
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(`/boards/${board.boardId}`);
    await viewerPage.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    await expect(viewerPage.getByRole('dialog').getByTestId('waiting-for-list').getByText('Ärende B')).toBeVisible();
    await expect(viewerPage.getByRole('dialog').getByRole('combobox')).toHaveCount(0);
    await expect(viewerPage.getByRole('dialog').getByRole('button', { name: /Sluta vänta på/ })).toHaveCount(0);
    const forged = await viewerPage.request.post(`/api/boards/${board.boardId}/commands`, { data: { type: 'link.add', cardId: c, awaitedCardId: a }, headers: { origin: baseURL! } });
    expect(forged.status()).toBe(403);
    const candidates = await viewerPage.request.get(`/api/boards/${board.boardId}/cards/${a}/link-candidates?q=`);
    expect(candidates.status()).toBe(403);
    await viewer.close();
  });

  test('the card dialog with links has no axe violations in English', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    await db.cardLink.create({ data: { waitingCardId: board.cards[0]!.id, awaitedCardId: board.cards[1]!.id } });
    const context = await browser.newContext({ locale: 'en-GB' });
    await signInAs(context, board.member, baseURL!);
    const page = await context.newPage();
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByTestId('card').first().getByTestId('card-waiting-for')).toHaveText('⧗ Waiting for 1 card');
    await page.getByRole('button', { name: /Ärende A/ }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Waiting for', exact: true })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Stop waiting for “Ärende B”' })).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Waiting for another card' }).fill('Ärende');
    await expect(dialog.getByRole('listbox').getByRole('option').first()).toBeVisible();
    await expectNoAccessibilityViolations(page);
    // Unlinking: focus goes to the search field, never to the page.
    await dialog.getByRole('button', { name: 'Stop waiting for “Ärende B”' }).click();
    await expect(dialog.getByText('Waits for no other card.')).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Waiting for another card' })).toBeFocused();
    await context.close();
  });
});
