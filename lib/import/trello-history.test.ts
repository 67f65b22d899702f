import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImport } from './index';

const FIXTURE = readFileSync(path.join(import.meta.dirname, 'fixtures', 'trello-mottagning.json'), 'utf8');
const NOW = new Date('2024-11-20T12:00:00Z');

function withChanges(change: (board: Record<string, unknown[]>) => void) {
  const board = JSON.parse(FIXTURE) as Record<string, unknown[]>;
  change(board);
  return prepareImport(JSON.stringify(board), { now: NOW, fileName: 'trello.json' });
}

describe('Trello export: board history and templates', () => {
  it("keeps a list's rename in the board history, with who and when", () => {
    const plan = withChanges((board) => {
      const list = board.lists![1] as { id: string; name: string };
      board.actions!.unshift({
        id: '6720aa000000000000000001',
        type: 'updateList',
        date: '2024-10-01T08:00:00.000Z',
        data: { list: { id: list.id, name: list.name }, old: { name: 'Utredning' } },
        memberCreator: { fullName: 'Sara Nilsson', username: 'saran' },
      });
    });
    const rename = plan.boardEvents.find((event) => event.type === 'COLUMN_RENAMED');
    expect(rename).toMatchObject({ before: { name: 'Utredning' }, after: { name: 'Utreds' }, actorName: 'Sara Nilsson' });
    expect(rename?.at.toISOString()).toBe('2024-10-01T08:00:00.000Z');
    expect(plan.preview.boardEventCount).toBe(1);
  });

  it('leaves template cards out: they are not work, and are never counted as finished', () => {
    const before = withChanges(() => {});
    const plan = withChanges((board) => {
      (board.cards![0] as Record<string, unknown>).isTemplate = true;
    });
    expect(plan.cards).toHaveLength(before.cards.length - 1);
    expect(plan.preview.skipped).toContainEqual({ reason: 'templates', count: 1 });
  });
});
