/**
 * Single sign-on account matching against a real database: by subject first, by e-mail only when verified.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const ISSUER = 'https://idp.test.example/realms/tillit';

async function setup() {
  const { getDb } = await import('@/lib/db');
  const { resolveOidcUser } = await import('./identities');
  return { db: getDb(), resolveOidcUser };
}

describe.runIf(hasDatabase)('resolveOidcUser', { timeout: 30_000 }, () => {
  it('creates an account on the first sign-in and matches it by subject afterwards, whatever the e-mail says', async () => {
    const { db, resolveOidcUser } = await setup();
    const subject = randomUUID();
    const email = `Ny.Person.${subject.slice(0, 8)}@Kommun.Example`;
    const first = await resolveOidcUser({ issuer: ISSUER, subject, email, emailVerified: false, name: 'Ny Person' });
    expect(first).toMatchObject({ ok: true, outcome: 'created' });
    if (!first.ok) return;
    const user = await db.user.findUniqueOrThrow({ where: { id: first.userId } });
    expect(user).toMatchObject({ email: email.toLowerCase(), name: 'Ny Person', passwordHash: null, isInstanceAdmin: false });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);

    const again = await resolveOidcUser({ issuer: ISSUER, subject, email: `changed.${subject}@elsewhere.example`, emailVerified: true, name: 'X' });
    expect(again).toEqual({ ok: true, userId: first.userId, outcome: 'matched' });
  });

  it('links to an existing account by e-mail only when the provider marks it verified', async () => {
    const { db, resolveOidcUser } = await setup();
    const email = `anna.${randomUUID().slice(0, 8)}@kommun.example`;
    const local = await db.user.create({ data: { email, name: 'Anna Lokal', passwordHash: 'x' } });

    const unverified = await resolveOidcUser({ issuer: ISSUER, subject: randomUUID(), email: email.toUpperCase(), emailVerified: false, name: 'Anna' });
    expect(unverified).toEqual({ ok: false, reason: 'OidcEmailNotVerified' });
    expect(await db.userIdentity.count({ where: { userId: local.id } })).toBe(0);
    expect(await db.user.count({ where: { email } })).toBe(1);

    const subject = randomUUID();
    const verified = await resolveOidcUser({ issuer: ISSUER, subject, email, emailVerified: true, name: 'Anna' });
    expect(verified).toEqual({ ok: true, userId: local.id, outcome: 'linked' });
    expect(await db.userIdentity.findMany({ where: { userId: local.id }, select: { issuer: true, subject: true } })).toEqual([{ issuer: ISSUER, subject }]);
  });

  it('keeps identities of different issuers apart', async () => {
    const { resolveOidcUser } = await setup();
    const subject = randomUUID();
    const a = await resolveOidcUser({ issuer: ISSUER, subject, email: `a.${subject}@x.example`, emailVerified: true, name: null });
    const b = await resolveOidcUser({ issuer: `${ISSUER}-other`, subject, email: `b.${subject}@x.example`, emailVerified: true, name: null });
    expect(a.ok && b.ok && a.userId !== b.userId).toBe(true);
  });

  it('refuses a sign-in without an e-mail address', async () => {
    const { resolveOidcUser } = await setup();
    expect(await resolveOidcUser({ issuer: ISSUER, subject: randomUUID(), email: null, emailVerified: true, name: 'X' })).toEqual({ ok: false, reason: 'OidcEmailMissing' });
  });

  it('creates one account when the same person signs in twice at once', async () => {
    const { db, resolveOidcUser } = await setup();
    const subject = randomUUID();
    const email = `twice.${subject.slice(0, 8)}@x.example`;
    const results = await Promise.all([0, 1, 2].map(() => resolveOidcUser({ issuer: ISSUER, subject, email, emailVerified: true, name: 'Två' })));
    const ids = new Set(results.map((result) => (result.ok ? result.userId : null)));
    expect(ids.size).toBe(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});
