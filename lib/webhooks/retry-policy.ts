/**
 * When a failed delivery is tried again, and when an endpoint that keeps failing is switched off. Pure.
 *
 * Retries back off exponentially from `baseMs` (10 s in production), doubling up to `capMs` (2 h), with ±20 %
 * jitter so that many deliveries failing together do not return together. A delivery is given up (FAILED, can be
 * sent again by hand) once it has been retried for `giveUpAfterMs` (26 h, so at least 24 h of retries); an endpoint
 * whose deliveries have failed without a single success for `disableAfterMs` (24 h) is disabled with a note.
 */
export type RetryPolicy = { baseMs: number; capMs: number; giveUpAfterMs: number; disableAfterMs: number };

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 10_000, capMs: 2 * 3_600_000, giveUpAfterMs: 26 * 3_600_000, disableAfterMs: 24 * 3_600_000 };

/** The wait before attempt `attempt + 1`, after `attempt` failed attempts (1 = the first failed). */
export function computeRetryDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30));
  const delay = Math.min(policy.capMs, exponential);
  return Math.max(1, Math.round(delay * (0.8 + 0.4 * random())));
}

export type FailureDecision = { kind: 'retry'; at: Date } | { kind: 'give-up' } | { kind: 'disable-endpoint' };

/**
 * What follows a failed attempt: retry at a time, give this delivery up, or disable the endpoint (which also
 * stops its other pending deliveries). `failingSince` is when the endpoint's current run of failures began.
 */
export function decideAfterFailure(input: { attempt: number; createdAt: Date; failingSince: Date; now: Date }, policy: RetryPolicy, random: () => number = Math.random): FailureDecision {
  if (input.now.getTime() - input.failingSince.getTime() >= policy.disableAfterMs) return { kind: 'disable-endpoint' };
  const at = new Date(input.now.getTime() + computeRetryDelay(input.attempt, policy, random));
  if (at.getTime() - input.createdAt.getTime() > policy.giveUpAfterMs) return { kind: 'give-up' };
  return { kind: 'retry', at };
}

/** Attempts a delivery gets when it always fails, for the documentation (jitter left out). */
export function countAttemptsWithin(policy: RetryPolicy, windowMs: number): number {
  let elapsed = 0;
  let attempts = 1;
  while (true) {
    const delay = Math.min(policy.capMs, policy.baseMs * 2 ** (attempts - 1));
    if (elapsed + delay > windowMs) return attempts;
    elapsed += delay;
    attempts += 1;
  }
}
