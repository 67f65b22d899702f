import { describe, expect, it } from 'vitest';
import { detectChangeAfter, type ChangePoint } from './detect-change';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 12);
const CHANGE_AT = new Date(START + 100 * DAY);

/** Baseline values on days 0, 1, 2, … and values after the change on days 100, 101, …. */
function series(baseline: readonly number[], after: readonly number[]): ChangePoint[] {
  return [
    ...baseline.map((value, index) => ({ at: new Date(START + index * DAY), value })),
    ...after.map((value, index) => ({ at: new Date(CHANGE_AT.getTime() + index * DAY), value })),
  ];
}

/** The `at` of the n-th point after the change (0-based). */
const afterAt = (index: number) => new Date(CHANGE_AT.getTime() + index * DAY);

// Mean 10, moving ranges all 2 → average 2; limits 10 ± 5.32 = 4.68 … 15.32; midpoints 7.34 and 12.66.
const ZIGZAG = [9, 11, 9, 11, 9, 11];

describe('detectChangeAfter: the baseline', () => {
  it('computes the limits from the points before the change only, without the moving range across it', () => {
    const result = detectChangeAfter({ points: series(ZIGZAG, [40, 40, 40, 40]), changeAt: CHANGE_AT });
    expect(result.baseline).toEqual({ mean: 10, averageMovingRange: 2, lowerLimit: expect.closeTo(4.68, 10), upperLimit: expect.closeTo(15.32, 10), count: 6 });
    expect(result.after).toEqual({ count: 4 });
  });

  it('says too little data with 5 baseline points, and reads the data with exactly 6', () => {
    const five = detectChangeAfter({ points: series(ZIGZAG.slice(1), [10, 10, 10, 10]), changeAt: CHANGE_AT });
    expect(five).toEqual({ verdict: 'too-little-data', baseline: null, after: { count: 4 }, signals: [] });
    const six = detectChangeAfter({ points: series(ZIGZAG, [10, 10, 10, 10]), changeAt: CHANGE_AT });
    expect(six.verdict).toBe('no-signal');
    expect(six.baseline?.count).toBe(6);
  });

  it('says too little data with 3 points after the change (keeping the baseline), and reads exactly 4', () => {
    const three = detectChangeAfter({ points: series(ZIGZAG, [40, 40, 40]), changeAt: CHANGE_AT });
    expect(three.verdict).toBe('too-little-data');
    expect(three.baseline?.mean).toBe(10);
    expect(three.signals).toEqual([]);
    expect(detectChangeAfter({ points: series(ZIGZAG, [40, 40, 40, 40]), changeAt: CHANGE_AT }).verdict).toBe('signal');
  });

  it('honours other minimums', () => {
    const points = series([9, 11, 9], [40, 40]);
    expect(detectChangeAfter({ points, changeAt: CHANGE_AT }).verdict).toBe('too-little-data');
    expect(detectChangeAfter({ points, changeAt: CHANGE_AT, minBaseline: 3, minAfter: 2 }).verdict).toBe('signal');
  });

  it('counts a point exactly at the change as after it, and sorts points given out of order', () => {
    const points = series(ZIGZAG, [40, 40, 40, 40]).reverse();
    const result = detectChangeAfter({ points, changeAt: CHANGE_AT });
    expect(result.baseline?.count).toBe(6);
    expect(result.after.count).toBe(4);
    expect(result.signals[0]).toEqual({ rule: 'outside-limits', at: CHANGE_AT, direction: 'up' });
  });

  it('floors the lower limit at 0 unless told not to', () => {
    // Mean 3, moving ranges 4 → limits 3 ± 10.64.
    const points = series([1, 5, 1, 5, 1, 5], [3, 3, 3, 3]);
    expect(detectChangeAfter({ points, changeAt: CHANGE_AT }).baseline?.lowerLimit).toBe(0);
    expect(detectChangeAfter({ points, changeAt: CHANGE_AT, floorAtZero: false }).baseline?.lowerLimit).toBeCloseTo(-7.64, 10);
  });

  it('with a flat baseline (zero moving range) calls any different value outside, and the same value no signal', () => {
    const flat = [4, 4, 4, 4, 4, 4];
    const same = detectChangeAfter({ points: series(flat, [4, 4, 4, 4]), changeAt: CHANGE_AT });
    expect(same.baseline).toEqual({ mean: 4, averageMovingRange: 0, lowerLimit: 4, upperLimit: 4, count: 6 });
    expect(same.verdict).toBe('no-signal');
    const lower = detectChangeAfter({ points: series(flat, [4, 3, 4, 4]), changeAt: CHANGE_AT });
    expect(lower.signals).toEqual([{ rule: 'outside-limits', at: afterAt(1), direction: 'down' }]);
  });

  it('refuses nonsense', () => {
    expect(() => detectChangeAfter({ points: series(ZIGZAG, [Number.NaN]), changeAt: CHANGE_AT })).toThrow(RangeError);
    expect(() => detectChangeAfter({ points: [{ at: new Date('x'), value: 1 }], changeAt: CHANGE_AT })).toThrow(RangeError);
    expect(() => detectChangeAfter({ points: [], changeAt: new Date('x') })).toThrow(RangeError);
    expect(() => detectChangeAfter({ points: [], changeAt: CHANGE_AT, minBaseline: 1 })).toThrow(RangeError);
    expect(() => detectChangeAfter({ points: [], changeAt: CHANGE_AT, minAfter: 0 })).toThrow(RangeError);
  });
});

