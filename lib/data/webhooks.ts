import 'server-only';
import { z } from 'zod';
import { getDb, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { UrlProblem } from '@/lib/webhooks/address-policy';
import { getApiConfig } from '@/lib/webhooks/config';
import { checkWebhookDestination } from '@/lib/webhooks/deliver';
import { WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';
import { createWebhookSecret } from '@/lib/webhooks/signing';
import { authorizeTeamAction } from './access';

/**
 * A team's webhooks: endpoints (URL, chosen events, signing secret) and their delivery log. Members manage them;
 * members and viewers read the list and the log. Creating, switching on again and removing are recorded in the
 * team's history; so is the automatic switch-off after 24 hours of failures (lib/webhooks/worker.ts).
 * Deliveries are queued by the webhook consumer (lib/webhooks/consumer.ts) and sent by the worker.
 */

export const WEBHOOK_DESCRIPTION_MAX = 200;
export const WEBHOOK_URL_MAX = 2_000;
const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const webhookInputSchema = z.strictObject({
  teamId: idSchema,
  url: z.string().trim().min(1, 'webhookUrlInvalid').max(WEBHOOK_URL_MAX, 'webhookUrlInvalid'),
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX, 'descriptionTooLong').default(''),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'webhookEventsRequired').max(WEBHOOK_EVENT_TYPES.length),
});

/** A URL the address policy refuses; `problem` is shown translated (api.errors.webhookUrl…). */
export class WebhookUrlRefusedError extends Error {
  constructor(readonly problem: UrlProblem) {
    super(problem);
    this.name = 'WebhookUrlRefusedError';
  }
}

export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string;
  events: string[];
  createdAt: string;
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
};

export type WebhookDeliveryView = {
  id: string;
  eventType: string;
  createdAt: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'ABANDONED';
  attempts: number;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
};

const ENDPOINT_SELECT = { id: true, url: true, description: true, events: true, createdAt: true, failingSince: true, disabledAt: true, disabledReason: true } as const;

function toEndpointView(row: { id: string; url: string; description: string; events: string[]; createdAt: Date; failingSince: Date | null; disabledAt: Date | null; disabledReason: string | null }): WebhookEndpointView {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    failingSince: row.failingSince?.toISOString() ?? null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}

/** Registers a webhook. The URL is checked now (shape and where it resolves) and again at every delivery. */
export async function createWebhook(actor: { id: string }, input: unknown, now: Date): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const parsed = webhookInputSchema.parse(input);
  const db = getDb();
  await authorizeTeamAction(db, actor.id, parsed.teamId, 'team.members.manage');
  const destination = await checkWebhookDestination(parsed.url, getApiConfig().allowList);
  if (!destination.ok) throw new WebhookUrlRefusedError(destination.problem);
  const secret = createWebhookSecret();
  const url = destination.url.toString();
  return db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { teamId: parsed.teamId, url, description: parsed.description, events: [...new Set(parsed.events)], secret, createdById: actor.id, createdAt: now },
      select: ENDPOINT_SELECT,
    });
    await tx.teamEvent.create({ data: { teamId: parsed.teamId, type: 'WEBHOOK_CREATED', actorId: actor.id, after: { endpointId: row.id, url, events: row.events }, at: now } });
    return { endpoint: toEndpointView(row), secret };
  });
}

export async function listWebhooks(actor: { id: string }, teamId: string): Promise<WebhookEndpointView[]> {
  const db = getDb();
  await authorizeTeamAction(db, actor.id, idSchema.parse(teamId), 'team.members.read');
  const rows = await db.webhookEndpoint.findMany({ where: { teamId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: ENDPOINT_SELECT });
  return rows.map(toEndpointView);
}

async function findEndpoint(tx: Tx, teamId: string, endpointId: string) {
  const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: idSchema.parse(endpointId), teamId }, select: { id: true, url: true, disabledAt: true } });
  if (!endpoint) throw new AppError('NOT_FOUND');
  return endpoint;
}

