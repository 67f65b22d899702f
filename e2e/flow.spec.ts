import { readFile } from 'node:fs/promises';
import { FLOW_EXPORT_DATASETS } from '../lib/data/flow-csv';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestBoard } from './fixtures/test-data';

const DAY = 86_400_000;

/**
 * Five weeks of history on top of the fixture board: cards created, started and finished over the weeks,
 * one blocked for a while, one failure demand. Every event names the member or the colleague who made it,
 * so the tests can check that nobody's name comes out of the metrics.
 */
async function seedFlowHistory(board: TestBoard): Promise<void> {
  const db = getTestDb();
  const now = Date.now();
  const [inbox, doing, done] = board.columns.map((column) => column.id) as [string, string, string];
  const actors = [board.member.id, board.colleague.id];
  for (let index = 0; index < 10; index += 1) {
    const createdAt = now - (36 - index * 3) * DAY;
    const startedAt = createdAt + (1 + (index % 3)) * DAY;
    const doneAt = startedAt + (2 + ((index * 5) % 7)) * DAY;
    const isDone = doneAt < now - DAY;
    const moves = [
      { type: 'CREATED' as const, from: null, to: inbox, at: createdAt },
      { type: 'MOVED' as const, from: inbox, to: doing, at: startedAt },
      ...(index === 4 ? [{ type: 'BLOCKED' as const, from: null, to: null, at: startedAt + DAY }, { type: 'UNBLOCKED' as const, from: null, to: null, at: startedAt + 2 * DAY }] : []),
      ...(isDone ? [{ type: 'MOVED' as const, from: doing, to: done, at: doneAt }] : []),
    ];
    const card = await db.card.create({
      data: {
        boardId: board.boardId,
        columnId: isDone ? done : doing,
        laneId: board.lanes[0]!.id,
        title: `Flödesärende ${index + 1}`,
        position: (index + 10) * 1024,
        demand: index % 4 === 0 ? 'FAILURE' : 'VALUE',
        createdAt: new Date(createdAt),
        lastMovedAt: new Date(isDone ? doneAt : startedAt),
      },
    });
    // People put themselves on some cards: coordination, which no figure or export may count or time.
    if (index % 3 === 0) {
      await db.cardPerson.create({ data: { cardId: card.id, userId: actors[index % 2]!, createdAt: new Date(startedAt) } });
      await db.cardEvent.create({ data: { boardId: board.boardId, cardId: card.id, type: 'PERSON_JOINED', actorId: actors[index % 2], at: new Date(startedAt) } });
    }
    await db.cardEvent.createMany({
      data: moves.map((move, step) => ({
        boardId: board.boardId,
        cardId: card.id,
        type: move.type,
        fromColumnId: move.from,
        toColumnId: move.to,
        actorId: actors[(index + step) % 2],
        at: new Date(move.at),
      })),
    });
  }
}

function listPersonalStrings(board: TestBoard): string[] {
  return [board.member, board.colleague].flatMap((user) => [user.id, user.email, user.name]);
}

