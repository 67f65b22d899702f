import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { recordAnnouncements } from './fixtures/announcements';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

/**
 * Swimlanes and classes of service (issue 12), as a team uses them: lanes are the team's (added, changed, removed
 * in the lane settings dialog, every change in the history), cards move across columns and lanes by drag, keyboard
 * and "Flytta till…", a strict lane limit refuses with a clear message and focus kept, viewers read lanes without
 * controls. Every test waits for state (a dialog, a response, an announcement, focus), never for time.
 */

function commandAnswered(page: Page) {
  return page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/boards\/[^/]+\/commands$/.test(new URL(r.url()).pathname));
}

function cell(page: Page, column: string, lane: string) {
  return page.getByRole('region', { name: `${column}, simbanan ${lane}`, exact: true });
}

function cardButton(page: Page, title: string) {
  return page.getByRole('button', { name: `Öppna kortet ${title}`, exact: true });
}

async function openBoard(page: Page, boardId: string) {
  await page.goto(`/boards/${boardId}`);
  await expect(page.locator('[data-live-status="live"]')).toBeVisible();
}

/** The lanes as drawn, top to bottom, by name. */
function laneOrder(page: Page) {
  return page.locator('section[data-nav-lane]').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-testid')));
}

const EXPEDITE_LANES = [
  { name: 'Standard' },
  { name: 'Akut', classOfService: 'EXPEDITE' as const, wipLimit: 1, wipMode: 'STRICT' as const, policy: 'Högst **ett** ärende.' },
];

