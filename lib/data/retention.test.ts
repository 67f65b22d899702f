/**
 * Team-owned retention against a real database, with a controlled clock: the team sees what a period clears before
 * choosing it, the job clears exactly the finished cards past the period (text, reasons, who), keeps every timing
 * fact the flow metrics use, never clears twice, and the script a cron entry calls works with a fixed clock.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '@/lib/retention/policy';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const DAY = 86_400_000;
const NOW = new Date('2027-03-01T02:30:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function seed() {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const user = (name: string) => db.user.create({ data: { email: `${name.toLowerCase()}.${suffix}@retention.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } });
  const [member, viewer, outsider] = await Promise.all([user('Maja'), user('Vera'), user('Otto')]);
  const team = await db.team.create({ data: { name: `Gallringsteamet ${suffix}` } });
  const otherTeam = await db.team.create({ data: { name: `Annat ${suffix}`, retentionMonths: 6 } });
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: member.id, role: 'MEMBER' },
      { teamId: team.id, userId: viewer.id, role: 'VIEWER' },
      { teamId: otherTeam.id, userId: outsider.id, role: 'MEMBER' },
    ],
  });
  const boards = await Promise.all([1, 2].map((n) => db.board.create({ data: { teamId: team.id, name: `Tavla ${n} ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } })));
  const columnsFor = async (boardId: string) => ({
    inbox: await db.column.create({ data: { boardId, name: 'Inkommet', position: 1024, flowState: 'NOT_STARTED' } }),
    doing: await db.column.create({ data: { boardId, name: 'Pågår', position: 2048, flowState: 'IN_PROGRESS' } }),
    done: await db.column.create({ data: { boardId, name: 'Klart', position: 3072, flowState: 'DONE' } }),
  });
  const [first, second] = [await columnsFor(boards[0]!.id), await columnsFor(boards[1]!.id)];
  const card = async (
    boardId: string,
    cols: typeof first,
    title: string,
    timing: { created: Date; started?: Date; done?: Date; archived?: Date; blocked?: Date },
  ) => {
    const columnId = timing.done ? cols.done.id : timing.started ? cols.doing.id : cols.inbox.id;
    const created = await db.card.create({
      data: {
        boardId,
        columnId,
        laneId: boards.find((board) => board.id === boardId)!.lanes[0]!.id,
        title,
        description: `Beskrivning av ${title}: klient 19121212-1212`,
        position: 1024,
        labels: ['Ekonomiskt bistånd'],
        createdAt: timing.created,
        lastMovedAt: timing.done ?? timing.started ?? timing.created,
        startedAt: timing.started ?? null,
        doneAt: timing.done ?? null,
        archivedAt: timing.archived ?? null,
        blockedAt: timing.blocked ?? null,
        blockedReason: timing.blocked ? 'Väntar på Anna Svensson' : null,
      },
    });
    const events = [
      { type: 'CREATED' as const, toColumnId: cols.inbox.id, at: timing.created, actorId: member.id },
      ...(timing.started ? [{ type: 'MOVED' as const, fromColumnId: cols.inbox.id, toColumnId: cols.doing.id, at: timing.started, actorId: member.id }] : []),
      ...(timing.blocked ? [{ type: 'BLOCKED' as const, at: timing.blocked, actorId: member.id, data: { reason: 'Väntar på Anna Svensson' } }] : []),
      { type: 'EDITED' as const, at: new Date(timing.created.getTime() + 3_600_000), actorId: member.id, data: { title: { before: 'Gammal titel med namn', after: title }, description: { changed: true } } },
      ...(timing.done ? [{ type: 'MOVED' as const, fromColumnId: cols.doing.id, toColumnId: cols.done.id, at: timing.done, importedActorName: 'Trello-Tina' }] : []),
      ...(timing.archived ? [{ type: 'ARCHIVED' as const, fromColumnId: columnId, at: timing.archived, actorId: member.id }] : []),
    ];
    await db.cardEvent.createMany({ data: events.map((event) => ({ boardId, cardId: created.id, ...event })) });
    return created.id;
  };
  const ids = {
    // Past 6 months: cleared at the next run.
    oldDone: await card(boards[0]!.id, first, 'Gammalt klart ärende', { created: ago(420), started: ago(410), done: ago(400) }),
    oldArchivedDone: await card(boards[1]!.id, second, 'Arkiverat klart ärende', { created: ago(300), started: ago(290), done: ago(250), archived: ago(240), blocked: ago(295) }),
    abandoned: await card(boards[0]!.id, first, 'Övergivet ärende', { created: ago(260), archived: ago(200) }),
    // Finished 5 months and 20 days ago: cleared within the next 30 days.
    soon: await card(boards[0]!.id, first, 'Snart gallrat', { created: ago(200), started: ago(190), done: ago(171) }),
    // Recent, or not finished: never touched now.
    recent: await card(boards[1]!.id, second, 'Nyligen klart', { created: ago(40), started: ago(30), done: ago(10) }),
    oldInProgress: await card(boards[0]!.id, first, 'Pågått länge', { created: ago(800), started: ago(700) }),
  };
  await db.boardEvent.create({
    data: { boardId: boards[0]!.id, type: 'WIP_LIMIT_EXCEEDED', columnId: first.doing.id, actorId: member.id, at: ago(405), after: { cardId: ids.oldDone, cardTitle: 'Gammalt klart ärende', limit: 2, count: 3, reason: 'Akut för Anna' } },
  });
  return { teamId: team.id, otherTeamId: otherTeam.id, member, viewer, outsider, boards: boards.map((b) => b.id), ids };
}

type Seeded = Awaited<ReturnType<typeof seed>>;

// Generous: these run beside other suites on a shared database and machine.
describe.skipIf(!hasDatabase)('retention (database, fixed clock)', { timeout: 60_000 }, () => {
  let retention: typeof import('./retention');
  let seeded: Seeded;

  beforeAll(async () => {
    retention = await import('./retention');
    seeded = await seed();
  });

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().$disconnect();
  });

  async function snapshot(cardIds: string[]) {
    const { getDb } = await import('@/lib/db');
    const cards = await getDb().card.findMany({
      where: { id: { in: cardIds } },
      orderBy: { id: 'asc' },
      select: { id: true, columnId: true, createdAt: true, startedAt: true, doneAt: true, lastMovedAt: true, blockedAt: true, labels: true },
    });
    const events = await getDb().cardEvent.findMany({
      where: { cardId: { in: cardIds } },
      orderBy: [{ cardId: 'asc' }, { at: 'asc' }, { id: 'asc' }],
      select: { cardId: true, type: true, at: true, fromColumnId: true, toColumnId: true },
    });
    return { cards, events };
  }

  it('shows members and viewers what a period would clear, before anyone chooses it', async () => {
    const overview = await retention.getRetentionOverview(seeded.viewer.id, seeded.teamId, NOW, 6);
    expect(overview.months).toBeNull();
    expect(overview.canEdit).toBe(false);
    expect(overview.preview.dueNowCount).toBe(3);
    expect(overview.preview.dueNow.map((card) => card.title)).toEqual(['Gammalt klart ärende', 'Arkiverat klart ärende', 'Övergivet ärende']);
    expect(overview.preview.dueSoonCount).toBe(1);
    expect(overview.preview.dueSoon[0]).toMatchObject({ title: 'Snart gallrat', finishedAt: ago(171).toISOString(), clearsOn: addMonths(ago(171), 6).toISOString() });
    expect((await retention.getRetentionOverview(seeded.member.id, seeded.teamId, NOW, 24)).preview.dueNowCount).toBe(0);
    expect((await retention.getRetentionOverview(seeded.member.id, seeded.teamId, NOW, null)).preview).toMatchObject({ dueNowCount: 0, dueSoonCount: 0 });
    await expect(retention.getRetentionOverview(seeded.outsider.id, seeded.teamId, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets only members set the period, and logs who changed it', async () => {
    await expect(retention.setRetentionPeriod(seeded.viewer, seeded.teamId, 6, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await retention.setRetentionPeriod(seeded.member, seeded.teamId, 6, ago(1));
    const overview = await retention.getRetentionOverview(seeded.member.id, seeded.teamId, NOW);
    expect(overview.months).toBe(6);
    expect(overview.log[0]).toMatchObject({ kind: 'SETTING_CHANGED', actorName: seeded.member.name, months: 6, previousMonths: null });
  });

  it('clears text, reasons and who of finished cards past the period, and keeps every timing fact', async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const due = [seeded.ids.oldDone, seeded.ids.oldArchivedDone, seeded.ids.abandoned];
    const untouched = [seeded.ids.soon, seeded.ids.recent, seeded.ids.oldInProgress];
    // A checklist on a due card, and a "waiting for" link between it and a recent card (history on both).
    const oldDoneBoard = seeded.boards[0]!;
    const recentBoard = seeded.boards[1]!;
    await db.checklistItem.createMany({
      data: [
        { cardId: seeded.ids.oldDone, text: 'Ring Anna', isDone: true, position: 1024 },
        { cardId: seeded.ids.oldDone, text: 'Begär intyg', isDone: false, position: 2048 },
      ],
    });
    await db.cardEvent.createMany({
      data: [
        { boardId: oldDoneBoard, cardId: seeded.ids.oldDone, type: 'CHECKLIST', at: new Date('2024-01-01T00:00:00Z'), data: { action: 'checklist.renamed', itemId: 'i1', before: 'Ring Anna A', text: 'Ring Anna' } },
        { boardId: oldDoneBoard, cardId: seeded.ids.oldDone, type: 'LINK', at: new Date('2024-01-01T00:00:00Z'), data: { action: 'link.added', role: 'waiting', otherCardId: seeded.ids.recent, title: 'Nyligen klart', reference: '', boardName: 'B' } },
        { boardId: recentBoard, cardId: seeded.ids.recent, type: 'LINK', at: new Date('2024-01-01T00:00:00Z'), data: { action: 'link.added', role: 'awaited', otherCardId: seeded.ids.oldDone, title: 'Gammalt klart ärende', reference: 'Dnr 1', boardName: 'A' } },
      ],
    });
    // Comments are the card's text too (issue #11 §3).
    const dueCard = await db.card.findUniqueOrThrow({ where: { id: seeded.ids.oldDone }, select: { boardId: true } });
    const recentCard = await db.card.findUniqueOrThrow({ where: { id: seeded.ids.recent }, select: { boardId: true } });
    const dueComment = await db.comment.create({ data: { boardId: dueCard.boardId, cardId: seeded.ids.oldDone, authorId: seeded.member.id, body: 'Ringde Anna om beslutet', mentionedUserIds: [seeded.member.id] } });
    const keptComment = await db.comment.create({ data: { boardId: recentCard.boardId, cardId: seeded.ids.recent, authorId: seeded.member.id, body: 'Pågående samtal' } });
    const before = await snapshot([...due, ...untouched]);
    const untouchedBefore = await db.card.findMany({ where: { id: { in: untouched } }, orderBy: { id: 'asc' } });

    const result = await retention.runRetention(NOW, { teamId: seeded.teamId });
    expect(result.cleared).toBe(3);

    const cleared = await db.card.findMany({ where: { id: { in: due } } });
    for (const card of cleared) {
      expect(card).toMatchObject({ title: '', description: '', textClearedAt: NOW });
      expect(card.archivedAt).not.toBeNull();
      expect(card.blockedReason === null || card.blockedReason === '').toBe(true);
      expect(card.labels).toEqual(['Ekonomiskt bistånd']);
    }
    // A done card still on the board is archived by the job, with an anonymous event at the run's time.
    expect(cleared.find((card) => card.id === seeded.ids.oldDone)?.archivedAt).toEqual(NOW);
    const events = await db.cardEvent.findMany({ where: { cardId: { in: due } } });
    expect(events.every((event) => event.actorId === null && event.importedActorName === null)).toBe(true);
    expect(events.filter((event) => event.type === 'EDITED').map((event) => event.data)).toEqual([
      { title: { changed: true }, description: { changed: true } },
      { title: { changed: true }, description: { changed: true } },
      { title: { changed: true }, description: { changed: true } },
    ]);
    expect(events.filter((event) => event.type === 'BLOCKED').map((event) => event.data)).toEqual([null]);
    expect(JSON.stringify(events.map((event) => ({ ...event, id: String(event.id) })))).not.toMatch(/Anna|Gammal titel|Trello-Tina/);
    // The checklist keeps its items and what was done, not their texts; history keeps the action, not the text.
    expect((await db.checklistItem.findMany({ where: { cardId: seeded.ids.oldDone }, orderBy: { position: 'asc' } })).map((item) => [item.text, item.isDone])).toEqual([
      ['', true],
      ['', false],
    ]);
    expect(events.find((event) => event.type === 'CHECKLIST')?.data).toEqual({ action: 'checklist.renamed', itemId: 'i1' });
    // The linked card's history no longer names the cleared card; the link's facts stay.
    const linkOnRecent = await db.cardEvent.findFirstOrThrow({ where: { cardId: seeded.ids.recent, type: 'LINK' } });
    expect(linkOnRecent.data).toEqual({ action: 'link.added', role: 'awaited', otherCardId: seeded.ids.oldDone, boardName: 'A' });
    expect(await db.comment.findUniqueOrThrow({ where: { id: dueComment.id } })).toMatchObject({ body: '', authorId: null, importedAuthorName: null, mentionedUserIds: [] });
    expect(await db.comment.findUniqueOrThrow({ where: { id: keptComment.id } })).toMatchObject({ body: 'Pågående samtal', authorId: seeded.member.id });
    const wip = await db.boardEvent.findFirstOrThrow({ where: { boardId: seeded.boards[0], type: 'WIP_LIMIT_EXCEEDED' } });
    expect(wip.after).toEqual({ cardId: seeded.ids.oldDone, limit: 2, count: 3 });

    // Timing is intact: every card field and event the flow metrics read is as it was (plus the one archiving).
    const after = await snapshot([...due, ...untouched]);
    expect(after.cards).toEqual(before.cards);
    const added = after.events.filter((event) => !before.events.some((old) => old.cardId === event.cardId && old.type === event.type && old.at.getTime() === event.at.getTime()));
    expect(added).toEqual([{ cardId: seeded.ids.oldDone, type: 'ARCHIVED', at: NOW, fromColumnId: expect.any(String), toColumnId: null }]);
    expect(after.events.length).toBe(before.events.length + 1);

    // Nothing else changed.
    expect(await db.card.findMany({ where: { id: { in: untouched } }, orderBy: { id: 'asc' } })).toEqual(untouchedBefore);
    const log = await retention.getRetentionOverview(seeded.member.id, seeded.teamId, NOW);
    expect(log.log[0]).toMatchObject({ kind: 'TEXT_CLEARED', cardCount: 3, months: 6 });
    expect(log.preview.dueNowCount).toBe(0);
  });

  it('never clears a card twice, even when two runs overlap; later runs clear what has become due', async () => {
    const [a, b] = await Promise.all([retention.runRetention(NOW, { teamId: seeded.teamId }), retention.runRetention(NOW, { teamId: seeded.teamId })]);
    expect(a.cleared + b.cleared).toBe(0);
    const later = new Date(NOW.getTime() + 15 * DAY);
    const [c, d] = await Promise.all([retention.runRetention(later, { teamId: seeded.teamId }), retention.runRetention(later, { teamId: seeded.teamId })]);
    expect(c.cleared + d.cleared).toBe(1);
  });

  it('"forever" clears nothing, whatever the clock says', async () => {
    const { getDb } = await import('@/lib/db');
    await retention.setRetentionPeriod(seeded.member, seeded.teamId, null, NOW);
    const result = await retention.runRetention(new Date('2040-01-01T00:00:00Z'), { teamId: seeded.teamId });
    expect(result).toEqual({ teams: [], cleared: 0 });
    expect(await getDb().card.count({ where: { id: seeded.ids.recent, textClearedAt: null } })).toBe(1);
  });

  it('the cron script runs the job with a fixed clock (and a dry run changes nothing)', async () => {
    const { getDb } = await import('@/lib/db');
    await retention.setRetentionPeriod(seeded.member, seeded.teamId, 6, NOW);
    const root = path.resolve(import.meta.dirname, '..', '..');
    const run = (args: string[]) =>
      promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/retention.ts', ...args], { cwd: root, env: process.env });
    const future = '2028-01-01T02:30:00Z';
    const dry = await run(['--dry-run', `--now=${future}`, `--team=${seeded.teamId}`]);
    expect(JSON.parse(dry.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ dryRun: true, teams: [{ teamId: seeded.teamId, months: 6, wouldClear: 1 }] });
    expect(await getDb().card.count({ where: { id: seeded.ids.recent, textClearedAt: null } })).toBe(1);
    const real = await run([`--now=${future}`, `--team=${seeded.teamId}`]);
    expect(JSON.parse(real.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ job: 'retention', cleared: 1 });
    expect(real.stdout).not.toContain('Nyligen');
    expect(await getDb().card.count({ where: { id: seeded.ids.recent, textClearedAt: null } })).toBe(0);
  }, 60_000);
});
