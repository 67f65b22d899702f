/**
 * When an awaited card reaches done, the cards waiting for it may go on: their people are told (a notification of
 * kind 'awaited-done') and the waiting card's history and board say so. Pure decisions for the consumer
 * 'notifications.awaited-done' (lib/links/awaited-done-consumer.ts).
 */
import type { BoardLiveEvent } from '@/lib/board/types';

/**
 * The card that has just reached done with this event, or null. A move INTO a done column, not a reorder within
 * it: the move's view has `doneAt` set at the move's own time and a column other than the one it came from.
 */
export function findCardReachingDone(event: BoardLiveEvent): string | null {
  if (event.kind !== 'card.upsert' || event.action !== 'moved') return null;
  const { card } = event;
  const hasReachedDone = card.doneAt !== null && card.doneAt === card.lastMovedAt && event.fromColumnId !== undefined && event.fromColumnId !== card.columnId;
  return hasReachedDone ? card.id : null;
}

export type WaitingCardFacts = { cardId: string; boardId: string; isArchived: boolean; peopleIds: readonly string[] };

export type AwaitedDoneNotice = { cardId: string; boardId: string; userIds: string[] };

/**
 * Who is told, per waiting card: the people on it (CardPerson), except the person who moved the awaited card to
 * done (they know). An archived waiting card is left alone. A card with nobody on it still gets its history entry
 * and live update (userIds empty).
 */
export function planAwaitedDoneNotices(waiting: readonly WaitingCardFacts[], actorId: string): AwaitedDoneNotice[] {
  return waiting
    .filter((card) => !card.isArchived)
    .map((card) => ({ cardId: card.cardId, boardId: card.boardId, userIds: [...new Set(card.peopleIds)].filter((id) => id !== actorId).sort() }));
}
