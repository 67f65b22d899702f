import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestBoard } from './fixtures/test-data';
import { perform, readActionManifest, sessionCookieFor } from './access-matrix/http';

/**
 * The read log of boards that may hold client data (issue #15 item 10), as the team meets it: a member marks the
 * board (the history says who and when), opening a card writes a log row before the card is shown, the log page
 * filters by card and period and downloads as CSV, a member draws the monthly sample and records the review. A
 * viewer and someone from another team can neither read the log nor mark the board, on the page or by a forged
 * request; a read whose log row cannot be written is refused in the dialog. Axe on the log page, sv and en.
 */

const SETTING_LABEL = 'Kan innehålla klientuppgifter';

async function openCard(page: Page, board: TestBoard, title: string): Promise<void> {
  const card = board.cards.find((item) => item.title === title)!;
  const loaded = page.waitForResponse((response) => response.url().endsWith(`/api/boards/${board.boardId}/cards/${card.id}`));
  await page.getByRole('button', { name: `Öppna kortet ${title}` }).click();
  const dialog = page.getByRole('dialog');
  expect((await loaded).status()).toBe(200);
  await expect(dialog.getByRole('heading', { name: title })).toBeVisible();
  await dialog.getByRole('button', { name: 'Stäng' }).click();
  await expect(dialog).toBeHidden();
}

const logRows = (page: Page) => page.getByTestId('read-log-entry');

