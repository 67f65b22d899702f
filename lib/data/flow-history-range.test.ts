import { describe, expect, it } from 'vitest';
import { chooseFlowRange } from './flow-history-range';

const NOW = new Date('2026-03-20T12:00:00Z');

describe('the Flow page period for a board with its own history', () => {
  it('an imported board whose history ended long ago shows its own last 12 weeks of activity, and says so', () => {
    const range = chooseFlowRange({}, { first: new Date('2021-02-01T10:00:00Z'), last: new Date('2024-11-20T10:00:00Z') }, NOW);
    expect(range.basis).toBe('lastActivity');
    expect([range.from, range.to]).toEqual(['2024-08-29', '2024-11-20']);
    expect(range.activity).toEqual({ first: '2021-02-01', last: '2024-11-20' });
  });

  it('a board active in the last 12 weeks keeps the usual default', () => {
    const range = chooseFlowRange({}, { first: new Date('2025-01-01T10:00:00Z'), last: new Date('2026-03-01T10:00:00Z') }, NOW);
    expect(range.basis).toBe('recent');
    expect([range.from, range.to]).toEqual(['2025-12-27', '2026-03-20']);
  });

  it('shows the whole history on request, even beyond three years', () => {
    const range = chooseFlowRange({ range: 'all' }, { first: new Date('2019-05-02T10:00:00Z'), last: new Date('2024-11-20T10:00:00Z') }, NOW);
    expect(range.basis).toBe('all');
    expect([range.from, range.to]).toEqual(['2019-05-02', '2026-03-20']);
  });

  it('a period the person chose wins; a board with no history at all gets the usual default', () => {
    const chosen = chooseFlowRange({ from: '2024-01-01', to: '2024-02-01', range: 'all' }, { first: new Date('2020-01-01'), last: new Date('2024-11-20') }, NOW);
    expect([chosen.basis, chosen.from, chosen.to]).toEqual(['chosen', '2024-01-01', '2024-02-01']);
    expect(chooseFlowRange({}, { first: null, last: null }, NOW).basis).toBe('recent');
    expect(chooseFlowRange({ range: 'all' }, { first: null, last: null }, NOW).basis).toBe('recent');
  });
});
