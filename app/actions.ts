'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/config';

const localeSchema = z.enum(LOCALES);

/** Remembers the person's chosen language for a year. Needs no session: the sign-in page has it too. */
export async function setLocaleAction(locale: string): Promise<void> {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
}
