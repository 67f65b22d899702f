/**
 * Board search bench (#11 "Speed"): typing into "Sök på tavlan" on a 2,000-card board, in the production build, in
 * Chromium. Target: ≤ 50 ms per keystroke from the input event to the next frame after it (React's render and
 * commit, style, layout; measured in the page with the Performance API: performance.mark before the input event,
 * a measure after the first requestAnimationFrame that follows it and a macrotask, i.e. once the frame has been
 * produced).
 *
 *   npx tsx bench/board-search.bench.ts [--cards=2000] [--rounds=5] [--no-build]
 *
 * Starts its own throwaway embedded PostgreSQL (fsync off; BENCH_PG_PORT, 54352), the production server
 * (BENCH_APP_PORT, 3303) and Debian's Chromium (PLAYWRIGHT_CHROMIUM_PATH, /usr/bin/chromium). The board has 20
 * columns and cards with Swedish titles, case numbers, labels and descriptions. Each round types several queries
 * letter by letter (with å/ä/ö typed and without), then clears with Escape; every keystroke is one sample.
 * Prints p50 / p95 / max; results also in bench/out/board-search-*.{txt,json}. Only loopback traffic.
 */
import { randomUUID } from 'node:crypto';
import { chromium } from '@playwright/test';
import { startBenchDatabase } from './lib/embedded-db';
import { appEnv, prepareDatabaseAndBuild, startAppServer, type AppServer } from './lib/app-server';
import { sessionCookie } from './lib/client';
import { createRandom, describeCommand, writeResults } from './lib/report';
import { createBenchDb } from './lib/seed';
import { formatSummary, summarize } from './lib/stats';

const get = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const OPTIONS = {
  cards: Math.min(Number(get('cards') ?? 2000), 10_000),
  rounds: Math.min(Number(get('rounds') ?? 5), 50),
  build: !process.argv.includes('--no-build'),
};
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54352);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3303);
const TARGET_MS = 50;
const COLUMNS = 20;
const QUERIES = ['ärende', 'arende 12', 'orosanmalan skola', 'bistånd', 'KS-2026/1', 'hemtjanst'];

const SUBJECTS = ['Ansökan om ekonomiskt bistånd', 'Orosanmälan från skola', 'Begäran om hemtjänst', 'Ansökan om färdtjänst', 'Förhandsbedömning', 'Ärende om kontaktperson', 'Bygglov för carport', 'Klagomål på buller', 'Utredning av boendestöd', 'Fråga om beslut'];
const LABELS = ['Brådskande', 'Skola', 'Återkoppling', 'Väntar på svar', 'Överklagan', 'Nytt'];
const WORDS = ['handläggare', 'underlag', 'kompletterande', 'läkarintyg', 'hyresavtal', 'samråd', 'vårdnadshavare', 'återbesök', 'beslut', 'yttrande', 'tolk', 'möte'];