/** Removes a webhook and its delivery log (queued attempts find it gone and stop). */
export async function deleteWebhook(actor: { id: string }, input: { teamId: string; endpointId: string }, now: Date): Promise<void> {
  const teamId = idSchema.parse(input.teamId);
  const db = getDb();
  await authorizeTeamAction(db, actor.id, teamId, 'team.members.manage');
  await db.$transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, teamId, input.endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await tx.teamEvent.create({ data: { teamId, type: 'WEBHOOK_DELETED', actorId: actor.id, after: { endpointId: endpoint.id, url: endpoint.url }, at: now } });
  });
}

/** Switches a disabled webhook on again: new events are sent; failed ones can be sent again from the log. */
export async function enableWebhook(actor: { id: string }, input: { teamId: string; endpointId: string }, now: Date): Promise<void> {
  const teamId = idSchema.parse(input.teamId);
  const db = getDb();
  await authorizeTeamAction(db, actor.id, teamId, 'team.members.manage');
  await db.$transaction(async (tx) => {
    const endpoint = await findEndpoint(tx, teamId, input.endpointId);
    if (!endpoint.disabledAt) return;
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: null, disabledReason: null, failingSince: null } });
    await tx.teamEvent.create({ data: { teamId, type: 'WEBHOOK_CHANGED', actorId: actor.id, after: { endpointId: endpoint.id, url: endpoint.url, enabled: true }, at: now } });
  });
}

export const DELIVERY_LOG_LIMIT = 200;

/** The latest deliveries to one of the team's endpoints, newest first. */
export async function listDeliveries(actor: { id: string }, input: { teamId: string; endpointId: string }): Promise<{ endpoint: WebhookEndpointView; deliveries: WebhookDeliveryView[] }> {
  const teamId = idSchema.parse(input.teamId);
  const db = getDb();
  await authorizeTeamAction(db, actor.id, teamId, 'team.members.read');
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: idSchema.parse(input.endpointId), teamId }, select: ENDPOINT_SELECT });
  if (!endpoint) throw new AppError('NOT_FOUND');
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: DELIVERY_LOG_LIMIT,
    select: { id: true, eventType: true, createdAt: true, status: true, attempts: true, lastAttemptAt: true, nextAttemptAt: true, lastStatus: true, lastError: true, deliveredAt: true },
  });
  return {
    endpoint: toEndpointView(endpoint),
    deliveries: rows.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
    })),
  };
}

/** Queues one attempt of a delivery now (graphile-worker, in the endpoint's queue, so its order holds). */
export async function enqueueDeliveryAttempt(tx: Tx, delivery: { id: string; endpointId: string }, runAt: Date): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    'webhook_deliver',
    json_build_object('deliveryId', ${delivery.id}::text),
    queue_name => ${`webhook:${delivery.endpointId}`}::text,
    run_at => ${runAt.toISOString()}::timestamptz,
    max_attempts => 5,
    job_key => ${delivery.id}::text
  )`;
}

/** "Send again": a failed (or waiting) delivery gets a fresh attempt now, with the same message id. */
export async function resendDelivery(actor: { id: string }, input: { teamId: string; deliveryId: string }, now: Date): Promise<void> {
  const teamId = idSchema.parse(input.teamId);
  const db = getDb();
  await authorizeTeamAction(db, actor.id, teamId, 'team.members.manage');
  await db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({ where: { id: z.string().min(1).max(64).parse(input.deliveryId), endpoint: { teamId } }, select: { id: true, endpointId: true, endpoint: { select: { disabledAt: true } } } });
    if (!delivery) throw new AppError('NOT_FOUND');
    if (delivery.endpoint.disabledAt) throw new AppError('VALIDATION');
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'PENDING', nextAttemptAt: now, createdAt: undefined } });
    await enqueueDeliveryAttempt(tx, delivery, now);
  });
}
