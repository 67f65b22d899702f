import path from 'node:path';
import iconv from 'iconv-lite';
import { buildWekanExport } from '../lib/import/testing/wekan-fixture';
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

  test('a spreadsheet: the person checks the column mapping and date format, sees the result, then imports (sv)', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/import`);
    const csv = 'Ärende;Steg;Inkom;Avslutades;Handläggare\r\nAnsökan A;Klart;05/03/2026;09/03/2026;Lena\r\nAnsökan B;Inkommet;06/03/2026;;Omar\r\n';
    await page.getByLabel('Fil att importera').setInputFiles({ name: 'ärenden.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const mapping = page.getByTestId('import-mapping');
    await expect(mapping.getByRole('heading', { name: 'Kolumnerna i filen' })).toBeVisible();
    await expect(page.getByLabel('Läses som, för kolumnen ”Ärende”')).toHaveValue('title');
    await expect(page.getByLabel('Läses som, för kolumnen ”Avslutades”')).toHaveValue('');
    // 05/03/2026 fits both day-first and month-first: the page says so and shows how the dates are read.
    await expect(mapping).toContainText('kan läsas både med dagen först och med månaden först');
    await expect(page.getByRole('radio', { name: 'Dagen först, som i Sverige (05/03/2026)' })).toBeChecked();
    await expect(mapping.getByRole('row', { name: /^Inkom\s/ })).toContainText('→ 5 mars 2026');
    await expectNoAccessibilityViolations(page);

    const finish = page.getByLabel('Läses som, för kolumnen ”Avslutades”');
    // The choice is made from the keyboard's place: focus stays on the control while the preview follows.
    await finish.focus();
    await finish.selectOption('finished');
    await expect(finish).toBeFocused();
    await expect(mapping.getByRole('row', { name: /Avslutades/ })).toContainText('→ 9 mars 2026');
    await page.getByRole('radio', { name: 'Månaden först, som i USA (03/05/2026)' }).check();
    await expect(mapping.getByRole('row', { name: /^Inkom\s/ })).toContainText('→ 3 maj 2026');
    await page.getByRole('radio', { name: 'Dagen först, som i Sverige (05/03/2026)' }).check();
    await expect(page.getByTestId('import-card-count')).toHaveText('2 kort, varav 0 arkiverade');
    await expect(page.getByTestId('import-skipped')).toContainText('Handläggare');
    await expectNoAccessibilityViolations(page);

    // Unmapping the title keeps the mapping step and says what is missing, in the person's words.
    await page.getByLabel('Läses som, för kolumnen ”Ärende”').selectOption('');
    await expect(page.getByTestId('import-error')).toContainText('Tillit vet inte vilken kolumn i filen som innehåller: Rubrik.');
    await expect(page.getByRole('button', { name: /^Importera/ })).toHaveCount(0);
    await page.getByLabel('Läses som, för kolumnen ”Ärende”').selectOption('title');
    await expect(page.getByTestId('import-error')).toHaveCount(0);

    await page.getByRole('button', { name: 'Importera 2 kort' }).click();
    await expect(page.getByRole('heading', { name: /är importerad: 2 kort/ })).toBeFocused();
    const card = await getTestDb().card.findFirstOrThrow({ where: { board: { teamId: board.teamId, name: 'ärenden' }, title: 'Ansökan A' }, select: { doneAt: true, createdAt: true } });
    expect(card.createdAt.toISOString()).toBe('2026-03-05T11:00:00.000Z');
    expect(card.doneAt?.toISOString()).toBe('2026-03-09T11:00:00.000Z');
  });

  test('the mapping step in English has no axe violations and English messages', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`${baseURL}/teams/${board.teamId}/import`);
    await page.getByLabel('File to import').setInputFiles({ name: 'jira.csv', mimeType: 'text/csv', buffer: Buffer.from(JIRA_CSV) });
    await expect(page.getByTestId('import-mapping')).toContainText('The sheet looks like a CSV export from Jira.');
    await expect(page.getByLabel('Read as, for the column “Status Category Changed”')).toHaveValue('statusChanged');
    await expect(page.getByLabel('Read as, for the column “Assignee”')).toHaveValue('');
    await expect(page.getByTestId('import-mapping')).toContainText('Personal names are not imported');
    await expectNoAccessibilityViolations(page);
    await context.close();
  });

  test('a Jira CSV imports as cards with their start and done times', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/import`);
    await page.getByLabel('Fil att importera').setInputFiles({ name: 'jira.csv', mimeType: 'text/csv', buffer: Buffer.from(JIRA_CSV) });
    await expect(page.getByTestId('import-mapping')).toContainText('Kalkylarket ser ut som en CSV-export från Jira.');
    await expect(page.getByLabel('Flödesläge för In Review')).toHaveValue('IN_PROGRESS');
    await expect(page.getByLabel('Flödesläge för Closed')).toHaveValue('DONE');
    await page.getByRole('button', { name: 'Importera 3 kort' }).click();
    await expect(page.getByRole('heading', { name: /är importerad: 3 kort/ })).toBeFocused();
    const cards = await getTestDb().card.findMany({ where: { board: { teamId: board.teamId, name: 'jira' } }, select: { title: true, startedAt: true, doneAt: true } });
    const byTitle = Object.fromEntries(cards.map((card) => [card.title, card]));
    expect(byTitle['Bygglov Kyrkvägen']?.startedAt?.toISOString()).toBe('2026-01-07T09:30:00.000Z');
    expect(byTitle['Bygglov Kyrkvägen']?.doneAt).toBeNull();
    expect(byTitle['Bygglov Ån']?.doneAt?.toISOString()).toBe('2026-01-20T14:00:00.000Z');
    expect(byTitle['Bygglov Storgatan']?.startedAt).toBeNull();
  });

  test("Wekan's own JSON export: lists, swimlanes as lanes, cards and their history", async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/import`);
    await page.getByLabel('Fil att importera').setInputFiles({ name: 'wekan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(buildWekanExport())) });
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByRole('heading', { name: 'Det här hittade importen' })).toBeFocused();
    await expect(preview).toContainText('En export av en Wekan-tavla');
    await expect(page.getByTestId('import-card-count')).toHaveText('4 kort, varav 1 arkiverade');
    await expect(page.getByTestId('import-skipped')).toContainText('1 kommentar');
    await expect(page.getByTestId('import-skipped')).toContainText('3 mallar');
    await expect(preview).toContainText('Brådskande (röd)');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Importera 4 kort' }).click();
    await expect(page.getByRole('heading', { name: /Tavlan ”Bygglov från Wekan” är importerad: 4 kort/ })).toBeFocused();
    const db = getTestDb();
    const imported = await db.board.findFirstOrThrow({ where: { teamId: board.teamId, name: 'Bygglov från Wekan' }, select: { id: true } });
    const lanes = await db.lane.findMany({ where: { boardId: imported.id }, orderBy: { position: 'asc' }, select: { id: true, name: true } });
    expect(lanes.map((lane) => lane.name)).toEqual(['Standard', 'Brådskande ärenden']);
    const card = await db.card.findFirstOrThrow({ where: { boardId: imported.id, title: 'Bygglov Kyrkvägen' }, select: { laneId: true, startedAt: true } });
    expect(card.laneId).toBe(lanes[1]?.id);
    expect(card.startedAt?.toISOString()).toBe('2025-09-06T08:00:00.000Z');
    expect(await db.cardEvent.count({ where: { boardId: imported.id, importedActorName: 'Omar Haddad' } })).toBeGreaterThan(0);
  });

  test("the Flow page shows an imported board's own history by default, says so, and offers the whole history", async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/import`);
    // The Trello fixture's history ends in November 2024: more than 12 weeks before today.
    await page.getByLabel('Fil att importera').setInputFiles(path.resolve('lib/import/fixtures/trello-mottagning.json'));
    await page.getByLabel('Namn på den nya tavlan').fill('Mottagningen förr');
    await page.getByRole('button', { name: 'Importera 12 kort' }).click();
    await expect(page.getByRole('heading', { name: /är importerad/ })).toBeFocused();
    const imported = await getTestDb().board.findFirstOrThrow({ where: { teamId: board.teamId, name: 'Mottagningen förr' }, select: { id: true } });
    await page.goto(`/boards/${imported.id}/flow`);
    await expect(page.getByTestId('flow-range-basis')).toContainText('Tavlan har ingen aktivitet de senaste 12 veckorna');
    await expect(page.getByTestId('flow-range-basis')).toContainText('2024');
    // Not "0 came in, 0 finished": the imported history is what the page shows.
    await expect(page.locator('[data-summary="came-in"]')).not.toContainText('kom 0 ärenden in och teamet gjorde klart 0 ärenden');
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: /^Visa hela historiken/ }).click();
    await expect(page.getByTestId('flow-range-basis')).toContainText('Sidan visar tavlans hela historik');
    const csv = await page.request.get(`/api/boards/${imported.id}/flow/export?dataset=throughput&range=all`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n').length).toBeGreaterThan(10);
  });

  test('importing the same file twice warns before it makes a second identical board', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    const file = { name: 'samma.csv', mimeType: 'text/csv', buffer: Buffer.from('Rubrik;Kolumn\r\nÄrende 1;Inkommet\r\n') };
    await page.goto(`/teams/${board.teamId}/import`);
    await page.getByLabel('Fil att importera').setInputFiles(file);
    await page.getByRole('button', { name: 'Importera 1 kort' }).click();
    await expect(page.getByRole('heading', { name: /är importerad: 1 kort/ })).toBeFocused();

    await page.goto(`/teams/${board.teamId}/import`);
    await page.getByLabel('Fil att importera').setInputFiles(file);
    const warning = page.getByTestId('import-duplicate');
    await expect(warning.getByRole('heading', { name: 'Den här filen är redan importerad' })).toBeVisible();
    await expect(warning).toContainText('som tavlan ”samma”');
    await expect(warning.getByRole('link', { name: 'Öppna ”samma”' })).toBeVisible();
    const confirm = page.getByRole('button', { name: 'Importera 1 kort' });
    await expect(confirm).toBeDisabled();
    await expectNoAccessibilityViolations(page);

    // The server refuses a second identical import on its own too, unless the person confirmed.
    const direct = await page.request.post(`/api/teams/${board.teamId}/import?options=${encodeURIComponent('{}')}`, {
      headers: { 'Content-Type': 'application/octet-stream', Origin: baseURL! },
      data: file.buffer,
    });
    expect(direct.status()).toBe(409);
    expect((await direct.json()).error.message).toContain('Exakt samma fil är redan importerad som tavlan ”samma”');

    await page.getByLabel('Jag vill ändå göra en tavla till av samma fil').check();
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(page.getByRole('heading', { name: /är importerad: 1 kort/ })).toBeFocused();
    expect(await getTestDb().board.count({ where: { teamId: board.teamId, name: 'samma' } })).toBe(2);
  });
});

/** A Jira Cloud CSV export ("Export → Export CSV (all fields)"), in its documented column names and date form. */
const JIRA_CSV = [
  'Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Updated,Resolved,Labels,Labels,Status Category,Status Category Changed',
  'Bygglov Storgatan,BYGG-1,10001,Task,Open,Medium,,Lena Ek,05/Jan/26 8:00 AM,05/Jan/26 8:00 AM,,bygglov,,To Do,05/Jan/26 8:00 AM',
  'Bygglov Kyrkvägen,BYGG-2,10002,Task,In Review,Medium,Omar Haddad,Lena Ek,06/Jan/26 9:15 AM,08/Jan/26 1:00 PM,,bygglov,brådskande,In Progress,07/Jan/26 10:30 AM',
  'Bygglov Ån,BYGG-3,10003,Task,Closed,Medium,Omar Haddad,Lena Ek,02/Jan/26 9:00 AM,20/Jan/26 3:00 PM,20/Jan/26 3:00 PM,,,Done,20/Jan/26 3:00 PM',
].join('\r\n');

