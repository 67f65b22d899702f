import { describe, expect, it } from 'vitest';
import type { BoardCardView, BoardLiveEvent } from '@/lib/board/types';
import { findCardReachingDone, planAwaitedDoneNotices } from './awaited-done';

const card: BoardCardView = {
  id: 'c1', columnId: 'done', laneId: 'l', title: 'T', position: 1, demand: 'UNKNOWN', labels: [], blockedReason: null, blockedAt: null,
  createdAt: '2026-12-01T08:00:00.000Z', startedAt: '2026-12-01T09:00:00.000Z', doneAt: '2026-12-02T10:00:00.000Z', lastMovedAt: '2026-12-02T10:00:00.000Z',
  version: 3, checklist: null, waitingFor: null, commentCount: 0, people: [],
};
const moved = (overrides: Partial<BoardCardView>, fromColumnId: string | undefined = 'doing'): BoardLiveEvent => ({
  kind: 'card.upsert', boardId: 'b', card: { ...card, ...overrides }, actorId: 'u1', actorName: 'Anna', action: 'moved', fromColumnId,
});

describe('findCardReachingDone', () => {
  it('finds a move into a done column', () => expect(findCardReachingDone(moved({}))).toBe('c1'));
  it('ignores a reorder within the done column', () => expect(findCardReachingDone(moved({}, 'done'))).toBeNull());
  it('ignores a move that is not into done', () => expect(findCardReachingDone(moved({ doneAt: null, columnId: 'doing' }, 'new'))).toBeNull());
  it('ignores a move of a card done earlier (moved between done columns keeps its old doneAt)', () =>
    expect(findCardReachingDone(moved({ doneAt: '2026-12-01T10:00:00.000Z' }, 'done-2'))).toBeNull());
  it('ignores other actions and kinds', () => {
    expect(findCardReachingDone({ ...(moved({}) as Extract<BoardLiveEvent, { kind: 'card.upsert' }>), action: 'edited' })).toBeNull();
    expect(findCardReachingDone({ kind: 'card.remove', boardId: 'b', cardId: 'c1', actorId: 'u', actorName: 'A', title: 'T' })).toBeNull();
  });
});

describe('planAwaitedDoneNotices', () => {
  it('tells the people on each open waiting card, not the one who finished the awaited card', () => {
    expect(
      planAwaitedDoneNotices(
        [
          { cardId: 'w1', boardId: 'b1', isArchived: false, peopleIds: ['u2', 'u1', 'u3', 'u2'] },
          { cardId: 'w2', boardId: 'b2', isArchived: true, peopleIds: ['u4'] },
          { cardId: 'w3', boardId: 'b2', isArchived: false, peopleIds: [] },
        ],
        'u1',
      ),
    ).toEqual([
      { cardId: 'w1', boardId: 'b1', userIds: ['u2', 'u3'] },
      { cardId: 'w3', boardId: 'b2', userIds: [] },
    ]);
  });
});
