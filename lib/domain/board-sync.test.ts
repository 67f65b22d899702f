import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyServerCard,
  deriveVisibleCards,
  mergeRemoteEvents,
  rebaseOnSnapshot,
  removeServerCard,
  settleMutation,
  type PendingMove,
  type SyncEvent,
  type SyncState,
} from './board-sync';

type Card = { id: string; columnId: string; position: number; version: number; title: string };

function card(id: string, columnId: string, position: number, version = 1, title = id): Card {
  return { id, columnId, position, version, title };
}

const INITIAL: Card[] = [card('a', 'todo', 1024), card('b', 'todo', 2048), card('c', 'doing', 1024)];

function move(mutationId: string, cardId: string, toColumnId: string, position: number): PendingMove {
  return { mutationId, cardId, toColumnId, position };
}

describe('applyServerCard', () => {
  it('inserts a new card in (columnId, position, id) order', () => {
    const result = applyServerCard(INITIAL, card('d', 'doing', 512));
    expect(result.map((c) => c.id)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('replaces a card with a newer version and re-sorts', () => {
    const result = applyServerCard(INITIAL, card('a', 'todo', 4096, 2));
    expect(result.map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(result.find((c) => c.id === 'a')?.version).toBe(2);
  });

  it('ignores a stale event', () => {
    const newer = applyServerCard(INITIAL, card('a', 'doing', 4096, 3));
    const result = applyServerCard(newer, card('a', 'todo', 1, 2));
    expect(result).toBe(newer);
    expect(result.find((c) => c.id === 'a')).toMatchObject({ columnId: 'doing', version: 3 });
  });

  it('is idempotent for an equal version', () => {
    const once = applyServerCard(INITIAL, card('a', 'doing', 4096, 2));
    expect(applyServerCard(once, card('a', 'doing', 4096, 2))).toEqual(once);
  });

  it('breaks position ties by id', () => {
    const result = applyServerCard([card('z', 'todo', 5)], card('y', 'todo', 5));
    expect(result.map((c) => c.id)).toEqual(['y', 'z']);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(INITIAL);
    applyServerCard(INITIAL, card('a', 'doing', 1, 2));
    expect(INITIAL).toEqual(copy);
  });
});

describe('removeServerCard', () => {
  it('removes the card and leaves the rest', () => {
    expect(removeServerCard(INITIAL, 'b').map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('returns the input unchanged for an unknown card', () => {
    expect(removeServerCard(INITIAL, 'nope')).toBe(INITIAL);
  });
});

describe('deriveVisibleCards', () => {
  it('applies pending moves on top of confirmed, in order', () => {
    const visible = deriveVisibleCards(INITIAL, [move('m1', 'a', 'doing', 2048), move('m2', 'a', 'done', 1024)]);
    expect(visible.find((c) => c.id === 'a')).toEqual(card('a', 'done', 1024));
    expect(visible).toHaveLength(3);
  });

  it('drops a pending move for a card that no longer exists', () => {
    const visible = deriveVisibleCards(removeServerCard(INITIAL, 'a'), [move('m1', 'a', 'doing', 1)]);
    expect(visible.map((c) => c.id)).toEqual(['c', 'b']);
  });

  it('rebases pending moves onto newer server data', () => {
    const confirmed = applyServerCard(INITIAL, { ...card('a', 'todo', 1024, 2), title: 'renamed elsewhere' });
    const visible = deriveVisibleCards(confirmed, [move('m1', 'a', 'doing', 2048)]);
    expect(visible.find((c) => c.id === 'a')).toEqual({ ...card('a', 'doing', 2048, 2), title: 'renamed elsewhere' });
  });

  it('is sorted by (columnId, position, id)', () => {
    const visible = deriveVisibleCards(INITIAL, [move('m1', 'b', 'todo', 1)]);
    expect(visible.map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('settleMutation', () => {
  const state: SyncState<Card> = {
    confirmed: INITIAL,
    pending: [move('m1', 'a', 'doing', 2048), move('m2', 'b', 'doing', 4096)],
  };

  it('confirms the server card and drops the pending move on success', () => {
    const settled = settleMutation(state, 'm1', { ok: true, card: card('a', 'doing', 2048, 2) });
    expect(settled.pending.map((m) => m.mutationId)).toEqual(['m2']);
    expect(settled.confirmed.find((c) => c.id === 'a')).toEqual(card('a', 'doing', 2048, 2));
  });

  it('snaps a refused move back to the confirmed place', () => {
    expect(deriveVisibleCards(state.confirmed, state.pending).find((c) => c.id === 'a')?.columnId).toBe('doing');
    const settled = settleMutation(state, 'm1', { ok: false });
    expect(settled.confirmed).toBe(state.confirmed);
    expect(deriveVisibleCards(settled.confirmed, settled.pending).find((c) => c.id === 'a')).toEqual(
      card('a', 'todo', 1024),
    );
  });

  it('does not let a late success overwrite a newer event', () => {
    const newer = { ...state, confirmed: applyServerCard(state.confirmed, card('a', 'done', 1, 3)) };
    const settled = settleMutation(newer, 'm1', { ok: true, card: card('a', 'doing', 2048, 2) });
    expect(settled.confirmed.find((c) => c.id === 'a')).toEqual(card('a', 'done', 1, 3));
    expect(settled.pending).toHaveLength(1);
  });
});

describe('mergeRemoteEvents', () => {
  const state: SyncState<Card> = { confirmed: INITIAL, pending: [] };

  it('defers events for held cards and applies the others', () => {
    const events: SyncEvent<Card>[] = [
      { type: 'card.upsert', card: card('a', 'doing', 9, 2) },
      { type: 'card.upsert', card: card('b', 'done', 9, 2) },
      { type: 'card.remove', cardId: 'a' },
      { type: 'card.remove', cardId: 'c' },
    ];
    const { state: merged, deferred } = mergeRemoteEvents(state, events, new Set(['a']));
    expect(deferred).toEqual([events[0], events[2]]);
    expect(merged.confirmed.map((c) => c.id)).toEqual(['b', 'a']);
    expect(merged.confirmed.find((c) => c.id === 'a')).toEqual(card('a', 'todo', 1024));

    // Releasing the hold applies the deferred events in order.
    const released = mergeRemoteEvents(merged, deferred, new Set());
    expect(released.deferred).toEqual([]);
    expect(released.state.confirmed.map((c) => c.id)).toEqual(['b']);
  });

  it('keeps pending moves across merges', () => {
    const withPending: SyncState<Card> = { confirmed: INITIAL, pending: [move('m1', 'a', 'doing', 1)] };
    const { state: merged } = mergeRemoteEvents(
      withPending,
      [{ type: 'card.upsert', card: card('b', 'done', 1, 2) }],
      new Set(),
    );
    expect(merged.pending).toBe(withPending.pending);
  });
});

describe('convergence', () => {
  it('two people moving the same card at the same moment end with the same board', () => {
    // Anna moves a → doing, Bo moves a → done. The server takes Anna's first (v2), then Bo's (v3).
    const anna0: SyncState<Card> = { confirmed: INITIAL, pending: [move('anna-1', 'a', 'doing', 2048)] };
    const bo0: SyncState<Card> = { confirmed: INITIAL, pending: [move('bo-1', 'a', 'done', 1024)] };
    const annaCard = card('a', 'doing', 2048, 2);
    const boCard = card('a', 'done', 1024, 3);

    // Anna: her answer first, then Bo's broadcast.
    let anna = settleMutation(anna0, 'anna-1', { ok: true, card: annaCard });
    anna = mergeRemoteEvents(anna, [{ type: 'card.upsert', card: boCard }], new Set()).state;

    // Bo: his answer first, then Anna's (older) broadcast arrives late.
    let bo = settleMutation(bo0, 'bo-1', { ok: true, card: boCard });
    bo = mergeRemoteEvents(bo, [{ type: 'card.upsert', card: annaCard }], new Set()).state;

    expect(anna).toEqual(bo);
    expect(deriveVisibleCards(anna.confirmed, anna.pending)).toEqual(deriveVisibleCards(bo.confirmed, bo.pending));
    expect(anna.confirmed.find((c) => c.id === 'a')).toEqual(boCard);
  });

  it('property: the same upsert events in any order give the same confirmed board', () => {
    const ids = ['a', 'b', 'c', 'd'];
    // The server history: a sequence of changes; each card's version counts its own changes.
    const historyArb = fc.array(
      fc.record({
        id: fc.constantFrom(...ids),
        columnId: fc.constantFrom('todo', 'doing', 'done'),
        position: fc.integer({ min: 0, max: 10_000 }),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(
        historyArb.chain((history) => {
          const versions = new Map<string, number>();
          const events: SyncEvent<Card>[] = history.map((change) => {
            const version = (versions.get(change.id) ?? 0) + 1;
            versions.set(change.id, version);
            return { type: 'card.upsert', card: card(change.id, change.columnId, change.position, version) };
          });
          return fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }));
        }),
        ([inOrder, shuffled]) => {
          const start: SyncState<Card> = { confirmed: [], pending: [] };
          const first = mergeRemoteEvents(start, inOrder, new Set()).state.confirmed;
          const second = mergeRemoteEvents(start, shuffled, new Set()).state.confirmed;
          expect(second).toEqual(first);
        },
      ),
    );
  });

  it('property: deferring held cards and releasing later gives the same board', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ id: fc.constantFrom('a', 'b', 'c'), position: fc.integer({ min: 0, max: 100 }) }),
          { maxLength: 30 },
        ),
        fc.subarray(['a', 'b', 'c']),
        (changes, held) => {
          const versions = new Map<string, number>();
          const events: SyncEvent<Card>[] = changes.map(({ id, position }) => {
            const version = (versions.get(id) ?? 1) + 1;
            versions.set(id, version);
            return { type: 'card.upsert', card: card(id, 'todo', position, version) };
          });
          const start: SyncState<Card> = { confirmed: INITIAL, pending: [] };
          const direct = mergeRemoteEvents(start, events, new Set()).state;
          const held1 = mergeRemoteEvents(start, events, new Set(held));
          const released = mergeRemoteEvents(held1.state, held1.deferred, new Set()).state;
          expect(released).toEqual(direct);
        },
      ),
    );
  });
});

describe('rebaseOnSnapshot', () => {
  it('keeps a live move that arrived while an older snapshot was in flight', () => {
    const snapshot = INITIAL; // read before the colleague's move
    const liveMove: SyncEvent<Card> = { type: 'card.upsert', card: card('a', 'done', 1024, 2) };
    const result = rebaseOnSnapshot(snapshot, [liveMove]);
    expect(result.find((c) => c.id === 'a')).toEqual(card('a', 'done', 1024, 2));
  });

  it('lets a snapshot newer than the buffered events win', () => {
    const snapshot = [card('a', 'doing', 512, 3), card('b', 'todo', 2048), card('c', 'doing', 1024)];
    const result = rebaseOnSnapshot(snapshot, [{ type: 'card.upsert', card: card('a', 'done', 1024, 2) }]);
    expect(result.find((c) => c.id === 'a')).toEqual(card('a', 'doing', 512, 3));
  });

  it('adds a card created and removes a card archived after the snapshot was read', () => {
    const result = rebaseOnSnapshot(INITIAL, [
      { type: 'card.upsert', card: card('d', 'todo', 4096) },
      { type: 'card.remove', cardId: 'b' },
    ]);
    expect(result.map((c) => c.id)).toEqual(['c', 'a', 'd']);
  });

  it('replays in order: a card created and archived during the fetch is not brought back', () => {
    const result = rebaseOnSnapshot(INITIAL, [
      { type: 'card.upsert', card: card('d', 'todo', 4096) },
      { type: 'card.remove', cardId: 'd' },
    ]);
    expect(result.map((c) => c.id)).toEqual(['c', 'a', 'b']);
  });

  it('with nothing buffered is the snapshot itself, sorted', () => {
    expect(rebaseOnSnapshot([...INITIAL].reverse(), [])).toEqual([...INITIAL].sort((x, y) => (x.columnId < y.columnId ? -1 : x.columnId > y.columnId ? 1 : x.position - y.position)));
  });
});
