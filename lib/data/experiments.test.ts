/**
 * Improvement experiments in the data layer (issue 13): proposing, starting (the prepared board change applied in
 * the same transaction, its history rows linked to the experiment), reviewing (abandon reverts the change), the
 * study against a real card history, the Flow page's markers and the overview's counts; and refusals — viewers,
 * outsiders, wrong states, early reviews, stale changes — with nothing changed.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentActionSchema, proposeExperimentSchema } from '@/lib/experiments/model';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const DAY = 86_400_000;
// Wednesday 10 June 2026, 10:00 in Stockholm.
const NOW = new Date('2026-06-10T08:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const day = (date: Date) => date.toISOString().slice(0, 10);

type Actor = { id: string; name: string };
const created: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

async function seed() {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const user = (name: string) => db.user.create({ data: { email: `${name.toLowerCase()}.${suffix}@experiments.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } });
  const [member, viewer, outsider] = await Promise.all([user('Medlem'), user('Läsare'), user('Utomstående')]);
  const team = await db.team.create({ data: { name: `Försöksteamet ${suffix}` } });
  const otherTeam = await db.team.create({ data: { name: `Annat ${suffix}` } });
  created.teamIds.push(team.id, otherTeam.id);
  created.userIds.push(member.id, viewer.id, outsider.id);
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: member.id, role: 'MEMBER' },
      { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      { teamId: otherTeam.id, userId: outsider.id, role: 'MEMBER' },
    ],
  });
  const board = await db.board.create({
    data: { teamId: team.id, name: `Tavla ${suffix}`, createdAt: ago(200), lanes: { create: { name: 'Standard', position: 1024 } } },
    include: { lanes: true },
  });
  const specs = [
    ['Inkommet', 'NOT_STARTED', null],
    ['Utreds', 'IN_PROGRESS', 6],
    ['Beslut', 'IN_PROGRESS', null],
    ['Klart', 'DONE', null],
  ] as const;
  const columns: { id: string; name: string }[] = [];
  for (const [index, [name, flowState, wipLimit]] of specs.entries()) {
    columns.push(await db.column.create({ data: { boardId: board.id, name, flowState, wipLimit, position: (index + 1) * 1024, createdAt: ago(200) }, select: { id: true, name: true } }));
  }
  const laneId = board.lanes[0]!.id;
  /** A finished card: created, started `cycleDays` calendar days before it was done. */
  const finishedCard = async (title: string, doneAt: Date, cycleDays: number) => {
    const started = new Date(doneAt.getTime() - (cycleDays - 1) * DAY);
    const createdAt = new Date(started.getTime() - DAY);
    const card = await db.card.create({
      data: { boardId: board.id, columnId: columns[3]!.id, laneId, title, position: 1024, createdAt, lastMovedAt: doneAt, startedAt: started, doneAt },
      select: { id: true },
    });
    await db.cardEvent.createMany({
      data: [
        { boardId: board.id, cardId: card.id, type: 'CREATED', toColumnId: columns[0]!.id, toLaneId: laneId, at: createdAt },
        { boardId: board.id, cardId: card.id, type: 'MOVED', fromColumnId: columns[0]!.id, toColumnId: columns[1]!.id, toLaneId: laneId, at: started },
        { boardId: board.id, cardId: card.id, type: 'MOVED', fromColumnId: columns[1]!.id, toColumnId: columns[3]!.id, toLaneId: laneId, at: doneAt },
      ],
    });
  };
  return { boardId: board.id, teamId: team.id, laneId, columns, member: member as Actor, viewer: viewer as Actor, outsider: outsider as Actor, finishedCard };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    const issues = (error as { issues?: { message: string }[] }).issues;
    if (Array.isArray(issues)) return `VALIDATION:${issues[0]?.message}`;
    return (error as { code?: string }).code ?? String(error);
  }
}