describe('detectChangeAfter: rule 1, a point outside the limits', () => {
  it('does not count a point exactly on a limit as outside it', () => {
    const probe = detectChangeAfter({ points: series(ZIGZAG, [10, 10, 10, 10]), changeAt: CHANGE_AT });
    const { upperLimit, lowerLimit } = probe.baseline!;
    // On the upper limit, then back at the centre: beyond the midpoint once, no run, not outside.
    const onUpper = detectChangeAfter({ points: series(ZIGZAG, [upperLimit, 10, 10, 10]), changeAt: CHANGE_AT });
    expect(onUpper.verdict).toBe('no-signal');
    const onLower = detectChangeAfter({ points: series(ZIGZAG, [lowerLimit, 10, 10, 10]), changeAt: CHANGE_AT });
    expect(onLower.verdict).toBe('no-signal');
    const above = detectChangeAfter({ points: series(ZIGZAG, [10, upperLimit + 1e-9, 10, 10]), changeAt: CHANGE_AT });
    expect(above.signals).toEqual([{ rule: 'outside-limits', at: afterAt(1), direction: 'up' }]);
  });

  it('reports the first point outside, on its side, once', () => {
    const result = detectChangeAfter({ points: series(ZIGZAG, [10, 2, 10, 30, 1, 10]), changeAt: CHANGE_AT });
    expect(result.signals).toEqual([{ rule: 'outside-limits', at: afterAt(1), direction: 'down' }]);
  });
});

