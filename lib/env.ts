import 'server-only';
import { z } from 'zod';

/**
 * The server's configuration, validated once at start so a missing setting fails with a message naming it
 * instead of a stack trace deep inside a request.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  AUTH_SECRET: z.string().min(16, 'AUTH_SECRET (or NEXTAUTH_SECRET) must be at least 16 characters'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type ServerEnv = z.infer<typeof envSchema>;

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse({
    DATABASE_URL: process.env.DATABASE_URL,
    AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
    NODE_ENV: process.env.NODE_ENV,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Tillit cannot start, its configuration is incomplete:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
