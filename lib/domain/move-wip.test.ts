/**
 * The lane-aware WIP rule (lib/domain/wip.ts evaluateMoveWip) and the lane counting rules (lib/domain/lanes.ts),
 * at every boundary: a column limit counted across lanes, a lane limit across its in-progress columns, both,
 * advisory vs strict, and moves that stay in one column or one lane.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLaneWip, doesMoveAddToLane } from './lanes';
import { evaluateMoveWip, evaluateWipLimit, type WipLimitCheck } from './wip';

const none: WipLimitCheck = { wipLimit: null, mode: 'ADVISORY', countExcludingCard: 0, isEntering: true };
const limit = (wipLimit: number, mode: 'ADVISORY' | 'STRICT', countExcludingCard: number, isEntering = true): WipLimitCheck => ({ wipLimit, mode, countExcludingCard, isEntering });

describe('evaluateMoveWip: the column limit counts across lanes', () => {
  it('fills a strict column up to its limit and refuses the next card, whichever lane it comes in through', () => {
    // The count is the column's cards in every lane: 2 standard + 1 expedite = 3 of 4.
    expect(evaluateMoveWip({ column: limit(4, 'STRICT', 3), lane: none, hasConfirmedOverLimit: false })).toEqual({ kind: 'allowed' });
    expect(evaluateMoveWip({ column: limit(4, 'STRICT', 4), lane: none, hasConfirmedOverLimit: false })).toEqual({ kind: 'refused', scope: 'column', limit: 4 });
    expect(evaluateMoveWip({ column: limit(4, 'STRICT', 4), lane: none, hasConfirmedOverLimit: true })).toEqual({ kind: 'refused', scope: 'column', limit: 4 });
  });

  it('asks before going over an advisory column limit and records the breach once confirmed', () => {
    expect(evaluateMoveWip({ column: limit(2, 'ADVISORY', 2), lane: none, hasConfirmedOverLimit: false })).toEqual({
      kind: 'needs-confirmation',
      breaches: [{ scope: 'column', limit: 2, countAfter: 3 }],
    });
    expect(evaluateMoveWip({ column: limit(2, 'ADVISORY', 2), lane: none, hasConfirmedOverLimit: true })).toEqual({
      kind: 'allowed-over-limit',
      breaches: [{ scope: 'column', limit: 2, countAfter: 3 }],
    });
  });

  it('never counts a move within the column (to another lane or another place), even in an over-full column', () => {
    expect(evaluateMoveWip({ column: limit(1, 'STRICT', 5, false), lane: none, hasConfirmedOverLimit: false })).toEqual({ kind: 'allowed' });
  });
});

describe('evaluateMoveWip: the lane limit counts the lane across its in-progress columns', () => {
  it('lets the first expedite case in and refuses the second under a strict limit of one', () => {
    expect(evaluateMoveWip({ column: none, lane: limit(1, 'STRICT', 0), hasConfirmedOverLimit: false })).toEqual({ kind: 'allowed' });
    expect(evaluateMoveWip({ column: none, lane: limit(1, 'STRICT', 1), hasConfirmedOverLimit: false })).toEqual({ kind: 'refused', scope: 'lane', limit: 1 });
    expect(evaluateMoveWip({ column: none, lane: limit(1, 'STRICT', 1), hasConfirmedOverLimit: true })).toEqual({ kind: 'refused', scope: 'lane', limit: 1 });
  });

  it('asks before going over an advisory lane limit', () => {
    expect(evaluateMoveWip({ column: none, lane: limit(1, 'ADVISORY', 1), hasConfirmedOverLimit: false })).toEqual({
      kind: 'needs-confirmation',
      breaches: [{ scope: 'lane', limit: 1, countAfter: 2 }],
    });
    expect(evaluateMoveWip({ column: none, lane: limit(1, 'ADVISORY', 1), hasConfirmedOverLimit: true })).toEqual({
      kind: 'allowed-over-limit',
      breaches: [{ scope: 'lane', limit: 1, countAfter: 2 }],
    });
  });

  it('never counts a move the lane already counts, even in an over-full lane', () => {
    expect(evaluateMoveWip({ column: none, lane: limit(1, 'STRICT', 3, false), hasConfirmedOverLimit: false })).toEqual({ kind: 'allowed' });
  });
});

describe('evaluateMoveWip: both limits', () => {
  it('passes only when both have room', () => {
    expect(evaluateMoveWip({ column: limit(3, 'STRICT', 2), lane: limit(1, 'STRICT', 0), hasConfirmedOverLimit: false })).toEqual({ kind: 'allowed' });
  });

  it('refuses when either strict limit is full, naming that one', () => {
    expect(evaluateMoveWip({ column: limit(3, 'STRICT', 2), lane: limit(1, 'STRICT', 1), hasConfirmedOverLimit: false })).toEqual({ kind: 'refused', scope: 'lane', limit: 1 });
    expect(evaluateMoveWip({ column: limit(3, 'STRICT', 3), lane: limit(1, 'STRICT', 0), hasConfirmedOverLimit: false })).toEqual({ kind: 'refused', scope: 'column', limit: 3 });
    // Both full: the column is named.
    expect(evaluateMoveWip({ column: limit(3, 'STRICT', 3), lane: limit(1, 'STRICT', 1), hasConfirmedOverLimit: false })).toEqual({ kind: 'refused', scope: 'column', limit: 3 });
  });

  it('a strict refusal wins over an advisory breach, confirmed or not', () => {
    expect(evaluateMoveWip({ column: limit(2, 'ADVISORY', 2), lane: limit(1, 'STRICT', 1), hasConfirmedOverLimit: true })).toEqual({ kind: 'refused', scope: 'lane', limit: 1 });
    expect(evaluateMoveWip({ column: limit(2, 'STRICT', 2), lane: limit(1, 'ADVISORY', 1), hasConfirmedOverLimit: true })).toEqual({ kind: 'refused', scope: 'column', limit: 2 });
  });

  it('one confirmation covers two advisory breaches, and both are reported', () => {
    const breaches = [
      { scope: 'column', limit: 2, countAfter: 3 },
      { scope: 'lane', limit: 1, countAfter: 2 },
    ];
    expect(evaluateMoveWip({ column: limit(2, 'ADVISORY', 2), lane: limit(1, 'ADVISORY', 1), hasConfirmedOverLimit: false })).toEqual({ kind: 'needs-confirmation', breaches });
    expect(evaluateMoveWip({ column: limit(2, 'ADVISORY', 2), lane: limit(1, 'ADVISORY', 1), hasConfirmedOverLimit: true })).toEqual({ kind: 'allowed-over-limit', breaches });
  });

  it('an advisory breach of one and room in the other asks about that one only', () => {
    expect(evaluateMoveWip({ column: limit(5, 'STRICT', 1), lane: limit(1, 'ADVISORY', 1), hasConfirmedOverLimit: false })).toEqual({
      kind: 'needs-confirmation',
      breaches: [{ scope: 'lane', limit: 1, countAfter: 2 }],
    });
  });

  it('property: allowed exactly when neither limit alone blocks; refused exactly when a strict one would be exceeded', () => {
    const check = fc.record({
      wipLimit: fc.option(fc.integer({ min: 1, max: 6 })),
      mode: fc.constantFrom('ADVISORY' as const, 'STRICT' as const),
      countExcludingCard: fc.nat({ max: 8 }),
      isEntering: fc.boolean(),
    });
    fc.assert(
      fc.property(check, check, fc.boolean(), (column, lane, hasConfirmedOverLimit) => {
        const alone = (c: WipLimitCheck) => evaluateWipLimit({ wipLimit: c.wipLimit, mode: c.mode, cardCountInTarget: c.countExcludingCard, isSameColumn: !c.isEntering, hasConfirmedOverLimit });
        const decision = evaluateMoveWip({ column, lane, hasConfirmedOverLimit });
        const each = [alone(column), alone(lane)];
        expect(decision.kind === 'allowed').toBe(each.every((d) => d.kind === 'allowed'));
        expect(decision.kind === 'refused').toBe(each.some((d) => d.kind === 'refused'));
        if (decision.kind === 'needs-confirmation') expect(hasConfirmedOverLimit).toBe(false);
        if (decision.kind === 'allowed-over-limit') expect(hasConfirmedOverLimit).toBe(true);
      }),
    );
  });
});

describe('doesMoveAddToLane', () => {
  it('counts a card entering an in-progress column of the lane from another lane', () => {
    expect(doesMoveAddToLane({ fromLaneId: 'std', toLaneId: 'exp', fromFlowState: 'IN_PROGRESS', toFlowState: 'IN_PROGRESS' })).toBe(true);
    expect(doesMoveAddToLane({ fromLaneId: 'std', toLaneId: 'exp', fromFlowState: 'NOT_STARTED', toFlowState: 'IN_PROGRESS' })).toBe(true);
  });

  it('counts a card of the lane crossing the commitment point, or reopened from done', () => {
    expect(doesMoveAddToLane({ fromLaneId: 'exp', toLaneId: 'exp', fromFlowState: 'NOT_STARTED', toFlowState: 'IN_PROGRESS' })).toBe(true);
    expect(doesMoveAddToLane({ fromLaneId: 'exp', toLaneId: 'exp', fromFlowState: 'DONE', toFlowState: 'IN_PROGRESS' })).toBe(true);
  });

  it('does not count a move between in-progress columns of the same lane (the count stays)', () => {
    expect(doesMoveAddToLane({ fromLaneId: 'exp', toLaneId: 'exp', fromFlowState: 'IN_PROGRESS', toFlowState: 'IN_PROGRESS' })).toBe(false);
  });

  it('never counts a card landing before the commitment point or in done, from any lane', () => {
    for (const toFlowState of ['NOT_STARTED', 'DONE'] as const) {
      expect(doesMoveAddToLane({ fromLaneId: 'std', toLaneId: 'exp', fromFlowState: 'IN_PROGRESS', toFlowState })).toBe(false);
      expect(doesMoveAddToLane({ fromLaneId: 'exp', toLaneId: 'exp', fromFlowState: 'IN_PROGRESS', toFlowState })).toBe(false);
    }
  });
});

describe('countLaneWip', () => {
  it('counts the lane’s cards in in-progress columns only', () => {
    const states: Record<string, 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE'> = { todo: 'NOT_STARTED', doing: 'IN_PROGRESS', review: 'IN_PROGRESS', done: 'DONE' };
    const cards = [
      { laneId: 'exp', columnId: 'todo' },
      { laneId: 'exp', columnId: 'doing' },
      { laneId: 'exp', columnId: 'review' },
      { laneId: 'exp', columnId: 'done' },
      { laneId: 'std', columnId: 'doing' },
      { laneId: 'exp', columnId: 'removed-column' },
    ];
    expect(countLaneWip(cards, 'exp', (id) => states[id])).toBe(2);
    expect(countLaneWip(cards, 'std', (id) => states[id])).toBe(1);
    expect(countLaneWip(cards, 'none', (id) => states[id])).toBe(0);
  });
});
