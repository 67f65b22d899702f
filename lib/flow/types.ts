/**
 * Shared types for the flow-metrics module.
 *
 * Everything here is team level by design: there is no actor/assignee field anywhere, so no
 * metric can be broken down per person even by accident.
 */

/** Workflow state of a board stage. Boards are expected to be ordered NOT_STARTED → IN_PROGRESS → DONE. */
export type StageState = 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE';

/** A board column as the metrics see it. `order` decides the left-to-right position. */
export interface FlowStage {
  readonly id: string;
  readonly name: string;
  readonly order: number;
  readonly state: StageState;
}

/** The item entered `toStageId` at instant `at`. An item's first transition is its creation. */
export interface FlowTransition {
  readonly itemId: string;
  readonly toStageId: string;
  readonly at: Date;
}

/** Calendar date in a time zone, formatted 'YYYY-MM-DD'. */
export type CalendarDate = string;

/** A count for one calendar day. */
export interface DailyCount {
  readonly date: CalendarDate;
  readonly count: number;
}

/** Nearest-rank cycle-time percentiles. */
export interface CycleTimePercentiles {
  readonly p50: number;
  readonly p85: number;
  readonly p95: number;
}

/** A labelled series of numbers, e.g. as input to an XmR chart. */
export interface LabelledSeries {
  readonly labels: string[];
  readonly values: number[];
}
