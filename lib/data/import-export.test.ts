/**
 * Import and export against a real database: a Trello export becomes a board with its history; an import is one
 * transaction that writes everything or nothing; only members import; and a board exported as Tillit JSON and
 * imported into a fresh team comes back with every field and every event.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TillitExport } from '@/lib/export/tillit-format';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const TRELLO = readFileSync(path.join(import.meta.dirname, '..', 'import', 'fixtures', 'trello-mottagning.json'), 'utf8');
const NOW = new Date('2024-11-20T12:00:00Z');
const at = (iso: string) => new Date(iso);

async function seedTeam(label: string) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const user = (name: string) => db.user.create({ data: { email: `${name.toLowerCase()}.${suffix}@import.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } });
  const [member, colleague, viewer, outsider] = await Promise.all([user('Ingrid'), user('Kalle'), user('Viveka'), user('Utomstående')]);
  const team = await db.team.create({ data: { name: `${label} ${suffix}` } });
  const other = await db.team.create({ data: { name: `Annat ${suffix}` } });
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: member.id, role: 'MEMBER' },
      { teamId: team.id, userId: colleague.id, role: 'MEMBER' },
      { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      { teamId: other.id, userId: outsider.id, role: 'MEMBER' },
    ],
  });
  return { teamId: team.id, member, colleague, viewer, outsider, suffix };
}

// Generous: these run beside other suites on a shared database and machine.
describe.skipIf(!hasDatabase)('import and export (database)', { timeout: 60_000 }, () => {
  let importer: typeof import('./import-board');
  let exporter: typeof import('./export-board');
  let cards: typeof import('./cards');
  let columns: typeof import('./columns');
  let prepare: typeof import('@/lib/import');
  let checklists: typeof import('./checklists');
  let links: typeof import('./card-links');

  beforeAll(async () => {
    [importer, exporter, cards, columns, prepare, checklists, links] = await Promise.all([
      import('./import-board'),
      import('./export-board'),
      import('./cards'),
      import('./columns'),
      import('@/lib/import'),
      import('./checklists'),
      import('./card-links'),
    ]);
  });

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().$disconnect();
  });

  it('imports the Trello export as a new board: columns, cards, labels, history with original times and names', async () => {
    const { getDb } = await import('@/lib/db');
    const team = await seedTeam('Trelloteamet');
    const plan = prepare.prepareImport(TRELLO, { now: NOW, fileName: 'trello.json' });
    const progress: number[] = [];
    const result = await importer.importBoard(team.member, team.teamId, plan, NOW, { onProgress: ({ done, total }) => progress.push(done / total) });
    expect(progress.at(-1)).toBe(1);

    const db = getDb();
    const board = await db.board.findUniqueOrThrow({
      where: { id: result.boardId },
      select: { name: true, teamId: true, columns: { orderBy: { position: 'asc' }, select: { id: true, name: true, flowState: true, deletedAt: true } } },
    });
    expect(board.teamId).toBe(team.teamId);
    expect(board.name).toBe('Mottagning – socialtjänst');
    expect(board.columns.map((column) => [column.name, column.flowState, column.deletedAt !== null])).toEqual([
      ['Inkommet', 'NOT_STARTED', false],
      ['Utreds', 'IN_PROGRESS', false],
      ['Väntar på komplettering', 'IN_PROGRESS', false],
      ['Beslut', 'IN_PROGRESS', false],
      ['Klart', 'DONE', false],
      ['Gamla ärenden (2023)', 'DONE', true],
    ]);
    expect(await db.card.count({ where: { boardId: result.boardId } })).toBe(12);
    expect(await db.cardEvent.count({ where: { boardId: result.boardId } })).toBe(plan.cardEvents.length);

    // The card dialog shows the imported history with Trello's names and times.
    const imported = await db.card.findFirstOrThrow({ where: { boardId: result.boardId, title: { startsWith: 'Ansökan ekonomiskt' } }, select: { id: true, labels: true, startedAt: true, doneAt: true } });
    expect(imported.labels).toEqual(['Ekonomiskt bistånd']);
    expect(imported.doneAt?.toISOString()).toBe('2024-09-20T13:05:10.000Z');
    const detail = await cards.getCardDetail(team.viewer.id, result.boardId, imported.id);
    expect(detail.history.map((entry) => [entry.type, entry.at, entry.actorName, entry.toColumnName])).toEqual([
      ['CREATED', '2024-09-02T08:14:22.000Z', 'Lena Ek', 'Inkommet'],
      ['MOVED', '2024-09-03T09:30:00.000Z', 'Omar Haddad', 'Utreds'],
      ['MOVED', '2024-09-16T14:45:12.000Z', 'Omar Haddad', 'Beslut'],
      ['MOVED', '2024-09-20T13:05:10.000Z', 'Sara Nilsson', 'Klart'],
    ]);
    // The board history says who imported it, from what.
    const history = await columns.getBoardHistory(team.member.id, result.boardId);
    expect(history[0]).toMatchObject({ type: 'BOARD_CREATED', actorName: team.member.name, after: { importedFrom: 'trello', cards: 12 } });
    // Imported names are text only: no event is linked to an account.
    expect(await db.cardEvent.count({ where: { boardId: result.boardId, actorId: { not: null } } })).toBe(0);
  });

  it('lets only members import: viewers are refused, people outside the team do not learn it exists', async () => {
    const team = await seedTeam('Behörighet');
    const plan = prepare.prepareImport(TRELLO, { now: NOW });
    await expect(importer.importBoard(team.viewer, team.teamId, plan, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(importer.importBoard(team.outsider, team.teamId, plan, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(importer.getTeamForImport(team.outsider.id, team.teamId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes nothing when anything in the import fails, even after most rows were written', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const team = await seedTeam('Atomär');
    const plan = prepare.prepareImport(TRELLO, { now: NOW });
    const boardsBefore = await db.board.count({ where: { teamId: team.teamId } });
    // A NUL byte cannot be stored by PostgreSQL: the last card's title makes the database refuse the batch.
    const poisoned = { ...plan, boardName: `Förgiftad ${team.suffix}`, cards: plan.cards.map((card, index) => (index === plan.cards.length - 1 ? { ...card, title: 'bad\u0000title' } : card)) };
    await expect(importer.importBoard(team.member, team.teamId, poisoned, NOW)).rejects.toThrow();
    // A broken reference in the last history entry fails after columns and cards were written.
    const dangling = { ...plan, boardName: `Trasig ${team.suffix}`, cardEvents: [...plan.cardEvents, { ...plan.cardEvents[0]!, cardRef: 'no-such-card' }] };
    await expect(importer.importBoard(team.member, team.teamId, dangling, NOW)).rejects.toThrow();
    expect(await db.board.count({ where: { teamId: team.teamId } })).toBe(boardsBefore);
    expect(await db.board.count({ where: { name: { in: [`Förgiftad ${team.suffix}`, `Trasig ${team.suffix}`] } } })).toBe(0);
  });

  it('round trip: a board exported as JSON and imported into a fresh team comes back with every field and event', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const source = await seedTeam('Källa');
    const { member, colleague } = source;
    const board = await db.board.create({ data: { teamId: source.teamId, name: `Källtavla ${source.suffix}`, createdAt: at('2026-01-05T08:00:00Z') } });
    const t = (day: number, hour = 9) => new Date(Date.UTC(2026, 0, 5 + day, hour, 0, 0));
    await db.boardEvent.create({ data: { boardId: board.id, type: 'BOARD_CREATED', actorId: member.id, at: t(0, 8), after: { name: board.name } } });
    const inbox = await columns.createColumn(member, { boardId: board.id, name: 'Inkommet', flowState: 'NOT_STARTED' }, t(0));
    const doing = await columns.createColumn(member, { boardId: board.id, name: 'Utreds', flowState: 'IN_PROGRESS' }, t(0, 10));
    const review = await columns.createColumn(colleague, { boardId: board.id, name: 'Granskning', flowState: 'IN_PROGRESS' }, t(0, 11));
    const done = await columns.createColumn(member, { boardId: board.id, name: 'Klart', flowState: 'DONE' }, t(0, 12));
    await columns.updateColumn(member, { boardId: board.id, columnId: doing.id, settings: { wipLimit: 1, wipMode: 'ADVISORY', policy: '## Utreds\nHögst **en** åt gången.' } }, t(1));
    const a = await cards.createCard(member, { boardId: board.id, columnId: inbox.id, title: 'Ärende A', description: 'Beskrivning *A*', demand: 'VALUE' }, t(2));
    const b = await cards.createCard(colleague, { boardId: board.id, columnId: inbox.id, title: 'Ärende B', description: '', demand: 'FAILURE' }, t(3));
    const c = await cards.createCard(member, { boardId: board.id, columnId: inbox.id, title: 'Ärende C', description: 'C', demand: 'UNKNOWN' }, t(4));
    await cards.moveCard(member, { boardId: board.id, cardId: a.id, toColumnId: doing.id, toIndex: 0 }, t(5));
    await cards.moveCard(colleague, { boardId: board.id, cardId: b.id, toColumnId: doing.id, toIndex: 1, confirmOverLimit: true, overLimitReason: 'Akut' }, t(6));
    const { addComment, editComment, deleteComment } = await import('./comments');
    const note = await addComment(member, { boardId: board.id, cardId: b.id, body: `Ringer **sökanden** i dag, @${colleague.name}` }, t(6, 10));
    await addComment(colleague, { boardId: board.id, cardId: b.id, body: 'Tack, jag tar intyget.' }, t(6, 11));
    await editComment(member, { boardId: board.id, cardId: b.id, commentId: note.comment!.id, body: `Ringde **sökanden**, @${colleague.name}` }, t(6, 12));
    const gone = await addComment(colleague, { boardId: board.id, cardId: c.id, body: 'Fel kort' }, t(6, 13));
    await deleteComment(colleague, { boardId: board.id, cardId: c.id, commentId: gone.comment!.id }, t(6, 14));
    await cards.setCardBlocked(member, { boardId: board.id, cardId: b.id, isBlocked: true, reason: 'Väntar på intyg' }, t(7));
    await cards.setCardBlocked(member, { boardId: board.id, cardId: b.id, isBlocked: false }, t(8));
    await cards.updateCard(colleague, { boardId: board.id, cardId: a.id, title: 'Ärende A (ändrat)', description: 'Ny text' }, t(9));
    await cards.moveCard(member, { boardId: board.id, cardId: a.id, toColumnId: review.id, toIndex: 0 }, t(10));
    await cards.moveCard(member, { boardId: board.id, cardId: a.id, toColumnId: done.id, toIndex: 0 }, t(11));
    await cards.setCardBlocked(colleague, { boardId: board.id, cardId: c.id, isBlocked: true, reason: 'Saknar underlag' }, t(12));
    // A checklist (added, checked, renamed, reordered, one removed) and a "waiting for" link within the board.
    const call = { boardId: board.id, cardId: c.id };
    const first1 = await checklists.addChecklistItem(member, { ...call, text: 'Ring sökande' }, t(12, 10));
    expect(first1.checklist).toEqual({ done: 0, total: 1 });
    await checklists.addChecklistItem(colleague, { ...call, text: 'Begär intyg' }, t(12, 11));
    await checklists.addChecklistItem(member, { ...call, text: 'Tas bort' }, t(12, 12));
    const detail = await cards.getCardDetail(member.id, board.id, c.id);
    const [ring, intyg, extra] = detail.checklistItems;
    await checklists.updateChecklistItem(member, { ...call, itemId: ring!.id, isDone: true }, t(12, 13));
    await checklists.updateChecklistItem(member, { ...call, itemId: intyg!.id, text: 'Begär läkarintyg' }, t(12, 14));
    await checklists.moveChecklistItem(member, { ...call, itemId: intyg!.id, toIndex: 0 }, t(12, 15));
    await checklists.removeChecklistItem(member, { ...call, itemId: extra!.id }, t(12, 16));
    await links.addCardLink(member, { boardId: board.id, cardId: b.id, awaitedCardId: c.id }, t(12, 17));
    await cards.archiveCard(member, { boardId: board.id, cardId: a.id }, t(13));
    await columns.deleteColumn(member, { boardId: board.id, columnId: review.id }, t(14));
    await db.card.update({ where: { id: c.id }, data: { labels: ['Brådskande', 'Ekonomiskt bistånd'] } });
    await db.standup.create({ data: { boardId: board.id, startedAt: t(15), endedAt: t(15, 10) } });
    await db.standup.create({ data: { boardId: board.id, startedAt: t(16) } });
    // Improvement experiments: one started (its board change applied, linked in the history) and adopted, one
    // proposed with a lane change prepared; ids inside their board changes must follow the new columns and lanes.
    const experiments = await import('./experiments');
    const lane = await db.lane.findFirstOrThrow({ where: { boardId: board.id } });
    const proposal = (change: string, preparedChange: object, reviewDate: string) =>
      ({ change, reason: 'Köerna växer', hypothesis: 'Ledtiden går ner', measure: 'CYCLE_TIME', expectedDirection: 'DOWN', reviewDate, preparedChange }) as Parameters<typeof experiments.proposeExperiment>[2];
    const adopted = await experiments.proposeExperiment(member, board.id, proposal('Lägre gräns i Utreds', { kind: 'column.wip', columnId: doing.id, wipLimit: 2, wipMode: 'STRICT' }, '2026-01-25'), t(16, 11));
    await experiments.actOnExperiment(member, board.id, adopted.id, { action: 'start' }, t(16, 12));
    await experiments.actOnExperiment(member, board.id, adopted.id, { action: 'review', outcome: 'ADOPT', reflection: 'Det fungerade', revertChange: false }, t(20));
    await experiments.proposeExperiment(colleague, board.id, proposal('Policy för simbanan', { kind: 'lane.policy', laneId: lane.id, policy: 'Ny policy' }, '2026-02-20'), t(17));
    const first = await exporter.getBoardExport(member.id, board.id, at('2026-02-01T00:00:00Z'));
    expect(first.experiments).toHaveLength(2);
    expect(first.experiments?.[0]).toMatchObject({ status: 'ENDED', outcome: 'ADOPT', reflection: 'Det fungerade', appliedChange: { kind: 'column.wip', columnId: doing.id } });
    expect(first.boardEvents.filter((event) => event.experimentId === adopted.id).map((event) => event.type)).toEqual(['EXPERIMENT_PROPOSED', 'COLUMN_WIP_CHANGED', 'EXPERIMENT_STARTED', 'EXPERIMENT_ENDED']);
    expect(first.columns).toHaveLength(4);
    expect(first.cards).toHaveLength(3);
    const exportedC = first.cards.find((card) => card.id === c.id);
    expect(exportedC?.checklist?.map((item) => [item.text, item.isDone])).toEqual([
      ['Begär läkarintyg', false],
      ['Ring sökande', true],
    ]);
    expect(first.cardEvents.filter((event) => event.type === 'CHECKLIST')).toHaveLength(7);
    expect(first.cardEvents.filter((event) => event.type === 'LINK')).toHaveLength(2);
    expect(first.cardEvents.length).toBeGreaterThanOrEqual(10);
    expect(first.boardEvents.some((event) => event.type === 'WIP_LIMIT_EXCEEDED')).toBe(true);
    expect(first.comments.map((comment) => [comment.body, comment.authorName, comment.editedAt !== null])).toEqual([
      [`Ringde **sökanden**, @${colleague.name}`, member.name, true],
      ['Tack, jag tar intyget.', colleague.name, false],
    ]);
    expect(first.cardEvents.filter((event) => event.type.startsWith('COMMENT')).map((event) => event.type)).toEqual(['COMMENTED', 'COMMENTED', 'COMMENT_EDITED', 'COMMENTED', 'COMMENT_DELETED']);

    await expectRoundTrip(first);
  });

  it('round trip of an imported Trello board: names kept as text, labels, removed columns, archived cards', async () => {
    const team = await seedTeam('Trelloresa');
    const { boardId } = await importer.importBoard(team.member, team.teamId, prepare.prepareImport(TRELLO, { now: NOW }), NOW);
    const first = await exporter.getBoardExport(team.member.id, boardId, NOW);
    expect(first.cardEvents.filter((event) => event.actorName === 'Omar Haddad').length).toBeGreaterThan(3);
    expect(first.columns.some((column) => column.deletedAt !== null)).toBe(true);
    await expectRoundTrip(first);
  });

  /** Imports `first` into a fresh team (nobody from the source exists there), exports it and compares. */
  async function expectRoundTrip(first: TillitExport) {
    const target = await seedTeam('Mål');
    const plan = prepare.prepareImport(JSON.stringify(first), { now: at('2026-02-02T00:00:00Z'), fileName: 'export.json' });
    expect(plan.preview.canChangeFlowStates).toBe(false);
    const imported = await importer.importBoard(target.member, target.teamId, plan, at('2026-02-02T00:00:00Z'));
    const second = await exporter.getBoardExport(target.member.id, imported.boardId, at('2026-02-01T00:00:00Z'));

    // The import adds one entry of its own: who imported the board, when.
    expect(second.boardEvents.at(-1)).toMatchObject({ type: 'BOARD_CREATED', actorName: target.member.name, after: { importedFrom: 'tillit' } });
    expect(normalise({ ...second, boardEvents: second.boardEvents.slice(0, -1) })).toEqual(normalise(first));

    // A second trip changes nothing either (its two import entries aside).
    const third = await importer.importBoard(target.member, target.teamId, prepare.prepareImport(JSON.stringify(second), { now: at('2026-02-03T00:00:00Z') }), at('2026-02-03T00:00:00Z'));
    const thirdExport = await exporter.getBoardExport(target.member.id, third.boardId, at('2026-02-01T00:00:00Z'));
    expect(normalise({ ...thirdExport, boardEvents: thirdExport.boardEvents.slice(0, -2) })).toEqual(normalise(first));
  }

  it('exports CSV to members and viewers, and the full JSON (which names people) to members only', async () => {
    const team = await seedTeam('Export');
    const plan = prepare.prepareImport(TRELLO, { now: NOW });
    const { boardId } = await importer.importBoard(team.member, team.teamId, plan, NOW);
    const rows = await exporter.getCardsForCsv(team.viewer.id, boardId);
    expect(rows).toHaveLength(12);
    expect(rows.at(-1)?.archivedAt).not.toBeNull();
    const history = await exporter.getHistoryForCsv(team.viewer.id, boardId);
    expect(history.length).toBe(plan.cardEvents.length);
    expect(JSON.stringify(history)).not.toContain('Lena Ek');
    await expect(exporter.getBoardExport(team.viewer.id, boardId, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exporter.getCardsForCsv(team.outsider.id, boardId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** The export with every id replaced by a stable reference (columns by position, cards by creation), so two
 * boards can be compared field by field and event by event. */
function normalise(document: TillitExport) {
  const refs = new Map<string, string>();
  document.columns.forEach((column, index) => refs.set(column.id, `column-${index}`));
  (document.lanes ?? []).forEach((lane, index) => refs.set(lane.id, `lane-${index}`));
  (document.experiments ?? []).forEach((experiment, index) => refs.set(experiment.id, `experiment-${index}`));
  [...document.cards]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title))
    .forEach((card, index) => refs.set(card.id, `card-${index}`));
  const ref = (id: string | null | undefined) => (id === null || id === undefined ? null : (refs.get(id) ?? `unknown:${id}`));
  document.comments.forEach((comment, index) => refs.set(comment.id, `comment-${index}`));
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return refs.get(value) ?? value;
    if (Array.isArray(value)) return value.map(deep);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deep(item)]));
    return value;
  };
  return {
    format: document.format,
    version: document.version,
    board: { name: document.board.name, createdAt: document.board.createdAt },
    columns: document.columns.map((column) => ({ ...column, id: ref(column.id) })),
    cards: document.cards.map((card) => ({ ...card, id: ref(card.id), columnId: ref(card.columnId), laneId: ref(card.laneId) })).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    cardEvents: document.cardEvents.map((event) => ({
      ...event,
      cardId: ref(event.cardId),
      fromColumnId: ref(event.fromColumnId),
      toColumnId: ref(event.toColumnId),
      fromLaneId: ref(event.fromLaneId),
      toLaneId: ref(event.toLaneId),
      data: deep(event.data),
    })),
    boardEvents: document.boardEvents.map((event) => ({
      ...event,
      columnId: ref(event.columnId),
      laneId: ref(event.laneId),
      experimentId: ref(event.experimentId),
      before: deep(event.before),
      after: deep(event.after),
    })),
    standups: document.standups,
    lanes: (document.lanes ?? []).map((lane) => ({ ...lane, id: ref(lane.id) })),
    experiments: (document.experiments ?? []).map((experiment) => ({
      ...experiment,
      id: ref(experiment.id),
      preparedChange: deep(experiment.preparedChange),
      appliedChange: deep(experiment.appliedChange),
    })),
    comments: document.comments.map((comment) => ({ ...comment, id: ref(comment.id), cardId: ref(comment.cardId) })),
  };
}
