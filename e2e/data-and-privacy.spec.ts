import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { startAppProcess, stopAppProcess } from './fixtures/app-process';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

const TRELLO_FIXTURE = path.resolve('lib/import/fixtures/trello-mottagning.json');
const DAY = 86_400_000;

test.describe('import, export, retention and privacy', () => {
  test('Trello export: upload → preview → confirm → the board with its history', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/import`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Importera en tavla');
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Fil att importera').setInputFiles(TRELLO_FIXTURE);
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByRole('heading', { name: 'Det här hittade importen' })).toBeFocused();
    await expect(page.getByTestId('import-card-count')).toHaveText('12 kort, varav 2 arkiverade');
    await expect(page.getByTestId('import-skipped')).toContainText('Förfallodatum på 1 kort: Tillit har medvetet inget fält för deadlines.');
    await expect(page.getByTestId('import-skipped')).toContainText('3 kommentarer');
    await expect(page.getByTestId('import-warnings').locator('[data-warning="personnummer"]')).toContainText('personnummer');
    await expect(page.getByTestId('import-events')).toContainText('12 kort skapade');
    await expect(page.getByLabel('Flödesläge för Klart')).toHaveValue('DONE');
    await expect(page.getByLabel('Flödesläge för Inkommet')).toHaveValue('NOT_STARTED');
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Namn på den nya tavlan').fill('Mottagningen från Trello');
    await page.getByRole('button', { name: 'Importera 12 kort' }).click();
    await expect(page.getByRole('heading', { name: /Tavlan ”Mottagningen från Trello” är importerad: 12 kort och \d+ historikhändelser/ })).toBeFocused();
    await page.getByRole('link', { name: 'Öppna tavlan' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Mottagningen från Trello' })).toBeVisible();
    await expect(page.getByTestId('column-Klart').getByRole('button', { name: /Öppna kortet Ansökan ekonomiskt bistånd/ })).toBeVisible();
    await page.getByRole('button', { name: /Öppna kortet Ansökan ekonomiskt bistånd/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Skapades i Inkommet')).toBeVisible();
    await expect(dialog.getByText('Flyttades från Beslut till Klart')).toBeVisible();
    await expect(dialog.getByText('Sara Nilsson', { exact: false }).first()).toBeVisible();
    // The original date (20 Sept 2024), not the day of the import.
    await expect(dialog.getByText(/20 sep\.? 2024/).first()).toBeVisible();
  });

  test('a large export shows a progress bar while it uploads and imports', async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    const { generateTrelloExport } = await import('../lib/import/testing/trello-generator');
    const large = generateTrelloExport({ cards: 3000, start: new Date('2025-01-06T07:00:00Z'), days: 300 });
    await page.goto(`/teams/${board.teamId}/import`);
    await page.getByLabel('Fil att importera').setInputFiles({ name: 'stor-trello.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(large.board)) });
    await expect(page.getByTestId('import-card-count')).toHaveText(/^3\u00a0?000 kort|^3000 kort|^3 000 kort/);
    // On a fast machine the import may finish before a check after the click could see the bar: record every
    // progress bar the page shows (its name and values) from before the click, and check the record afterwards.
    await page.evaluate(() => {
      const seen: { label: string | null; value: number }[] = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      const record = () => document.querySelectorAll('progress').forEach((bar) => seen.push({ label: bar.getAttribute('aria-label'), value: bar.value }));
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    await page.getByRole('button', { name: /^Importera 3.?000 kort$/ }).click();
    await expect(page.getByRole('heading', { name: /är importerad: 3.?000 kort/ })).toBeVisible({ timeout: 90_000 });
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: { label: string | null; value: number }[] }).progressSeen);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((entry) => entry.label === 'Importens förlopp')).toBe(true);
    // The bar moved forward while the file was sent and the rows written.
    expect(Math.max(...seen.map((entry) => entry.value))).toBeGreaterThan(Math.min(...seen.map((entry) => entry.value)));
    expect(await getTestDb().card.count({ where: { board: { teamId: board.teamId, name: 'Mottagning (generated)' } } })).toBe(3000);
  });

  test('broken, cut-off and foreign files get a clear error and write nothing', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    const boardsBefore = await getTestDb().board.count({ where: { teamId: board.teamId } });
    await page.goto(`/teams/${board.teamId}/import`);
    const text = readFileSync(TRELLO_FIXTURE, 'utf8');
    const input = page.getByLabel('Fil att importera');

    await input.setInputFiles({ name: 'trello.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, 30_000)) });
    await expect(page.getByTestId('import-error')).toContainText('Filen tar slut för tidigt');
    await input.setInputFiles({ name: 'jira.json', mimeType: 'application/json', buffer: Buffer.from('{"issues": []}') });
    await expect(page.getByTestId('import-error')).toContainText('varken en export av en Trello-tavla eller en Tillit-export');
    await input.setInputFiles({ name: 'bild.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
    await expect(page.getByTestId('import-error')).toContainText('inte en textfil');
    await input.setInputFiles({ name: 'kort.csv', mimeType: 'text/csv', buffer: Buffer.from('Rubrik;Kolumn;Skapad\nA;Inkommet;2026-13-05\n;Inkommet;\n') });
    await expect(page.getByTestId('import-error')).toContainText('2 rader i kalkylarket går inte att läsa');
    await expect(page.getByTestId('import-error')).toContainText('Rad 2, kolumnen ”Skapad”: ”2026-13-05” är inget datum i det valda formatet.');
    await expect(page.getByTestId('import-error')).toContainText('Rad 3: kolumnen ”Rubrik” är tom.');
    await expectNoAccessibilityViolations(page);

    // The server checks on its own: a cut-off file sent directly is refused, in the person's language.
    const response = await page.request.post(`/api/teams/${board.teamId}/import?options=${encodeURIComponent('{}')}`, {
      headers: { 'Content-Type': 'application/octet-stream', Origin: baseURL! },
      data: Buffer.from(text.slice(0, 50_000)),
    });
    expect(response.status()).toBe(422);
    expect((await response.json()).error.message).toContain('Filen tar slut för tidigt');
    expect(await getTestDb().board.count({ where: { teamId: board.teamId } })).toBe(boardsBefore);
  });

  test('a spreadsheet imports with its dates as history', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/import`);
    const csv = '\uFEFFRubrik;Kolumn;Skapad;Påbörjad;Klar\nAnsökan X;Inkommet;2026-01-05;;\nAnsökan Y;Pågår;2026-01-05;2026-01-07;\nAnsökan Z;Klart;2026-01-02;2026-01-03;2026-01-09\n';
    await page.getByLabel('Fil att importera').setInputFiles({ name: 'ärenden.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-card-count')).toHaveText('3 kort, varav 0 arkiverade');
    await expect(page.getByLabel('Flödesläge för Pågår')).toHaveValue('IN_PROGRESS');
    await page.getByRole('button', { name: 'Importera 3 kort' }).click();
    await page.getByRole('link', { name: 'Öppna tavlan' }).click();
    await page.getByRole('button', { name: 'Öppna kortet Ansökan Z' }).click();
    await expect(page.getByRole('dialog').getByText('Flyttades från Pågår till Klart')).toBeVisible();
  });

  test('export: CSV for Swedish and English Excel, and a full JSON export that imports again with its history', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    await db.card.update({ where: { id: board.cards[0]!.id }, data: { title: '=1+2; "citat"', description: 'Rad 1\nRad 2' } });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('link', { name: 'Exportera' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Exportera');
    await expectNoAccessibilityViolations(page);

    const download = async (name: string) => {
      const event = page.waitForEvent('download');
      await page.getByRole(name.includes('JSON') ? 'link' : 'button', { name }).click();
      const file = await event;
      return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
    };
    const swedish = await download('Ladda ned korten (CSV)');
    expect(swedish.name).toMatch(/-kort-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(swedish.text.startsWith('\uFEFFKort-id;Rubrik;Kolumn;Simbana;Beskrivning;')).toBe(true);
    expect(swedish.text).toContain(`;"'=1+2; ""citat""";Inkommet;Standard;"Rad 1\nRad 2";`);
    expect(swedish.text).toContain('\r\n');

    await page.getByLabel('Kommatecken: Excel med engelska nationella inställningar').check();
    const english = await download('Ladda ned korten (CSV)');
    expect(english.text.startsWith('\uFEFFKort-id,Rubrik,Kolumn,Simbana,')).toBe(true);
    const history = await download('Ladda ned kortens historik (CSV)');
    expect(history.text.startsWith('\uFEFFKort-id,Kort,Händelse,Tidpunkt,Från kolumn,Till kolumn,Detalj')).toBe(true);
    expect(history.text).not.toContain(board.member.name);

    const json = await download('Ladda ned den fullständiga exporten (JSON)');
    const exported = JSON.parse(json.text) as { format: string; cards: unknown[]; cardEvents: unknown[] };
    expect(exported.format).toBe('tillit-board');
    expect(exported.cards).toHaveLength(3);

    // Import it into a second team of the same person: the same cards and history come back.
    const other = await db.team.create({ data: { name: `Andra teamet ${board.boardId.slice(-4)}` } });
    await db.membership.create({ data: { teamId: other.id, userId: board.member.id, role: 'MEMBER' } });
    await page.goto(`/teams/${other.id}/import`);
    await page.getByLabel('Fil att importera').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: Buffer.from(json.text) });
    await expect(page.getByText('En export av en Tillit-tavla')).toBeVisible();
    await expect(page.getByText('Kolumnerna behåller de flödeslägen de hade på den exporterade tavlan.')).toBeVisible();
    await page.getByRole('button', { name: 'Importera 3 kort' }).click();
    await page.getByRole('link', { name: 'Öppna tavlan' }).click();
    await expect(page.getByRole('button', { name: /Öppna kortet =1\+2; "citat"/ })).toBeVisible();
    const copy = await db.board.findFirstOrThrow({ where: { teamId: other.id }, select: { id: true, _count: { select: { cards: true, cardEvents: true } } } });
    expect(copy._count).toEqual({ cards: 3, cardEvents: exported.cardEvents.length });
  });

  test('viewers download CSV but not the full export, which names people', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/export`);
    await expect(page.getByText('Bara teamets medlemmar kan ladda ned den fullständiga exporten')).toBeVisible();
    expect((await page.request.get(`/api/boards/${board.boardId}/export?kind=json`)).status()).toBe(403);
    expect((await page.request.get(`/api/boards/${board.boardId}/export?kind=cards`)).status()).toBe(200);
    await expectNoAccessibilityViolations(page);
  });

  test('retention: the team sees what a period clears before choosing it, and the choice is logged', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    const done = board.columns[2]!.id;
    const old = new Date(Date.now() - 400 * DAY);
    await db.card.create({ data: { boardId: board.boardId, columnId: done, laneId: board.lanes[0]!.id, title: 'Avslutat ärende 2025', position: 5000, createdAt: old, lastMovedAt: old, startedAt: old, doneAt: old } });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/retention`);
    await expect(page.getByTestId('retention-current')).toHaveText('Teamets regel nu: behåll texten så länge tavlan finns.');
    await expectNoAccessibilityViolations(page);

    await page.getByRole('radio', { name: '6 månader efter att kortet blivit klart', exact: true }).check();
    await expect(page.getByTestId('retention-due-now')).toHaveText('1 kort rensas vid nästa nattliga körning.');
    await expect(page.getByTestId('retention-preview').getByRole('cell', { name: 'Avslutat ärende 2025' })).toBeVisible();
    const save = page.getByRole('button', { name: 'Spara regeln' });
    await expect(save).toBeDisabled();
    await page.getByLabel(/Jag förstår att texten på 1 klart kort rensas/).check();
    await save.click();
    await expect(page.getByText('Regeln är sparad.')).toBeVisible();
    await expect(page.getByTestId('retention-current')).toHaveText('Teamets regel nu: 6 månader efter att kortet blivit klart.');
    await expect(page.getByText(`${board.member.name} ändrade regeln från ”behåll texten så länge tavlan finns” till ”6 månader efter att kortet blivit klart”.`)).toBeVisible();
    await expectNoAccessibilityViolations(page);
    expect((await db.team.findUniqueOrThrow({ where: { id: board.teamId } })).retentionMonths).toBe(6);
  });

  test('the add-card form warns about a personnummer, and still adds the card', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByTestId('column-Inkommet').getByRole('button', { name: 'Lägg till kort i Inkommet' }).click();
    const title = page.getByTestId('column-Inkommet').getByLabel('Rubrik');
    await title.fill('Ärende för 19121212-1212');
    await expect(page.getByTestId('add-card-personnummer')).toContainText('Det här ser ut som ett personnummer');
    await title.fill('Ärende för 2026-03-05');
    await expect(page.getByTestId('add-card-personnummer')).toHaveCount(0);
    await title.fill('Ärende för 19121212-1212');
    await page.getByTestId('column-Inkommet').getByRole('button', { name: 'Skapa' }).click();
    await expect(page.getByRole('button', { name: 'Öppna kortet Ärende för 19121212-1212' })).toBeVisible();
  });

  test('your own data: a signed-in person downloads everything Tillit holds about them', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    expect((await page.request.get('/api/account/export')).status()).toBe(401);
    await signInAs(context, board.member, baseURL!);
    const response = await page.request.get('/api/account/export');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toContain('tillit-my-data-');
    const data = await response.json();
    expect(data.account).toMatchObject({ email: board.member.email, name: board.member.name });
    expect(data.memberships).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain('argon2');
    expect(JSON.stringify(data)).not.toContain(board.colleague.email);
  });
});

