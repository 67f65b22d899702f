import 'server-only';
import { headers } from 'next/headers';
import { getServerEnv } from '@/lib/env';

/** The site's public origin for links sent to people: NEXTAUTH_URL when set, else this request's host. */
export async function getPublicOrigin(): Promise<string> {
  const configured = getServerEnv().publicUrl;
  if (configured) return new URL(configured).origin;
  const list = await headers();
  const host = list.get('x-forwarded-host') ?? list.get('host') ?? 'localhost';
  const protocol = list.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${protocol}://${host}`;
}
