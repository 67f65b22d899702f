/**
 * "Your own data" (GDPR art. 15) against a real database: everything Tillit holds about the person, nothing about
 * anyone else, never the password hash, and no team text from teams they have left.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

// Generous: these run beside other suites on a shared database and machine.
describe.skipIf(!hasDatabase)('personal data export (database)', { timeout: 60_000 }, () => {
  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().$disconnect();
  });

  it('holds the account, memberships and the person’s own changes, and nothing of others', async () => {
    const { getDb } = await import('@/lib/db');
    const { getAccountExport } = await import('./export-account');
    const { createCard, moveCard } = await import('./cards');
    const db = getDb();
    const suffix = randomUUID().slice(0, 8);
    const person = await db.user.create({ data: { email: `petra.${suffix}@gdpr.test`, name: `Petra ${suffix}`, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0$aGFzaA' } });
    const colleague = await db.user.create({ data: { email: `kollega.${suffix}@gdpr.test`, name: `Kollega ${suffix}` } });
    const [current, former] = await Promise.all([db.team.create({ data: { name: `Nuvarande ${suffix}` } }), db.team.create({ data: { name: `Tidigare ${suffix}` } })]);
    await db.membership.createMany({
      data: [
        { teamId: current.id, userId: person.id, role: 'MEMBER' },
        { teamId: current.id, userId: colleague.id, role: 'MEMBER' },
        { teamId: former.id, userId: person.id, role: 'MEMBER' },
      ],
    });
    const board = async (teamId: string) => {
      const b = await db.board.create({ data: { teamId, name: `Tavla ${teamId.slice(-4)}` } });
      const [a, z] = await Promise.all([
        db.column.create({ data: { boardId: b.id, name: 'Inkommet', position: 1024, flowState: 'NOT_STARTED' } }),
        db.column.create({ data: { boardId: b.id, name: 'Pågår', position: 2048, flowState: 'IN_PROGRESS' } }),
      ]);
      return { id: b.id, inbox: a.id, doing: z.id };
    };
    const [mine, old] = await Promise.all([board(current.id), board(former.id)]);
    const now = new Date('2026-05-01T10:00:00Z');
    const card = await createCard(person, { boardId: mine.id, columnId: mine.inbox, title: 'Mitt ärende', description: '', demand: 'UNKNOWN' }, now);
    await moveCard(person, { boardId: mine.id, cardId: card.id, toColumnId: mine.doing, toIndex: 0 }, new Date(now.getTime() + 1000));
    await createCard(colleague, { boardId: mine.id, columnId: mine.inbox, title: 'Kollegans ärende', description: '', demand: 'UNKNOWN' }, now);
    await createCard(person, { boardId: old.id, columnId: old.inbox, title: 'Hemligt i gamla teamet', description: '', demand: 'UNKNOWN' }, now);
    await db.membership.deleteMany({ where: { teamId: former.id, userId: person.id } });

    const data = await getAccountExport(person.id, now);
    const text = JSON.stringify(data);
    expect(data.account).toMatchObject({ id: person.id, email: person.email, name: person.name, hasPassword: true, isInstanceAdmin: false });
    expect(text).not.toContain('argon2');
    expect(data.memberships).toEqual([{ teamId: current.id, teamName: current.name, role: 'MEMBER', since: expect.any(String) }]);
    expect(data.cardChanges.map((change) => [change.type, change.cardTitle, change.toColumn])).toEqual([
      ['CREATED', 'Mitt ärende', 'Inkommet'],
      ['CREATED', null, null],
      ['MOVED', 'Mitt ärende', 'Pågår'],
    ]);
    expect(text).not.toContain('Kollegans ärende');
    expect(text).not.toContain(colleague.email);
    expect(text).not.toContain('Hemligt i gamla teamet');
    expect(text).not.toContain(former.name);
  });
});
