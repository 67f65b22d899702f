import { describe, expect, it } from 'vitest';
import type { BoardCardView } from '@/lib/board/types';
import { toWebhookEvents, toWebhookPayload, type BoardFacts } from './events';

const card: BoardCardView = {
  id: 'c1', columnId: 'done', laneId: 'l1', title: 'Ansökan från Anna Andersson 19850709-9805', position: 1024, demand: 'FAILURE', labels: ['brådskande'],
  blockedReason: 'Väntar på Anna', blockedAt: null, createdAt: '2026-12-01T08:00:00.000Z', startedAt: '2026-12-01T09:00:00.000Z',
  doneAt: '2026-12-02T10:00:00.000Z', lastMovedAt: '2026-12-02T10:00:00.000Z', version: 4, commentCount: 0, checklist: null, waitingFor: null,
  people: [{ userId: 'u1', name: 'Anna Andersson', initials: 'AA' }],
};
const facts: BoardFacts = {
  teamId: 't1',
  columns: new Map([['done', { name: 'Klart', flowState: 'DONE' }], ['doing', { name: 'Utreds', flowState: 'IN_PROGRESS' }]]),
  actor: { kind: 'person' },
  reference: 'ABC-123',
};
const base = { boardId: 'b1', actorId: 'u1', actorName: 'Anna Andersson' };

describe('webhook events of board events', () => {
  it('a move into done is card.moved then card.done; a move elsewhere only card.moved', () => {
    const events = toWebhookEvents({ kind: 'card.upsert', ...base, card, action: 'moved', fromColumnId: 'doing' }, facts);
    expect(events.map((event) => event.type)).toEqual(['card.moved', 'card.done']);
    expect(events[0]!.data).toMatchObject({ boardId: 'b1', teamId: 't1', fromColumnId: 'doing', card: { id: 'c1', reference: 'ABC-123', columnId: 'done', columnName: 'Klart', flowState: 'DONE', demand: 'FAILURE', isBlocked: false, version: 4 } });
    const moving = { ...card, columnId: 'doing', doneAt: null };
    expect(toWebhookEvents({ kind: 'card.upsert', ...base, card: moving, action: 'moved', fromColumnId: 'done' }, facts).map((event) => event.type)).toEqual(['card.moved']);
    // A reorder within done is not "done" again.
    expect(toWebhookEvents({ kind: 'card.upsert', ...base, card, action: 'moved', fromColumnId: 'done' }, facts).map((event) => event.type)).toEqual(['card.moved']);
  });

  it('maps created, blocked, unblocked and archived; edits and board changes send nothing', () => {
    const types = (event: Parameters<typeof toWebhookEvents>[0]) => toWebhookEvents(event, facts).map((item) => item.type);
    expect(types({ kind: 'card.upsert', ...base, card, action: 'created' })).toEqual(['card.created']);
    expect(types({ kind: 'card.upsert', ...base, card, action: 'blocked' })).toEqual(['card.blocked']);
    expect(types({ kind: 'card.upsert', ...base, card, action: 'unblocked' })).toEqual(['card.unblocked']);
    expect(types({ kind: 'card.upsert', ...base, card, action: 'edited' })).toEqual([]);
    expect(types({ kind: 'card.remove', ...base, cardId: 'c1', title: card.title })).toEqual(['card.archived']);
    expect(types({ kind: 'board.changed', ...base })).toEqual([]);
    expect(types({ kind: 'comment.added', ...base, cardId: 'c1', commentId: 'k1' } as never)).toEqual(['comment.added']);
    expect(types({ kind: 'card.upsert', ...base, card, action: 'commented' as never })).toEqual(['comment.added']);
    expect(types({ kind: 'card.upsert', ...base, card, action: 'checklist-changed' as never })).toEqual([]);
  });

  it('carries ids and team-level facts, never card text or a person’s name', () => {
    for (const event of [
      { kind: 'card.upsert' as const, ...base, card, action: 'moved' as const, fromColumnId: 'doing' },
      { kind: 'card.remove' as const, ...base, cardId: 'c1', title: card.title },
    ]) {
      const text = JSON.stringify(toWebhookEvents(event, facts).map((item) => toWebhookPayload(item, new Date('2026-12-02T10:00:00Z'))));
      for (const secret of ['Anna', 'Ansökan', '19850709', 'Väntar', 'brådskande', 'u1']) expect(text, secret).not.toContain(secret);
    }
    const integration = toWebhookEvents({ kind: 'card.upsert', ...base, card, action: 'created' }, { ...facts, actor: { kind: 'integration', name: 'E-tjänst bistånd' } });
    expect(integration[0]!.data.actor).toEqual({ kind: 'integration', name: 'E-tjänst bistånd' });
    expect(toWebhookPayload(integration[0]!, new Date('2026-12-02T10:00:00Z'))).toMatchObject({ type: 'card.created', timestamp: '2026-12-02T10:00:00.000Z' });
  });
});
