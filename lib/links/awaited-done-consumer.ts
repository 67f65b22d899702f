import 'server-only';
import { recordAwaitedCardDone } from '@/lib/data/card-links';
import { createNotifications } from '@/lib/data/notifications';
import type { DurableConsumer } from '@/lib/events/consumers';
import { findCardReachingDone, planAwaitedDoneNotices } from './awaited-done';

/**
 * "Waiting for" as a durable consumer of the event core: when a card reaches done, every card waiting for it says
 * so (history, live update: lib/data/card-links.ts recordAwaitedCardDone) and the people on those cards get a
 * notification of kind 'awaited-done' — exactly once, together with the consumer's cursor. Decided by pure
 * functions (lib/links/awaited-done.ts).
 */
export const awaitedDoneConsumer: DurableConsumer = {
  name: 'notifications.awaited-done',
  kind: 'durable',
  accepts: (event) => findCardReachingDone(event) !== null,
  async handle(tx, events) {
    for (const { event, at } of events) {
      const awaitedCardId = findCardReachingDone(event);
      if (!awaitedCardId || event.kind !== 'card.upsert') continue;
      const waiting = await recordAwaitedCardDone(tx, { awaitedCardId, actorId: event.actorId, actorName: event.actorName, at });
      for (const notice of planAwaitedDoneNotices(waiting, event.actorId)) {
        if (notice.userIds.length === 0) continue;
        await createNotifications(tx, { userIds: notice.userIds, kind: 'awaited-done', cardId: notice.cardId, boardId: notice.boardId, actorId: event.actorId, data: { awaitedCardId } });
      }
    }
  },
};
