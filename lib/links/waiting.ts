/**
 * What "waiting for" means for the waiting card. Pure.
 *
 * An awaited card no longer holds the waiting card up once it is done, or once it was archived (removed, or its
 * board archived): its work will not be finished on the board, and the team decides what the waiting card does.
 */

/** Whether an awaited card still holds the waiting card up. */
export function isStillAwaited(card: { doneAt: Date | string | null; archivedAt: Date | string | null }): boolean {
  return card.doneAt === null && card.archivedAt === null;
}

/** The waiting card's summary: how many cards it waits for, how many of them are done. Null when none. */
export function summarizeWaiting(awaited: readonly { doneAt: Date | string | null; archivedAt: Date | string | null }[]): { done: number; total: number } | null {
  if (awaited.length === 0) return null;
  return { done: awaited.filter((card) => !isStillAwaited(card)).length, total: awaited.length };
}

/** Free to go on ("Kan fortsätta"): it waited for cards, and none of them holds it up any longer. */
export function isFreeToGoOn(waitingFor: { done: number; total: number } | null): boolean {
  return waitingFor !== null && waitingFor.total > 0 && waitingFor.done === waitingFor.total;
}
