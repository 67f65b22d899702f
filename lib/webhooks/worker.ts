import 'server-only';
import { Logger, makeWorkerUtils, run, runMigrations, type Runner, type RunnerOptions, type Task } from 'graphile-worker';
import { pruneIdempotencyKeys } from '@/lib/data/idempotency';
import { sendNotificationEmail } from '@/lib/data/notification-emails';
import { enqueueDeliveryAttempt } from '@/lib/data/webhooks';
import { getDb } from '@/lib/db';
import { getServerEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { getApiConfig } from './config';
import { sendWebhookRequest } from './deliver';
import { decideAfterFailure } from './retry-policy';
import { signWebhook } from './signing';

/**
 * The webhook delivery worker: graphile-worker (a PostgreSQL-backed job queue; its tables live in the
 * `graphile_worker` schema, installed from the package itself by runMigrations, no download) runs in every app
 * instance started by server.ts. Jobs are picked up at once through LISTEN/NOTIFY, locked with SKIP LOCKED so each
 * runs on one instance only, and survive restarts: a job whose instance died is unlocked and run again.
 *
 * One job is one attempt of one delivery, in the endpoint's named queue (`webhook:<endpointId>`), which graphile
 * runs one job at a time, so an endpoint receives its messages in the order the events happened. A failed attempt
 * is recorded on the delivery and the next one queued with exponential backoff (lib/webhooks/retry-policy.ts);
 * after 24 hours of nothing but failures the endpoint is switched off with a note in the team's history.
 * An hourly job prunes the API's expired idempotency keys.
 */

const graphileLogger = new Logger((scope) => (level, message, meta) => {
  if (level === 'error') log.error({ scope: scope.label, meta: meta ? Object.keys(meta) : undefined }, `job queue: ${message}`);
  else if (level === 'warning') log.warn({ scope: scope.label }, `job queue: ${message}`);
});

/** One attempt of one delivery. Throws only for unexpected faults (graphile then retries the job itself). */
export const deliverWebhook: Task = async (payload) => {
  const { deliveryId } = payload as { deliveryId: string };
  const db = getDb();
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, status: true, payload: true, createdAt: true, attempts: true, endpointId: true, endpoint: { select: { id: true, teamId: true, url: true, secret: true, disabledAt: true, failingSince: true } } },
  });
  if (!delivery || delivery.status === 'SUCCEEDED') return;
  if (delivery.endpoint.disabledAt) {
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'FAILED', nextAttemptAt: null, lastError: 'endpoint switched off' } });
    return;
  }
  const config = getApiConfig();
  const now = new Date();
  const body = JSON.stringify(delivery.payload);
  const outcome = await sendWebhookRequest({
    url: delivery.endpoint.url,
    body,
    headers: signWebhook(delivery.endpoint.secret, delivery.id, now, body),
    timeoutMs: config.timeoutMs,
    allowList: config.allowList,
  });
  const finishedAt = new Date();
  const attempts = delivery.attempts + 1;
  if (outcome.ok) {
    await db.$transaction([
      db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'SUCCEEDED', attempts, lastAttemptAt: finishedAt, lastStatus: outcome.status, lastError: null, nextAttemptAt: null, deliveredAt: finishedAt } }),
      db.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: { not: null } }, data: { failingSince: null } }),
    ]);
    return;
  }
  const failingSince = delivery.endpoint.failingSince ?? finishedAt;
  const decision = decideAfterFailure({ attempt: attempts, createdAt: delivery.createdAt, failingSince, now: finishedAt }, config.retryPolicy);
  await db.$transaction(async (tx) => {
    const failed = { attempts, lastAttemptAt: finishedAt, lastStatus: outcome.status, lastError: outcome.error.slice(0, 500) };
    if (!delivery.endpoint.failingSince) await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { failingSince } });
    if (decision.kind === 'retry') {
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { ...failed, status: 'PENDING', nextAttemptAt: decision.at } });
      await enqueueDeliveryAttempt(tx, delivery, decision.at);
      return;
    }
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { ...failed, status: 'FAILED', nextAttemptAt: null } });
    if (decision.kind === 'disable-endpoint') {
      const { count } = await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, disabledAt: null }, data: { disabledAt: finishedAt, disabledReason: 'FAILED_24H' } });
      if (count > 0) {
        await tx.webhookDelivery.updateMany({ where: { endpointId: delivery.endpointId, status: 'PENDING' }, data: { status: 'FAILED', nextAttemptAt: null } });
        await tx.teamEvent.create({ data: { teamId: delivery.endpoint.teamId, type: 'WEBHOOK_DISABLED', actorId: null, after: { endpointId: delivery.endpointId, url: delivery.endpoint.url, reason: 'FAILED_24H' }, at: finishedAt } });
      }
    }
  });
};

