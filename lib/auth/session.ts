import 'server-only';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getAuthOptions } from './options';

export type SessionUser = { id: string; name: string; email: string; isInstanceAdmin: boolean };

/**
 * The signed-in person, read fresh from the database once per request, so a removed account loses access at
 * once even while its session cookie is still valid.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, isInstanceAdmin: true },
  });
  return user;
});

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}
