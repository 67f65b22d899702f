/**
 * The demo's experiments (prisma/seed/experiments.ts) show what they promise: the finished one's study has a
 * signal downwards, the running one is due for review and its board change is linked in the history.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
const NOW = new Date('2026-06-10T08:00:00Z');
const created: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

async function createBoard(name: string, columns: { name: string; flowState: 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE'; wipLimit?: number }[]) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const user = await db.user.create({ data: { email: `demo.${suffix}@experiments.test`, name: `Demo ${suffix}` }, select: { id: true } });
  const team = await db.team.create({ data: { name: `${name} ${suffix}` } });
  created.teamIds.push(team.id);
  created.userIds.push(user.id);
  await db.membership.create({ data: { teamId: team.id, userId: user.id, role: 'VIEWER' } });
  const board = await db.board.create({ data: { teamId: team.id, name, lanes: { create: { name: 'Standard', position: 1024 } } } });
  for (const [index, column] of columns.entries()) await db.column.create({ data: { boardId: board.id, ...column, position: (index + 1) * 1024 } });
  return { boardId: board.id, userId: user.id };
}

describe.skipIf(!hasDatabase)('demo experiments (database)', { timeout: 60_000 }, () => {
  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().team.deleteMany({ where: { id: { in: created.teamIds } } });
    await getDb().user.deleteMany({ where: { id: { in: created.userIds } } });
  });

  it('seeds an adopted experiment whose study shows a signal, and a running one due for review', async () => {
    const { getDb } = await import('@/lib/db');
    const { seedExperimentsDemo } = await import('@/prisma/seed/experiments');
    const [study, data] = await Promise.all([import('./experiment-study'), import('./experiments')]);
    const intake = await createBoard('Mottagning', [
      { name: 'Inkommet', flowState: 'NOT_STARTED' },
      { name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 6 },
      { name: 'Klart', flowState: 'DONE' },
    ]);
    const permits = await createBoard('Bygglov', [
      { name: 'Ny ansökan', flowState: 'NOT_STARTED' },
      { name: 'Granskning', flowState: 'IN_PROGRESS' },
      { name: 'Beslut', flowState: 'IN_PROGRESS' },
      { name: 'Klart', flowState: 'DONE' },
    ]);
    await seedExperimentsDemo(getDb() as never, { intake: { boardId: intake.boardId, memberId: intake.userId }, permits: { boardId: permits.boardId, memberId: permits.userId }, now: NOW.getTime() });

    const adopted = await getDb().experiment.findFirstOrThrow({ where: { boardId: permits.boardId } });
    expect(adopted).toMatchObject({ status: 'ENDED', outcome: 'ADOPT' });
    const result = await study.getExperimentStudy(permits.userId, permits.boardId, adopted.id, NOW);
    expect(result?.detection.verdict).toBe('signal');
    expect(result?.detection.signals[0]?.direction).toBe('down');
    expect(result?.isExpectedDirection).toBe(true);

    const due = await data.listExperimentsDueForReview(intake.userId, intake.boardId, NOW);
    expect(due.map((experiment) => experiment.change)).toEqual(['Lägre WIP-gräns i Utreds']);
    expect((await getDb().column.findFirstOrThrow({ where: { boardId: intake.boardId, name: 'Utreds' } })).wipLimit).toBe(5);
    expect(await getDb().boardEvent.count({ where: { boardId: intake.boardId, experimentId: due[0]!.id, type: 'COLUMN_WIP_CHANGED' } })).toBe(1);
  });
});
