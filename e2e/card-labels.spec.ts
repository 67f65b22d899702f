import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';
import { openOnTwoInstances } from './fixtures/two-instances';

function labelsOn(page: Page, title: string) {
  return page.getByTestId('card').filter({ has: page.getByRole('button', { name: `Öppna kortet ${title}` }) }).getByRole('list', { name: 'Etiketter' });
}

test.describe('card labels', () => {
  test('a member labels a card in its dialog; the board, the history and a colleague on another instance show it', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const path = `/boards/${board.boardId}`;
    const { anna, bo, close } = await openOnTwoInstances(browser, baseURL!, { anna: board.member, bo: board.colleague }, { anna: path, bo: path });
    await expect(labelsOn(anna, 'Ärende A')).toHaveCount(0);

    await anna.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
    const dialog = anna.getByRole('dialog');
    await expect(dialog.getByText('Inga', { exact: true })).toBeVisible();
    await dialog.getByRole('button', { name: 'Ändra rubrik, beskrivning och etiketter' }).click();
    const field = dialog.getByRole('textbox', { name: 'Etiketter' });
    await expect(field).toHaveAccessibleDescription(/Skilj etiketterna åt med kommatecken/);

    // Too long a label: a clear message, nothing saved.
    await field.fill(`Brådskande, ${'x'.repeat(61)}`);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'En etikett får vara högst 60 tecken.' })).toBeVisible();
    expect((await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } })).labels).toEqual([]);

    await field.fill(' Brådskande , tolk behövs, brådskande ');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await expect(dialog.getByText('Etiketterna ändrades från ”inga” till ”Brådskande, tolk behövs”')).toBeVisible();
    await expect(dialog.getByRole('listitem').filter({ hasText: /^tolk behövs$/ })).toBeVisible();
    await dialog.getByRole('button', { name: 'Stäng' }).click();

    await expect(labelsOn(anna, 'Ärende A').getByRole('listitem')).toHaveText(['Brådskande', 'tolk behövs']);
    await expect(labelsOn(bo, 'Ärende A').getByRole('listitem')).toHaveText(['Brådskande', 'tolk behövs'], { timeout: 3_000 });
    await anna.reload();
    await expect(labelsOn(anna, 'Ärende A').getByRole('listitem')).toHaveText(['Brådskande', 'tolk behövs']);
    const card = await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } });
    expect(card.labels).toEqual(['Brådskande', 'tolk behövs']);
    const edits = await getTestDb().cardEvent.findMany({ where: { cardId: card.id, type: 'EDITED' } });
    expect(edits.map((event) => event.data)).toEqual([{ labels: { before: [], after: ['Brådskande', 'tolk behövs'] } }]);
    await close();
  });
});
