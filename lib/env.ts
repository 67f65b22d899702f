import 'server-only';
import { formatConfigProblems, parseServerConfig, type ServerConfig } from '@/lib/config/server-config';

/**
 * The server's configuration, validated once at start (see instrumentation.ts) so a missing setting fails with a
 * message naming it instead of a stack trace deep inside a request. The rules live in lib/config/server-config.ts.
 */
export type ServerEnv = ServerConfig;

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  const result = parseServerConfig(process.env);
  if (!result.ok) throw new Error(formatConfigProblems(result.problems));
  cached = result.config;
  return cached;
}
