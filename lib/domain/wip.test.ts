import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateWipLimit, isAtOrOverWipLimit, isOverWipLimit, type WipLimitInput } from './wip';

const base: WipLimitInput = {
  wipLimit: 3,
  mode: 'ADVISORY',
  cardCountInTarget: 0,
  isSameColumn: false,
  hasConfirmedOverLimit: false,
};

describe('evaluateWipLimit', () => {
  it('allows anything without a limit', () => {
    expect(evaluateWipLimit({ ...base, wipLimit: null, cardCountInTarget: 99, mode: 'STRICT' })).toEqual({
      kind: 'allowed',
    });
  });

  it('allows filling the column up to the limit', () => {
    expect(evaluateWipLimit({ ...base, cardCountInTarget: 2 })).toEqual({ kind: 'allowed' });
    expect(evaluateWipLimit({ ...base, cardCountInTarget: 2, mode: 'STRICT' })).toEqual({ kind: 'allowed' });
  });

  it('asks for confirmation when an advisory limit would be exceeded', () => {
    expect(evaluateWipLimit({ ...base, cardCountInTarget: 3 })).toEqual({
      kind: 'needs-confirmation',
      limit: 3,
      countAfter: 4,
    });
  });

  it('allows over an advisory limit once confirmed', () => {
    expect(evaluateWipLimit({ ...base, cardCountInTarget: 5, hasConfirmedOverLimit: true })).toEqual({
      kind: 'allowed-over-limit',
    });
  });

  it('refuses over a strict limit, even when confirmed', () => {
    expect(evaluateWipLimit({ ...base, mode: 'STRICT', cardCountInTarget: 3 })).toEqual({ kind: 'refused', limit: 3 });
    expect(
      evaluateWipLimit({ ...base, mode: 'STRICT', cardCountInTarget: 3, hasConfirmedOverLimit: true }),
    ).toEqual({ kind: 'refused', limit: 3 });
  });

  it('never counts a move within one column, even an over-full one', () => {
    expect(evaluateWipLimit({ ...base, mode: 'STRICT', cardCountInTarget: 10, isSameColumn: true })).toEqual({
      kind: 'allowed',
    });
  });

  it('treats a limit of 0 as "no cards here"', () => {
    expect(evaluateWipLimit({ ...base, wipLimit: 0, mode: 'STRICT' })).toEqual({ kind: 'refused', limit: 0 });
  });

  it('property: the decision only blocks when count + 1 exceeds the limit', () => {
    fc.assert(
      fc.property(
        fc.option(fc.nat({ max: 20 })),
        fc.constantFrom('ADVISORY' as const, 'STRICT' as const),
        fc.nat({ max: 30 }),
        fc.boolean(),
        fc.boolean(),
        (wipLimit, mode, cardCountInTarget, isSameColumn, hasConfirmedOverLimit) => {
          const decision = evaluateWipLimit({ wipLimit, mode, cardCountInTarget, isSameColumn, hasConfirmedOverLimit });
          const isOver = wipLimit !== null && !isSameColumn && cardCountInTarget + 1 > wipLimit;
          expect(decision.kind === 'allowed').toBe(!isOver);
        },
      ),
    );
  });
});

describe('isOverWipLimit / isAtOrOverWipLimit', () => {
  it('compares against the limit', () => {
    expect(isOverWipLimit(3, 3)).toBe(false);
    expect(isOverWipLimit(4, 3)).toBe(true);
    expect(isAtOrOverWipLimit(2, 3)).toBe(false);
    expect(isAtOrOverWipLimit(3, 3)).toBe(true);
    expect(isAtOrOverWipLimit(4, 3)).toBe(true);
  });

  it('is never over without a limit', () => {
    expect(isOverWipLimit(1000, null)).toBe(false);
    expect(isAtOrOverWipLimit(1000, null)).toBe(false);
  });
});