test.describe('read log', () => {
  test('a member marks the board, opens cards, reads and filters the log, downloads it, and records a sample review', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);

    // Not marked yet: opening a card logs nothing.
    await page.goto(`/boards/${board.boardId}`);
    await openCard(page, board, 'Ärende C');
    expect(await getTestDb().cardReadLog.count({ where: { boardId: board.boardId } })).toBe(0);

    await page.getByRole('link', { name: 'Åtkomstlogg' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Åtkomstlogg: Tavla/ })).toBeVisible();
    await expect(page.getByTestId('client-data-state')).toHaveText('Läsningar loggas inte: tavlan är inte markerad som att den kan innehålla klientuppgifter.');
    await page.getByRole('checkbox', { name: SETTING_LABEL }).check();
    await expect(page.getByRole('status').filter({ hasText: 'Sparat: tavlan kan innehålla klientuppgifter' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: SETTING_LABEL })).toBeFocused();
    expect((await getTestDb().board.findUniqueOrThrow({ where: { id: board.boardId } })).holdsClientData).toBe(true);

    // The board history says who marked it, and when.
    await page.goto(`/boards/${board.boardId}/history`);
    const mark = page.getByRole('listitem').filter({ hasText: 'Markerade tavlan som att den kan innehålla klientuppgifter' });
    await expect(mark).toContainText(board.member.name);

    // Opening cards now writes one row each, before the card is shown.
    await page.goto(`/boards/${board.boardId}`);
    await expect(page.getByText('Tavlan kan innehålla klientuppgifter: varje gång ett kort öppnas')).toBeVisible();
    await openCard(page, board, 'Ärende A');
    await openCard(page, board, 'Ärende B');
    const rows = await getTestDb().cardReadLog.findMany({ where: { boardId: board.boardId }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.cardId, row.readerId, row.channel])).toEqual([
      [board.cards[0]!.id, board.member.id, 'DIALOG'],
      [board.cards[1]!.id, board.member.id, 'DIALOG'],
    ]);

    await page.goto(`/boards/${board.boardId}/access-log`);
    await expect(page.getByTestId('read-log-summary')).toHaveText(/^2 läsningar från /);
    await expect(logRows(page)).toHaveCount(2);
    await expect(logRows(page).first()).toContainText(board.member.name);
    await expect(logRows(page).first()).toContainText('Ärende B');
    await expect(logRows(page).first()).toContainText('Öppnade kortet');
    await expectNoAccessibilityViolations(page);

    // Filter by card, then by a period without reads.
    await page.getByLabel('Kort', { exact: true }).selectOption({ label: 'Ärende A' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page).toHaveURL(new RegExp(`card=${board.cards[0]!.id}`));
    await expect(logRows(page)).toHaveCount(1);
    await expect(logRows(page)).toContainText('Ärende A');
    await page.getByLabel('Från', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Till', { exact: true }).fill('2020-01-31');
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByText('Inga läsningar under perioden.')).toBeVisible();
    await expect(logRows(page)).toHaveCount(0);
    await page.goto(`/boards/${board.boardId}/access-log?from=2020-02-30`);
    await expect(page.locator('main [role="alert"]')).toHaveText('Ett av datumen är inget datum (ÅÅÅÅ-MM-DD), så de senaste 30 dagarna visas.');
    await expect(logRows(page)).toHaveCount(2);

    // The CSV: one row per read, from the one CSV writer (BOM, ';' in Swedish), no totals of any kind.
    const href = await page.getByRole('link', { name: 'Ladda ner läsningarna som CSV' }).getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(csv.headers()['cache-control']).toContain('no-store');
    const text = await csv.text();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Tid;Läst av;Hur;Kort-id;Kort;Loggpost');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`;${board.member.name};Öppnade kortet;${board.cards[0]!.id};Ärende A;`);

    // Stickprov: draw a sample of one read from a period that holds both, then record the review.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    await page.getByLabel('Period från').fill(today);
    await page.getByLabel('Period till').fill(today);
    await page.getByLabel('Antal läsningar').fill('1');
    await page.getByRole('button', { name: 'Dra stickprov' }).click();
    const review = page.getByTestId('read-log-review');
    await expect(review.getByRole('heading', { name: /^Stickprov draget / })).toBeFocused();
    await expect(review).toContainText(`Draget av ${board.member.name}: 1 av 2 läsningar`);
    await expect(review.getByTestId('read-log-entry')).toHaveCount(1);
    await expectNoAccessibilityViolations(page);
    await review.getByLabel('Anteckningar från genomgången').fill('Båda läsningarna hörde till ärendet.');
    await review.getByRole('button', { name: 'Registrera genomgång' }).click();
    await expect(review.getByText(new RegExp(`^Genomgånget av ${board.member.name}, `))).toBeVisible();
    await expect(review.getByRole('heading', { name: /^Stickprov draget / })).toBeFocused();
    await expect(review.getByText('Båda läsningarna hörde till ärendet.')).toBeVisible();
    const stored = await getTestDb().readLogReview.findFirstOrThrow({ where: { boardId: board.boardId }, include: { entries: true } });
    expect(stored).toMatchObject({ drawnById: board.member.id, reviewedById: board.member.id, populationCount: 2, note: 'Båda läsningarna hörde till ärendet.' });
    expect(stored.reviewedAt).not.toBeNull();
    expect(stored.entries).toHaveLength(1);
    expect(rows.map((row) => row.id)).toContain(stored.entries[0]!.entryId);
    await expect(page.getByRole('table', { name: 'Genomgångar' }).getByRole('row')).toHaveCount(2);
  });

  test('the access log page in English has no accessibility violations', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    await getTestDb().board.update({ where: { id: board.boardId }, data: { holdsClientData: true } });
    await getTestDb().cardReadLog.create({ data: { boardId: board.boardId, cardId: board.cards[0]!.id, readerId: board.viewer.id, readerName: board.viewer.name, channel: 'API' } });
    const context = await browser.newContext({ locale: 'en-GB' });
    await signInAs(context, board.member, baseURL!);
    const page = await context.newPage();
    await page.goto(`/boards/${board.boardId}/access-log`);
    await expect(page.getByRole('heading', { level: 1, name: /^Access log: Tavla/ })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'May hold client data' })).toBeChecked();
    await expect(logRows(page)).toHaveCount(1);
    await expect(logRows(page)).toContainText(board.viewer.name);
    await expect(logRows(page)).toContainText('API');
    await expectNoAccessibilityViolations(page);
    // An API request carries no browser locale of its own: it says which language it wants, as Excel users' browsers do.
    const csv = await page.request.get(`/api/boards/${board.boardId}/access-log`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect((await csv.text()).slice(1).split('\r\n')[0]).toBe('Time,Read by,How,Card id,Card,Log entry');
    await context.close();
  });

  test('viewers and other teams cannot read the log or mark the board, on the page or by forged requests', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    await getTestDb().cardReadLog.create({ data: { boardId: board.boardId, cardId: board.cards[0]!.id, readerId: board.member.id, readerName: board.member.name, channel: 'DIALOG' } });
    const viewerContext = await browser.newContext();
    await signInAs(viewerContext, board.viewer, baseURL!);
    const viewer = await viewerContext.newPage();
    await viewer.goto(`/boards/${board.boardId}`);
    await expect(viewer.getByRole('link', { name: 'Historik' })).toBeVisible();
    await expect(viewer.getByRole('link', { name: 'Åtkomstlogg' })).toHaveCount(0);
    await viewer.goto(`/boards/${board.boardId}/access-log`);
    await expect(viewer.getByText('Bara teamets medlemmar kan läsa åtkomstloggen.')).toBeVisible();
    await expect(viewer.getByText(board.member.name)).toHaveCount(0);
    expect((await viewer.request.get(`/api/boards/${board.boardId}/access-log`)).status()).toBe(403);

    const outsiderContext = await browser.newContext();
    await signInAs(outsiderContext, board.outsider, baseURL!);
    const outsider = await outsiderContext.newPage();
    const notFound = await outsider.goto(`/boards/${board.boardId}/access-log`);
    expect(notFound?.status()).toBe(404);
    expect((await outsider.request.get(`/api/boards/${board.boardId}/access-log`)).status()).toBe(404);

    // Forged server-action calls, straight to the server: refused, nothing written.
    const actions = readActionManifest();
    const page = `/boards/${board.boardId}/access-log`;
    for (const [person, expected] of [[board.viewer, 403], [board.outsider, 404]] as const) {
      const cookie = await sessionCookieFor(person);
      const mark = await perform(baseURL!, 'app/(app)/boards/[boardId]/access-log/actions.ts#setBoardHoldsClientDataAction', { kind: 'action', page, args: [board.boardId, true] }, cookie, actions, { foreign: false });
      expect(mark.verdict, mark.detail).toBe(expected);
      const draw = await perform(baseURL!, 'app/(app)/boards/[boardId]/access-log/actions.ts#drawReadLogSampleAction', { kind: 'action', page, args: [board.boardId, { from: '2020-01-01', to: '2030-01-01', size: 5 }] }, cookie, actions, { foreign: false });
      expect(draw.verdict, draw.detail).toBe(expected);
    }
    const db = getTestDb();
    expect((await db.board.findUniqueOrThrow({ where: { id: board.boardId } })).holdsClientData).toBe(false);
    expect(await db.boardEvent.count({ where: { boardId: board.boardId, type: 'CLIENT_DATA_MARKED' } })).toBe(0);
    expect(await db.readLogReview.count({ where: { boardId: board.boardId } })).toBe(0);
    await viewerContext.close();
    await outsiderContext.close();
  });

  test('a read whose log row cannot be written is refused in the card dialog', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    await db.board.update({ where: { id: board.boardId }, data: { holdsClientData: true } });
    await db.card.update({ where: { id: board.cards[0]!.id }, data: { description: 'Klientens uppgifter' } });
    const fn = `read_log_fail_${board.boardId.replace(/[^a-z0-9]/gi, '')}`;
    await db.$executeRawUnsafe(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."boardId" = '${board.boardId}' THEN RAISE EXCEPTION 'read log unavailable'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE INSERT ON "CardReadLog" FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await signInAs(context, board.member, baseURL!);
      await page.goto(`/boards/${board.boardId}`);
      const answered = page.waitForResponse((response) => response.url().endsWith(`/api/boards/${board.boardId}/cards/${board.cards[0]!.id}`));
      await page.getByRole('button', { name: 'Öppna kortet Ärende A' }).click();
      const answer = await answered;
      expect(answer.status()).toBe(503);
      expect(await answer.text()).not.toContain('Klientens uppgifter');
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('alert')).toHaveText(/kunde inte föra in läsningen i åtkomstloggen just nu, så kortet visas inte/);
      await expect(dialog.getByText('Klientens uppgifter')).toHaveCount(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${fn} ON "CardReadLog"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
  });
});
