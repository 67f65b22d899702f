import { notFound } from 'next/navigation';
import { z } from 'zod';
import { isAppError, type AppErrorCode } from '@/lib/errors';

/**
 * A page's data, or Next's 404 page when the data layer refuses with one of `codes`, or finds that the id in the URL
 * is not an id at all (a ZodError). Someone not on the team and a team or board that does not exist look the same
 * on purpose.
 */
export async function orNotFound<T>(load: Promise<T>, codes: readonly AppErrorCode[] = ['NOT_FOUND']): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if ((isAppError(error) && codes.includes(error.code)) || error instanceof z.ZodError) notFound();
    throw error;
  }
}
