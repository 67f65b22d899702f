import 'server-only';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { getPgPool } from '@/lib/data/sql-pool';
import { getApiConfig } from '@/lib/webhooks/config';
import { ApiError } from './errors';

/**
 * Intake is rate limited per team token (TILLIT_INTAKE_PER_MINUTE, default 60 a minute), with the counters in
 * PostgreSQL (table ApiRateLimit) so that the limit holds across every app instance. An e-service that submits in
 * bursts gets 429 with Retry-After and retries; nothing of the refused call is written.
 */
let limiter: RateLimiterPostgres | undefined;

function getLimiter(): RateLimiterPostgres {
  limiter ??= new RateLimiterPostgres({
    storeClient: getPgPool(),
    storeType: 'pool',
    tableName: 'ApiRateLimit',
    tableCreated: true,
    keyPrefix: 'intake',
    points: getApiConfig().intakePerMinute,
    duration: 60,
    clearExpiredByTimeout: true,
  });
  return limiter;
}

export async function consumeIntakeAllowance(tokenId: string): Promise<void> {
  try {
    await getLimiter().consume(tokenId);
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    const seconds = Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000));
    throw new ApiError('RATE_LIMITED', { seconds }, { 'Retry-After': String(seconds) });
  }
}
