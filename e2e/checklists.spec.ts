import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';
import { openOnTwoInstances } from './fixtures/two-instances';

function cardOn(page: Page, title: string) {
  return page.getByTestId('card').filter({ has: page.getByRole('button', { name: `Öppna kortet ${title}` }) });
}

test.describe('checklists', () => {
  test('a member adds, checks, renames, reorders and removes items; the card shows progress, live for a colleague', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const path = `/boards/${board.boardId}`;
    const { anna, bo, close } = await openOnTwoInstances(browser, baseURL!, { anna: board.member, bo: board.colleague }, { anna: path, bo: path });
    await expect(cardOn(bo, 'Ärende A').getByTestId('card-checklist-progress')).toHaveCount(0);

    await anna.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    const dialog = anna.getByRole('dialog');
    const checklist = dialog.getByTestId('card-checklist');
    await expect(checklist.getByRole('heading', { name: 'Checklista' })).toBeVisible();
    await expect(checklist.getByText('Inga punkter än.')).toBeVisible();

    // Add two items: with the button, then with Enter; focus stays in the field for the next one.
    const field = checklist.getByRole('textbox', { name: 'Ny punkt' });
    await field.fill('Ring sökande');
    await checklist.getByRole('button', { name: 'Lägg till' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Lade till ”Ring sökande” i checklistan.' })).toBeAttached();
    await expect(checklist.getByRole('checkbox', { name: 'Ring sökande' })).not.toBeChecked();
    await expect(field).toHaveValue('');
    await expect(field).toBeFocused();
    await field.fill('Begär intyg');
    await field.press('Enter');
    await expect(checklist.getByRole('checkbox', { name: 'Begär intyg' })).toBeVisible();
    await expect(field).toBeFocused();
    await expect(cardOn(bo, 'Ärende A').getByRole('img', { name: '0 av 2 punkter klara' })).toBeVisible({ timeout: 5_000 });

    // Check one: progress in the dialog and, live, on the colleague's board.
    await checklist.getByRole('checkbox', { name: 'Ring sökande' }).check();
    await expect(checklist.getByRole('checkbox', { name: 'Ring sökande' })).toBeChecked();
    await expect(checklist.getByTestId('checklist-progress')).toHaveText('1 av 2 punkter klara');
    await expect(checklist.getByRole('checkbox', { name: 'Ring sökande' })).toBeFocused();
    await expect(cardOn(bo, 'Ärende A').getByRole('img', { name: '1 av 2 punkter klara' })).toBeVisible({ timeout: 5_000 });
    await expect(cardOn(bo, 'Ärende A').getByTestId('card-checklist-progress')).toHaveText('☑ 1/2');
    await expect(bo.getByTestId('live-announcer')).toHaveText(`${board.member.name} bockade av en punkt på ”Ärende A”`);

    // Reorder with the keyboard: "move up" on the last item; focus follows it (to "move down": it is first now).
    await checklist.getByRole('button', { name: 'Flytta upp ”Begär intyg”' }).focus();
    await anna.keyboard.press('Enter');
    await expect.poll(async () => checklist.getByRole('checkbox').evaluateAll((boxes) => boxes.map((box) => box.closest('label')?.textContent))).toEqual(['Begär intyg', 'Ring sökande']);
    await expect(checklist.getByRole('button', { name: 'Flytta ner ”Begär intyg”' })).toBeFocused();
    await expect(checklist.getByRole('button', { name: 'Flytta upp ”Begär intyg”' })).toBeDisabled();
    await expect(dialog.getByRole('status').filter({ hasText: '”Begär intyg” är nu punkt 1 av 2.' })).toBeAttached();

    // Rename: the field takes focus, Escape leaves it (not the dialog), Enter saves and focus returns.
    await checklist.getByRole('button', { name: 'Byt namn på ”Begär intyg”' }).click();
    const rename = checklist.getByRole('textbox', { name: 'Ny text för ”Begär intyg”' });
    await expect(rename).toBeFocused();
    await rename.press('Escape');
    await expect(dialog).toBeVisible();
    await expect(checklist.getByRole('button', { name: 'Byt namn på ”Begär intyg”' })).toBeFocused();
    await checklist.getByRole('button', { name: 'Byt namn på ”Begär intyg”' }).click();
    await rename.fill('Begär läkarintyg 19850709-9805');
    await expect(checklist.getByText('personnummer', { exact: false })).toBeVisible();
    await rename.fill('Begär läkarintyg');
    await rename.press('Enter');
    await expect(checklist.getByRole('button', { name: 'Byt namn på ”Begär läkarintyg”' })).toBeFocused();

    // Remove: focus goes to the neighbouring item, never to the page.
    await checklist.getByRole('button', { name: 'Ta bort ”Ring sökande”' }).click();
    await expect(checklist.getByRole('checkbox', { name: 'Ring sökande' })).toHaveCount(0);
    await expect(checklist.getByRole('checkbox', { name: 'Begär läkarintyg' })).toBeFocused();
    await expect(cardOn(bo, 'Ärende A').getByRole('img', { name: '0 av 1 punkter klara' })).toBeVisible({ timeout: 5_000 });

    // The card's history has every change.
    const history = dialog.getByRole('region', { name: 'Historik' });
    await expect(history.getByText('Lade till punkten ”Ring sökande” i checklistan')).toBeVisible();
    await expect(history.getByText('Bockade av ”Ring sökande”')).toBeVisible();
    await expect(history.getByText('Flyttade punkten ”Begär intyg” från plats 2 till 1')).toBeVisible();
    await expect(history.getByText('Bytte namn på punkten ”Begär intyg” till ”Begär läkarintyg”')).toBeVisible();
    await expect(history.getByText('Tog bort punkten ”Ring sökande” från checklistan')).toBeVisible();
    const events = await getTestDb().cardEvent.findMany({ where: { cardId: board.cards[0]!.id, type: 'CHECKLIST' }, orderBy: { id: 'asc' } });
    expect(events.map((event) => (event.data as { action: string }).action)).toEqual([
      'checklist.added',
      'checklist.added',
      'checklist.checked',
      'checklist.moved',
      'checklist.renamed',
      'checklist.removed',
    ]);

    // The colleague's open dialog follows too.
    await bo.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    await expect(bo.getByRole('dialog').getByRole('checkbox', { name: 'Begär läkarintyg' })).toBeVisible();
    await checklist.getByRole('checkbox', { name: 'Begär läkarintyg' }).check();
    await expect(bo.getByRole('dialog').getByRole('checkbox', { name: 'Begär läkarintyg' })).toBeChecked({ timeout: 5_000 });

    await expectNoAccessibilityViolations(anna);
    await close();
  });

  test('bad input is refused with a clear message and nothing changes; a viewer can do none of it', async ({ browser, baseURL, page }) => {
    const board = await createTestBoard();
    const other = await createTestBoard();
    const db = getTestDb();
    const item = await db.checklistItem.create({ data: { cardId: board.cards[0]!.id, text: 'Finns', position: 1024 } });
    await signInAs(page.context(), board.member, baseURL!);
    const post = (body: unknown) => page.request.post(`/api/boards/${board.boardId}/commands`, { data: body, headers: { origin: baseURL! } });

    const tooLong = await post({ type: 'checklist.add', cardId: board.cards[0]!.id, text: 'x'.repeat(501) });
    expect(tooLong.status()).toBe(422);
    expect((await tooLong.json()).error.message).toBe('En punkt i checklistan kan ha högst 500 tecken.');
    const onlyControl = await post({ type: 'checklist.add', cardId: board.cards[0]!.id, text: '\u0007\u0000\u001b' });
    expect(onlyControl.status()).toBe(422);
    expect((await onlyControl.json()).error.message).toBe('Skriv vad punkten gäller.');
    // Another board's card, and an item of another card: not found.
    const otherBoardCard = await post({ type: 'checklist.add', cardId: other.cards[0]!.id, text: 'Fel tavla' });
    expect(otherBoardCard.status()).toBe(404);
    const otherCardItem = await post({ type: 'checklist.update', cardId: board.cards[1]!.id, itemId: item.id, isDone: true });
    expect(otherCardItem.status()).toBe(404);
    expect(await db.checklistItem.count({ where: { cardId: { in: [...board.cards, ...other.cards].map((card) => card.id) } } })).toBe(1);
    expect((await db.checklistItem.findUniqueOrThrow({ where: { id: item.id } })).isDone).toBe(false);

    // The control characters go, the text stays (the rule of every text field).
    const cleaned = await post({ type: 'checklist.add', cardId: board.cards[0]!.id, text: 'Ring\u0007 tolk' });
    expect(cleaned.status()).toBe(200);
    expect((await db.checklistItem.findFirstOrThrow({ where: { cardId: board.cards[0]!.id, text: { startsWith: 'Ring' } } })).text).toBe('Ring tolk');

    // A viewer sees the checklist and its progress, and has no controls; the server refuses a forged request.
    const viewer = await browser.newContext();
    await signInAs(viewer, board.viewer, baseURL!);
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(`/boards/${board.boardId}`);
    await expect(cardOn(viewerPage, 'Ärende A').getByRole('img', { name: '0 av 2 punkter klara' })).toBeVisible();
    await viewerPage.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    const dialog = viewerPage.getByRole('dialog');
    await expect(dialog.getByRole('checkbox', { name: 'Finns' })).toBeDisabled();
    await expect(dialog.getByRole('textbox', { name: 'Ny punkt' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Ta bort ”Finns”' })).toHaveCount(0);
    const forged = await viewerPage.request.post(`/api/boards/${board.boardId}/commands`, {
      data: { type: 'checklist.update', cardId: board.cards[0]!.id, itemId: item.id, isDone: true },
      headers: { origin: baseURL! },
    });
    expect(forged.status()).toBe(403);
    expect((await db.checklistItem.findUniqueOrThrow({ where: { id: item.id } })).isDone).toBe(false);
    await viewer.close();
  });

  test('the card dialog with a checklist has no axe violations, in English too', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    const cardId = board.cards[0]!.id;
    await db.checklistItem.createMany({
      data: ['Call the applicant', 'Ask for a certificate', 'Book an interpreter', 'Write the decision', 'Send the decision'].map((text, index) => ({ cardId, text, isDone: index < 3, position: (index + 1) * 1024 })),
    });
    const context = await browser.newContext({ locale: 'en-GB' });
    await signInAs(context, board.member, baseURL!);
    const page = await context.newPage();
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByTestId('card').filter({ has: page.getByRole('button', { name: /Ärende A/ }) }).getByRole('img', { name: '3 of 5 items done' })).toBeVisible();
    await page.getByRole('button', { name: /Ärende A/ }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Checklist' })).toBeVisible();
    await expect(dialog.getByTestId('checklist-progress')).toHaveText('3 of 5 items done');
    await expect(dialog.getByRole('button', { name: 'Move “Book an interpreter” up' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await context.close();
  });
});
