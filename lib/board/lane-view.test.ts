import { describe, expect, it } from 'vitest';
import { cellKey, describeCellTargets, describeLaneLoad, groupCardsByCell, hasLaneRows } from './lane-view';

const columns = [
  { id: 'in', name: 'Inkommet', wipLimit: null, wipMode: 'ADVISORY' as const, flowState: 'NOT_STARTED' as const },
  { id: 'work', name: 'Utreds', wipLimit: 3, wipMode: 'STRICT' as const, flowState: 'IN_PROGRESS' as const },
  { id: 'done', name: 'Klart', wipLimit: null, wipMode: 'ADVISORY' as const, flowState: 'DONE' as const },
];
const lanes = [
  { id: 'std', name: 'Standard', position: 1024, classOfService: 'STANDARD' as const, wipLimit: null, wipMode: 'ADVISORY' as const },
  { id: 'exp', name: 'Akut', position: 2048, classOfService: 'EXPEDITE' as const, wipLimit: 1, wipMode: 'STRICT' as const },
];
const card = (id: string, columnId: string, laneId: string, position = 1) => ({ id, columnId, laneId, position });

describe('groupCardsByCell', () => {
  it('puts each card in its column × lane, in position order', () => {
    const cells = groupCardsByCell([card('b', 'work', 'std', 2), card('a', 'work', 'std', 1), card('c', 'work', 'exp', 1)]);
    expect(cells.get(cellKey('work', 'std'))?.map((c) => c.id)).toEqual(['a', 'b']);
    expect(cells.get(cellKey('work', 'exp'))?.map((c) => c.id)).toEqual(['c']);
    expect(cells.get(cellKey('in', 'std'))).toBeUndefined();
  });
});

describe('hasLaneRows', () => {
  it('draws lane rows only for more than one lane', () => {
    expect(hasLaneRows([lanes[0]])).toBe(false);
    expect(hasLaneRows(lanes)).toBe(true);
  });
});

describe('describeLaneLoad', () => {
  it('counts all the lane’s cards, and against its limit only those in in-progress columns', () => {
    const cards = [card('a', 'in', 'exp'), card('b', 'work', 'exp'), card('c', 'done', 'exp'), card('d', 'work', 'std')];
    expect(describeLaneLoad(lanes[1]!, cards, columns)).toEqual({ total: 3, wip: 1, limit: 1, isOver: false, isAtOrOver: true });
    expect(describeLaneLoad(lanes[1]!, [...cards, card('e', 'work', 'exp')], columns)).toMatchObject({ wip: 2, isOver: true });
    expect(describeLaneLoad(lanes[0]!, cards, columns)).toEqual({ total: 1, wip: 1, limit: null, isOver: false, isAtOrOver: false });
  });
});

describe('describeCellTargets: what each column × lane would do, as the server decides', () => {
  const target = (targets: ReturnType<typeof describeCellTargets>, columnId: string, laneId: string) => targets.find((t) => t.columnId === columnId && t.laneId === laneId)!;

  it('lists every cell, the expedite lane first, the card’s own cell as current', () => {
    const targets = describeCellTargets(card('a', 'in', 'std'), { columns, lanes, cards: [card('a', 'in', 'std')] });
    expect(targets.map((t) => `${t.laneId}/${t.columnId}`)).toEqual(['exp/in', 'exp/work', 'exp/done', 'std/in', 'std/work', 'std/done']);
    expect(target(targets, 'in', 'std').state).toBe('current');
    expect(target(targets, 'work', 'exp').state).toBe('open');
  });

  it('a full strict lane refuses an in-progress cell, but not its waiting or done cells', () => {
    const cards = [card('a', 'work', 'std'), card('x', 'work', 'exp')];
    const targets = describeCellTargets(cards[0]!, { columns, lanes, cards });
    expect(target(targets, 'work', 'exp')).toMatchObject({ state: 'full', scope: 'lane', laneWip: 1, laneLimit: 1 });
    expect(target(targets, 'in', 'exp').state).toBe('open');
    expect(target(targets, 'done', 'exp').state).toBe('open');
  });

  it('the column limit counts across lanes, and names the column when both would refuse', () => {
    const cards = [card('a', 'in', 'std'), card('w1', 'work', 'std'), card('w2', 'work', 'std'), card('w3', 'work', 'exp')];
    const targets = describeCellTargets(cards[0]!, { columns, lanes, cards });
    expect(target(targets, 'work', 'std')).toMatchObject({ state: 'full', scope: 'column', columnCount: 3 });
    expect(target(targets, 'work', 'exp')).toMatchObject({ state: 'full', scope: 'column' });
  });

  it('moving within a column to another lane never counts against the column, only the lane', () => {
    const cards = [card('a', 'work', 'std'), card('w2', 'work', 'std'), card('w3', 'work', 'std')];
    const targets = describeCellTargets(cards[0]!, { columns, lanes, cards });
    expect(target(targets, 'work', 'exp')).toMatchObject({ state: 'open', scope: null });
  });

  it('an advisory lane limit asks', () => {
    const advisory = [lanes[0]!, { ...lanes[1]!, wipMode: 'ADVISORY' as const }];
    const cards = [card('a', 'in', 'std'), card('x', 'work', 'exp')];
    expect(target(describeCellTargets(cards[0]!, { columns, lanes: advisory, cards }), 'work', 'exp')).toMatchObject({ state: 'asks', scope: 'lane' });
  });
});