test.describe('flow metrics', () => {
  test('a viewer reads the Flow page: charts with summaries and tables, and nothing that changes the board', async ({ page, context, baseURL }) => {
    // Two full axe scans of a long page (tables closed, then all open) take a while on a busy machine.
    test.setTimeout(120_000);
    const board = await createTestBoard();
    await seedFlowHistory(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/flow`);
    const main = page.locator('main');

    await expect(page.getByRole('heading', { level: 1, name: /^Flödet på Tavla/ })).toBeVisible();
    await expect(main.getByText(/^Utifrån vår historik blir 85 % av ärendena klara inom \d+ dag/)).toBeVisible();
    for (const name of [
      'Kumulativt flödesdiagram: ärenden per kolumn, dag för dag',
      'Punktdiagram över ledtiden för varje avslutat ärende, med linjer vid 50, 85 och 95 %',
      'Körschema över antal avslutade ärenden per vecka, med medianen',
      'Linjediagram över antal pågående ärenden per dag',
      'Staplat stapeldiagram över inkomna ärenden per vecka efter typ av efterfrågan',
    ]) {
      await expect(main.getByRole('img', { name })).toBeVisible();
    }
    await expect(main.getByRole('img', { name: /^Diagram över åldern på varje pågående ärende/ })).toBeVisible();
    await expect(main.getByRole('img', { name: /^XmR-diagram: Genomflöde per vecka/ })).toBeVisible();
    await expect(main.getByRole('heading', { name: 'Prognos' })).toBeVisible();
    await expect(main.getByText(/^85 % sannolikt: minst \d+ ärenden?$/)).toBeVisible();

    // Every chart has a written summary (its description) and a table with the same data.
    const charts = main.getByRole('img');
    const chartCount = await charts.count();
    expect(chartCount).toBeGreaterThanOrEqual(9);
    for (let index = 0; index < chartCount; index += 1) {
      await expect(charts.nth(index)).toHaveAttribute('aria-describedby', /-summary$/);
    }
    const toggles = main.locator('details > summary', { hasText: 'Visa data som tabell' });
    await expect(toggles).toHaveCount(chartCount);
    await expect(main.getByRole('table', { includeHidden: true })).toHaveCount(chartCount);
    await expect(main.getByRole('table', { includeHidden: true }).first()).toBeHidden();
    await toggles.first().click();
    const cfdTable = main.getByRole('table', { name: 'Kumulativt flödesdiagram' });
    await expect(cfdTable).toBeVisible();
    await expect(cfdTable.getByRole('columnheader', { name: 'Pågår' })).toBeVisible();

    // The only controls: the period form (two dates and its button) and the table toggles. No drag handles,
    // no editable text, no forms that post; every link reads (back to the board, CSV downloads).
    await expect(main.locator('input')).toHaveCount(2);
    expect(await main.locator('input').evaluateAll((inputs) => inputs.map((input) => `${(input as HTMLInputElement).type}:${(input as HTMLInputElement).name}`))).toEqual(['date:from', 'date:to']);
    const buttons = await main.getByRole('button').allInnerTexts();
    expect(buttons).toContain('Visa perioden');
    expect(buttons.filter((name) => name !== 'Visa perioden' && name !== 'Visa data som tabell')).toEqual([]);
    await expect(main.locator('textarea, select, [contenteditable="true"], [draggable="true"]')).toHaveCount(0);
    expect(await main.locator('form').evaluateAll((forms) => forms.map((form) => (form as HTMLFormElement).method))).toEqual(['get']);
    const hrefs = await main.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    // …links within the page (the overview and the table of contents), the same page for another period, and the
    // team's improvement experiments (which a viewer reads but cannot change).
    for (const href of hrefs) expect(href).toMatch(new RegExp(`^/boards/${board.boardId}$|^/boards/${board.boardId}/experiments(/[\\w-]+)?$|^/boards/${board.boardId}/flow\\?(range=all|from=)|^/api/boards/${board.boardId}/flow/export\\?dataset=|^#[a-z-]+$`));

    // Team level only: no member's name or e-mail anywhere in the page.
    const html = await main.innerHTML();
    for (const value of listPersonalStrings(board)) expect(html).not.toContain(value);

    await expectNoAccessibilityViolations(page);
    // And with every table open.
    for (const toggle of await toggles.all()) {
      if (!(await toggle.evaluate((element) => (element.parentElement as HTMLDetailsElement).open))) await toggle.click();
    }
    await expectNoAccessibilityViolations(page);
  });

  test('the Flow page period is a plain GET form; bad dates fall back to the last 12 weeks with a message', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await seedFlowHistory(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/flow?from=2026-02-30&to=nonsense`);
    await expect(page.locator('main').getByRole('alert')).toHaveText(/Datumen gick inte att läsa, så de senaste 12 veckorna visas i stället/);
    // The board's history is only five weeks old, so the 12 weeks start where it does.
    await expect(page.getByText(/^Tavlans historik börjar .*, så perioden räknas från den dagen/)).toBeVisible();
    await expect(page.getByText(/\(3[678] dagar\)\.$/)).toBeVisible();

    const today = new Date();
    const to = today.toISOString().slice(0, 10);
    const from = new Date(today.getTime() - 13 * DAY).toISOString().slice(0, 10);
    await page.getByLabel('Från', { exact: true }).fill(from);
    await page.getByLabel('Till', { exact: true }).fill(to);
    await page.getByRole('button', { name: 'Visa perioden' }).click();
    await expect(page).toHaveURL(new RegExp(`\\?from=${from}&to=${to}$`));
    await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
    await expect(page.getByText(/\(14 dagar\)\.$/)).toBeVisible();
  });

  test('CSV downloads carry a BOM, use ";" in Swedish and "," in English, and name no person', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await seedFlowHistory(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/flow`);

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Kort med datum och ledtider (CSV)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^tillit-flow-items-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await readFile((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('Kort-id;Rubrik;Efterfrågan;Kolumn;Skapat;Påbörjat;Klart;Ledtid (dagar);Ålder (dagar);Blockerat (dagar);Blockerat nu;Arkiverat');
    expect(text).toContain(';Flödesärende 1;Felefterfrågan;Klart;');

    // Every dataset the route accepts, in both languages (the same enum the route validates against).
    for (const dataset of FLOW_EXPORT_DATASETS.options) {
      for (const [language, separator] of [['sv-SE', ';'], ['en', ',']] as const) {
        const response = await page.request.get(`/api/boards/${board.boardId}/flow/export?dataset=${dataset}`, { headers: { 'accept-language': language } });
        expect(response.status(), `${dataset} ${language}`).toBe(200);
        expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
        expect(response.headers()['content-disposition']).toMatch(new RegExp(`^attachment; filename="tillit-flow-${dataset}-`));
        const body = await response.body();
        expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const csv = body.toString('utf8');
        expect(csv.split('\r\n')[0]).toContain(separator);
        for (const value of listPersonalStrings(board)) expect(csv, `${dataset} ${language}`).not.toContain(value);
      }
    }
    const unknown = await page.request.get(`/api/boards/${board.boardId}/flow/export?dataset=people`);
    expect(unknown.status()).toBe(422);
  });

  test('a viewer reads the flow overview: each team with charts and tables, read-only, linking to the Flow page', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await seedFlowHistory(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.goto('/flow');
    const main = page.locator('main');
    await expect(page.getByRole('heading', { level: 1, name: 'Flödesöversikt' })).toBeVisible();
    const team = main.getByRole('region', { name: /^Testteam / });
    await expect(team).toBeVisible();
    const boardSummary = team.getByRole('article');
    for (const term of ['Pågår nu', 'Ledtid, 85 %', 'XmR-signaler', 'Felefterfrågan']) {
      await expect(boardSummary.getByText(term, { exact: true })).toBeVisible();
    }
    await expect(boardSummary.getByRole('img', { name: /^Körschema över antal avslutade ärenden per vecka på Tavla/ })).toBeVisible();
    await boardSummary.getByText('Visa data som tabell').click();
    await expect(boardSummary.getByRole('table')).toBeVisible();

    // Read-only: no input of any kind (nowhere to set a goal, target or threshold), only links.
    await expect(main.locator('input, button, select, textarea, form, [contenteditable="true"]')).toHaveCount(0);
    const html = await main.innerHTML();
    for (const value of listPersonalStrings(board)) expect(html).not.toContain(value);
    await expectNoAccessibilityViolations(page);

    await boardSummary.getByRole('link', { name: /^Flödessidan för Tavla/ }).click();
    await expect(page).toHaveURL(new RegExp(`/boards/${board.boardId}/flow$`));
    await expect(page.getByRole('heading', { level: 1, name: /^Flödet på Tavla/ })).toBeVisible();
  });

  test('someone not on the team gets 404 for the Flow page and its export, and does not see the team in the overview', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.outsider, baseURL!);
    expect((await page.goto(`/boards/${board.boardId}/flow`))?.status()).toBe(404);
    expect((await page.request.get(`/api/boards/${board.boardId}/flow/export?dataset=items`)).status()).toBe(404);
    await page.goto('/flow');
    await expect(page.getByRole('region', { name: /^Testteam / })).toHaveCount(0);
  });
});