describe('detectChangeAfter: rule 2, three of four beyond the midpoint', () => {
  it('finds three of four on the upper side and reports the third', () => {
    // 13 is beyond the upper midpoint 12.66 and inside the limit 15.32.
    const result = detectChangeAfter({ points: series(ZIGZAG, [13, 10, 13, 13, 10, 10]), changeAt: CHANGE_AT });
    expect(result.verdict).toBe('signal');
    expect(result.signals).toEqual([{ rule: 'three-of-four', at: afterAt(3), direction: 'up' }]);
  });

  it('finds them on the lower side', () => {
    const result = detectChangeAfter({ points: series(ZIGZAG, [7, 7, 10, 7]), changeAt: CHANGE_AT });
    expect(result.signals).toEqual([{ rule: 'three-of-four', at: afterAt(3), direction: 'down' }]);
  });

  it('needs the three within four successive points', () => {
    const result = detectChangeAfter({ points: series(ZIGZAG, [13, 10, 10, 13, 13, 10]), changeAt: CHANGE_AT });
    expect(result.verdict).toBe('no-signal');
  });

  it('needs all three on the same side', () => {
    const result = detectChangeAfter({ points: series(ZIGZAG, [13, 7, 13, 7]), changeAt: CHANGE_AT });
    expect(result.verdict).toBe('no-signal');
  });

  it('does not count a point exactly on the midpoint', () => {
    const midpoint = (10 + 10 + 2.66 * 2) / 2;
    const result = detectChangeAfter({ points: series(ZIGZAG, [13, midpoint, 13, 10]), changeAt: CHANGE_AT });
    expect(result.verdict).toBe('no-signal');
  });

  it('does not reach back into the baseline', () => {
    // The last two baseline points are beyond the upper midpoint; one point after the change is too.
    const result = detectChangeAfter({ points: series([9, 11, 9, 11, 13, 13], [13, 10, 10, 10]), changeAt: CHANGE_AT });
    expect(result.signals.filter((signal) => signal.rule === 'three-of-four')).toEqual([]);
  });
});

describe('detectChangeAfter: rule 3, a run of eight on one side', () => {
  it('does not call a run of 7 a signal, and reports the 8th point of a run of 8', () => {
    const seven = detectChangeAfter({ points: series(ZIGZAG, [9, 9, 9, 9, 9, 9, 9, 11]), changeAt: CHANGE_AT });
    expect(seven.verdict).toBe('no-signal');
    const eight = detectChangeAfter({ points: series(ZIGZAG, [9, 9, 9, 9, 9, 9, 9, 9, 11]), changeAt: CHANGE_AT });
    expect(eight.signals).toEqual([{ rule: 'run-of-eight', at: afterAt(7), direction: 'down' }]);
  });

  it('ends a run at a point exactly on the centre line', () => {
    const result = detectChangeAfter({ points: series(ZIGZAG, [11, 11, 11, 11, 10, 11, 11, 11, 11]), changeAt: CHANGE_AT });
    expect(result.verdict).toBe('no-signal');
  });

  it('counts only points after the change', () => {
    const result = detectChangeAfter({ points: series([9, 11, 9, 11, 11, 11], [11, 11, 11, 11, 11, 11, 11]), changeAt: CHANGE_AT });
    expect(result.signals.filter((signal) => signal.rule === 'run-of-eight')).toEqual([]);
  });
});

describe('detectChangeAfter: several rules', () => {
  it('reports each rule once, at the point it is first met, in the order they were met', () => {
    // Point 0 outside (up); points 0, 1, 2 beyond the upper midpoint → three of four at point 2; eight above the
    // centre line → run of eight at point 7.
    const result = detectChangeAfter({ points: series(ZIGZAG, [20, 13, 13, 11, 11, 11, 11, 11, 30, 13, 13]), changeAt: CHANGE_AT });
    expect(result.verdict).toBe('signal');
    expect(result.signals).toEqual([
      { rule: 'outside-limits', at: afterAt(0), direction: 'up' },
      { rule: 'three-of-four', at: afterAt(2), direction: 'up' },
      { rule: 'run-of-eight', at: afterAt(7), direction: 'up' },
    ]);
  });

  it('finds a drop in cycle time the way a team would see it', () => {
    // Cycle times around 12 days before; around 6 after: a long run below the centre line.
    const before = [11, 14, 12, 10, 15, 13, 12, 9, 14, 11];
    const after = [7, 6, 8, 5, 7, 6, 9, 6];
    const result = detectChangeAfter({ points: series(before, after), changeAt: CHANGE_AT });
    expect(result.verdict).toBe('signal');
    expect(result.signals.map((signal) => [signal.rule, signal.direction])).toEqual([
      ['three-of-four', 'down'],
      ['run-of-eight', 'down'],
    ]);
  });
});
