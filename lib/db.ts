import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getServerEnv } from '@/lib/env';
import { withAfterCommitAnnouncements } from '@/lib/events/after-commit';

// One client per module instance. Next's dev server reloads modules, so there the client is kept on globalThis;
// in production it is not, because the production server (server.ts) loads lib/ twice — once inside Next's
// bundle and once for the routes it answers directly — and each copy must use its own generated client.
const globalForPrisma = globalThis as unknown as { tillitPrisma?: PrismaClient };
let client: PrismaClient | undefined;

export function getDb(): PrismaClient {
  if (process.env.NODE_ENV === 'development') return (globalForPrisma.tillitPrisma ??= createClient());
  return (client ??= createClient());
}

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: getServerEnv().DATABASE_URL, max: 10 });
  // Board events appended in a transaction are announced once it commits (lib/events/after-commit.ts).
  return withAfterCommitAnnouncements(new PrismaClient({ adapter }));
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
