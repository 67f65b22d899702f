/**
 * Flow states of columns: which part of the workflow a column represents.
 *
 * The commitment point (first IN_PROGRESS column) and the delivery point
 * (first DONE column) are where lead time starts and stops. The team owns its
 * board, so an unusual layout produces warnings, never errors.
 */

/** The flow state a team assigns to a column. */
export type FlowState = 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE';

/** All flow states in workflow order. */
export const FLOW_STATES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'] as const satisfies readonly FlowState[];

/**
 * Warnings about a board's flow-state layout:
 * - NO_IN_PROGRESS_COLUMN: no commitment point, so lead/cycle time cannot start.
 * - NO_DONE_COLUMN: no delivery point, so nothing ever counts as finished.
 * - NOT_STARTED_AFTER_COMMITMENT: a NOT_STARTED column sits right of the commitment point.
 * - NOT_DONE_AFTER_DELIVERY: a NOT_STARTED or IN_PROGRESS column sits right of the delivery point.
 */
export type FlowStateWarning =
  | 'NO_IN_PROGRESS_COLUMN'
  | 'NO_DONE_COLUMN'
  | 'NOT_STARTED_AFTER_COMMITMENT'
  | 'NOT_DONE_AFTER_DELIVERY';

/** All warning codes, in the order {@link describeFlowStateProblems} reports them. */
export const FLOW_STATE_WARNINGS = [
  'NO_IN_PROGRESS_COLUMN',
  'NO_DONE_COLUMN',
  'NOT_STARTED_AFTER_COMMITMENT',
  'NOT_DONE_AFTER_DELIVERY',
] as const satisfies readonly FlowStateWarning[];

/** Minimal column shape the flow-state rules need. */
export type FlowColumn = { id: string; flowState: FlowState };

/**
 * The commitment point: the first column (left to right) whose state is
 * IN_PROGRESS, or null if there is none. `columnsInOrder` must be in board order.
 */
export function getCommitmentPoint<T extends FlowColumn>(columnsInOrder: readonly T[]): T | null {
  return columnsInOrder.find((column) => column.flowState === 'IN_PROGRESS') ?? null;
}

/**
 * The delivery point: the first column (left to right) whose state is DONE,
 * or null if there is none. `columnsInOrder` must be in board order.
 */
export function getDeliveryPoint<T extends FlowColumn>(columnsInOrder: readonly T[]): T | null {
  return columnsInOrder.find((column) => column.flowState === 'DONE') ?? null;
}

/**
 * Warnings about the layout of flow states across a board, for display only.
 *
 * Invariants: each code appears at most once; codes are listed in
 * FLOW_STATE_WARNINGS order; an empty list means the layout is conventional
 * (NOT_STARTED…, IN_PROGRESS…, DONE…). An empty board reports both NO_ codes.
 */
export function describeFlowStateProblems(
  columnsInOrder: readonly Pick<FlowColumn, 'flowState'>[],
): FlowStateWarning[] {
  const states = columnsInOrder.map((column) => column.flowState);
  const commitmentIndex = states.indexOf('IN_PROGRESS');
  const deliveryIndex = states.indexOf('DONE');
  const warnings: FlowStateWarning[] = [];

  if (commitmentIndex === -1) warnings.push('NO_IN_PROGRESS_COLUMN');
  if (deliveryIndex === -1) warnings.push('NO_DONE_COLUMN');
  if (commitmentIndex !== -1 && states.slice(commitmentIndex + 1).includes('NOT_STARTED')) {
    warnings.push('NOT_STARTED_AFTER_COMMITMENT');
  }
  if (deliveryIndex !== -1 && states.slice(deliveryIndex + 1).some((state) => state !== 'DONE')) {
    warnings.push('NOT_DONE_AFTER_DELIVERY');
  }
  return warnings;
}