async function seedBoard(databaseUrl: string) {
  const db = createBenchDb(databaseUrl);
  const random = createRandom(20261203);
  const suffix = randomUUID().slice(0, 8);
  const user = await db.user.create({ data: { email: `search.${suffix}@bench.example`, name: 'Bench Söker' }, select: { id: true, name: true, email: true } });
  const team = await db.team.create({ data: { name: `Sökteamet ${suffix}` } });
  await db.membership.create({ data: { teamId: team.id, userId: user.id, role: 'MEMBER' } });
  const board = await db.board.create({ data: { teamId: team.id, name: `Söktavla ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
  const laneId = board.lanes[0]!.id;
  const columnIds: string[] = [];
  for (let index = 0; index < COLUMNS; index += 1) {
    const flowState = index === 0 ? 'NOT_STARTED' : index === COLUMNS - 1 ? 'DONE' : 'IN_PROGRESS';
    columnIds.push((await db.column.create({ data: { boardId: board.id, name: `Steg ${index + 1}`, position: (index + 1) * 1024, flowState }, select: { id: true } })).id);
  }
  const now = Date.now();
  const cards = Array.from({ length: OPTIONS.cards }, (_, index) => {
    const columnIndex = index % COLUMNS;
    const words = Array.from({ length: 30 }, () => random.pick(WORDS)).join(' ');
    return {
      id: `search-${suffix}-${index}`,
      boardId: board.id,
      columnId: columnIds[columnIndex]!,
      laneId,
      title: `${random.pick(SUBJECTS)} ${index + 1}`,
      description: `Ärendet gäller ${words}.\n\nSe även ${random.pick(WORDS)} och ${random.pick(WORDS)}.`,
      reference: `KS-2026/${index + 1}`,
      labels: random.next() < 0.4 ? [random.pick(LABELS)] : [],
      demand: random.next() < 0.3 ? ('FAILURE' as const) : ('VALUE' as const),
      position: (Math.floor(index / COLUMNS) + 1) * 1024,
      startedAt: columnIndex > 0 ? new Date(now - random.int(40) * 86_400_000) : null,
    };
  });
  await db.card.createMany({ data: cards });
  await db.$disconnect();
  return { boardId: board.id, user };
}

/** Types `text` into the focused search field one letter at a time, measuring each keystroke in the page. */
async function typeMeasured(page: import('@playwright/test').Page, text: string): Promise<number[]> {
  return page.evaluate(async (letters) => {
    const input = document.activeElement as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const afterNextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const samples: number[] = [];
    for (const letter of letters) {
      await afterNextFrame();
      performance.mark('keystroke-start');
      input.dispatchEvent(new KeyboardEvent('keydown', { key: letter, bubbles: true }));
      setValue.call(input, input.value + letter);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: letter, inputType: 'insertText' }));
      input.dispatchEvent(new KeyboardEvent('keyup', { key: letter, bubbles: true }));
      await afterNextFrame();
      samples.push(performance.measure('keystroke', 'keystroke-start').duration);
    }
    return samples;
  }, [...text]);
}

async function main() {
  const db = await startBenchDatabase({ port: PG_PORT, fsync: false });
  let server: AppServer | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    await prepareDatabaseAndBuild(db.url, APP_PORT, OPTIONS.build);
    const { boardId, user } = await seedBoard(db.url);
    server = await startAppServer(db.url, APP_PORT);
    const cookie = await sessionCookie(user, appEnv(db.url, APP_PORT).AUTH_SECRET as string);
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1600, height: 1000 } });
    await context.addCookies([{ name: 'next-auth.session-token', value: cookie.split('=').slice(1).join('='), domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    // tsx (esbuild, keepNames) wraps functions passed to page.evaluate in __name(): give the page a no-op one.
    await context.addInitScript('globalThis.__name = (target) => target;');
    const page = await context.newPage();
    const loadStarted = performance.now();
    await page.goto(`${server.url}/boards/${boardId}`, { timeout: 300_000, waitUntil: 'commit' });
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 300_000 });
    const loadMs = performance.now() - loadStarted;
    const cardCount = await page.locator('[data-testid="card"]').count();
    const search = page.getByRole('searchbox', { name: 'Sök på tavlan' });
    const indexLoaded = page.waitForResponse((response) => response.url().includes(`/api/boards/${boardId}/search`));
    await page.keyboard.press('/');
    await search.waitFor({ state: 'visible' });
    if (!(await search.evaluate((element) => element === document.activeElement))) throw new Error('"/" did not focus the search field');
    await indexLoaded;

    const samples: number[] = [];
    const shown: Record<string, string> = {};
    for (let round = 0; round < OPTIONS.rounds; round += 1) {
      for (const query of QUERIES) {
        samples.push(...(await typeMeasured(page, query)));
        shown[query] = (await page.getByTestId('board-search-count').textContent()) ?? '';
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => (document.querySelector('[data-testid="board-search-count"]')?.textContent ?? '') === '');
      }
    }
    const summary = summarize(samples);
    const command = describeCommand('bench/board-search.bench.ts', ['BENCH_PG_PORT', 'BENCH_APP_PORT']);
    const lines = [
      `Board search: per-keystroke re-render on a ${cardCount}-card board (production build, Chromium)`,
      `  command: ${command}`,
      `  board page load to interactive: ${loadMs.toFixed(0)} ms`,
      `  keystrokes: ${summary.n} (${OPTIONS.rounds} rounds of ${QUERIES.length} queries)`,
      `  per keystroke, input event → next frame: ${formatSummary(summary)}`,
      `  target p95 ≤ ${TARGET_MS} ms: ${summary.p95 <= TARGET_MS ? 'within target' : 'OVER TARGET'}`,
      ...Object.entries(shown).map(([query, count]) => `  "${query}": ${count}`),
    ];
    const text = `${lines.join('\n')}\n`;
    console.log(text);
    writeResults('board-search', { name: 'board-search', cards: cardCount, loadMs, keystrokes: summary, targetMs: TARGET_MS, shown, command }, text);
  } finally {
    await browser.close().catch(() => {});
    await server?.stop();
    await db.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
