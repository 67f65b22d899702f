import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { verifyCredentials } from '@/lib/data/users';
import { getServerEnv } from '@/lib/env';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getServerEnv().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'credentials',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const user = await verifyCredentials(parsed.data.email, parsed.data.password);
          return user ? { id: user.id, name: user.name, email: user.email } : null;
        },
      }),
    ],
    callbacks: {
      // The JWT's subject is the user id; expose it on the session so server code can look the user up.
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
