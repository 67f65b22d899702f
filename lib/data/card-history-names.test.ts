/**
 * Who made each change, as viewers see it (issue #15 finding 8; docs/security-and-sign-in.md "Roles"): a viewer
 * reads a card's history with the same names a member sees, and no CSV export names anyone, so names are shown
 * one change at a time but never handed out in bulk for counting per person.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

describe.runIf(hasDatabase)('who made a change, as a viewer sees it', { timeout: 30_000 }, () => {
  const cleanup: { teamId?: string; userIds: string[] } = { userIds: [] };

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    if (cleanup.teamId) await getDb().team.delete({ where: { id: cleanup.teamId } });
    await getDb().user.deleteMany({ where: { id: { in: cleanup.userIds } } });
  });

  it('shows the viewer the names in the card history that members see; the history CSV names nobody', async () => {
    const { getDb } = await import('@/lib/db');
    const { getCardDetail } = await import('./cards');
    const { buildHistoryCsv } = await import('@/lib/export/csv');
    const db = getDb();
    const suffix = randomUUID().slice(0, 8);
    const member = await db.user.create({ data: { email: `names.m.${suffix}@test.example`, name: `Malin Medlem ${suffix}` } });
    const viewer = await db.user.create({ data: { email: `names.v.${suffix}@test.example`, name: `Vera Chef ${suffix}` } });
    cleanup.userIds.push(member.id, viewer.id);
    const team = await db.team.create({ data: { name: `Namnteamet ${suffix}` } });
    cleanup.teamId = team.id;
    await db.membership.createMany({ data: [{ teamId: team.id, userId: member.id, role: 'MEMBER' }, { teamId: team.id, userId: viewer.id, role: 'VIEWER' }] });
    const board = await db.board.create({ data: { teamId: team.id, name: 'Tavla', lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
    const column = await db.column.create({ data: { boardId: board.id, name: 'Inkommet', position: 1024, flowState: 'NOT_STARTED' } });
    const card = await db.card.create({ data: { boardId: board.id, columnId: column.id, laneId: board.lanes[0]!.id, title: 'Ärende', position: 1024 } });
    await db.cardEvent.create({ data: { boardId: board.id, cardId: card.id, type: 'CREATED', toColumnId: column.id, actorId: member.id } });

    const asMember = await getCardDetail(member.id, board.id, card.id);
    const asViewer = await getCardDetail(viewer.id, board.id, card.id);
    expect(asViewer.history.map((entry) => entry.actorName)).toEqual([member.name]);
    expect(asViewer.history).toEqual(asMember.history);

    const csv = buildHistoryCsv([{ cardId: card.id, cardTitle: card.title, type: 'CREATED', at: new Date(), fromColumnName: null, toColumnName: column.name, data: null }], ';', (key) => key);
    expect(csv).not.toContain(member.name);
  });
});
