import 'server-only';
import { isPasswordCorrect } from '@/lib/auth/passwords';
import { getDb } from '@/lib/db';

/** Returns the user when e-mail and password match; null otherwise, without saying which part was wrong. */
export async function verifyCredentials(email: string, password: string) {
  const user = await getDb().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, name: true, email: true, passwordHash: true },
  });
  const isCorrect = await isPasswordCorrect(user?.passwordHash ?? null, password);
  return user && isCorrect ? { id: user.id, name: user.name, email: user.email } : null;
}
