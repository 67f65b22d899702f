/**
 * Team-level flow metrics for one board: per-item cycle time and age, daily throughput, daily
 * WIP, the cumulative flow diagram and cycle-time percentiles.
 *
 * Cost is O(transitions + days × stages) plus one Intl call per distinct day touched (see
 * calendar-days.ts): transitions are grouped by item once, each item is replayed once, and the
 * CFD is accumulated from per-day difference rows instead of counting items per day per stage.
 */
import { createZonedCalendar, DEFAULT_TIME_ZONE, formatDayNumber, MS_PER_DAY } from './calendar-days';
import {
  buildStageLayout,
  createReachedStages,
  getEffectiveEntryTime,
  groupTransitionsByItem,
  replayItemTransitions,
} from './item-history';
import { computeCycleTimePercentiles } from './percentiles';
import type {
  CalendarDate,
  CycleTimePercentiles,
  DailyCount,
  FlowStage,
  FlowTransition,
} from './types';

export interface FlowMetricsInput {
  readonly stages: readonly FlowStage[];
  /** Every transition of every item to include, in any order. Archived/removed items are simply absent. */
  readonly transitions: readonly FlowTransition[];
  /** The reporting range: the calendar day containing `from` through the day containing `to`. */
  readonly from: Date;
  readonly to: Date;
  /** The current instant; ages are measured up to it. Passed in so results are reproducible. */
  readonly now: Date;
  /** IANA zone whose calendar days the daily series use. Default Europe/Stockholm. */
  readonly timeZone?: string;
}

/** One item's flow facts. Durations are null when the item has not reached the relevant stage. */
export interface FlowItem {
  readonly id: string;
  /** Instant of the item's first transition. */
  readonly createdAt: Date;
  /** Effective entry into the first stage that is not NOT_STARTED. */
  readonly startedAt: Date | null;
  /** Effective entry into the first DONE stage; null again once an item is reopened. */
  readonly doneAt: Date | null;
  /** (doneAt − startedAt) in days of 24 h, fractional. */
  readonly cycleTimeDays: number | null;
  /** Calendar days from the start day to the done day in the time zone, both counted (same day → 1). */
  readonly cycleTimeCalendarDays: number | null;
  /** For started, not-done items: (now − startedAt) in days of 24 h, fractional, never below 0. */
  readonly ageDays: number | null;
  /** For started, not-done items: calendar days from the start day to today, both counted (≥ 1). */
  readonly ageCalendarDays: number | null;
  /** The stage the item is in, or null if none of its transitions is to a known stage. */
  readonly currentStageId: string | null;
}

/** Cumulative flow for one day: per stage id, the number of items that had reached it by the end of the day. */
export interface CfdDay {
  readonly date: CalendarDate;
  readonly counts: Record<string, number>;
}

export interface FlowMetrics {
  readonly timeZone: string;
  /** Every calendar day of the range, in order; the daily series below have one entry per day. */
  readonly days: CalendarDate[];
  /** Every item in the input, in order of first appearance (an item whose every `at` is invalid is absent). */
  readonly items: FlowItem[];
  readonly throughput: DailyCount[];
  readonly wip: DailyCount[];
  readonly cfd: CfdDay[];
  /** Nearest-rank percentiles of `cycleTimeCalendarDays` over items done within the range; null if none. */
  readonly cycleTimePercentiles: CycleTimePercentiles | null;
}