/** The e-mail of one mention notification, for a person who opted in (lib/data/notification-emails.ts). */
export const sendNotificationEmailTask: Task = async (payload) => {
  await sendNotificationEmail((payload as { notificationId: string }).notificationId);
};

export const pruneApiState: Task = async () => {
  await pruneIdempotencyKeys(new Date());
};

const globalForWorker = globalThis as unknown as { tillitWebhookWorker?: Promise<Runner[]> };

/** Attempts one instance runs at once (each in its own single worker, see below). */
const WORKERS_PER_INSTANCE = 3;

/**
 * Installs the job queue's schema (always: enqueueing needs it even where no worker runs) and starts this
 * instance's workers unless TILLIT_WEBHOOK_WORKER=false. Once per process.
 *
 * `instanceName` (host and port) gives the workers stable ids. graphile-worker releases a job whose worker stopped
 * cleanly at once, but one held by a worker that was killed only after hours; so each worker keeps its id across
 * restarts and, when it starts, releases what its previous life held: a restarted instance resumes its own
 * interrupted attempts immediately (such an attempt may reach the receiver twice; receivers drop duplicates by
 * webhook-id). Several single workers rather than one pool: graphile allows a fixed id only with concurrency 1.
 */
export function startWebhookWorker(instanceName: string): Promise<Runner[]> {
  globalForWorker.tillitWebhookWorker ??= (async () => {
    const options = { connectionString: getServerEnv().DATABASE_URL, logger: graphileLogger, noHandleSignals: true, maxPoolSize: 2 };
    await runMigrations(options);
    if (!getApiConfig().isWorkerEnabled) return [];
    const workerIds = Array.from({ length: WORKERS_PER_INSTANCE }, (_, index) => `tillit-${instanceName}-${index}`.replace(/[^\w.:-]/g, '_'));
    const utils = await makeWorkerUtils(options);
    try {
      await utils.forceUnlockWorkers(workerIds);
    } finally {
      await utils.release();
    }
    return Promise.all(
      workerIds.map((workerId, index) =>
        run({
          ...options,
          concurrency: 1,
          workerId,
          pollInterval: 2_000,
          taskList: { webhook_deliver: deliverWebhook, api_prune: pruneApiState, notification_email: sendNotificationEmailTask },
          // The hourly clean-up needs one schedule per instance (graphile runs each tick once per database).
          ...(index === 0 ? { crontab: '17 * * * * api_prune' } : { crontab: '' }),
          // workerId is a pool option graphile-worker's run() passes through (its RunnerOptions type omits it).
        } as RunnerOptions),
      ),
    );
  })();
  return globalForWorker.tillitWebhookWorker;
}

/** Stops taking jobs and releases the running ones (on SIGTERM). */
export async function stopWebhookWorker(): Promise<void> {
  const runners = await globalForWorker.tillitWebhookWorker?.catch(() => [] as Runner[]);
  await Promise.all((runners ?? []).map((runner) => runner.stop().catch(() => {})));
}