test.describe('lanes are the team’s', () => {
  test('a member adds an expedite lane with a strict limit of 1 and a policy: drawn first, its header says class and count, the history records it', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    // One lane: the board looks as it always did, no lane header.
    await expect(page.locator('section[data-nav-lane]')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Pågår', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Lägg till simbana' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till en simbana' });
    await expect(dialog).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await dialog.getByLabel('Namn').fill('Akut');
    await dialog.getByRole('radio', { name: /Brådskande/ }).check();
    await dialog.getByLabel('Simbanans WIP-gräns').fill('1');
    await dialog.getByRole('radio', { name: 'Strikt' }).check();
    await dialog.getByLabel('Simbanans policy (Markdown)').fill('Högst **ett** ärende; dras före allt annat.');
    const created = commandAnswered(page);
    await dialog.getByRole('button', { name: 'Lägg till simbana' }).click();
    expect((await created).ok()).toBe(true);
    await expect(dialog).toBeHidden();

    // Two lanes now: the expedite lane is drawn first although it was added last.
    await expect.poll(() => laneOrder(page)).toEqual(['lane-Akut', 'lane-Standard']);
    const akut = page.getByRole('region', { name: 'Akut', exact: true });
    await expect(akut.getByTestId('lane-class')).toHaveText(/Brådskande/);
    await expect(akut.getByTestId('lane-count')).toHaveText('0 / 1');
    await expect(page.locator('#' + (await akut.getAttribute('aria-describedby'))!)).toContainText('0 kort, 0 pågår, simbanans gräns är 1');
    await expect(akut.getByText('strikt gräns för simbanan')).toBeVisible();
    await akut.getByRole('button', { name: 'Policy för simbanan Akut' }).click();
    await expect(akut.locator('strong', { hasText: 'ett' })).toBeVisible();
    // Every column's cell in every lane; the column heads once, above the lanes.
    await expect(cell(page, 'Pågår', 'Akut')).toBeVisible();
    await expect(cell(page, 'Inkommet', 'Standard').getByTestId('card')).toHaveCount(2);

    await page.goto(`/boards/${board.boardId}/history`);
    await expect(page.getByText('Simbanan ”Akut” lades till (Brådskande).')).toBeVisible();
    await expect(page.getByText('Anna Test').first()).toBeVisible();
  });

  test('the board with lanes, expanded and collapsed, and the lane settings dialog have no axe violations; collapsing is remembered; a rename is in the history', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ lanes: EXPEDITE_LANES, cards: [{ title: 'Ärende A', column: 1 }, { title: 'Akut A', column: 1, lane: 1 }] });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    const akut = page.getByRole('region', { name: 'Akut', exact: true });
    await expect(cell(page, 'Pågår', 'Akut').getByTestId('card')).toHaveCount(1);
    await expectNoAccessibilityViolations(page);

    // Collapsed, remembered for this person in this browser.
    await akut.getByRole('button', { name: 'Fäll ihop simbanan Akut' }).click();
    await expect(akut.getByRole('button', { name: 'Fäll ut simbanan Akut' })).toHaveAttribute('aria-expanded', 'false');
    await expect(cell(page, 'Pågår', 'Akut')).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Fäll ut simbanan Akut' })).toBeVisible();
    await page.getByRole('button', { name: 'Fäll ut simbanan Akut' }).click();
    await expect(cell(page, 'Pågår', 'Akut')).toBeVisible();

    // Settings: rename, in the history with before → after.
    await page.getByRole('button', { name: 'Inställningar för simbanan Akut' }).click();
    const settings = page.getByRole('dialog', { name: 'Simbanans inställningar: Akut' });
    await expect(settings).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await settings.getByLabel('Namn').fill('Akut skydd');
    const renamed = commandAnswered(page);
    await settings.getByRole('button', { name: 'Spara' }).click();
    expect((await renamed).ok()).toBe(true);
    await expect(page.getByRole('region', { name: 'Akut skydd', exact: true })).toBeVisible();

    await page.goto(`/boards/${board.boardId}/history`);
    await expect(page.getByText('Simbanan ”Akut” bytte namn till ”Akut skydd”.')).toBeVisible();
  });

  test('removing a lane that holds cards asks where they go; with one lane left the board has no lane header', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      lanes: [{ name: 'Standard' }, { name: 'Förbättringar', classOfService: 'INTANGIBLE' }],
      cards: [
        { title: 'Ärende A', column: 0 },
        { title: 'Bättre mall', column: 1, lane: 1 },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await expect(page.getByRole('region', { name: 'Förbättringar', exact: true }).getByTestId('lane-class')).toHaveText(/Förbättring/);

    await page.getByRole('button', { name: 'Inställningar för simbanan Förbättringar' }).click();
    const settings = page.getByRole('dialog', { name: 'Simbanans inställningar: Förbättringar' });
    await settings.getByRole('button', { name: 'Ta bort simbanan…' }).click();
    const destination = settings.getByLabel('Simbanan har 1 kort. Välj simbana att flytta till:');
    await expect(destination).toBeFocused();
    await expect(destination).toHaveValue(board.lanes[0]!.id);
    const removed = commandAnswered(page);
    await settings.getByRole('button', { name: 'Flytta korten och ta bort simbanan' }).click();
    expect((await removed).ok()).toBe(true);
    await expect(settings).toBeHidden();
    // Back to one lane: no lane rows, the card in its column; focus on the board's heading, not on <body>.
    await expect(page.locator('section[data-nav-lane]')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Pågår', exact: true }).getByRole('button', { name: 'Öppna kortet Bättre mall' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    const card = await getTestDb().card.findFirstOrThrow({ where: { boardId: board.boardId, title: 'Bättre mall' } });
    expect(card.laneId).toBe(board.lanes[0]!.id);
  });

  test('a lane limit of 0, -1 or 1.5, an unknown class, the last lane, a lane of another board, a removal without a destination: a translated message and nothing changed', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ lanes: EXPEDITE_LANES, cards: [{ title: 'Ärende A', column: 1 }, { title: 'Akut A', column: 1, lane: 1 }] });
    const other = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    const post = (data: object) => page.request.post(`/api/boards/${board.boardId}/commands`, { data, headers: { origin: baseURL!, 'accept-language': 'sv' } });
    const [standard, akut] = board.lanes;
    for (const wipLimit of [0, -1, 1.5]) {
      const response = await post({ type: 'lane.update', laneId: akut!.id, wipLimit });
      expect(response.status()).toBe(422);
      expect(JSON.stringify(await response.json())).toContain('WIP-gränsen måste vara ett heltal');
    }
    const unknownClass = await post({ type: 'lane.update', laneId: akut!.id, classOfService: 'VIP' });
    expect(unknownClass.status()).toBe(422);
    expect(JSON.stringify(await unknownClass.json())).toContain('Välj en av klasserna Standard, Brådskande eller Förbättring');
    const noDestination = await post({ type: 'lane.delete', laneId: akut!.id });
    expect(noDestination.status()).toBe(409);
    expect(JSON.stringify(await noDestination.json())).toContain('Välj vilken simbana');
    const foreignLane = await post({ type: 'card.move', cardId: board.cards[0]!.id, toColumnId: board.columns[2]!.id, toLaneId: other.lanes[0]!.id, toIndex: 0 });
    expect(foreignLane.status()).toBe(404);
    const emptied = await post({ type: 'lane.delete', laneId: akut!.id, moveCardsToLaneId: standard!.id });
    expect(emptied.ok()).toBe(true);
    const last = await post({ type: 'lane.delete', laneId: standard!.id });
    expect(last.status()).toBe(409);
    expect(JSON.stringify(await last.json())).toContain('minst en simbana');

    const lanes = await getTestDb().lane.findMany({ where: { boardId: board.boardId, deletedAt: null } });
    expect(lanes.map((lane) => [lane.name, lane.wipLimit, lane.classOfService])).toEqual([['Standard', null, 'STANDARD']]);
    const moved = await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } });
    expect(moved.columnId).toBe(board.columns[1]!.id);
  });

  test('a viewer sees the lanes, their class, count and policy, but no controls', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ lanes: EXPEDITE_LANES, cards: [{ title: 'Ärende A', column: 1 }, { title: 'Akut A', column: 1, lane: 1 }] });
    await signInAs(context, board.viewer, baseURL!);
    await openBoard(page, board.boardId);
    const akut = page.getByRole('region', { name: 'Akut', exact: true });
    await expect(akut.getByTestId('lane-class')).toHaveText(/Brådskande/);
    await expect(akut.getByTestId('lane-count')).toHaveText('1 / 1');
    await akut.getByRole('button', { name: 'Policy för simbanan Akut' }).click();
    await expect(akut.locator('strong', { hasText: 'ett' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Inställningar för simbanan/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Lägg till simbana' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Lägg till kort/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Flytta till…/ })).toHaveCount(0);
    await expect(page.getByTestId('drag-handle')).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });

  test('in English: the lane header and the lane settings dialog', async ({ browser, baseURL }) => {
    const board = await createTestBoard({ lanes: EXPEDITE_LANES, cards: [{ title: 'Akut A', column: 1, lane: 1 }] });
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    const akut = page.getByRole('region', { name: 'Akut', exact: true });
    await expect(akut.getByTestId('lane-class')).toHaveText(/Expedite/);
    await expect(akut.getByText('strict lane limit')).toBeVisible();
    await page.getByRole('button', { name: 'Settings for lane Akut' }).click();
    const settings = page.getByRole('dialog', { name: 'Lane settings: Akut' });
    await expect(settings.getByRole('radio', { name: /Improvement/ })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await context.close();
  });
});

