import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getServerEnv } from '@/lib/env';

// One client per process: Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { tillitPrisma?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForPrisma.tillitPrisma) {
    const adapter = new PrismaPg({ connectionString: getServerEnv().DATABASE_URL, max: 10 });
    globalForPrisma.tillitPrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.tillitPrisma;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
