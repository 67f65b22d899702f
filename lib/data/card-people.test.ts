/**
 * Who is on a card (#11 §4): a member puts themselves on a card and off it again, in one transaction with the
 * card's history row and one live event; nobody can put someone else on a card; viewers cannot; leaving the team
 * (or becoming a viewer) takes a person off its cards; the exports leave people out.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

describe.runIf(hasDatabase)('people on cards', { timeout: 60_000 }, () => {
  const cleanup: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().team.deleteMany({ where: { id: { in: cleanup.teamIds } } });
    await getDb().user.deleteMany({ where: { id: { in: cleanup.userIds } } });
  });

  async function seed() {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const suffix = randomUUID().slice(0, 8);
    const [anna, bo, vera] = await Promise.all(
      ['Anna Berg', 'Bo Ek', 'Vera Chef'].map((name, index) => db.user.create({ data: { email: `people.${index}.${suffix}@test.example`, name } })),
    );
    cleanup.userIds.push(anna!.id, bo!.id, vera!.id);
    const team = await db.team.create({ data: { name: `Folkteamet ${suffix}` } });
    cleanup.teamIds.push(team.id);
    await db.membership.createMany({
      data: [
        { teamId: team.id, userId: anna!.id, role: 'MEMBER' },
        { teamId: team.id, userId: bo!.id, role: 'MEMBER' },
        { teamId: team.id, userId: vera!.id, role: 'VIEWER' },
      ],
    });
    const board = await db.board.create({ data: { teamId: team.id, name: 'Tavla', lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
    const column = await db.column.create({ data: { boardId: board.id, name: 'Pågår', position: 1024, flowState: 'IN_PROGRESS' } });
    const done = await db.column.create({ data: { boardId: board.id, name: 'Klart', position: 2048, flowState: 'DONE' } });
    const card = await db.card.create({ data: { boardId: board.id, columnId: column.id, laneId: board.lanes[0]!.id, title: 'Ärende', position: 1024 } });
    return { db, anna: anna!, bo: bo!, vera: vera!, team, board, column, done, card };
  }

  it('a member puts themselves on, a colleague too, then takes themselves off: history, versions and events', async () => {
    const { setSelfOnCard } = await import('./card-people');
    const { getCardDetail, moveCard } = await import('./cards');
    const { getBoardForUser } = await import('./boards');
    const { db, anna, bo, board, card, done } = await seed();
    const now = new Date();
    const seqBefore = (await db.board.findUniqueOrThrow({ where: { id: board.id } })).eventSeq;

    const joined = await setSelfOnCard(anna, { boardId: board.id, cardId: card.id, isOn: true }, now);
    expect(joined.people).toEqual([{ userId: anna.id, name: anna.name, initials: 'AB' }]);
    expect(joined.version).toBe(2);
    const both = await setSelfOnCard(bo, { boardId: board.id, cardId: card.id, isOn: true }, now);
    expect(both.people.map((person) => person.userId)).toEqual([anna.id, bo.id]);
    // Joining again changes nothing and publishes nothing.
    const again = await setSelfOnCard(anna, { boardId: board.id, cardId: card.id, isOn: true }, now);
    expect(again.version).toBe(both.version);

    // The board and a move carry the people (the move's event too, so open boards keep the faces).
    expect((await getBoardForUser(bo.id, board.id, now)).cards[0]!.people).toHaveLength(2);
    const moved = await moveCard({ id: anna.id }, { boardId: board.id, cardId: card.id, toColumnId: done.id, toIndex: 0 }, now);
    expect(moved.people.map((person) => person.userId)).toEqual([anna.id, bo.id]);

    const left = await setSelfOnCard(anna, { boardId: board.id, cardId: card.id, isOn: false }, now);
    expect(left.people.map((person) => person.userId)).toEqual([bo.id]);

    const history = (await getCardDetail(anna.id, board.id, card.id)).history.filter((entry) => entry.type.startsWith('PERSON_'));
    expect(history.map((entry) => [entry.type, entry.actorName])).toEqual([
      ['PERSON_JOINED', anna.name],
      ['PERSON_JOINED', bo.name],
      ['PERSON_LEFT', anna.name],
    ]);
    const events = await db.outboxEvent.findMany({ where: { boardId: board.id, seq: { gt: seqBefore } }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => (JSON.parse(event.payload) as { action?: string }).action)).toEqual(['joined', 'joined', 'moved', 'left']);
  });

  it('refuses viewers, a command naming another person, and archived cards', async () => {
    const { setSelfOnCard } = await import('./card-people');
    const { boardCommandSchema } = await import('@/lib/board/commands');
    const { db, bo, vera, board, card } = await seed();
    await expect(setSelfOnCard(vera, { boardId: board.id, cardId: card.id, isOn: true }, new Date())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // There is no way to say whom: a command naming someone is invalid before anything runs.
    expect(boardCommandSchema.safeParse({ type: 'card.join', cardId: card.id, userId: bo.id }).success).toBe(false);
    expect(boardCommandSchema.safeParse({ type: 'card.join', cardId: card.id }).success).toBe(true);
    await db.card.update({ where: { id: card.id }, data: { archivedAt: new Date() } });
    await expect(setSelfOnCard(bo, { boardId: board.id, cardId: card.id, isOn: true }, new Date())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.cardPerson.count({ where: { cardId: card.id } })).toBe(0);
  });

  it('removing a member, or making them a viewer, takes them off the team cards and tells open boards', async () => {
    const { setSelfOnCard } = await import('./card-people');
    const { removeMember, changeMemberRole } = await import('./team-admin');
    const { db, anna, bo, team, board, card } = await seed();
    await setSelfOnCard(anna, { boardId: board.id, cardId: card.id, isOn: true }, new Date());
    await setSelfOnCard(bo, { boardId: board.id, cardId: card.id, isOn: true }, new Date());
    const seqBefore = (await db.board.findUniqueOrThrow({ where: { id: board.id } })).eventSeq;

    await removeMember(anna, { teamId: team.id, userId: bo.id }, new Date());
    expect((await db.cardPerson.findMany({ where: { cardId: card.id } })).map((row) => row.userId)).toEqual([anna.id]);
    const kinds = (await db.outboxEvent.findMany({ where: { boardId: board.id, seq: { gt: seqBefore } }, orderBy: { seq: 'asc' } })).map((event) => event.kind);
    expect(kinds[0]).toBe('board.changed');

    await db.membership.create({ data: { teamId: team.id, userId: bo.id, role: 'MEMBER' } });
    await changeMemberRole(bo, { teamId: team.id, userId: anna.id, role: 'VIEWER' }, new Date());
    expect(await db.cardPerson.count({ where: { cardId: card.id } })).toBe(0);
  });

  it('leaves who joined or left cards out of the JSON export and the history CSV', async () => {
    const { setSelfOnCard } = await import('./card-people');
    const { getBoardExport, getHistoryForCsv } = await import('./export-board');
    const { anna, board, card } = await seed();
    await setSelfOnCard(anna, { boardId: board.id, cardId: card.id, isOn: true }, new Date());
    const exported = await getBoardExport(anna.id, board.id, new Date());
    expect(exported.cardEvents.map((event) => event.type)).not.toContain('PERSON_JOINED');
    expect(JSON.stringify(exported)).not.toContain(anna.id);
    expect((await getHistoryForCsv(anna.id, board.id)).map((row) => row.type)).not.toContain('PERSON_JOINED');
  });
});