test.describe('moving across lanes', () => {
  test('a member drags a card into the expedite lane; a second card into it is refused (strict) with a clear message, focus kept', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      lanes: [{ name: 'Standard' }, { name: 'Akut', classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT' }],
      cards: [
        { title: 'Ärende A', column: 1 },
        { title: 'Ärende B', column: 1 },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);

    const handle = page.getByTestId('card').filter({ hasText: 'Ärende A' }).getByTestId('drag-handle');
    const from = (await handle.boundingBox())!;
    const to = (await cell(page, 'Pågår', 'Akut').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 - 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
    // A clear drop indicator on the cell under the pointer.
    await expect(cell(page, 'Pågår', 'Akut').getByText('Släpp här')).toBeVisible();
    const dragged = commandAnswered(page);
    await page.mouse.up();
    expect((await dragged).ok()).toBe(true);
    await expect(cell(page, 'Pågår', 'Akut').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Akut', exact: true }).getByTestId('lane-count')).toHaveText('1 / 1');

    // The second card, by Move-to: the menu says before the choice that the lane is full; the server refuses.
    await cardButton(page, 'Ärende B').focus();
    await page.keyboard.press('m');
    const menu = page.getByRole('menu', { name: 'Flytta till… Ärende B' });
    await expect(menu.locator(':focus')).toHaveCount(1);
    const target = menu.getByRole('group', { name: 'I simbanan Akut' }).getByRole('menuitem', { name: /^Pågår, .*simbanan Akut är full/ });
    await target.focus();
    await expect(target).toBeFocused();
    const refused = commandAnswered(page);
    await page.keyboard.press('Enter');
    expect((await refused).status()).toBe(409);
    await expect(page.getByTestId('card-notice')).toContainText('Simbanan ”Akut” har nått sin WIP-gräns (1)');
    await expect(cell(page, 'Pågår', 'Standard').getByRole('button', { name: 'Öppna kortet Ärende B' })).toBeFocused();
    const inAkut = await getTestDb().card.count({ where: { laneId: board.lanes[1]!.id } });
    expect(inAkut).toBe(1);
  });

  test('keyboard and Move-to move across lanes: focus stays on the card, the announcements say column and lane', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      lanes: [{ name: 'Standard' }, { name: 'Akut', classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT' }],
      cards: [{ title: 'Ärende A', column: 1 }],
    });
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    const { said } = await recordAnnouncements(page);

    // Move-to: the card's own lane first, then the others, each choice column × lane.
    await cardButton(page, 'Ärende A').focus();
    await page.keyboard.press('m');
    const menu = page.getByRole('menu', { name: 'Flytta till… Ärende A' });
    await expect(menu.locator(':focus')).toHaveCount(1);
    const choice = menu.getByRole('group', { name: 'I simbanan Akut' }).getByRole('menuitem', { name: /^Klart, / });
    await choice.focus();
    let moved = commandAnswered(page);
    await page.keyboard.press('Enter');
    expect((await moved).ok()).toBe(true);
    await expect(cell(page, 'Klart', 'Akut').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();
    await expect(page.getByTestId('live-announcer')).toHaveText('Flyttade ”Ärende A” till Klart, simbanan Akut.');

    // Keyboard drag: Space picks it up, ↓ to the lane below (Standard), Space drops.
    await page.keyboard.press('Space');
    await expect.poll(said).toContain('Plockade upp kortet Ärende A.');
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await said()).some((text) => /simbanan Standard\.$/.test(text))).toBe(true);
    moved = commandAnswered(page);
    await page.keyboard.press('Space');
    expect((await moved).ok()).toBe(true);
    await expect(cell(page, 'Klart', 'Standard').getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();
    await expect.poll(said).toContain('Kortet Ärende A släpptes i kolumnen Klart, simbanan Standard.');
    const card = await getTestDb().card.findUniqueOrThrow({ where: { id: board.cards[0]!.id } });
    expect([card.columnId, card.laneId]).toEqual([board.columns[2]!.id, board.lanes[0]!.id]);
  });
});

test.describe('the standup and the phone', () => {
  test('the standup walks the expedite lane first, right to left, then the other lanes; "over limit" includes lane limits', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      lanes: [{ name: 'Standard' }, { name: 'Akut', classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'ADVISORY' }],
      cards: [
        { title: 'Ärende A', column: 0 },
        { title: 'Ärende B', column: 1 },
        { title: 'Akut A', column: 1, lane: 1 },
        { title: 'Akut B', column: 1, lane: 1 },
      ],
    });
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}/standup`);
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();
    await expect(page.getByTestId('standup-wip')).toContainText('Simbanan Akut: 2 av 1 pågår');
    await page.getByRole('button', { name: 'Starta avstämningen' }).click();
    await expect(page.locator('li[aria-current="step"]')).toContainText('Akut A');
    const stops = () =>
      page.getByTestId('walk-column').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-lane-name')}: ${item.getAttribute('data-column-name')}`));
    await expect.poll(stops).toEqual(['Akut: Pågår', 'Akut: Inkommet', 'Standard: Pågår', 'Standard: Inkommet']);
    await expect(page.getByRole('heading', { name: 'Akut: Pågår' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test('on a phone (320 px) the lanes stack, their rows scroll sideways and the page does not overflow', async ({ browser, baseURL }) => {
    const board = await createTestBoard({ lanes: EXPEDITE_LANES, cards: [{ title: 'Ärende A', column: 1 }, { title: 'Akut A', column: 1, lane: 1 }] });
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await signInAs(context, board.member, baseURL!);
    await openBoard(page, board.boardId);
    await expect(page.getByRole('region', { name: 'Akut', exact: true })).toBeVisible();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    const laneHeading = page.getByRole('heading', { name: 'Akut', exact: true });
    const box = (await laneHeading.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    await context.close();
  });
});

test.describe('flow per class of service', () => {
  test('the Flow page gives cycle time, throughput and SLE per class and marks each class on the scatterplot; the overview shows the expedite share', async ({ page, context, baseURL }) => {
    const titles = ['Akut 1', 'Akut 2', 'Akut 3', 'Akut 4', 'Akut 5', 'Vanligt 1'];
    const board = await createTestBoard({ lanes: EXPEDITE_LANES, cards: titles.map((title, index) => ({ title, column: 2, lane: index < 5 ? 1 : 0 })) });
    const db = getTestDb();
    const day = 86_400_000;
    const now = Date.now();
    // Started ten days ago, finished eight days ago (a complete week, for the overview): 3 calendar days each.
    for (const card of board.cards) {
      const startedAt = new Date(now - 10 * day);
      const doneAt = new Date(now - 8 * day);
      await db.card.update({ where: { id: card.id }, data: { startedAt, doneAt, lastMovedAt: doneAt, createdAt: new Date(now - 11 * day) } });
      await db.cardEvent.updateMany({ where: { cardId: card.id, type: 'CREATED' }, data: { at: new Date(now - 11 * day), toColumnId: board.columns[0]!.id } });
      await db.cardEvent.createMany({
        data: [
          { boardId: board.boardId, cardId: card.id, type: 'MOVED', fromColumnId: board.columns[0]!.id, toColumnId: board.columns[1]!.id, fromLaneId: card.laneId, toLaneId: card.laneId, at: startedAt },
          { boardId: board.boardId, cardId: card.id, type: 'MOVED', fromColumnId: board.columns[1]!.id, toColumnId: board.columns[2]!.id, fromLaneId: card.laneId, toLaneId: card.laneId, at: doneAt },
        ],
      });
    }
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/flow`);
    const section = page.getByTestId('flow-by-class');
    await expect(section.getByRole('heading', { name: 'Flöde per tjänsteklass' })).toBeVisible();
    await expect(section).toContainText('Brådskande: 85 % av ärendena blir klara inom 3 dagar (av 5 färdiga).');
    await expect(section).toContainText('Standard: 1 färdiga — för få för en förväntad servicenivå');
    const expediteRow = section.getByRole('row', { name: /Brådskande/ });
    await expect(expediteRow.getByRole('cell').nth(0)).toHaveText('5');
    await expect(expediteRow.getByRole('cell').nth(1)).toHaveText(/^83\s%$/);
    // The scatterplot's legend: each class its own marker shape as well as colour.
    const cycleTime = page.locator('#cycle-time');
    await expect(cycleTime.getByText('Färdigt ärende, Brådskande')).toBeVisible();
    await expect(cycleTime.getByText('Färdigt ärende, Standard')).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.goto('/flow');
    const summary = page.locator('article').filter({ hasText: 'Andel brådskande av färdiga ärenden' });
    await expect(summary).toHaveCount(1);
    await expect(summary.getByText(/^83\s%$/)).toBeVisible();
  });
});
