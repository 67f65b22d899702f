/**
 * Client-side merge rule for live collaboration on a board.
 *
 * The client keeps two things:
 * - `confirmed`: the board as last confirmed by the server. Every card carries
 *   a `version` that the server increments on each change, so the newest
 *   version always wins regardless of the order events arrive in.
 * - `pending`: this user's optimistic moves not yet answered by the server.
 *
 * What the user sees is derived: confirmed with the pending moves replayed on
 * top (a rebase). Nothing here mutates its inputs.
 */

/** The fields the merge rule needs; real cards carry more (`C extends SyncCard`). */
export type SyncCard = { id: string; columnId: string; position: number; version: number };

/** An optimistic move awaiting the server's answer. */
/** `toLaneId`: on a board with lanes, the lane the card goes to (cards without a lane field ignore it). */
export type PendingMove = { mutationId: string; cardId: string; toColumnId: string; toLaneId?: string; position: number };

/** The client's sync state. */
export type SyncState<C extends SyncCard> = { confirmed: C[]; pending: PendingMove[] };

/** The server's answer to a mutation: the card as stored, or a refusal. */
export type MutationOutcome<C extends SyncCard> = { ok: true; card: C } | { ok: false };

/** A change pushed by the server (another user's, or our own echoed back). */
export type SyncEvent<C extends SyncCard> = { type: 'card.upsert'; card: C } | { type: 'card.remove'; cardId: string };

/** Result of {@link mergeRemoteEvents}. */
export type MergeResult<C extends SyncCard> = { state: SyncState<C>; deferred: SyncEvent<C>[] };

/**
 * Board order: by columnId, then position, then id. The id tie-break makes the
 * order total, so two clients holding the same cards list them identically.
 */
export function compareSyncCards(a: SyncCard, b: SyncCard): number {
  if (a.columnId !== b.columnId) return a.columnId < b.columnId ? -1 : 1;
  if (a.position !== b.position) return a.position - b.position;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * Upsert a server-confirmed card.
 *
 * Invariants: the card is taken only if no card with that id is held or
 * `card.version >= existing.version` — a stale (older) event is ignored and the
 * input array is returned unchanged; an equal version is taken again, which is
 * idempotent because the server never issues two different cards with one
 * version. The result is sorted by (columnId, position, id).
 */
export function applyServerCard<C extends SyncCard>(confirmed: C[], card: C): C[] {
  const existing = confirmed.find((candidate) => candidate.id === card.id);
  if (existing !== undefined && card.version < existing.version) return confirmed;
  return [...confirmed.filter((candidate) => candidate.id !== card.id), card].sort(compareSyncCards);
}

/**
 * Remove a card from the confirmed board (deleted, or no longer on this board).
 *
 * Removal is not versioned: a stale upsert for the same card arriving AFTER
 * the removal would bring it back. Server events on one connection arrive in
 * order, so this only matters after a reconnect — where the client refetches
 * the whole board anyway. Returns the input unchanged if the card is absent.
 */
export function removeServerCard<C extends SyncCard>(confirmed: C[], cardId: string): C[] {
  if (!confirmed.some((card) => card.id === cardId)) return confirmed;
  return confirmed.filter((card) => card.id !== cardId);
}

/**
 * Apply one server event to the confirmed board, by the rules of
 * {@link applyServerCard} and {@link removeServerCard}.
 */
export function applyServerEvent<C extends SyncCard>(confirmed: C[], event: SyncEvent<C>): C[] {
  return event.type === 'card.upsert' ? applyServerCard(confirmed, event.card) : removeServerCard(confirmed, event.cardId);
}

/**
 * The board the user sees: confirmed cards with each pending move applied on
 * top, in pending order (a later move of the same card wins).
 *
 * Invariants: contains exactly the confirmed cards (a pending move for a card
 * that no longer exists is dropped, never invents a card); only columnId and
 * position (and the lane, for a move that names one) are overridden — other fields and the version come from confirmed;
 * sorted by (columnId, position, id).
 */
export function deriveVisibleCards<C extends SyncCard>(confirmed: C[], pending: PendingMove[]): C[] {
  const byId = new Map(confirmed.map((card) => [card.id, card]));
  for (const move of pending) {
    const card = byId.get(move.cardId);
    if (card === undefined) continue;
    byId.set(move.cardId, { ...card, columnId: move.toColumnId, position: move.position, ...(move.toLaneId !== undefined && 'laneId' in card ? { laneId: move.toLaneId } : {}) });
  }
  return [...byId.values()].sort(compareSyncCards);
}

/**
 * Settle a pending mutation with the server's answer.
 *
 * Invariants: the pending move with `mutationId` is removed either way; other
 * pending moves (including later ones for the same card) stay. On success the
 * server's card is applied to confirmed by the version rule (so a newer event
 * that already arrived is not overwritten). On failure confirmed is untouched,
 * so the card snaps back to its confirmed place. An unknown mutationId still
 * applies a successful card — the server's word is truth.
 */
export function settleMutation<C extends SyncCard>(
  state: SyncState<C>,
  mutationId: string,
  outcome: MutationOutcome<C>,
): SyncState<C> {
  const pending = state.pending.filter((move) => move.mutationId !== mutationId);
  const confirmed = outcome.ok ? applyServerCard(state.confirmed, outcome.card) : state.confirmed;
  return { confirmed, pending };
}

/**
 * Merge server events into the state, holding back events for cards this user
 * is dragging or editing (`heldCardIds`) so they do not jump under the cursor.
 *
 * Invariants: events for held cards are returned in `deferred` in their
 * original order and not applied; all others are applied to confirmed in order.
 * Pending moves are left alone — a move for a removed card disappears from the
 * view via {@link deriveVisibleCards} and is settled when the server answers.
 * To release the hold, merge `deferred` again with an empty set; because
 * upserts are version-ordered, applying them late gives the same board.
 */
export function mergeRemoteEvents<C extends SyncCard>(
  state: SyncState<C>,
  events: SyncEvent<C>[],
  heldCardIds: ReadonlySet<string>,
): MergeResult<C> {
  const deferred: SyncEvent<C>[] = [];
  let confirmed = state.confirmed;
  for (const event of events) {
    const cardId = event.type === 'card.upsert' ? event.card.id : event.cardId;
    if (heldCardIds.has(cardId)) {
      deferred.push(event);
      continue;
    }
    confirmed = applyServerEvent(confirmed, event);
  }
  return { state: { confirmed, pending: state.pending }, deferred };
}

/**
 * The confirmed board after a full refetch (resync), given the server changes
 * this client applied while the fetch was in flight.
 *
 * The snapshot may have been read before some of those changes were made, so
 * taking it wholesale would roll them back until the card changes again.
 * Replaying them on top, in the order they were applied, by the rules of
 * {@link applyServerEvent}, keeps them: an upsert older than the snapshot's
 * card is ignored by the version rule, a newer one wins; a removal that
 * happened after the snapshot removes the card, and a card created after it is
 * added.
 *
 * Invariants: every card in the result is in the snapshot or in an upsert of
 * `appliedSince`; the result is sorted by (columnId, position, id).
 */
export function rebaseOnSnapshot<C extends SyncCard>(snapshot: C[], appliedSince: SyncEvent<C>[]): C[] {
  return appliedSince.reduce(applyServerEvent, [...snapshot].sort(compareSyncCards));
}
