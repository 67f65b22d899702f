/**
 * Two-factor sign-in against a real PostgreSQL: set-up, codes accepted once, recovery codes used up, the other
 * sessions ended, and a team's requirement enforced by the data layer (reads and moves).
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const codeAt = (secret: string, at: Date) => generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });

describe.runIf(hasDatabase)('two-factor sign-in', { timeout: 60_000 }, () => {
  const cleanup: { userIds: string[]; teamIds: string[] } = { userIds: [], teamIds: [] };

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().team.deleteMany({ where: { id: { in: cleanup.teamIds } } });
    await getDb().user.deleteMany({ where: { id: { in: cleanup.userIds } } });
  });

  async function newUser(withPassword = true) {
    const { getDb } = await import('@/lib/db');
    const user = await getDb().user.create({ data: { email: `tfa.${randomUUID().slice(0, 8)}@test.example`, name: 'Tva Faktor', passwordHash: withPassword ? 'x' : null } });
    cleanup.userIds.push(user.id);
    return user;
  }

  it('switches on with a code of the new secret, ends the other sessions, and accepts each code and recovery code once', async () => {
    const { getDb } = await import('@/lib/db');
    const tfa = await import('./two-factor');
    const user = await newUser();
    const now = new Date();
    const { secret } = await tfa.startTwoFactorSetup(user);
    await expect(tfa.confirmTwoFactorSetup(user, '000000', now)).rejects.toMatchObject({ code: 'CODE_INVALID' });
    const { recoveryCodes, sessionGeneration } = await tfa.confirmTwoFactorSetup(user, codeAt(secret, now), now);
    expect(recoveryCodes).toHaveLength(10);
    expect(sessionGeneration).toBe(1);
    expect(await tfa.getTwoFactorStatus(user)).toMatchObject({ isAvailable: true, recoveryCodesLeft: 10 });
    // The set-up's code cannot be used again; the next step's can, once.
    expect(await tfa.checkSecondFactor(user.id, codeAt(secret, now), 'totp', now)).toEqual({ ok: false });
    const later = new Date(now.getTime() + 30_000);
    const [first, second] = await Promise.all([tfa.checkSecondFactor(user.id, codeAt(secret, later), 'totp', later), tfa.checkSecondFactor(user.id, codeAt(secret, later), 'totp', later)]);
    expect([first, second].filter((check) => check.ok)).toHaveLength(1);
    expect(await tfa.checkSecondFactor(user.id, recoveryCodes[0]!, 'recovery', now)).toEqual({ ok: true, method: 'recovery' });
    expect(await tfa.checkSecondFactor(user.id, recoveryCodes[0]!, 'recovery', now)).toEqual({ ok: false });
    expect(await tfa.getTwoFactorStatus(user)).toMatchObject({ recoveryCodesLeft: 9 });
    const events = await getDb().signInEvent.findMany({ where: { userId: user.id }, select: { type: true } });
    expect(events.map((event) => event.type)).toContain('TWO_FACTOR_ENABLED');
    await tfa.disableTwoFactor(user, recoveryCodes[1]!, 'recovery', now);
    expect(await tfa.getTwoFactorStatus(user)).toMatchObject({ enabledAt: null, recoveryCodesLeft: 0 });
  });

  it('is not offered to single sign-on accounts', async () => {
    const tfa = await import('./two-factor');
    await expect(tfa.startTwoFactorSetup(await newUser(false))).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
  });

  it('a team that requires it refuses reads and moves of a member without it, and not of one with it', async () => {
    const { getDb } = await import('@/lib/db');
    const { authorizeBoardAction } = await import('./access');
    const { moveCard } = await import('./cards');
    const { setTeamTwoFactorRequirement } = await import('./team-security');
    const db = getDb();
    const [withIt, without] = [await newUser(), await newUser()];
    await db.user.update({ where: { id: withIt.id }, data: { totpEnabledAt: new Date(), totpSecret: 'sealed' } });
    const team = await db.team.create({ data: { name: 'Kravteamet' } });
    cleanup.teamIds.push(team.id);
    await db.membership.createMany({ data: [{ teamId: team.id, userId: withIt.id, role: 'MEMBER' }, { teamId: team.id, userId: without.id, role: 'MEMBER' }] });
    const board = await db.board.create({ data: { teamId: team.id, name: 'Tavla', lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
    const columns = await Promise.all(['A', 'B'].map((name, index) => db.column.create({ data: { boardId: board.id, name, position: (index + 1) * 1024 } })));
    const card = await db.card.create({ data: { boardId: board.id, columnId: columns[0]!.id, laneId: board.lanes[0]!.id, title: 'Ärende', position: 1024 } });

    await setTeamTwoFactorRequirement(withIt, { teamId: team.id, isRequired: true }, new Date());
    expect(await db.teamEvent.count({ where: { teamId: team.id, type: 'TWO_FACTOR_REQUIRED' } })).toBe(1);
    await expect(authorizeBoardAction(db, without.id, board.id, 'board.read')).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
    await expect(moveCard({ id: without.id }, { boardId: board.id, cardId: card.id, toColumnId: columns[1]!.id, toIndex: 0 }, new Date())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.card.findUniqueOrThrow({ where: { id: card.id } })).columnId).toBe(columns[0]!.id);
    await expect(authorizeBoardAction(db, withIt.id, board.id, 'board.read')).resolves.toMatchObject({ role: 'MEMBER' });
    await expect(moveCard({ id: withIt.id }, { boardId: board.id, cardId: card.id, toColumnId: columns[1]!.id, toIndex: 0 }, new Date())).resolves.toMatchObject({ columnId: columns[1]!.id });
  });
});
