import { describe, expect, it } from 'vitest';
import { describeColumnTargets, type MoveTargetColumn } from './move-targets';

const columns: MoveTargetColumn[] = [
  { id: 'in', name: 'Inkommet', wipLimit: null, wipMode: 'ADVISORY' },
  { id: 'utreds', name: 'Utreds', wipLimit: 3, wipMode: 'ADVISORY' },
  { id: 'beslut', name: 'Beslut', wipLimit: 3, wipMode: 'STRICT' },
  { id: 'klart', name: 'Klart', wipLimit: 5, wipMode: 'STRICT' },
];
const counts: Record<string, number> = { in: 2, utreds: 3, beslut: 4, klart: 4 };

describe('describeColumnTargets', () => {
  it('says for every column what choosing it will do, in board order', () => {
    const targets = describeColumnTargets(columns, (id) => counts[id] ?? 0, 'in');
    expect(targets.map((t) => [t.name, t.count, t.limit, t.state])).toEqual([
      ['Inkommet', 2, null, 'current'],
      ['Utreds', 3, 3, 'asks'],
      ['Beslut', 4, 3, 'full'],
      // One place left: the move goes through.
      ['Klart', 4, 5, 'open'],
    ]);
  });

  it('never calls the card’s own column full, even when it is over its limit (reordering is always allowed)', () => {
    const targets = describeColumnTargets(columns, (id) => counts[id] ?? 0, 'beslut');
    expect(targets.find((t) => t.columnId === 'beslut')?.state).toBe('current');
  });

  it('agrees with the WIP rule at the boundary: a column one below its limit takes the card', () => {
    const targets = describeColumnTargets(columns, (id) => (id === 'beslut' ? 2 : 0), 'in');
    expect(targets.find((t) => t.columnId === 'beslut')?.state).toBe('open');
  });
});
