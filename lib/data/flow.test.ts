/**
 * The flow data layer against a real database: how card history becomes metrics, and, above all, that every
 * metrics output is team level only. No user id, name or e-mail may appear in the Flow page data, the flow
 * overview or any CSV dataset, even though every card event in the seed names the person who made it.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { createTranslator } from 'next-intl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import enFlow from '@/lib/i18n/messages/en/flow.json';
import svFlow from '@/lib/i18n/messages/sv/flow.json';
import type { Locale } from '@/lib/i18n/config';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const DAY = 86_400_000;
// A Friday afternoon, fixed so the expected figures do not depend on when the test runs.
const NOW = new Date('2026-03-20T13:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

type Seeded = Awaited<ReturnType<typeof seedBoard>>;

async function seedBoard() {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  // Each person gets a tag of their own (not the board's suffix), so finding it in the output means finding them.
  const makeUser = (name: string) => {
    const tag = randomUUID().slice(0, 8);
    return db.user.create({
      data: { email: `${name.toLowerCase().replace(/\W+/g, '.')}.${tag}@flow.test`, name: `${name} ${tag}` },
      select: { id: true, name: true, email: true },
    });
  };
  const [member, colleague, viewer, outsider] = await Promise.all([makeUser('Flora Flödesdotter'), makeUser('Gustav Grönkvist'), makeUser('Hedda Chef'), makeUser('Ivar Utanför')]);
  const team = await db.team.create({ data: { name: `Flödesteamet ${suffix}` } });
  const otherTeam = await db.team.create({ data: { name: `Annat team ${suffix}` } });
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: member.id, role: 'MEMBER' },
      { teamId: team.id, userId: colleague.id, role: 'MEMBER' },
      { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      { teamId: otherTeam.id, userId: outsider.id, role: 'MEMBER' },
    ],
  });
  const board = await db.board.create({ data: { teamId: team.id, name: `Tavla ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
  const column = (name: string, position: number, flowState: 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE', deletedAt: Date | null = null) =>
    db.column.create({ data: { boardId: board.id, name, position, flowState, deletedAt }, select: { id: true } });
  const inbox = await column('Inkommet', 1024, 'NOT_STARTED');
  const doing = await column('Pågår', 2048, 'IN_PROGRESS');
  // Removed later: its history must map onto "Pågår", the current in-progress column to its left.
  const review = await column('Granskning', 3072, 'IN_PROGRESS', ago(2));
  const done = await column('Klart', 4096, 'DONE');

  const actors = [member.id, colleague.id];
  let actorIndex = 0;
  const nextActor = () => actors[actorIndex++ % actors.length] as string;
  type Step = { type: 'CREATED' | 'MOVED' | 'BLOCKED' | 'UNBLOCKED' | 'ARCHIVED'; to?: string; at: Date };
  const card = async (title: string, finalColumn: string, steps: Step[], options: { demand?: 'VALUE' | 'FAILURE'; archivedAt?: Date } = {}) => {
    // lastMovedAt as the app stamps it: the last create or move.
    const lastMovedAt = steps.filter((step) => step.type === 'CREATED' || step.type === 'MOVED').at(-1)?.at;
    const created = await db.card.create({
      data: { boardId: board.id, columnId: finalColumn, laneId: board.lanes[0]!.id, title, position: 1024, demand: options.demand ?? 'VALUE', archivedAt: options.archivedAt ?? null, lastMovedAt },
      select: { id: true },
    });
    await db.cardEvent.createMany({
      data: steps.map((step) => ({ boardId: board.id, cardId: created.id, type: step.type, toColumnId: step.to ?? null, actorId: nextActor(), at: step.at })),
    });
    return created.id;
  };
  const finishedCard = (title: string, createdDaysAgo: number, startedDaysAgo: number, doneDaysAgo: number) =>
    card(title, done.id, [
      { type: 'CREATED', to: inbox.id, at: ago(createdDaysAgo) },
      { type: 'MOVED', to: doing.id, at: ago(startedDaysAgo) },
      { type: 'MOVED', to: done.id, at: ago(doneDaysAgo) },
    ]);

  const ids = {
    a: await finishedCard('Ansökan A', 40, 38, 30),
    b: await card(
      'Ansökan B',
      done.id,
      [
        { type: 'CREATED', to: inbox.id, at: ago(35) },
        { type: 'MOVED', to: review.id, at: ago(33) }, // started in the (now removed) review column
        { type: 'MOVED', to: done.id, at: ago(20) },
        { type: 'ARCHIVED', at: ago(10) },
      ],
      { archivedAt: ago(10) },
    ),
    c: await card('Ansökan C', doing.id, [
      { type: 'CREATED', to: inbox.id, at: ago(20) },
      { type: 'MOVED', to: doing.id, at: ago(15) },
      { type: 'BLOCKED', at: ago(10) },
      { type: 'UNBLOCKED', at: ago(8) },
      { type: 'BLOCKED', at: ago(3) },
    ]),
    // Abandoned: archived before it was done.
    d: await card(
      'Fråga om status D',
      doing.id,
      [
        { type: 'CREATED', to: inbox.id, at: ago(25) },
        { type: 'MOVED', to: doing.id, at: ago(24) },
        { type: 'ARCHIVED', at: ago(5) },
      ],
      { demand: 'FAILURE', archivedAt: ago(5) },
    ),
    e: await card('=HYPERLINK("x") E', inbox.id, [{ type: 'CREATED', to: inbox.id, at: ago(5) }]),
    f: await finishedCard('Ansökan F', 30, 29, 25),
    g: await finishedCard('Ansökan G', 28, 20, 12),
    h: await finishedCard('Ansökan H', 18, 16, 9),
    i: await finishedCard('Ansökan I', 12, 11, 4),
  };
  return { boardId: board.id, teamId: team.id, member, colleague, viewer, outsider, ids, otherTeamId: otherTeam.id };
}

function createExportTranslate(locale: Locale) {
  const t = createTranslator({ locale, messages: locale === 'sv' ? svFlow : enFlow, namespace: 'flow.export' as never });
  return (key: string) => t(key as never);
}

describe.skipIf(!hasDatabase)('flow data (database)', () => {
  let seeded: Seeded;
  let flow: typeof import('./flow');
  let csv: typeof import('./flow-csv');
  let ranges: typeof import('./flow-range');

  beforeAll(async () => {
    [flow, csv, ranges] = await Promise.all([import('./flow'), import('./flow-csv'), import('./flow-range')]);
    seeded = await seedBoard();
  });

  afterAll(async () => {
    if (!seeded) return;
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.team.deleteMany({ where: { id: { in: [seeded.teamId, seeded.otherTeamId] } } });
    await db.user.deleteMany({ where: { id: { in: [seeded.member.id, seeded.colleague.id, seeded.viewer.id, seeded.outsider.id] } } });
  });

  async function loadDefault(userId = seeded.viewer.id) {
    const range = ranges.getDefaultFlowRange(NOW);
    return flow.getBoardFlowData(userId, seeded.boardId, { from: range.fromInstant, to: range.toInstant, now: NOW, includeItems: true });
  }

  it('turns the card history into team-level flow figures', async () => {
    const data = await loadDefault();
    // The default 12 weeks reach back before the board's first card: the period starts with its history.
    expect(data.range).toMatchObject({ from: '2026-02-08', to: '2026-03-20', isClippedToHistory: true });
    expect(data.stages.map((stage) => stage.name)).toEqual(['Inkommet', 'Pågår', 'Klart']);
    // A, B (archived but done), F, G, H, I finished; B's start in the removed review column still counts.
    expect(data.finished.map((item) => item.title).sort()).toEqual(['Ansökan A', 'Ansökan B', 'Ansökan F', 'Ansökan G', 'Ansökan H', 'Ansökan I']);
    expect(data.finished.find((item) => item.id === seeded.ids.b)?.cycleTimeDays).toBe(14);
    expect(data.serviceLevelExpectation).toEqual({ percentile: 85, days: 14, basedOn: 6 });
    // Only C is in progress: the abandoned D is out of the flow metrics, and it is blocked right now.
    expect(data.agingWip.map((item) => item.id)).toEqual([seeded.ids.c]);
    expect(data.agingWip[0]).toMatchObject({ stageName: 'Pågår', ageDays: 16, isBlockedNow: true });
    expect(data.forecast.wipNow).toBe(1);
    expect(data.items.some((item) => item.id === seeded.ids.d)).toBe(false);
    expect(data.items.find((item) => item.id === seeded.ids.c)?.blockedDays).toBeCloseTo(5, 5);
    // …but D still arrived, as failure demand.
    expect(data.demand.totals.failure).toBe(1);
    expect(data.demand.totals.total).toBe(9);
    expect(data.wip.at(-1)?.count).toBe(1);
    expect(data.cfd.at(-1)?.counts).toEqual([8, 7, 6]);
  });

  it('gives the same figures when finished cards from before the period are aggregated in SQL', async () => {
    // A, B and F were done before the week of `from` and are counted as settled; G and H finish inside.
    const from = ago(14);
    const to = ago(5);
    const data = await flow.getBoardFlowData(seeded.viewer.id, seeded.boardId, { from, to, now: NOW, includeItems: true });
    expect(data.finished.map((item) => item.title)).toEqual(['Ansökan G', 'Ansökan H']);
    expect(data.cfd.at(-1)?.counts).toEqual([8, 7, 5]);
    expect(data.cfd[0]?.counts).toEqual([6, 6, 3]);
    expect(data.wip.at(-1)?.count).toBe(2);
    expect(data.items.map((item) => item.title).sort()).toEqual(['=HYPERLINK("x") E', 'Ansökan C', 'Ansökan G', 'Ansökan H', 'Ansökan I']);
  });

  it('counts every figure of the page by one definition per period: arrivals and finished work add up everywhere', async () => {
    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    // A period from a Friday to a Sunday: H arrived on the Monday before it, in the same ISO week, and is not an
    // arrival of the period; the default period has the abandoned D, which arrived but is in no flow figure.
    for (const [from, to] of [[ago(14), ago(5)], [ranges.getDefaultFlowRange(NOW).fromInstant, ranges.getDefaultFlowRange(NOW).toInstant]] as const) {
      const data = await flow.getBoardFlowData(seeded.viewer.id, seeded.boardId, { from, to, now: NOW });
      expect(data.demand.totals.total).toBe(data.arrivedCount);
      expect(sum(data.demand.weeks.map((week) => week.total))).toBe(data.arrivedCount);
      expect(sum(data.weeklyThroughput.map((week) => week.count))).toBe(data.finished.length);
      expect(sum(data.dailyThroughput.map((day) => day.count))).toBe(data.finished.length);
      expect(data.xmr.cycleTime.points).toHaveLength(data.finished.length);
    }
    const partial = await flow.getBoardFlowData(seeded.viewer.id, seeded.boardId, { from: ago(14), to: ago(5), now: NOW });
    expect(partial).toMatchObject({ arrivedCount: 2, abandonedArrivedCount: 0 });
    expect(partial.weeklyThroughput.map((week) => [week.weekStart, week.isPartial])).toEqual([['2026-03-02', true], ['2026-03-09', false]]);
    expect(partial.demand.weeks.map((week) => [week.weekStart, week.total, week.isPartial])).toEqual([['2026-03-02', 1, true], ['2026-03-09', 1, false]]);
    // The partly covered first week is not a point of the process behaviour chart.
    expect(partial.xmr.weeklyThroughput.pointTitles).toEqual(['2026-W11']);
    const whole = await loadDefault();
    expect(whole).toMatchObject({ arrivedCount: 9, abandonedArrivedCount: 1 });
  });

  it('keeps work that started long before the period in play, with its whole history', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const board = await db.board.create({ data: { teamId: seeded.teamId, name: 'Långsam tavla', lanes: { create: { name: 'Standard', position: 1024 } } }, select: { id: true, lanes: true } });
    const [inbox, doing, done] = await Promise.all(
      (['NOT_STARTED', 'IN_PROGRESS', 'DONE'] as const).map((flowState, index) =>
        db.column.create({ data: { boardId: board.id, name: `Kolumn ${index + 1}`, position: (index + 1) * 1024, flowState }, select: { id: true } }),
      ),
    );
    const addCard = async (title: string, columnId: string, moves: [string, number][]) => {
      const card = await db.card.create({ data: { boardId: board.id, columnId, laneId: board.lanes[0]!.id, title, position: 1024, lastMovedAt: ago(moves.at(-1)?.[1] ?? 0) }, select: { id: true } });
      await db.cardEvent.createMany({
        data: moves.map(([to, daysAgo], index) => ({ boardId: board.id, cardId: card.id, type: index === 0 ? ('CREATED' as const) : ('MOVED' as const), toColumnId: to, actorId: seeded.member.id, at: ago(daysAgo) })),
      });
      return card.id;
    };
    const started = await addCard('Startad för länge sedan', doing!.id, [[inbox!.id, 120], [doing!.id, 110]]);
    await addCard('Aldrig påbörjad', inbox!.id, [[inbox!.id, 100]]);
    await addCard('Klar för länge sedan', done!.id, [[inbox!.id, 100], [doing!.id, 95], [done!.id, 90]]);
    const range = ranges.getDefaultFlowRange(NOW);
    const data = await flow.getBoardFlowData(seeded.viewer.id, board.id, { from: range.fromInstant, to: range.toInstant, now: NOW, includeItems: true });
    expect(data.agingWip.map((item) => [item.id, item.ageDays])).toEqual([[started, 111]]);
    expect(data.wip.at(-1)?.count).toBe(1);
    expect(data.cfd[0]?.counts).toEqual([3, 2, 1]);
    expect(data.items.map((item) => item.title).sort()).toEqual(['Aldrig påbörjad', 'Startad för länge sedan']);
  });

  it('gives empty figures, not errors, for a board without columns or history', async () => {
    const { getDb } = await import('@/lib/db');
    const empty = await getDb().board.create({ data: { teamId: seeded.teamId, name: 'Tom tavla' }, select: { id: true } });
    const range = ranges.getDefaultFlowRange(NOW);
    const data = await flow.getBoardFlowData(seeded.viewer.id, empty.id, { from: range.fromInstant, to: range.toInstant, now: NOW });
    expect(data).toMatchObject({ stages: [], finished: [], agingWip: [], items: [], serviceLevelExpectation: null });
    expect(data.forecast).toMatchObject({ wipNow: 0, when: null });
    for (const dataset of csv.FLOW_EXPORT_DATASETS.options) expect(csv.buildFlowCsv(data, dataset, 'en', createExportTranslate('en')).startsWith('\uFEFF')).toBe(true);
  });

  it('answers NOT_FOUND to someone who is not on the team', async () => {
    await expect(loadDefault(seeded.outsider.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('summarises each readable board on the flow overview', async () => {
    const overview = await flow.getFlowOverview(seeded.viewer.id, NOW);
    const team = overview.teams.find((entry) => entry.teamId === seeded.teamId);
    const board = team?.boards.find((entry) => entry.boardId === seeded.boardId);
    expect(board).toMatchObject({ wipNow: 1, finishedCount: 5, cycleTimeP85: 14 });
    // The last 8 complete weeks, but only from the week the board's history starts (A arrived on 8 February).
    expect(board?.weeklyThroughput.map((week) => week.weekStart)).toEqual(['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09']);
    const outsiderOverview = await flow.getFlowOverview(seeded.outsider.id, NOW);
    expect(outsiderOverview.teams.some((entry) => entry.teamId === seeded.teamId)).toBe(false);
  });

  it('writes spreadsheet-ready CSV: BOM, ";" and decimal comma in Swedish, "," in English, formulas escaped', async () => {
    const data = await loadDefault();
    const sv = csv.buildFlowCsv(data, 'items', 'sv', createExportTranslate('sv'));
    expect(sv.startsWith('\uFEFFKort-id;Rubrik;')).toBe(true);
    expect(sv).toContain(';5,0;ja;');
    expect(sv).toContain(`"'=HYPERLINK(""x"") E"`);
    const en = csv.buildFlowCsv(data, 'wip', 'en', createExportTranslate('en'));
    expect(en.startsWith('\uFEFFDate,In progress\r\n')).toBe(true);
  });

  /** Every way a person could be identified: their id, name, e-mail, and each part of their name. */
  function listPersonalStrings(): string[] {
    return [seeded.member, seeded.colleague, seeded.viewer].flatMap((user) => [user.id, user.email, user.name, ...user.name.split(' ')]);
  }

  function expectNoPersonalData(label: string, output: string) {
    const found = listPersonalStrings().filter((value) => output.includes(value));
    expect(found, `${label} contains personal data`).toEqual([]);
    expect(output, label).not.toMatch(/actor|userId|email/i);
  }

  it('is team level only: no user id, name or e-mail in the page data, the overview or any CSV dataset', async () => {
    const data = await loadDefault();
    expectNoPersonalData('Flow page data', JSON.stringify(data));
    expectNoPersonalData('flow overview', JSON.stringify(await flow.getFlowOverview(seeded.viewer.id, NOW)));
    // The same enum the export route validates against, so a new dataset cannot be left untested.
    for (const dataset of csv.FLOW_EXPORT_DATASETS.options) {
      for (const locale of ['sv', 'en'] as const) {
        expectNoPersonalData(`CSV ${dataset} (${locale})`, csv.buildFlowCsv(data, dataset, locale, createExportTranslate(locale)));
      }
    }
  });
});
