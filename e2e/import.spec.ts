import iconv from 'iconv-lite';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

/**
 * Imports of files as other tools and Excel write them (the fixtures are built here from each format's documented
 * shape): characters, dates and history must arrive as they were.
 */
test.describe('import from other tools', () => {
  test('an Excel CSV saved as Windows-1252 keeps € – ” ’ … on the saved card', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/import`);
    const title = 'Faktura 1 200 € – ”brådskande” och Annas fråga’s svar…';
    const sheet = `Rubrik;Kolumn;Beskrivning\r\n${title};Pågår;Kostnad ‰ • ™\r\nAnnat ärende;Inkommet;\r\n`;
    await page.getByLabel('Fil att importera').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: iconv.encode(sheet, 'windows-1252') });
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByRole('heading', { name: 'Det här hittade importen' })).toBeFocused();
    await expect(page.getByTestId('import-encoding')).toContainText('Windows-1252');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Importera 2 kort' }).click();
    await expect(page.getByRole('heading', { name: /är importerad: 2 kort/ })).toBeFocused();
    const saved = await getTestDb().card.findMany({ where: { board: { teamId: board.teamId, name: 'excel' } }, select: { title: true, description: true } });
    expect(saved.map((card) => card.title).sort()).toEqual(['Annat ärende', title].sort());
    expect(saved.find((card) => card.title === title)?.description).toBe('Kostnad ‰ • ™');
  });
});