function assertValidDate(value: Date, name: string): number {
  const time = value.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${name} is not a valid date`);
  return time;
}

/**
 * Computes the flow metrics of one board over a range of calendar days.
 *
 * Meaning and invariants:
 * - Item rules (backward moves, reopening, skipped stages, unknown stages) are those of
 *   item-history.ts; each item contributes its final, replayed entry times. So the CFD is
 *   drawn from today's knowledge: a band never shrinks from one day to the next, and a later
 *   stage's band is never above an earlier stage's.
 * - Throughput for a day = items whose final done instant falls on that calendar day; every day
 *   of the range is present, zero days included.
 * - WIP for a day = items started before the end of the day and not done before the end of the
 *   day, i.e. CFD(start stage) − CFD(done stage) for that day. Items started before the range count.
 * - "End of day" is the next local midnight in `timeZone` (days are 23, 24 or 25 h long).
 * - cycleTimePercentiles covers items whose done day lies in the range, in calendar days.
 * Throws RangeError for an invalid date, an unknown time zone, `to` before `from`, or duplicate stage ids.
 */
export function computeFlowMetrics(input: FlowMetricsInput): FlowMetrics {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const fromTime = assertValidDate(input.from, 'from');
  const toTime = assertValidDate(input.to, 'to');
  const nowTime = assertValidDate(input.now, 'now');
  if (toTime < fromTime) throw new RangeError('`to` must not be before `from`');

  const calendar = createZonedCalendar(timeZone);
  const layout = buildStageLayout(input.stages);
  const stageCount = layout.stages.length;
  const firstDay = calendar.getDayNumber(fromTime);
  const dayCount = calendar.getDayNumber(toTime) - firstDay + 1;
  const nowDay = calendar.getDayNumber(nowTime);

  const throughputCounts = new Int32Array(dayCount);
  const startedOnDay = new Int32Array(dayCount); // started before the range are counted on day 0
  const doneOnDay = new Int32Array(dayCount); // likewise for done
  // Row per day, stageCount + 1 columns: +1 where a run of stages reached that day begins, −1
  // after it ends. Prefix sums over a row then over the days give the CFD.
  const rowWidth = stageCount + 1;
  const cfdDifferences = new Int32Array(dayCount * rowWidth);
  const finishedCycleTimes: number[] = [];
  const items: FlowItem[] = [];

  const grouped = groupTransitionsByItem(input.transitions, layout);
  const reached = createReachedStages(stageCount);
  for (let itemIndex = 0; itemIndex < grouped.itemIds.length; itemIndex += 1) {
    replayItemTransitions(grouped, itemIndex, reached);

    let previousIndex = -1;
    for (let m = 0; m < reached.length; m += 1) {
      const reachedIndex = reached.indexes[m] as number;
      const day = calendar.getDayNumber(reached.times[m] as number) - firstDay;
      if (day < dayCount) {
        // Stages previousIndex+1 … reachedIndex share this entry time (skipped-stage rule).
        const row = Math.max(day, 0) * rowWidth;
        cfdDifferences[row + previousIndex + 1] = (cfdDifferences[row + previousIndex + 1] as number) + 1;
        cfdDifferences[row + reachedIndex + 1] = (cfdDifferences[row + reachedIndex + 1] as number) - 1;
      }
      previousIndex = reachedIndex;
    }

    const startTime = getEffectiveEntryTime(reached, layout.startIndex);
    const doneTime = getEffectiveEntryTime(reached, layout.doneIndex);
    const startDay = startTime === null ? null : calendar.getDayNumber(startTime);
    const doneDay = doneTime === null ? null : calendar.getDayNumber(doneTime);
    const currentIndex = reached.length > 0 ? (reached.indexes[reached.length - 1] as number) : -1;
    const item = describeItem({
      id: grouped.itemIds[itemIndex] as string,
      createdAt: grouped.times[grouped.offsets[itemIndex] as number] as number,
      currentStageId: currentIndex < 0 ? null : (layout.stages[currentIndex] as FlowStage).id,
      startTime,
      startDay,
      doneTime,
      doneDay,
      nowTime,
      nowDay,
    });
    items.push(item);

    if (startDay !== null && startDay - firstDay < dayCount) {
      const day = Math.max(startDay - firstDay, 0);
      startedOnDay[day] = (startedOnDay[day] as number) + 1;
    }
    if (doneDay !== null && doneDay - firstDay < dayCount) {
      const day = Math.max(doneDay - firstDay, 0);
      doneOnDay[day] = (doneOnDay[day] as number) + 1;
      if (doneDay >= firstDay) {
        throughputCounts[day] = (throughputCounts[day] as number) + 1;
        finishedCycleTimes.push(item.cycleTimeCalendarDays as number);
      }
    }
  }

  const days: CalendarDate[] = [];
  const throughput: DailyCount[] = [];
  const wip: DailyCount[] = [];
  const cfd: CfdDay[] = [];
  const reachedSoFar = new Int32Array(stageCount);
  let startedSoFar = 0;
  let doneSoFar = 0;
  for (let day = 0; day < dayCount; day += 1) {
    const date = formatDayNumber(firstDay + day);
    days.push(date);
    throughput.push({ date, count: throughputCounts[day] as number });
    startedSoFar += startedOnDay[day] as number;
    doneSoFar += doneOnDay[day] as number;
    wip.push({ date, count: startedSoFar - doneSoFar });
    const counts: Record<string, number> = {};
    let runningDifference = 0;
    for (let stage = 0; stage < stageCount; stage += 1) {
      runningDifference += cfdDifferences[day * rowWidth + stage] as number;
      reachedSoFar[stage] = (reachedSoFar[stage] as number) + runningDifference;
      counts[(layout.stages[stage] as FlowStage).id] = reachedSoFar[stage] as number;
    }
    cfd.push({ date, counts });
  }

  return {
    timeZone,
    days,
    items,
    throughput,
    wip,
    cfd,
    cycleTimePercentiles: computeCycleTimePercentiles(finishedCycleTimes),
  };
}

interface ItemFacts {
  readonly id: string;
  readonly createdAt: number;
  readonly currentStageId: string | null;
  readonly startTime: number | null;
  readonly startDay: number | null;
  readonly doneTime: number | null;
  readonly doneDay: number | null;
  readonly nowTime: number;
  readonly nowDay: number;
}

/** Turns one replayed item into its public description (durations and ages). */
function describeItem(facts: ItemFacts): FlowItem {
  const { startTime, startDay, doneTime, doneDay, nowTime, nowDay } = facts;
  let cycleTimeDays: number | null = null;
  let cycleTimeCalendarDays: number | null = null;
  let ageDays: number | null = null;
  let ageCalendarDays: number | null = null;
  if (startTime !== null && startDay !== null && doneTime !== null && doneDay !== null) {
    cycleTimeDays = (doneTime - startTime) / MS_PER_DAY;
    cycleTimeCalendarDays = doneDay - startDay + 1;
  } else if (startTime !== null && startDay !== null) {
    // Clamped so a start stamped slightly after `now` (clock skew between servers) reads as brand new, not negative.
    ageDays = Math.max(0, nowTime - startTime) / MS_PER_DAY;
    ageCalendarDays = Math.max(1, nowDay - startDay + 1);
  }
  return {
    id: facts.id,
    createdAt: new Date(facts.createdAt),
    startedAt: startTime === null ? null : new Date(startTime),
    doneAt: doneTime === null ? null : new Date(doneTime),
    cycleTimeDays,
    cycleTimeCalendarDays,
    ageDays,
    ageCalendarDays,
    currentStageId: facts.currentStageId,
  };
}
