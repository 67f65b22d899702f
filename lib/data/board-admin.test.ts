/**
 * The team's own boards against a real database: create (blank, template, copy), rename, archive, restore; who may;
 * the history rows; and that an archived board refuses every write through the shared authorization.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const NOW = new Date('2026-12-01T09:00:00Z');

async function load() {
  const { getDb } = await import('@/lib/db');
  return {
    db: getDb(),
    ...(await import('./board-admin')),
    cards: await import('./cards'),
    columns: await import('./columns'),
    lanes: await import('./lanes'),
    standups: await import('./standups'),
    boards: await import('./boards'),
  };
}

async function seed() {
  const { db } = await load();
  const suffix = randomUUID().slice(0, 8);
  const user = (name: string) => db.user.create({ data: { email: `${name}.${suffix}@boards.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } });
  const [member, viewer, outsider] = await Promise.all([user('member'), user('viewer'), user('outsider')]);
  const team = await db.team.create({ data: { name: `Team ${suffix}` } });
  const other = await db.team.create({ data: { name: `Other ${suffix}` } });
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: member.id, role: 'MEMBER' },
      { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      { teamId: other.id, userId: outsider.id, role: 'MEMBER' },
    ],
  });
  const otherBoard = await db.board.create({
    data: { teamId: other.id, name: 'Annan', columns: { create: [{ name: 'Hemlig', position: 1024 }] }, lanes: { create: [{ name: 'Standard', position: 1024 }] } },
  });
  return { teamId: team.id, otherTeamId: other.id, otherBoardId: otherBoard.id, member, viewer, outsider };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).name;
  }
}

async function structureOf(boardId: string) {
  const { db } = await load();
  return db.board.findUniqueOrThrow({
    where: { id: boardId },
    select: {
      name: true,
      archivedAt: true,
      columns: { orderBy: { position: 'asc' }, select: { name: true, flowState: true, wipLimit: true, wipMode: true, policy: true, deletedAt: true } },
      lanes: { orderBy: { position: 'asc' }, select: { name: true, classOfService: true, wipLimit: true, wipMode: true, policy: true } },
      _count: { select: { cards: true } },
    },
  });
}

describe.runIf(hasDatabase)('the team\'s own boards', { timeout: 60_000 }, () => {
  it('creates blank, template and copied boards, each with a standard lane and its history rows', async () => {
    const { db, createBoard, columns, cards } = await load();
    const team = await seed();
    const blank = await createBoard(team.member, { teamId: team.teamId, name: ' Mottagning ', source: { kind: 'blank' }, locale: 'sv' }, NOW);
    const blankBoard = await structureOf(blank.boardId);
    expect(blankBoard.name).toBe('Mottagning');
    expect(blankBoard.columns.map((column) => [column.name, column.flowState])).toEqual([
      ['Inkommet', 'NOT_STARTED'],
      ['Pågår', 'IN_PROGRESS'],
      ['Klart', 'DONE'],
    ]);
    expect(blankBoard.lanes.map((lane) => lane.classOfService)).toEqual(['STANDARD']);

    const fromTemplate = await createBoard(team.member, { teamId: team.teamId, name: 'Intake', source: { kind: 'template', templateId: 'social-services-intake' }, locale: 'en' }, NOW);
    const templated = await structureOf(fromTemplate.boardId);
    expect(templated.columns.map((column) => column.name)).toEqual(['Incoming', 'Initial assessment', 'Investigation', 'Decision', 'Closed']);
    expect(templated.columns[2]).toMatchObject({ wipLimit: 8, flowState: 'IN_PROGRESS' });
    expect(templated.lanes.map((lane) => [lane.name, lane.classOfService])).toEqual([
      ['Urgent', 'EXPEDITE'],
      ['Standard', 'STANDARD'],
    ]);

    // The copy: the source's current structure with every setting, after the team changed it; never its cards.
    const source = await db.board.findUniqueOrThrow({ where: { id: fromTemplate.boardId }, select: { columns: { orderBy: { position: 'asc' }, select: { id: true } } } });
    const [first, second, third] = source.columns;
    await columns.updateColumn(team.member, { boardId: fromTemplate.boardId, columnId: second!.id, settings: { wipLimit: 2, wipMode: 'STRICT', policy: 'Två åt gången' } }, NOW);
    await columns.deleteColumn(team.member, { boardId: fromTemplate.boardId, columnId: third!.id }, NOW);
    await cards.createCard(team.member, { boardId: fromTemplate.boardId, columnId: first!.id, title: 'Ett ärende', description: '', demand: 'VALUE' }, NOW);
    const copied = await createBoard(team.member, { teamId: team.teamId, name: 'Kopia', source: { kind: 'copy', boardId: fromTemplate.boardId }, locale: 'sv' }, NOW);
    const copy = await structureOf(copied.boardId);
    const original = await structureOf(fromTemplate.boardId);
    expect(copy.columns).toEqual(original.columns.filter((column) => column.deletedAt === null));
    expect(copy.columns[1]).toMatchObject({ name: 'Initial assessment', wipLimit: 2, wipMode: 'STRICT', policy: 'Två åt gången' });
    expect(copy.lanes).toEqual(original.lanes);
    expect(copy._count.cards).toBe(0);
    expect(original._count.cards).toBe(1);

    const teamHistory = await db.teamEvent.findMany({ where: { teamId: team.teamId }, orderBy: { id: 'asc' } });
    expect(teamHistory.map((event) => [event.type, event.actorId, (event.after as { name: string }).name])).toEqual([
      ['BOARD_CREATED', team.member.id, 'Mottagning'],
      ['BOARD_CREATED', team.member.id, 'Intake'],
      ['BOARD_CREATED', team.member.id, 'Kopia'],
    ]);
    expect((teamHistory[1]!.after as { source: unknown }).source).toEqual({ kind: 'template', templateId: 'social-services-intake' });
    expect((teamHistory[2]!.after as { source: unknown }).source).toEqual({ kind: 'copy', boardId: fromTemplate.boardId, boardName: 'Intake' });
    expect(await db.boardEvent.count({ where: { boardId: copied.boardId, type: 'BOARD_CREATED', actorId: team.member.id } })).toBe(1);
    // One live event per change, in the new board's own log.
    expect(await db.outboxEvent.count({ where: { boardId: copied.boardId } })).toBe(1);
  });

  it('refuses viewers and outsiders, unknown templates, bad names and another team\'s board to copy, changing nothing', async () => {
    const { db, createBoard } = await load();
    const team = await seed();
    const create = (actor: { id: string; name: string }, name: unknown, source: unknown, teamId = team.teamId) => codeOf(createBoard(actor, { teamId, name, source, locale: 'sv' }, NOW));
    expect(await create(team.viewer, 'Tavla', { kind: 'blank' })).toBe('FORBIDDEN');
    expect(await create(team.outsider, 'Tavla', { kind: 'blank' })).toBe('NOT_FOUND');
    expect(await create(team.member, 'Tavla', { kind: 'blank' }, 'no-such-team')).toBe('NOT_FOUND');
    expect(await create(team.member, 'Tavla', { kind: 'template', templateId: 'no-such-template' })).toBe('TEMPLATE_NOT_FOUND');
    expect(await create(team.member, 'Tavla', { kind: 'nonsense' })).toBe('TEMPLATE_NOT_FOUND');
    expect(await create(team.member, '', { kind: 'blank' })).toBe('NAME_REQUIRED');
    expect(await create(team.member, 'x'.repeat(81), { kind: 'blank' })).toBe('NAME_TOO_LONG');
    expect(await create(team.member, 'Tav\u0000la', { kind: 'blank' })).toBe('NAME_CONTROL_CHARACTERS');
    expect(await create(team.member, 'Kopia', { kind: 'copy', boardId: team.otherBoardId })).toBe('SOURCE_NOT_FOUND');
    expect(await db.board.count({ where: { teamId: team.teamId } })).toBe(0);
    expect(await db.teamEvent.count({ where: { teamId: team.teamId } })).toBe(0);
    expect(await db.board.count({ where: { teamId: team.otherTeamId } })).toBe(1);
  });

  it('renames, archives (every write refused, reads still work) and restores, each in the history', async () => {
    const { db, createBoard, renameBoard, archiveBoard, restoreBoard, getTeamBoardsForUser, cards, columns, lanes, standups, boards } = await load();
    const team = await seed();
    const { boardId } = await createBoard(team.member, { teamId: team.teamId, name: 'Bygglov', source: { kind: 'template', templateId: 'building-permits' }, locale: 'sv' }, NOW);
    const board = await db.board.findUniqueOrThrow({ where: { id: boardId }, select: { columns: { orderBy: { position: 'asc' } }, lanes: true } });
    const [first, second] = board.columns;
    const card = await cards.createCard(team.member, { boardId, columnId: first!.id, title: 'Ansökan', description: '', demand: 'VALUE' }, NOW);

    expect(await codeOf(renameBoard(team.viewer, { boardId, name: 'Nytt' }, NOW))).toBe('FORBIDDEN');
    expect(await codeOf(renameBoard(team.outsider, { boardId, name: 'Nytt' }, NOW))).toBe('NOT_FOUND');
    expect(await codeOf(renameBoard(team.member, { boardId, name: '  ' }, NOW))).toBe('NAME_REQUIRED');
    await renameBoard(team.member, { boardId, name: 'Bygglov 2027' }, NOW);
    expect((await structureOf(boardId)).name).toBe('Bygglov 2027');

    expect(await codeOf(archiveBoard(team.viewer, { boardId }, NOW))).toBe('FORBIDDEN');
    expect(await codeOf(archiveBoard(team.outsider, { boardId }, NOW))).toBe('NOT_FOUND');
    await archiveBoard(team.member, { boardId }, NOW);
    expect((await structureOf(boardId)).archivedAt).toEqual(NOW);
    const listed = (await getTeamBoardsForUser(team.member.id)).find((entry) => entry.id === team.teamId)!;
    expect(listed.boards).toEqual([]);
    expect(listed.archivedBoards).toEqual([{ id: boardId, name: 'Bygglov 2027', archivedAt: NOW.toISOString() }]);

    // Read-only for everyone: every write path refuses with the one code, and nothing changes.
    const before = JSON.stringify(await structureOf(boardId));
    const cardVersion = (await db.card.findUniqueOrThrow({ where: { id: card.id } })).version;
    const refusals = await Promise.all([
      codeOf(renameBoard(team.member, { boardId, name: 'Annat' }, NOW)),
      codeOf(archiveBoard(team.member, { boardId }, NOW)),
      codeOf(cards.createCard(team.member, { boardId, columnId: first!.id, title: 'Ny', description: '', demand: 'VALUE' }, NOW)),
      codeOf(cards.updateCard(team.member, { boardId, cardId: card.id, title: 'Ändrad' }, NOW)),
      codeOf(cards.moveCard(team.member, { boardId, cardId: card.id, toColumnId: second!.id, toIndex: 0 }, NOW)),
      codeOf(cards.setCardBlocked(team.member, { boardId, cardId: card.id, isBlocked: true, reason: 'Väntar' }, NOW)),
      codeOf(cards.archiveCard(team.member, { boardId, cardId: card.id }, NOW)),
      codeOf(columns.createColumn(team.member, { boardId, name: 'Ny kolumn', flowState: 'IN_PROGRESS' }, NOW)),
      codeOf(columns.updateColumn(team.member, { boardId, columnId: first!.id, settings: { wipLimit: 1 } }, NOW)),
      codeOf(lanes.createLane(team.member, { boardId, name: 'Nytt spår', classOfService: 'EXPEDITE' }, NOW)),
      codeOf(standups.startStandup(team.member, boardId, NOW)),
    ]);
    expect(refusals).toEqual(Array(refusals.length).fill('BOARD_ARCHIVED'));
    // A viewer is refused as a viewer (FORBIDDEN), as before.
    expect(await codeOf(cards.moveCard(team.viewer, { boardId, cardId: card.id, toColumnId: second!.id, toIndex: 0 }, NOW))).toBe('FORBIDDEN');
    expect(JSON.stringify(await structureOf(boardId))).toBe(before);
    expect((await db.card.findUniqueOrThrow({ where: { id: card.id } })).version).toBe(cardVersion);
    // Reads still work, for members and viewers, and say the board is archived.
    const view = await boards.getBoardForUser(team.viewer.id, boardId, NOW);
    expect(view.archivedAt).toBe(NOW.toISOString());
    expect(view.cards.map((c) => c.id)).toEqual([card.id]);

    expect(await codeOf(restoreBoard(team.viewer, { boardId }, NOW))).toBe('FORBIDDEN');
    await restoreBoard(team.member, { boardId }, NOW);
    expect(await codeOf(restoreBoard(team.member, { boardId }, NOW))).toBe('NOT_ARCHIVED');
    await cards.moveCard(team.member, { boardId, cardId: card.id, toColumnId: second!.id, toIndex: 0 }, NOW);

    const history = await db.teamEvent.findMany({ where: { teamId: team.teamId }, orderBy: { id: 'asc' }, select: { type: true, actorId: true, before: true, after: true, at: true } });
    expect(history.map((event) => event.type)).toEqual(['BOARD_CREATED', 'BOARD_RENAMED', 'BOARD_ARCHIVED', 'BOARD_RESTORED']);
    expect(history.every((event) => event.actorId === team.member.id && event.at.getTime() === NOW.getTime())).toBe(true);
    expect(history[1]).toMatchObject({ before: { boardId, name: 'Bygglov' }, after: { boardId, name: 'Bygglov 2027' } });
    const boardHistory = await db.boardEvent.findMany({ where: { boardId, type: { in: ['BOARD_RENAMED', 'BOARD_ARCHIVED', 'BOARD_RESTORED'] } }, orderBy: { id: 'asc' }, select: { type: true } });
    expect(boardHistory.map((event) => event.type)).toEqual(['BOARD_RENAMED', 'BOARD_ARCHIVED', 'BOARD_RESTORED']);
  });
});
