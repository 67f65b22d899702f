import 'server-only';
import { getPgPool, toIsoUtc } from './sql-pool';

/**
 * Idempotency keys of the public API (Idempotency-Key on POST), stored in PostgreSQL so that every app instance
 * sees them. The first request with a key claims it (one INSERT … ON CONFLICT DO NOTHING: of two racing requests
 * exactly one wins); its answer is stored when it is known. A repeat with the same request hash gets that answer
 * again and changes nothing; with another hash it is refused; while the first is still running, the repeat is told
 * so (409, try again). Keys live 24 hours (then they may be reused); lib/webhooks/worker.ts prunes older ones.
 *
 * Answers of 5xx are not kept (the claim is released), so a request that failed for the server's reasons can be
 * retried with the same key. If the server dies between the change and storing its answer, the claim stays
 * unanswered for IDEMPOTENCY_CLAIM_TIMEOUT_MS and is then released: the documented, rare case where a retry may
 * apply a change twice.
 */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
export const IDEMPOTENCY_CLAIM_TIMEOUT_MS = 60_000;

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reused-with-other-request' }
  | { kind: 'in-progress' };

type KeyRow = { requestHash: string; status: number | null; body: unknown; createdAt: Date };

const CLAIM = {
  name: 'tillit_idempotency_claim',
  text: `INSERT INTO "IdempotencyKey" ("tokenId", key, "requestHash", "createdAt") VALUES ($1, $2, $3, $4::timestamp(3))
         ON CONFLICT ("tokenId", key) DO NOTHING RETURNING key`,
} as const;
const READ = { name: 'tillit_idempotency_read', text: `SELECT "requestHash", status, body, "createdAt" FROM "IdempotencyKey" WHERE "tokenId" = $1 AND key = $2` } as const;
const EXPIRE = {
  name: 'tillit_idempotency_expire',
  text: `DELETE FROM "IdempotencyKey" WHERE "tokenId" = $1 AND key = $2 AND ("createdAt" < $3::timestamp(3) OR (status IS NULL AND "createdAt" < $4::timestamp(3)))`,
} as const;

/** Claims `key` for this request, or says what the earlier request with that key decided. */
export async function claimIdempotencyKey(tokenId: string, key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
  const pool = getPgPool();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const claimed = await pool.query({ ...CLAIM, values: [tokenId, key, requestHash, toIsoUtc(now)] });
    if (claimed.rowCount === 1) return { kind: 'claimed' };
    const { rows } = await pool.query<KeyRow>({ ...READ, values: [tokenId, key] });
    const row = rows[0];
    if (!row) continue; // released meanwhile: claim again
    const isExpired = row.createdAt.getTime() < now.getTime() - IDEMPOTENCY_KEY_TTL_MS;
    const isAbandoned = row.status === null && row.createdAt.getTime() < now.getTime() - IDEMPOTENCY_CLAIM_TIMEOUT_MS;
    if (isExpired || isAbandoned) {
      await pool.query({ ...EXPIRE, values: [tokenId, key, toIsoUtc(new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)), toIsoUtc(new Date(now.getTime() - IDEMPOTENCY_CLAIM_TIMEOUT_MS))] });
      continue;
    }
    if (row.requestHash !== requestHash) return { kind: 'reused-with-other-request' };
    if (row.status === null) return { kind: 'in-progress' };
    return { kind: 'replay', status: row.status, body: row.body };
  }
  return { kind: 'in-progress' };
}

/** Stores the answer of the request that claimed `key`. */
export async function storeIdempotentAnswer(tokenId: string, key: string, status: number, body: unknown): Promise<void> {
  await getPgPool().query({
    name: 'tillit_idempotency_store',
    text: `UPDATE "IdempotencyKey" SET status = $3, body = $4::jsonb WHERE "tokenId" = $1 AND key = $2`,
    values: [tokenId, key, status, JSON.stringify(body ?? null)],
  });
}

/** Releases a claim whose request failed for the server's reasons, so that a retry runs again. */
export async function releaseIdempotencyKey(tokenId: string, key: string): Promise<void> {
  await getPgPool().query({ name: 'tillit_idempotency_release', text: `DELETE FROM "IdempotencyKey" WHERE "tokenId" = $1 AND key = $2 AND status IS NULL`, values: [tokenId, key] });
}

/** Removes keys older than a day (run periodically by the background worker). */
export async function pruneIdempotencyKeys(now: Date): Promise<number> {
  const result = await getPgPool().query(`DELETE FROM "IdempotencyKey" WHERE "createdAt" < $1::timestamp(3)`, [toIsoUtc(new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS))]);
  return result.rowCount ?? 0;
}
