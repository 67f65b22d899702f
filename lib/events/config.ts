/**
 * Settings of the event core and the live streams, from the environment. Pure, so it can be tested with any
 * environment; invalid values fall back to the defaults (these are tuning knobs, never secrets).
 *
 * - TILLIT_LIVE_NOTIFY: `after-commit` (default): a change's notification is sent after its transaction commits,
 *   by the instance's relay (lib/events/bus-postgres.ts), so no user transaction takes PostgreSQL's notification
 *   lock. `in-transaction`: the notification is queued inside the change's transaction, as before this design;
 *   kept only so that `npm run bench -- --only=notify` can measure both in one run (docs/scaling.md).
 * - TILLIT_EVENT_RETENTION_MINUTES (15): how long the event log keeps events for resuming streams (at least 10).
 * - TILLIT_STREAM_OPENINGS (4): how many stream openings may touch the database at once (admission control;
 *   the rest wait their turn, so a reconnect storm cannot take the connection pool from people's changes).
 * - TILLIT_LIVE_MEMORY_EVENTS_MIB (16): memory for recent events per instance, served to resuming streams
 *   without a database query.
 */
export type LiveConfig = {
  notifyMode: 'after-commit' | 'in-transaction';
  retentionMinutes: number;
  streamOpenings: number;
  recentEventsBytes: number;
};

function intInRange(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= min && parsed <= max ? parsed : fallback;
}

export function parseLiveConfig(env: Record<string, string | undefined>): LiveConfig {
  return {
    notifyMode: env.TILLIT_LIVE_NOTIFY?.trim() === 'in-transaction' ? 'in-transaction' : 'after-commit',
    retentionMinutes: intInRange(env.TILLIT_EVENT_RETENTION_MINUTES, 15, 10, 7 * 24 * 60),
    streamOpenings: intInRange(env.TILLIT_STREAM_OPENINGS, 4, 1, 64),
    recentEventsBytes: intInRange(env.TILLIT_LIVE_MEMORY_EVENTS_MIB, 16, 1, 1024) * 1024 * 1024,
  };
}

let cached: LiveConfig | undefined;

/** The running server's settings (read once). */
export function getLiveConfig(): LiveConfig {
  cached ??= parseLiveConfig(process.env);
  return cached;
}
