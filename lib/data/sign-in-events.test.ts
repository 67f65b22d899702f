/**
 * The personal sign-in history: each person reads only their own, and old entries go away.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

describe.runIf(hasDatabase)('sign-in history', { timeout: 30_000 }, () => {
  it('lists only the caller’s own entries, newest first, and forgets entries older than the retention period', async () => {
    const { getDb } = await import('@/lib/db');
    const events = await import('./sign-in-events');
    const db = getDb();
    const suffix = randomUUID().slice(0, 8);
    const [anna, bo] = await Promise.all(['anna', 'bo'].map((name) => db.user.create({ data: { email: `${name}.${suffix}@audit.test`, name } })));
    const now = new Date();
    const old = new Date(now.getTime() - (events.SIGN_IN_HISTORY_DAYS + 1) * 86_400_000);
    await db.signInEvent.create({ data: { userId: anna!.id, type: 'SIGNED_IN', method: 'password', at: old } });
    await events.recordSignInEvent({ userId: anna!.id, type: 'SIGNED_IN', method: 'sso', ipAddress: '198.51.100.1', userAgent: 'Firefox' }, new Date(now.getTime() - 60_000));
    await events.recordSignInEvent({ userId: anna!.id, type: 'SIGNED_OUT', method: null, ipAddress: '198.51.100.1', userAgent: 'Firefox' }, now);
    await events.recordSignInEvent({ userId: bo!.id, type: 'SIGNED_IN', method: 'password', ipAddress: '203.0.113.9', userAgent: 'Chrome' }, now);
    await events.recordSignInEvent({ userId: anna!.id, type: 'SIGN_IN_FAILED', method: 'password', ipAddress: '203.0.113.66', userAgent: 'curl' }, new Date(now.getTime() + 1));

    const own = await events.listOwnSignInEvents(anna!);
    expect(own.map((event) => [event.type, event.method, event.ipAddress])).toEqual([
      ['SIGN_IN_FAILED', 'password', '203.0.113.66'],
      ['SIGNED_OUT', null, '198.51.100.1'],
      ['SIGNED_IN', 'sso', '198.51.100.1'],
    ]);
    expect((await events.listOwnSignInEvents(bo!)).map((event) => event.ipAddress)).toEqual(['203.0.113.9']);
  });
});