/** Everything an experiment action could change: the board's columns, lanes, history and experiments. */
async function boardState(boardId: string) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const [columns, lanes, cards, boardEvents, experiments] = await Promise.all([
    db.column.findMany({ where: { boardId }, orderBy: { id: 'asc' } }),
    db.lane.findMany({ where: { boardId }, orderBy: { id: 'asc' } }),
    db.card.findMany({ where: { boardId }, orderBy: { id: 'asc' } }),
    db.boardEvent.count({ where: { boardId } }),
    db.experiment.findMany({ where: { boardId }, orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ columns, lanes, cards, boardEvents, experiments });
}

function proposal(overrides: Record<string, unknown> = {}) {
  return proposeExperimentSchema.parse({
    change: 'Vi sänker gränsen i Utreds till 4',
    reason: 'Ärenden blir liggande i Utreds',
    hypothesis: 'Om vi sänker gränsen till 4 väntar ärendena mindre: ledtiden går ner.',
    measure: 'CYCLE_TIME',
    expectedDirection: 'DOWN',
    reviewDate: day(new Date(NOW.getTime() + 28 * DAY)),
    ...overrides,
  });
}

describe.skipIf(!hasDatabase)('experiments (database)', { timeout: 60_000 }, () => {
  let seeded: Seeded;
  let data: typeof import('./experiments');
  let study: typeof import('./experiment-study');

  beforeAll(async () => {
    [data, study] = await Promise.all([import('./experiments'), import('./experiment-study')]);
    seeded = await seed();
  });

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.team.deleteMany({ where: { id: { in: created.teamIds } } });
    await db.user.deleteMany({ where: { id: { in: created.userIds } } });
  });

  const act = (actor: Actor, experimentId: string, action: Record<string, unknown>, now = NOW, boardId = seeded.boardId) =>
    data.actOnExperiment(actor, boardId, experimentId, experimentActionSchema.parse(action), now);

  it('starts an experiment that lowers a WIP limit: the limit changes with the start, and the history links both', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const utreds = seeded.columns[1]!.id;
    const { id } = await data.proposeExperiment(seeded.member, seeded.boardId, proposal({ preparedChange: { kind: 'column.wip', columnId: utreds, wipLimit: 4, wipMode: 'STRICT' } }), NOW);
    // Proposing changes nothing on the board.
    expect((await db.column.findUniqueOrThrow({ where: { id: utreds } })).wipLimit).toBe(6);

    await act(seeded.member, id, { action: 'start' });
    const column = await db.column.findUniqueOrThrow({ where: { id: utreds } });
    expect([column.wipLimit, column.wipMode]).toEqual([4, 'STRICT']);
    const experiment = await db.experiment.findUniqueOrThrow({ where: { id } });
    expect(experiment).toMatchObject({ status: 'RUNNING', startedAt: NOW, appliedChange: { kind: 'column.wip', columnId: utreds, before: { wipLimit: 6, wipMode: 'ADVISORY' } } });
    const linked = await db.boardEvent.findMany({ where: { experimentId: id }, orderBy: { id: 'asc' }, select: { type: true, before: true, after: true } });
    expect(linked.map((event) => event.type)).toEqual(['EXPERIMENT_PROPOSED', 'COLUMN_WIP_CHANGED', 'EXPERIMENT_STARTED']);
    expect(linked[1]).toMatchObject({ before: { wipLimit: 6, wipMode: 'ADVISORY' }, after: { wipLimit: 4, wipMode: 'STRICT' } });

    // The board history names the experiment on the change it made.
    const { getBoardHistory } = await import('./columns');
    const history = await getBoardHistory(seeded.viewer.id, seeded.boardId);
    expect(history.find((entry) => entry.type === 'COLUMN_WIP_CHANGED')?.experiment).toEqual({ id, change: 'Vi sänker gränsen i Utreds till 4' });

    // Starting twice is refused, and changes nothing.
    const before = await boardState(seeded.boardId);
    expect(await codeOf(act(seeded.member, id, { action: 'start' }))).toBe('EXPERIMENT_STATE');
    expect(await boardState(seeded.boardId)).toBe(before);

    // Reviewing before the review date is refused; on it, abandoning reverts the limit in the same transaction.
    expect(await codeOf(act(seeded.member, id, { action: 'review', outcome: 'ABANDON', reflection: 'Tidigt', revertChange: true }))).toBe('EXPERIMENT_NOT_DUE');
    expect(await boardState(seeded.boardId)).toBe(before);
    const detail = await data.getExperimentDetail(seeded.member.id, seeded.boardId, id, NOW);
    expect(detail.revertPreview).toEqual({ kind: 'update-column', columnId: utreds, settings: { wipLimit: 6, wipMode: 'ADVISORY' } });
    const reviewDay = new Date(NOW.getTime() + 28 * DAY);
    await act(seeded.member, id, { action: 'review', outcome: 'ABANDON', reflection: 'Köerna flyttade bara till Inkommet.', revertChange: true }, reviewDay);
    const reverted = await db.column.findUniqueOrThrow({ where: { id: utreds } });
    expect([reverted.wipLimit, reverted.wipMode]).toEqual([6, 'ADVISORY']);
    expect(await db.experiment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'ENDED', outcome: 'ABANDON', endedAt: reviewDay, revertedAt: reviewDay });
    const after = await db.boardEvent.findMany({ where: { experimentId: id }, orderBy: { id: 'asc' }, select: { type: true, after: true } });
    expect(after.map((event) => event.type)).toEqual(['EXPERIMENT_PROPOSED', 'COLUMN_WIP_CHANGED', 'EXPERIMENT_STARTED', 'COLUMN_WIP_CHANGED', 'EXPERIMENT_ENDED']);
    expect(after.at(-1)?.after).toMatchObject({ outcome: 'ABANDON', reverted: true });
    expect(await codeOf(act(seeded.member, id, { action: 'review', outcome: 'ADOPT', reflection: 'Igen' }, reviewDay))).toBe('EXPERIMENT_STATE');
  });

  it('adds a column when it starts and removes it again when abandoned; a removed column comes back', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const add = await data.proposeExperiment(seeded.member, seeded.boardId, proposal({ change: 'En granskningskolumn', preparedChange: { kind: 'column.add', name: 'Granskning', flowState: 'IN_PROGRESS', toIndex: 2 } }), NOW);
    await act(seeded.member, add.id, { action: 'start' });
    const current = await db.column.findMany({ where: { boardId: seeded.boardId, deletedAt: null }, orderBy: { position: 'asc' }, select: { name: true } });
    expect(current.map((column) => column.name)).toEqual(['Inkommet', 'Utreds', 'Granskning', 'Beslut', 'Klart']);
    await act(seeded.member, add.id, { action: 'review', outcome: 'ABANDON', reflection: 'Ingen skillnad', revertChange: true }, new Date(NOW.getTime() + 28 * DAY));
    expect((await db.column.findMany({ where: { boardId: seeded.boardId, deletedAt: null }, orderBy: { position: 'asc' } })).map((column) => column.name)).toEqual(['Inkommet', 'Utreds', 'Beslut', 'Klart']);

    const remove = await data.proposeExperiment(
      seeded.member,
      seeded.boardId,
      proposal({ change: 'Utan beslutskolumn', preparedChange: { kind: 'column.remove', columnId: seeded.columns[2]!.id, moveCardsToColumnId: seeded.columns[1]!.id } }),
      NOW,
    );
    await act(seeded.member, remove.id, { action: 'start' });
    expect((await db.column.findUniqueOrThrow({ where: { id: seeded.columns[2]!.id } })).deletedAt).not.toBeNull();
    // Adopting keeps the change; nothing is reverted even if asked.
    await act(seeded.member, remove.id, { action: 'review', outcome: 'ADOPT', reflection: 'Bättre så', revertChange: true }, new Date(NOW.getTime() + 28 * DAY));
    expect((await db.column.findUniqueOrThrow({ where: { id: seeded.columns[2]!.id } })).deletedAt).not.toBeNull();
    // Bring the column back for the other tests, the way a revert would.
    const { revertAppliedChange } = await import('./experiment-board-changes');
    await db.$transaction((tx) => revertAppliedChange(tx, seeded.member, seeded.boardId, { kind: 'column.remove', columnId: seeded.columns[2]!.id }, NOW, remove.id));
    expect((await db.column.findUniqueOrThrow({ where: { id: seeded.columns[2]!.id } })).deletedAt).toBeNull();
  });

  it('refuses viewers, outsiders, bad dates and stale changes, changing nothing', async () => {
    const before = await boardState(seeded.boardId);
    expect(await codeOf(data.proposeExperiment(seeded.viewer, seeded.boardId, proposal(), NOW))).toBe('FORBIDDEN');
    expect(await codeOf(data.proposeExperiment(seeded.outsider, seeded.boardId, proposal(), NOW))).toBe('NOT_FOUND');
    expect(await codeOf(data.proposeExperiment(seeded.member, seeded.boardId, proposal({ reviewDate: day(ago(1)) }), NOW))).toBe('VALIDATION:reviewDatePast');
    expect(await codeOf(data.proposeExperiment(seeded.member, seeded.boardId, proposal({ reviewDate: day(new Date(NOW.getTime() + 400 * DAY)) }), NOW))).toBe('VALIDATION:reviewDateTooFar');
    expect(await codeOf(data.proposeExperiment(seeded.member, seeded.boardId, proposal({ preparedChange: { kind: 'column.wip', columnId: 'nosuchcolumn', wipLimit: 3, wipMode: 'STRICT' } }), NOW))).toBe(
      'EXPERIMENT_CHANGE_STALE',
    );
    expect(await boardState(seeded.boardId)).toBe(before);
    // No numeric goal can be given: the schema has no such field.
    expect(proposeExperimentSchema.safeParse({ ...proposal(), target: 3 }).success).toBe(false);

    const { id } = await data.proposeExperiment(seeded.member, seeded.boardId, proposal({ change: 'Ska bli inaktuellt', preparedChange: { kind: 'lane.policy', laneId: seeded.laneId, policy: 'Ny' } }), NOW);
    const proposed = await boardState(seeded.boardId);
    expect(await codeOf(act(seeded.viewer, id, { action: 'start' }))).toBe('FORBIDDEN');
    expect(await codeOf(act(seeded.outsider, id, { action: 'start' }))).toBe('NOT_FOUND');
    expect(await codeOf(act(seeded.member, 'nosuchexperiment', { action: 'start' }))).toBe('NOT_FOUND');
    expect(await codeOf(act(seeded.member, id, { action: 'review', outcome: 'ADOPT', reflection: 'x' }))).toBe('EXPERIMENT_STATE');
    expect(await boardState(seeded.boardId)).toBe(proposed);
    // The board changes under the proposal: its prepared change no longer fits, so the start changes nothing.
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.experiment.update({ where: { id }, data: { preparedChange: { kind: 'lane.policy', laneId: 'removedlane', policy: 'Ny' } } });
    const stale = await boardState(seeded.boardId);
    expect(await codeOf(act(seeded.member, id, { action: 'start' }))).toBe('EXPERIMENT_CHANGE_STALE');
    expect(await boardState(seeded.boardId)).toBe(stale);
    // A proposal can be edited, and withdrawn; a running experiment only gets a new review date.
    await act(seeded.member, id, { action: 'edit', preparedChange: null, hypothesis: 'Ny hypotes' });
    expect(await db.experiment.findUniqueOrThrow({ where: { id } })).toMatchObject({ preparedChange: null, hypothesis: 'Ny hypotes' });
    await act(seeded.member, id, { action: 'start', reviewDate: day(new Date(NOW.getTime() + 7 * DAY)) });
    expect(await codeOf(act(seeded.member, id, { action: 'edit', hypothesis: 'Ändrad mitt i' }))).toBe('EXPERIMENT_STATE');
    await act(seeded.member, id, { action: 'edit', reviewDate: day(NOW) });
    expect(await data.listExperimentsDueForReview(seeded.viewer.id, seeded.boardId, NOW)).toEqual([{ id, change: 'Ska bli inaktuellt', reviewDate: day(NOW) }]);
    await act(seeded.member, id, { action: 'review', outcome: 'ADAPT', reflection: 'Vi provar en annan policy' });

    const withdrawn = await data.proposeExperiment(seeded.member, seeded.boardId, proposal({ change: 'Dras tillbaka' }), NOW);
    await act(seeded.member, withdrawn.id, { action: 'withdraw' });
    expect(await db.experiment.findUnique({ where: { id: withdrawn.id } })).toBeNull();
  });

  it('studies a fresh board as too little data, and a board whose cycle time drops as a signal', async () => {
    const fresh = await data.proposeExperiment(seeded.member, seeded.boardId, proposal({ change: 'På en tom tavla' }), NOW);
    await act(seeded.member, fresh.id, { action: 'start' });
    const empty = await study.getExperimentStudy(seeded.viewer.id, seeded.boardId, fresh.id, NOW);
    expect(empty?.detection.verdict).toBe('too-little-data');

    // Ten items before the start took 9–14 days; eight after it took 3–5.
    const start = ago(40);
    const beforeDays = [12, 9, 14, 11, 10, 13, 12, 9, 14, 11];
    for (const [index, days] of beforeDays.entries()) await seeded.finishedCard(`Före ${index}`, new Date(start.getTime() - (75 - index * 7) * DAY), days);
    const afterDays = [4, 3, 5, 4, 3, 4, 5, 3];
    for (const [index, days] of afterDays.entries()) await seeded.finishedCard(`Efter ${index}`, new Date(start.getTime() + (6 + index * 4) * DAY), days);
    const shorter = await data.proposeExperiment(seeded.member, seeded.boardId, proposal({ change: 'Kortare köer' }), ago(41));
    await act(seeded.member, shorter.id, { action: 'start' }, start);
    const result = await study.getExperimentStudy(seeded.viewer.id, seeded.boardId, shorter.id, NOW);
    expect(result?.detection.verdict).toBe('signal');
    expect(result?.detection.baseline?.count).toBe(10);
    expect(result?.detection.after.count).toBe(8);
    expect(result?.isExpectedDirection).toBe(true);
    expect(result?.points.filter((point) => point.phase === 'after').map((point) => point.title)).toEqual(afterDays.map((_, index) => `Efter ${index}`));

    // The Flow page's markers: each start (and end) in the period, numbered by start.
    const markers = await study.listExperimentMarkers(seeded.boardId, day(ago(84)), day(NOW));
    expect(markers.find((marker) => marker.experimentId === shorter.id)).toMatchObject({ kind: 'start', date: day(start) });
    expect(markers.filter((marker) => marker.experimentId === fresh.id).map((marker) => marker.kind)).toEqual(['start']);

    // The overview counts per team: running now and reviewed in the period, nothing about outcomes.
    const counts = await study.countExperimentsByTeam(seeded.viewer.id, ago(30), new Date(NOW.getTime() + 60 * DAY));
    expect(counts.get(seeded.teamId)).toEqual({ running: 2, reviewed: 4 });
    expect((await study.countExperimentsByTeam(seeded.outsider.id, ago(30), NOW)).has(seeded.teamId)).toBe(false);
    await expect(study.getExperimentStudy(seeded.outsider.id, seeded.boardId, shorter.id, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
