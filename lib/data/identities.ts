import 'server-only';
import { getDb } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

export type OidcSignInInput = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

export type OidcSignInRefusal = 'OidcEmailMissing' | 'OidcEmailNotVerified';

export type OidcSignInResolution =
  | { ok: true; userId: string; outcome: 'matched' | 'linked' | 'created' }
  | { ok: false; reason: OidcSignInRefusal };

/**
 * Finds the Tillit account for a single sign-on identity:
 *
 * 1. by (issuer, subject), the provider's stable id: the e-mail may change at the provider without consequence;
 * 2. else by e-mail, but only when the provider says the address is verified: the identity is then linked to the
 *    existing (local) account, so a person keeps their teams when the organisation turns on single sign-on;
 * 3. else, when no account has that address, a new account is created (it belongs to no team until invited).
 *
 * An unverified address that belongs to an existing account is refused rather than linked or duplicated: anyone
 * able to set that address at the provider would otherwise take the account over.
 */
export async function resolveOidcUser(input: OidcSignInInput): Promise<OidcSignInResolution> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await resolveOnce(input);
    } catch (error) {
      // Two first sign-ins of one person at once: the loser of the unique constraint simply looks again.
      if (attempt === 0 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue;
      throw error;
    }
  }
}

async function resolveOnce(input: OidcSignInInput): Promise<OidcSignInResolution> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const identity = await tx.userIdentity.findUnique({
      where: { issuer_subject: { issuer: input.issuer, subject: input.subject } },
      select: { id: true, userId: true },
    });
    if (identity) {
      await tx.userIdentity.update({ where: { id: identity.id }, data: { lastUsedAt: new Date() } });
      return { ok: true, userId: identity.userId, outcome: 'matched' } as const;
    }
    const email = input.email?.trim().toLowerCase();
    if (!email || !email.includes('@') || email.length > 320) return { ok: false, reason: 'OidcEmailMissing' } as const;
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      if (!input.emailVerified) return { ok: false, reason: 'OidcEmailNotVerified' } as const;
      await tx.userIdentity.create({ data: { userId: existing.id, issuer: input.issuer, subject: input.subject } });
      return { ok: true, userId: existing.id, outcome: 'linked' } as const;
    }
    const name = input.name?.trim().slice(0, 120) || email.split('@')[0] || email;
    const user = await tx.user.create({ data: { email, name }, select: { id: true } });
    await tx.userIdentity.create({ data: { userId: user.id, issuer: input.issuer, subject: input.subject } });
    return { ok: true, userId: user.id, outcome: 'created' } as const;
  });
}
