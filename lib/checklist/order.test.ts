import { describe, expect, it } from 'vitest';
import { planChecklistMove, positionAtEnd, sortChecklist, summarizeChecklist } from './order';

const items = [
  { id: 'c', position: 3072, isDone: false },
  { id: 'a', position: 1024, isDone: true },
  { id: 'b', position: 2048, isDone: true },
];

function applyMove(list: { id: string; position: number }[], itemId: string, toIndex: number) {
  const plan = planChecklistMove(list, itemId, toIndex);
  if (!plan) throw new Error('not in list');
  const moved = list.map((item) => {
    if (item.id === itemId) return { ...item, position: plan.position };
    const rebalanced = plan.rebalance?.find((r) => r.id === item.id);
    return rebalanced ? { ...item, position: rebalanced.position } : item;
  });
  return sortChecklist(moved).map((item) => item.id);
}

describe('summarizeChecklist', () => {
  it('counts done items of all', () => expect(summarizeChecklist(items)).toEqual({ done: 2, total: 3 }));
  it('is null without items', () => expect(summarizeChecklist([])).toBeNull());
});

describe('sortChecklist', () => {
  it('orders by position, ties by id', () => {
    expect(sortChecklist(items).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(sortChecklist([{ id: 'y', position: 1 }, { id: 'x', position: 1 }]).map((i) => i.id)).toEqual(['x', 'y']);
  });
});

describe('planChecklistMove', () => {
  it('moves an item up one place', () => expect(applyMove(items, 'b', 0)).toEqual(['b', 'a', 'c']));
  it('moves an item down one place', () => expect(applyMove(items, 'a', 1)).toEqual(['b', 'a', 'c']));
  it('moves to the end and clamps past it', () => expect(applyMove(items, 'a', 99)).toEqual(['b', 'c', 'a']));
  it('clamps below the start', () => expect(applyMove(items, 'c', -5)).toEqual(['c', 'a', 'b']));
  it('reports where the item came from and went', () => {
    expect(planChecklistMove(items, 'c', 0)).toMatchObject({ fromIndex: 2, toIndex: 0, rebalance: null });
  });
  it('is null for an item that is not in the list', () => expect(planChecklistMove(items, 'zzz', 0)).toBeNull());
  it('lays the list out afresh when the gap is used up, keeping the order', () => {
    const tight = [
      { id: 'a', position: 1 },
      { id: 'b', position: 1 + 1e-7 },
      { id: 'c', position: 5 },
    ];
    const plan = planChecklistMove(tight, 'c', 1);
    expect(plan?.rebalance).not.toBeNull();
    expect(applyMove(tight, 'c', 1)).toEqual(['a', 'c', 'b']);
  });
  it('keeps order stable over many moves between the same neighbours', () => {
    let list = [
      { id: 'a', position: 1024 },
      { id: 'b', position: 2048 },
      { id: 'c', position: 3072 },
    ];
    for (let n = 0; n < 80; n++) {
      const mover = n % 2 === 0 ? 'c' : 'b';
      const plan = planChecklistMove(list, mover, 1)!;
      list = list.map((item) => (item.id === mover ? { ...item, position: plan.position } : (plan.rebalance?.find((r) => r.id === item.id) ?? item)));
      expect(new Set(list.map((i) => i.position)).size).toBe(3);
    }
    expect(sortChecklist(list)[0]?.id).toBe('a');
  });
});

describe('positionAtEnd', () => {
  it('goes after the last item', () => expect(positionAtEnd(items)).toBeGreaterThan(3072));
  it('starts a list', () => expect(positionAtEnd([])).toBeGreaterThan(0));
});
