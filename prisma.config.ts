// Prisma 7 CLI configuration. The native schema engine cannot be downloaded here, so the CLI runs on Prisma's
// WebAssembly schema engine through scripts/prisma-engine/ (see docs in schema-engine.cjs).
import { defineConfig } from 'prisma/config';
import { datasourceFromEnv, useWasmSchemaEngine } from './scripts/prisma-engine/config';

useWasmSchemaEngine();

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  // DATABASE_URL (and optionally SHADOW_DATABASE_URL) from the environment.
  datasource: datasourceFromEnv(),
});
