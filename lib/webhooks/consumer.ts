import 'server-only';
import type { BoardLiveEvent } from '@/lib/board/types';
import { enqueueDeliveryAttempt } from '@/lib/data/webhooks';
import type { Tx } from '@/lib/db';
import { createWebhookMessageId } from './signing';
import { getEventCardId, toWebhookEvents, toWebhookPayload, type BoardFacts } from './events';

/** One committed board event as the event core hands it to consumers (lib/events/types.ts BoardEventRecord). */
export type CommittedBoardEvent = { boardId: string; seq?: number; at: Date; event: BoardLiveEvent };

/**
 * The webhook consumer of the board event core (PLAN.md "The event core"): for each committed event of one
 * board, in sequence order, it finds the team's enabled endpoints that chose the resulting webhook events and
 * writes one delivery per endpoint and event, each with its first attempt queued in graphile-worker, inside the
 * dispatcher's transaction. So a delivery exists exactly when its event committed, exactly once, and survives any
 * restart; the sending happens later, in the worker (lib/webhooks/worker.ts), never inside this transaction.
 */
export async function queueWebhookDeliveries(tx: Tx, events: readonly CommittedBoardEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const boardId = events[0]!.boardId;
  const board = await tx.board.findUnique({ where: { id: boardId }, select: { teamId: true } });
  if (!board) return 0;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { teamId: board.teamId, disabledAt: null }, select: { id: true, events: true } });
  if (endpoints.length === 0) return 0;
  const wanted = new Set(endpoints.flatMap((endpoint) => endpoint.events));

  const columns = new Map(
    (await tx.column.findMany({ where: { boardId }, select: { id: true, name: true, flowState: true } })).map((column) => [column.id, { name: column.name, flowState: column.flowState as string }]),
  );
  const cardIds = [...new Set(events.map((record) => getEventCardId(record.event)).filter((id): id is string => id !== null))];
  const references = new Map(
    cardIds.length === 0
      ? []
      : (await tx.$queryRaw<{ id: string; reference: string | null }[]>`SELECT id, reference FROM "Card" WHERE id = ANY(${cardIds}::text[])`).map((row) => [row.id, row.reference]),
  );
  const actorIds = [...new Set(events.map((record) => ('actorId' in record.event ? record.event.actorId : null)).filter((id): id is string => typeof id === 'string'))];
  const integrations = new Map(
    (await tx.user.findMany({ where: { id: { in: actorIds }, isIntegration: true }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );

  let queued = 0;
  for (const record of events) {
    const actorId = 'actorId' in record.event ? record.event.actorId : null;
    const integrationName = actorId ? integrations.get(actorId) : undefined;
    const cardId = getEventCardId(record.event);
    const facts: BoardFacts = {
      teamId: board.teamId,
      columns,
      actor: integrationName !== undefined ? { kind: 'integration', name: integrationName } : { kind: 'person' },
      reference: cardId ? (references.get(cardId) ?? null) : null,
    };
    for (const webhookEvent of toWebhookEvents(record.event, facts)) {
      if (!wanted.has(webhookEvent.type)) continue;
      const payload = toWebhookPayload(webhookEvent, record.at);
      for (const endpoint of endpoints) {
        if (!endpoint.events.includes(webhookEvent.type)) continue;
        const delivery = await tx.webhookDelivery.create({
          data: { id: createWebhookMessageId(), endpointId: endpoint.id, eventType: webhookEvent.type, payload, createdAt: record.at, nextAttemptAt: record.at },
          select: { id: true, endpointId: true },
        });
        await enqueueDeliveryAttempt(tx, delivery, record.at);
        queued += 1;
      }
    }
  }
  return queued;
}
