/**
 * Flow metrics for Tillit boards: pure functions over stages, transitions and dates.
 *
 * No database, no framework, no clock (`now` is always passed in) and no per-person data: the
 * inputs carry no actor, so every figure here is about the team's system of work.
 */
export { computeFlowMetrics } from './compute-flow-metrics';
export type { CfdDay, FlowItem, FlowMetrics, FlowMetricsInput } from './compute-flow-metrics';

export { computeAgingWip } from './aging-wip';
export type { AgingWipItem, AgingWipOptions } from './aging-wip';

export {
  DEFAULT_FORECAST_SEED,
  DEFAULT_FORECAST_TRIALS,
  forecastHowMany,
  forecastWhen,
  MAX_FORECAST_DAYS,
} from './monte-carlo-forecast';
export type {
  ForecastHowManyInput,
  ForecastWhenInput,
  HowManyForecast,
  WhenForecast,
  WhenForecastPoint,
} from './monte-carlo-forecast';
export { createMulberry32 } from './seeded-random';

export { buildCycleTimeSeries, buildWeeklyThroughputSeries, computeXmR } from './xmr-chart';
export type { CycleTimeSeriesItem, WeeklySeries, WeeklyThroughputInput, XmRChart, XmRPoint } from './xmr-chart';

export { DEFAULT_MIN_AFTER_POINTS, DEFAULT_MIN_BASELINE_POINTS, detectChangeAfter } from './detect-change';
export type {
  ChangeBaseline,
  ChangeDetection,
  ChangeDirection,
  ChangePoint,
  ChangeRule,
  ChangeSignal,
  ChangeVerdict,
  DetectChangeInput,
} from './detect-change';

export { computeDemandBreakdown } from './demand-breakdown';
export type {
  Demand,
  DemandBreakdown,
  DemandBreakdownInput,
  DemandCounts,
  DemandItem,
  DemandWeek,
} from './demand-breakdown';

export { computeBlockedTime } from './blocked-time';
export type { BlockedPeriod, BlockedTimeInput, ItemBlockedTime } from './blocked-time';

export { computeFlowByClass, findLaneAt, findLaneClassAt, FLOW_CLASSES } from './class-of-service';
export type { ClassedFinishedItem, ClassFlowFigures, LaneClassChange, LanePlacement } from './class-of-service';

export { computeServiceLevelExpectation } from './service-level-expectation';
export type { ServiceLevelExpectation } from './service-level-expectation';

export { computeCycleTimePercentiles, computePercentileNearestRank } from './percentiles';

export {
  addDaysToCalendarDate,
  countCalendarDaysInclusive,
  createZonedCalendar,
  DEFAULT_TIME_ZONE,
  formatDayNumber,
  getCalendarDate,
  getIsoWeek,
  listCalendarDays,
  listCalendarDaysInRange,
  parseCalendarDate,
} from './calendar-days';
export type { IsoWeek, ZonedCalendar } from './calendar-days';

export type {
  CalendarDate,
  CycleTimePercentiles,
  DailyCount,
  FlowStage,
  FlowTransition,
  LabelledSeries,
  StageState,
} from './types';
