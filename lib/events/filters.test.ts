import { describe, expect, it } from 'vitest';
import type { BoardCardView } from '@/lib/board/types';
import { acceptAll, acceptCardActions, acceptKinds, acceptPeoplesChanges } from './filters';
import type { BoardChange } from './types';

const card = { id: 'c', columnId: 'k', laneId: 'l', title: 'T', position: 1, demand: 'UNKNOWN', labels: [], blockedReason: null, blockedAt: null, createdAt: '', startedAt: null, doneAt: null, lastMovedAt: '', version: 2, commentCount: 0, people: [], checklist: null, waitingFor: null } as BoardCardView;
const moved: BoardChange = { kind: 'card.upsert', boardId: 'b', card, actorId: 'u1', actorName: 'Anna', action: 'moved', fromColumnId: 'k0' };
const removed: BoardChange = { kind: 'card.remove', boardId: 'b', cardId: 'c', actorId: 'u1', actorName: 'Anna', title: 'T' };
const columns: BoardChange = { kind: 'board.changed', boardId: 'b', actorId: 'tillit-retention', actorName: 'Tillit' };
const access: BoardChange = { kind: 'access.changed', boardId: 'b', userId: 'u2', role: null };

describe('consumer filters', () => {
  it('acceptAll takes everything', () => {
    for (const event of [moved, removed, columns, access]) expect(acceptAll(event)).toBe(true);
  });

  it('acceptKinds takes the named kinds only', () => {
    const filter = acceptKinds('card.upsert', 'access.changed');
    expect([moved, removed, columns, access].map(filter)).toEqual([true, false, false, true]);
  });

  it('acceptCardActions takes card events with those actions; removal counts as "removed"', () => {
    expect([moved, removed, columns].map(acceptCardActions('moved'))).toEqual([true, false, false]);
    expect([moved, removed, columns].map(acceptCardActions('removed'))).toEqual([false, true, false]);
  });

  it('acceptPeoplesChanges leaves out what Tillit itself did and membership changes', () => {
    expect([moved, removed, columns, access].map(acceptPeoplesChanges)).toEqual([true, true, false, false]);
  });
});
