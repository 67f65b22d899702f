// Shared by prisma.config.ts and the bridge test's fixture config: run the Prisma CLI on the WASM schema engine.
import { fileURLToPath } from 'node:url';

/** Absolute path of the stand-in for the native schema-engine binary (see schema-engine.cjs). */
export const SCHEMA_ENGINE_PATH = fileURLToPath(new URL('./schema-engine.cjs', import.meta.url));

/**
 * The CLI reads these before it looks for (and would try to download) the native engine, and prisma.config.ts is
 * loaded before that, so setting them here is enough. Values already set in the environment win.
 */
export function useWasmSchemaEngine(): void {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= SCHEMA_ENGINE_PATH;
  process.env.CHECKPOINT_DISABLE ??= '1';
  process.env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';
}

/**
 * `prisma generate`, `validate` and `format` never connect, so they must work without DATABASE_URL. Then use a URL
 * that cannot reach anything and names the problem if a command does try to connect (".invalid" never resolves).
 */
const UNSET_URL = 'postgresql://unset@database-url-is-not-set.invalid:5432/unset';

export function datasourceFromEnv(): { url: string; shadowDatabaseUrl?: string } {
  const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL;
  return { url: process.env.DATABASE_URL || UNSET_URL, ...(shadowDatabaseUrl ? { shadowDatabaseUrl } : {}) };
}
