import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { parseAllowList, type AllowList } from './address-policy';

/**
 * The public API's and the webhooks' settings, from the environment (documented in README "Configuration"):
 *
 * - TILLIT_WEBHOOK_ALLOW_HOSTS: host names, addresses or CIDR ranges webhooks may reach although they are
 *   internal (e.g. `hooks.kommun.local,10.20.0.0/16`); also the only hosts that may use plain http.
 * - TILLIT_WEBHOOK_TIMEOUT_MS (10000): how long one delivery attempt may take, connecting and answering.
 * - TILLIT_WEBHOOK_RETRY_BASE_MS (10000): the first retry's wait; it doubles per attempt up to 2 hours.
 * - TILLIT_WEBHOOK_WORKER (true): `false` runs no delivery worker in this instance (deliveries still queue).
 * - TILLIT_INTAKE_PER_MINUTE (60): intake calls per team token per minute.
 * Pure: reads the object it is given.
 */
export type ApiConfig = {
  allowList: AllowList;
  timeoutMs: number;
  retryPolicy: RetryPolicy;
  isWorkerEnabled: boolean;
  intakePerMinute: number;
};

function readInteger(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= min && parsed <= max ? parsed : fallback;
}

export function parseApiConfig(env: Record<string, string | undefined>): ApiConfig {
  return {
    allowList: parseAllowList(env.TILLIT_WEBHOOK_ALLOW_HOSTS),
    timeoutMs: readInteger(env.TILLIT_WEBHOOK_TIMEOUT_MS, 10_000, 100, 60_000),
    retryPolicy: { ...DEFAULT_RETRY_POLICY, baseMs: readInteger(env.TILLIT_WEBHOOK_RETRY_BASE_MS, DEFAULT_RETRY_POLICY.baseMs, 10, 3_600_000) },
    isWorkerEnabled: !/^(false|0|no)$/i.test(env.TILLIT_WEBHOOK_WORKER ?? ''),
    intakePerMinute: readInteger(env.TILLIT_INTAKE_PER_MINUTE, 60, 1, 100_000),
  };
}

let cached: ApiConfig | undefined;

/** The settings of this process (read once). */
export function getApiConfig(): ApiConfig {
  cached ??= parseApiConfig(process.env);
  return cached;
}
