import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW_RANGE_DAYS, getDefaultFlowRange, parseFlowRange } from './flow-range';

// 23:30 UTC on 26 November is 00:30 on the 27th in Stockholm: the period must follow the team's calendar.
const NOW = new Date('2026-11-26T23:30:00Z');

describe('parseFlowRange', () => {
  it('defaults to the 12 weeks ending today in Stockholm', () => {
    const range = parseFlowRange({}, NOW);
    expect(range).toMatchObject({ from: '2026-09-05', to: '2026-11-27', isDefault: true, problem: null });
    expect(range.fromInstant.toISOString()).toBe('2026-09-04T22:00:00.000Z');
    expect(range.toInstant.toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(DEFAULT_FLOW_RANGE_DAYS).toBe(84);
  });

  it('reads a valid period, and completes one given half with the default length', () => {
    expect(parseFlowRange({ from: '2026-01-01', to: '2026-03-31' }, NOW)).toMatchObject({ from: '2026-01-01', to: '2026-03-31', isDefault: false, problem: null });
    expect(parseFlowRange({ from: '2026-01-01' }, NOW)).toMatchObject({ from: '2026-01-01', to: '2026-03-25' });
    expect(parseFlowRange({ to: '2026-03-25' }, NOW)).toMatchObject({ from: '2026-01-01', to: '2026-03-25' });
    expect(parseFlowRange({ from: '2026-11-20' }, NOW)).toMatchObject({ from: '2026-11-20', to: '2026-11-27' });
    // Repeated query keys: the first counts; empty fields mean "not given".
    expect(parseFlowRange({ from: ['2026-01-01', '2025-01-01'], to: '' }, NOW)).toMatchObject({ from: '2026-01-01', to: '2026-03-25' });
  });

  it('falls back to the default period and says why on bad input', () => {
    const problem = (query: { from?: unknown; to?: unknown }) => parseFlowRange(query, NOW).problem;
    expect(problem({ from: '2026-02-30' })).toBe('invalidDate');
    expect(problem({ from: 'last week' })).toBe('invalidDate');
    expect(problem({ from: '2026-03-01', to: '2026-02-01' })).toBe('fromAfterTo');
    expect(problem({ to: '2026-11-28' })).toBe('inFuture');
    expect(problem({ from: '2026-12-01' })).toBe('inFuture');
    expect(problem({ from: '2020-01-01', to: '2026-01-01' })).toBe('tooLong');
    expect(parseFlowRange({ from: '2026-02-30' }, NOW)).toMatchObject({ ...getDefaultFlowRange(NOW), problem: 'invalidDate' });
  });
});