test.describe('accessibility statement (tillgänglighetsredogörelse)', () => {
  test('is public and says when the organisation has not filled in its details', async ({ page }) => {
    await page.goto('/tillganglighet');
    await expect(page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse för Tillit' })).toBeVisible();
    // A sensible default for the reader: whom to turn to; never the names of settings, never an empty section.
    await expect(page.getByTestId('statement-not-configured')).toContainText('Kontakta den som gav dig tillgång till Tillit');
    await expect(page.getByTestId('statement-contact-default')).toContainText('kontakta den som gav dig tillgång till Tillit');
    await expect(page.locator('main')).not.toContainText('TILLIT_');
    for (const heading of await page.getByRole('heading', { level: 2 }).all()) {
      const next = heading.locator('xpath=following-sibling::*[1]');
      await expect(next).not.toHaveRole('heading');
    }
    await expect(page.getByRole('link', { name: 'Anmäl till Digg (digg.se)' })).toHaveAttribute('href', 'https://www.digg.se/tdosanmalan');
    await expectNoAccessibilityViolations(page);
  });

  test('shows the organisation from configuration and a way to report problems', async ({ browser }) => {
    test.setTimeout(300_000); // starts an app of its own, slow on a busy machine
    const port = Number(process.env.E2E_PORT_C ?? 3102);
    const settings = {
      TILLIT_ORG_NAME: 'Exempelby kommun',
      TILLIT_ACCESSIBILITY_CONTACT_EMAIL: 'tillganglighet@exempelby.se',
      TILLIT_ACCESSIBILITY_CONTACT_PHONE: '08-123 456 78',
      TILLIT_ACCESSIBILITY_RESPONSE_DAYS: '10',
    };
    const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
    Object.assign(process.env, settings);
    let app: ChildProcess | undefined;
    try {
      app = await startAppProcess(port);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    try {
      const context = await browser.newContext({ locale: 'sv-SE' });
      const page = await context.newPage();
      await page.goto(`http://localhost:${port}/tillganglighet`);
      await expect(page.getByTestId('statement-intro')).toContainText('Exempelby kommun står bakom den här webbtjänsten.');
      await expect(page.getByRole('link', { name: 'Rapportera ett tillgänglighetsproblem via e-post' })).toHaveAttribute(
        'href',
        `mailto:tillganglighet@exempelby.se?subject=${encodeURIComponent('Tillgänglighetsproblem i Tillit')}`,
      );
      await expect(page.getByRole('link', { name: 'Telefon: 08-123 456 78' })).toHaveAttribute('href', 'tel:0812345678');
      await expect(page.getByText('Vi svarar inom 10 arbetsdagar.')).toBeVisible();
      await expectNoAccessibilityViolations(page);
      await context.close();
    } finally {
      if (app) await stopAppProcess(app);
    }
  });
});

