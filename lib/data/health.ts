import 'server-only';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { getDb } from '@/lib/db';

function listMigrationNames(): string[] {
  try {
    return readdirSync(path.join(process.cwd(), 'prisma', 'migrations'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

export async function getDatabaseHealth(): Promise<{ ok: boolean; database: 'up' | 'down'; migrations: 'current' | 'pending' | 'unknown' }> {
  try {
    const applied = await getDb().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const appliedNames = new Set(applied.map((row) => row.migration_name));
    const isCurrent = listMigrationNames().every((name) => appliedNames.has(name));
    return { ok: isCurrent, database: 'up', migrations: isCurrent ? 'current' : 'pending' };
  } catch {
    return { ok: false, database: 'down', migrations: 'unknown' };
  }
}
