import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_POSITION_GAP,
  POSITION_GAP,
  computeMovePosition,
  positionBetween,
  rebalancePositions,
} from './positions';

describe('positionBetween', () => {
  it('uses GAP for an empty column', () => {
    expect(positionBetween(null, null)).toBe(POSITION_GAP);
  });

  it('steps one GAP past an open end', () => {
    expect(positionBetween(null, 1024)).toBe(0);
    expect(positionBetween(2048, null)).toBe(2048 + POSITION_GAP);
    expect(positionBetween(null, -5000)).toBe(-5000 - POSITION_GAP);
  });

  it('returns the midpoint between neighbours', () => {
    expect(positionBetween(1024, 2048)).toBe(1536);
    expect(positionBetween(-1, 1)).toBe(0);
  });

  it('asks for a rebalance when the gap is too small', () => {
    expect(positionBetween(1, 1 + MIN_POSITION_GAP / 2)).toBeNull();
    expect(positionBetween(5, 5)).toBeNull();
  });

  it('asks for a rebalance when neighbours are out of order or not finite', () => {
    expect(positionBetween(10, 5)).toBeNull();
    expect(positionBetween(Number.NaN, 5)).toBeNull();
    expect(positionBetween(5, Number.POSITIVE_INFINITY)).toBeNull();
    expect(positionBetween(Number.MAX_VALUE, null)).toBeNull(); // +GAP rounds back onto the neighbour
  });

  it('still splits a gap exactly at the threshold', () => {
    const result = positionBetween(0, MIN_POSITION_GAP);
    expect(result).not.toBeNull();
    expect(result).toBeGreaterThan(0);
    expect(result).toBeLessThan(MIN_POSITION_GAP);
  });
});

describe('rebalancePositions', () => {
  it('spaces cards GAP apart starting at GAP', () => {
    expect(rebalancePositions(3)).toEqual([1024, 2048, 3072]);
  });

  it('returns nothing for zero, negative or non-finite counts', () => {
    expect(rebalancePositions(0)).toEqual([]);
    expect(rebalancePositions(-2)).toEqual([]);
    expect(rebalancePositions(Number.NaN)).toEqual([]);
  });
});

describe('computeMovePosition', () => {
  it('places into an empty column', () => {
    expect(computeMovePosition([], 0)).toEqual({ position: POSITION_GAP });
  });

  it('places at the top, middle and bottom without rewriting siblings', () => {
    const siblings = [1024, 2048, 3072];
    expect(computeMovePosition(siblings, 0)).toEqual({ position: 0 });
    expect(computeMovePosition(siblings, 1)).toEqual({ position: 1536 });
    expect(computeMovePosition(siblings, 3)).toEqual({ position: 4096 });
  });

  it('clamps the target index and treats NaN as append', () => {
    const siblings = [1024, 2048];
    expect(computeMovePosition(siblings, -4)).toEqual({ position: 0 });
    expect(computeMovePosition(siblings, 99)).toEqual({ position: 3072 });
    expect(computeMovePosition(siblings, 1.9)).toEqual({ position: 1536 });
    expect(computeMovePosition(siblings, Number.NaN)).toEqual({ position: 3072 });
  });

  it('rebalances when the gap is exhausted, keeping sibling order', () => {
    const siblings = [1, 1 + 1e-7, 50];
    const result = computeMovePosition(siblings, 1);
    expect(result).toEqual({ rebalance: [1024, 3072, 4096], position: 2048 });
  });

  it('rebalances duplicate positions into a strict order', () => {
    const result = computeMovePosition([7, 7, 7], 2);
    expect(result).toEqual({ rebalance: [1024, 2048, 4096], position: 3072 });
  });

  it('property: repeated random inserts keep a strict total order of finite positions', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 300 }), (choices) => {
        // Cards are identified by insertion number; `column` is kept in visual order.
        let column: { id: number; position: number }[] = [];
        choices.forEach((choice, id) => {
          const index = choice % (column.length + 1);
          const result = computeMovePosition(
            column.map((card) => card.position),
            index,
          );
          if ('rebalance' in result) {
            expect(result.rebalance).toHaveLength(column.length);
            column = column.map((card, i) => ({ id: card.id, position: result.rebalance[i] ?? Number.NaN }));
          }
          column.splice(index, 0, { id, position: result.position });
          for (let i = 0; i < column.length; i += 1) {
            const current = column[i]!.position;
            expect(Number.isFinite(current)).toBe(true);
            if (i > 0) expect(current).toBeGreaterThan(column[i - 1]!.position);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('property: hammering one slot eventually rebalances and stays ordered', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.integer({ min: 40, max: 120 }), (slot, inserts) => {
        let positions = [POSITION_GAP, 2 * POSITION_GAP];
        let rebalanced = false;
        for (let n = 0; n < inserts; n += 1) {
          const index = slot === 0 ? 1 : positions.length - 1; // always squeeze just after the first / before the last
          const result = computeMovePosition(positions, index);
          if ('rebalance' in result) {
            rebalanced = true;
            positions = [...result.rebalance];
          }
          positions.splice(index, 0, result.position);
          for (let i = 1; i < positions.length; i += 1) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
        }
        expect(rebalanced).toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});
