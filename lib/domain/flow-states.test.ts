import { describe, expect, it } from 'vitest';
import {
  FLOW_STATE_WARNINGS,
  describeFlowStateProblems,
  getCommitmentPoint,
  getDeliveryPoint,
  type FlowState,
} from './flow-states';

function board(...states: FlowState[]) {
  return states.map((flowState, index) => ({ id: `c${index}`, flowState, name: `Column ${index}` }));
}

describe('getCommitmentPoint / getDeliveryPoint', () => {
  it('finds the first IN_PROGRESS and first DONE column, keeping the caller type', () => {
    const columns = board('NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE', 'DONE');
    expect(getCommitmentPoint(columns)?.id).toBe('c1');
    expect(getCommitmentPoint(columns)?.name).toBe('Column 1');
    expect(getDeliveryPoint(columns)?.id).toBe('c3');
  });

  it('returns null when there is no such column', () => {
    expect(getCommitmentPoint(board('NOT_STARTED', 'DONE'))).toBeNull();
    expect(getDeliveryPoint(board('NOT_STARTED', 'IN_PROGRESS'))).toBeNull();
    expect(getCommitmentPoint([])).toBeNull();
  });
});

describe('describeFlowStateProblems', () => {
  it('has no warnings for a conventional board', () => {
    expect(describeFlowStateProblems(board('NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE'))).toEqual([]);
    expect(describeFlowStateProblems(board('IN_PROGRESS', 'DONE', 'DONE'))).toEqual([]);
  });

  it('reports missing commitment and delivery points', () => {
    expect(describeFlowStateProblems([])).toEqual(['NO_IN_PROGRESS_COLUMN', 'NO_DONE_COLUMN']);
    expect(describeFlowStateProblems(board('NOT_STARTED', 'DONE'))).toEqual(['NO_IN_PROGRESS_COLUMN']);
    expect(describeFlowStateProblems(board('NOT_STARTED', 'IN_PROGRESS'))).toEqual(['NO_DONE_COLUMN']);
  });

  it('reports a not-started column right of the commitment point', () => {
    expect(describeFlowStateProblems(board('IN_PROGRESS', 'NOT_STARTED', 'IN_PROGRESS', 'DONE'))).toEqual([
      'NOT_STARTED_AFTER_COMMITMENT',
    ]);
  });

  it('reports unfinished columns right of the delivery point', () => {
    expect(describeFlowStateProblems(board('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'IN_PROGRESS'))).toEqual([
      'NOT_DONE_AFTER_DELIVERY',
    ]);
  });

  it('reports several problems once each, in a stable order', () => {
    const warnings = describeFlowStateProblems(board('DONE', 'IN_PROGRESS', 'NOT_STARTED', 'NOT_STARTED'));
    expect(warnings).toEqual(['NOT_STARTED_AFTER_COMMITMENT', 'NOT_DONE_AFTER_DELIVERY']);
    expect([...warnings].sort((a, b) => FLOW_STATE_WARNINGS.indexOf(a) - FLOW_STATE_WARNINGS.indexOf(b))).toEqual(
      warnings,
    );
  });
});
