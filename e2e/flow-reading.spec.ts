import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestBoard } from './fixtures/test-data';

/**
 * The Flow page as a manager reads it (issue 14, items 9–12): one definition per period for every count, a plain
 * overview and table of contents at the top, an explanation beside each technical term, chart text that stays
 * readable on a phone, table toggles named after their chart, and cumulative-flow bands told apart by pattern.
 */

const DAY = 86_400_000;

/** Noon UTC of a calendar day: the same day in Stockholm whatever the season. */
function noonUtc(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12);
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

type Step = { type: 'CREATED' | 'MOVED' | 'ARCHIVED'; to?: number; at: number };

/**
 * A period from a Wednesday to the Tuesday two weeks later, and around it the cases that made the old page
 * contradict itself: one that arrived and one that was finished on the Monday and Tuesday before the period (in its
 * first ISO week), and one that arrived in the period and was archived without being finished.
 */
async function seedPeriodEdges(board: TestBoard): Promise<{ from: string; to: string }> {
  const db = getTestDb();
  const today = noonUtc(Date.now());
  const weekday = (new Date(today).getUTCDay() + 6) % 7; // Monday 0
  const monday = today - weekday * DAY - 21 * DAY;
  const from = monday + 2 * DAY;
  const to = from + 13 * DAY;
  const [inbox, doing, done] = board.columns.map((column) => column.id) as [string, string, string];
  const columnOf = [inbox, doing, done];
  const addCard = async (title: string, steps: Step[], options: { archivedAt?: number; demand?: 'VALUE' | 'FAILURE' } = {}) => {
    const last = steps.filter((step) => step.type !== 'ARCHIVED').at(-1)!;
    const card = await db.card.create({
      data: {
        boardId: board.boardId,
        columnId: columnOf[last.to ?? 0]!,
        laneId: board.lanes[0]!.id,
        title,
        position: 1024,
        demand: options.demand ?? 'VALUE',
        createdAt: new Date(steps[0]!.at),
        lastMovedAt: new Date(last.at),
        archivedAt: options.archivedAt === undefined ? null : new Date(options.archivedAt),
      },
    });
    await db.cardEvent.createMany({
      data: steps.map((step, index) => ({
        boardId: board.boardId,
        cardId: card.id,
        type: step.type,
        fromColumnId: index === 0 ? null : columnOf[steps[index - 1]!.to ?? 0]!,
        toColumnId: step.to === undefined ? null : columnOf[step.to]!,
        actorId: board.member.id,
        at: new Date(step.at),
      })),
    });
  };
  await addCard('Kom in på måndagen före perioden', [
    { type: 'CREATED', to: 0, at: monday },
    { type: 'MOVED', to: 1, at: from + DAY },
    { type: 'MOVED', to: 2, at: from + 3 * DAY },
  ]);
  await addCard('Klar på tisdagen före perioden', [
    { type: 'CREATED', to: 0, at: monday - 3 * DAY },
    { type: 'MOVED', to: 1, at: monday - 2 * DAY },
    { type: 'MOVED', to: 2, at: monday + DAY },
  ]);
  await addCard('Kom in och blev klart i perioden', [
    { type: 'CREATED', to: 0, at: from + DAY },
    { type: 'MOVED', to: 1, at: from + 2 * DAY },
    { type: 'MOVED', to: 2, at: from + 5 * DAY },
  ]);
  await addCard(
    'Arkiverades utan att bli klart',
    [
      { type: 'CREATED', to: 0, at: from + 2 * DAY },
      { type: 'MOVED', to: 1, at: from + 3 * DAY },
      { type: 'ARCHIVED', at: from + 4 * DAY },
    ],
    { archivedAt: from + 4 * DAY, demand: 'FAILURE' },
  );
  await addCard('Pågår fortfarande', [
    { type: 'CREATED', to: 0, at: from + 6 * DAY },
    { type: 'MOVED', to: 1, at: from + 7 * DAY },
  ]);
  return { from: isoDay(from), to: isoDay(to) };
}

/** The first whole number a regular expression captures in the text of `locator`. */
async function readNumber(locator: Locator, pattern: RegExp): Promise<number> {
  const text = (await locator.innerText()).replace(/\s+/g, ' ');
  const match = pattern.exec(text);
  expect(match, `${pattern} in “${text}”`).not.toBeNull();
  return Number(match![1]);
}

