import 'server-only';
import { isCardWorkAction } from '@/lib/board/card-work-actions';
import type { BoardLiveEvent } from '@/lib/board/types';
import type { Tx } from '@/lib/db';
import { queueWebhookDeliveries, type CommittedBoardEvent } from './consumer';

/**
 * Webhooks as a durable consumer of the board event core (lib/events, PLAN.md "The event core"): every committed
 * card event that can become a webhook event (created, moved, blocked, unblocked, archived, commented) is handed
 * here, per board in sequence order, inside the dispatcher's transaction, which queues the deliveries
 * (lib/webhooks/consumer.ts) exactly once, together with the consumer's cursor.
 *
 * Registered by one entry in EVENT_CONSUMERS (lib/events/consumers.ts). Typed by its shape here, so that it does
 * not depend on the event core's module: it is a `DurableConsumer`.
 */
export const webhookConsumer = {
  name: 'webhooks',
  kind: 'durable' as const,
  // Checklist and "waiting for" changes are no webhook events (lib/webhooks/events.ts): not even looked up.
  accepts: (event: BoardLiveEvent): boolean => (event.kind === 'card.upsert' && event.action !== 'edited' && !isCardWorkAction(event.action)) || event.kind === 'card.remove' || (event as { kind: string }).kind === 'comment.added',
  async handle(tx: Tx, events: readonly CommittedBoardEvent[]): Promise<void> {
    await queueWebhookDeliveries(tx, events);
  },
};
