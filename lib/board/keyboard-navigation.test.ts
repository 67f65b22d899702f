import { describe, expect, it } from 'vitest';
import { findFirstCard, findNavigationTarget, findReplacementCard, toNavigationKey, type VisibleBoard } from './keyboard-navigation';

/** Columns without lanes: one lane ('') per column. */
function board(...columns: string[][]): VisibleBoard {
  return columns.map((cardIds, index) => ({ id: `c${index}`, lanes: [{ id: '', cardIds }] }));
}

describe('findNavigationTarget on a board without lanes', () => {
  const b = board(['a1', 'a2', 'a3'], [], ['c1'], ['d1', 'd2']);

  it('moves down and up within a column and stops at its ends', () => {
    expect(findNavigationTarget(b, 'a1', 'ArrowDown')).toBe('a2');
    expect(findNavigationTarget(b, 'a3', 'ArrowDown')).toBeNull();
    expect(findNavigationTarget(b, 'a2', 'ArrowUp')).toBe('a1');
    expect(findNavigationTarget(b, 'a1', 'ArrowUp')).toBeNull();
  });

  it('moves across columns, skipping a column that shows no card, to the same place or the last card', () => {
    expect(findNavigationTarget(b, 'a3', 'ArrowRight')).toBe('c1');
    expect(findNavigationTarget(b, 'c1', 'ArrowRight')).toBe('d1');
    expect(findNavigationTarget(b, 'd2', 'ArrowLeft')).toBe('c1');
    expect(findNavigationTarget(b, 'c1', 'ArrowLeft')).toBe('a1');
    expect(findNavigationTarget(b, 'a2', 'ArrowLeft')).toBeNull();
    expect(findNavigationTarget(b, 'd1', 'ArrowRight')).toBeNull();
    expect(findNavigationTarget(board(['a1', 'a2'], ['b1', 'b2', 'b3']), 'a2', 'ArrowRight')).toBe('b2');
  });

  it('goes to the ends of a column with Home and End, and of the board with Ctrl+Home and Ctrl+End', () => {
    expect(findNavigationTarget(b, 'a2', 'Home')).toBe('a1');
    expect(findNavigationTarget(b, 'a1', 'End')).toBe('a3');
    expect(findNavigationTarget(b, 'c1', 'BoardStart')).toBe('a1');
    expect(findNavigationTarget(b, 'a1', 'BoardEnd')).toBe('d2');
  });

  it('starts over at the first card when the card it comes from is no longer shown', () => {
    expect(findNavigationTarget(b, 'gone', 'ArrowDown')).toBe('a1');
    expect(findNavigationTarget(board([], []), 'gone', 'ArrowDown')).toBeNull();
  });
});

describe('findNavigationTarget on a board with lanes', () => {
  const lanes: VisibleBoard = [
    { id: 'in', lanes: [{ id: 'expedite', cardIds: ['x1'] }, { id: 'standard', cardIds: ['s1', 's2'] }] },
    { id: 'doing', lanes: [{ id: 'expedite', cardIds: [] }, { id: 'standard', cardIds: ['t1', 't2', 't3'] }] },
    { id: 'done', lanes: [{ id: 'expedite', cardIds: ['y1'] }, { id: 'standard', cardIds: [] }] },
  ];

  it('crosses from the last card of one lane to the first of the next, and back', () => {
    expect(findNavigationTarget(lanes, 'x1', 'ArrowDown')).toBe('s1');
    expect(findNavigationTarget(lanes, 's1', 'ArrowUp')).toBe('x1');
    expect(findNavigationTarget(lanes, 'x1', 'Home')).toBe('x1');
    expect(findNavigationTarget(lanes, 'x1', 'End')).toBe('s2');
  });

  it('stays in the same lane across columns when it shows a card there, else takes the nearest lane', () => {
    expect(findNavigationTarget(lanes, 's2', 'ArrowRight')).toBe('t2');
    expect(findNavigationTarget(lanes, 'x1', 'ArrowRight')).toBe('t1');
    expect(findNavigationTarget(lanes, 't3', 'ArrowRight')).toBe('y1');
    expect(findNavigationTarget(lanes, 'y1', 'ArrowLeft')).toBe('t1');
  });
});

describe('findReplacementCard', () => {
  const b = board(['a1', 'a2'], ['b1'], ['c1']);

  it('takes the card below, else above, else the nearest column to the right, then to the left', () => {
    expect(findReplacementCard(b, 'a1')).toBe('a2');
    expect(findReplacementCard(b, 'a2')).toBe('a1');
    expect(findReplacementCard(b, 'b1')).toBe('c1');
    expect(findReplacementCard(b, 'c1')).toBe('b1');
    expect(findReplacementCard(board(['only']), 'only')).toBeNull();
  });
});

describe('findFirstCard and toNavigationKey', () => {
  it('finds the top card of the leftmost column that shows one', () => {
    expect(findFirstCard(board([], ['b1', 'b2']))).toBe('b1');
    expect(findFirstCard(board([]))).toBeNull();
  });

  it('maps keys, with Ctrl/Cmd for the board’s ends only', () => {
    expect(toNavigationKey('ArrowLeft', false)).toBe('ArrowLeft');
    expect(toNavigationKey('ArrowLeft', true)).toBeNull();
    expect(toNavigationKey('Home', true)).toBe('BoardStart');
    expect(toNavigationKey('End', false)).toBe('End');
    expect(toNavigationKey('m', false)).toBeNull();
  });
});