/** Opens a chart's table and sums one of its columns. */
async function sumTableColumn(page: Page, chart: string, column: number): Promise<number> {
  await page.getByText(`Visa data som tabell: ${chart}`, { exact: true }).click();
  const table = page.getByRole('table', { name: chart, exact: true });
  await expect(table).toBeVisible();
  const cells = await table.locator('tbody tr').evaluateAll((rows, index) => rows.map((row) => row.children[index]?.textContent ?? ''), column);
  return cells.reduce((sum, cell) => sum + Number(cell), 0);
}

test.describe('the Flow page for a manager', () => {
  test('every count comes from one definition per period, and the summaries agree', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ cards: [] });
    const period = await seedPeriodEdges(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/flow?from=${period.from}&to=${period.to}`);
    const main = page.locator('main');

    // The definition is said on the page.
    await expect(main.getByText(/ett ärende har kommit in den dag det första gången hamnade på tavlan/)).toBeVisible();
    const summary = main.locator('[data-summary="came-in"]');
    const arrived = await readNumber(summary, /kom (\d+) ärenden? in/);
    const finished = await readNumber(summary, /gjorde klart (\d+) ärenden?/);
    // Arrived in the period: the one finished in it, the abandoned one and the one still in progress.
    expect(arrived).toBe(3);
    // Finished in the period: the one that arrived before it and the one that arrived in it.
    expect(finished).toBe(2);

    const cfd = main.locator('#cfd-summary');
    expect(await readNumber(cfd, /kom (\d+) ärenden? in/)).toBe(arrived);
    expect(await readNumber(cfd, /och (\d+) blev klar/)).toBe(finished);
    await expect(cfd).toContainText('1 av dem arkiverades utan att bli klart');
    expect(await readNumber(main.locator('#demand-summary'), /^(\d+) ärenden? kom in under perioden/)).toBe(arrived);
    expect(await readNumber(main.locator('#throughput-summary'), /Teamet gjorde klart (\d+) ärenden? under perioden/)).toBe(finished);
    expect(await readNumber(main.locator('#cycle-time-summary'), /gjorde teamet klart (\d+) ärenden?/)).toBe(finished);

    // The tables behind the charts add up to the same numbers.
    expect(await sumTableColumn(page, 'Efterfrågan: värdeefterfrågan och felefterfrågan', 4)).toBe(arrived);
    expect(await sumTableColumn(page, 'Genomflöde', 2)).toBe(finished);
    await expect(page.getByRole('table', { name: 'Genomflöde', exact: true }).getByRole('rowheader').first()).toContainText('(del av veckan)');
  });

  test('opens with a plain overview, a table of contents and an explanation beside each technical term', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ cards: [] });
    await seedPeriodEdges(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/flow`);
    const main = page.locator('main');

    const overview = main.getByRole('region', { name: 'Kort sammanfattning' });
    await expect(overview).toBeVisible();
    const sentences = overview.getByTestId('flow-summary').getByRole('listitem');
    const count = await sentences.count();
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThanOrEqual(6);
    // Each sentence links to the section that explains it, and that section is on the page.
    for (const sentence of await sentences.all()) {
      const href = await sentence.getByRole('link').getAttribute('href');
      expect(href).toMatch(/^#[a-z-]+$/);
      await expect(main.locator(href!)).toHaveCount(1);
    }
    await expect(main.getByRole('navigation', { name: 'Innehåll' })).toMatchAriaSnapshot(`
      - navigation "Innehåll":
        - heading "Innehåll" [level=2]
        - list:
          - listitem:
            - link "Kort sammanfattning"
          - listitem:
            - link "Vad teamet kan förvänta sig"
          - listitem:
            - link "Kumulativt flödesdiagram"
          - listitem:
            - link "Ledtid"
          - listitem:
            - link "Genomflöde"
          - listitem:
            - link "Pågående arbete över tid"
          - listitem:
            - link "Åldrande pågående arbete"
          - listitem:
            - link "Prognos"
          - listitem:
            - link "Processbeteendediagram"
          - listitem:
            - link "Efterfrågan"
          - listitem:
            - link "Ladda ner data"
    `);
    for (const href of await main.getByRole('navigation', { name: 'Innehåll' }).getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
      await expect(main.locator(`${href} h2`).first(), `${href} has a heading`).toBeVisible();
    }
    // Following a contents link moves to the section.
    await main.getByRole('navigation', { name: 'Innehåll' }).getByRole('link', { name: 'Processbeteendediagram' }).click();
    await expect(page).toHaveURL(/#xmr$/);

    // A plain explanation beside every piece of jargon, closed until asked for.
    for (const term of ['XmR', 'glidande variationsvidd', 'naturliga processgränser', 'Littles lag', 'Monte Carlo', 'WIP', 'ledtid', 'felefterfrågan']) {
      await expect(main.locator('details > summary', { hasText: `Vad betyder det? (${term})` }), term).toHaveCount(1);
    }
    const explanation = main.locator('details', { has: page.locator('summary', { hasText: '(naturliga processgränser)' }) });
    await expect(explanation.getByText(/räknas fram ur datan själv/)).toBeHidden();
    await explanation.locator('summary').click();
    await expect(explanation.getByText(/räknas fram ur datan själv/)).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test('at 320 px every chart keeps its text at 12 px or more, in a named region that scrolls sideways', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ cards: [] });
    await seedPeriodEdges(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/boards/${board.boardId}/flow`);
    const charts = page.locator('main svg[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(9);
    // Rendered size of every piece of chart text: its computed font size times the SVG's scale on the screen.
    const smallest = await charts.evaluateAll((svgs) =>
      svgs.map((svg) => {
        const element = svg as SVGSVGElement;
        const scale = element.getBoundingClientRect().width / element.viewBox.baseVal.width;
        const sizes = [...element.querySelectorAll('text')].map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale);
        return { name: element.getAttribute('aria-label'), texts: sizes.length, smallest: Math.min(...sizes) };
      }),
    );
    for (const chart of smallest) {
      expect(chart.texts, `${chart.name} has text`).toBeGreaterThan(0);
      expect(chart.smallest, `${chart.name}`).toBeGreaterThanOrEqual(12);
    }
    // The page itself does not scroll sideways (WCAG 1.4.10); each chart's box does, as a named region.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const region = page.getByRole('region', { name: 'Kumulativt flödesdiagram: ärenden per kolumn, dag för dag' });
    await expect(region).toHaveAttribute('tabindex', '0');
    await region.focus();
    await expect(region).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  });

  test('each table toggle is named after its chart, and neighbouring cumulative-flow bands differ by pattern', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({
      cards: [],
      columns: [
        { name: 'Inkommet', flowState: 'NOT_STARTED' },
        { name: 'Utreds', flowState: 'IN_PROGRESS' },
        { name: 'Väntar', flowState: 'IN_PROGRESS' },
        { name: 'Beslut', flowState: 'IN_PROGRESS' },
        { name: 'Klart', flowState: 'DONE' },
      ],
    });
    await seedPeriodEdges(board);
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/flow`);
    const main = page.locator('main');

    const toggles = await main.locator('details > summary', { hasText: 'Visa data som tabell' }).allInnerTexts();
    expect(toggles.length).toBe(await main.locator('svg[role="img"]').count());
    expect(new Set(toggles).size, toggles.join(' | ')).toBe(toggles.length);
    expect(toggles).toContain('Visa data som tabell: Kumulativt flödesdiagram');

    // Each band is filled with its own pattern; neighbours never share a geometry (not just a faint tint).
    const bands = await main.locator('#cfd svg[role="img"] [data-band]').evaluateAll((groups) =>
      groups
        .map((group) => {
          const fill = group.querySelector('path')?.getAttribute('fill') ?? '';
          const id = /^url\(#(.+)\)$/.exec(fill)?.[1] ?? null;
          const pattern = id === null ? null : document.getElementById(id);
          // The pattern's shapes without their colours: what tells it apart when colour does not.
          const geometry = pattern === null ? null : [...pattern.children].map((child) => `${child.tagName}:${['d', 'cx', 'cy', 'r', 'width', 'height'].map((name) => child.getAttribute(name)).join(',')}`).join(';');
          return { band: Number(group.getAttribute('data-band')), fill, geometry };
        })
        .sort((a, b) => a.band - b.band),
    );
    expect(bands).toHaveLength(5);
    for (const band of bands) expect(band.geometry, `band ${band.band} (${band.fill}) is a pattern`).not.toBeNull();
    for (let index = 1; index < bands.length; index += 1) {
      expect(bands[index]!.geometry, `bands ${index - 1} and ${index}`).not.toBe(bands[index - 1]!.geometry);
    }
    // The legend shows the same patterns.
    const legendFills = await main.locator('#cfd ul[aria-label="Teckenförklaring"] rect').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('fill')));
    expect(legendFills).toEqual(bands.map((band) => band.fill));
  });
});
