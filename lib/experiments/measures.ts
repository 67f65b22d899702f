/**
 * The measures an experiment can watch, as a series of points over time, and the study of an experiment: the
 * baseline before its start against the points after it (lib/flow/detect-change.ts). Pure: the board's history
 * comes in (stages, transitions, blocked periods, arrivals), a series goes out.
 *
 * Every measure but cycle time is one point per whole ISO week (Monday to Sunday in the team's zone), because a day
 * is too short to say anything and the same-day values of WIP or age are not independent. Weeks the period covers
 * only in part are left out, and so is the week in which the experiment started: it is neither before nor after.
 * - CYCLE_TIME: one point per finished item, at the instant it was done: calendar days from start to done.
 * - THROUGHPUT: items finished per week.
 * - WIP: items in progress, averaged over the week's days (each day counted at its end).
 * - WORK_ITEM_AGE: the average age in calendar days of the items in progress at the end of the week (no point in a
 *   week that ends with nothing in progress).
 * - BLOCKED_TIME: days of 24 h that items spent blocked during the week, all items together.
 * - FAILURE_DEMAND_SHARE: failure demand as a percentage of the week's arrivals (no point in a week without any).
 */
import {
  buildCycleTimeSeries,
  computeFlowMetrics,
  createZonedCalendar,
  DEFAULT_TIME_ZONE,
  detectChangeAfter,
  formatDayNumber,
  getIsoWeek,
  type BlockedPeriod,
  type ChangeDetection,
  type Demand,
  type FlowStage,
  type FlowTransition,
} from '@/lib/flow';
import { MS_PER_DAY } from '@/lib/flow/calendar-days';
import type { ExperimentDirection, ExperimentMeasure } from './model';

/** How far back the baseline reaches: the Flow page's default period, long enough for a dozen weekly points. */
export const BASELINE_DAYS = 12 * 7;

export interface MeasureInput {
  readonly stages: readonly FlowStage[];
  readonly transitions: readonly FlowTransition[];
  readonly blockedPeriods: readonly BlockedPeriod[];
  /** Every card's first entry to the board (abandoned cards too: they arrived) and its kind of demand. */
  readonly arrivals: readonly { readonly itemId: string; readonly at: Date; readonly demand: Demand }[];
  /** The series covers the calendar days from the one containing `from` through the one containing `to`. */
  readonly from: Date;
  readonly to: Date;
  readonly now: Date;
  readonly timeZone?: string;
  /** A week containing this instant is left out (the experiment's start). */
  readonly excludeWeekOf?: Date | null;
}

export interface MeasurePoint {
  readonly at: Date;
  readonly value: number;
  /** 'YYYY-MM-DD': the day an item was done, or the Monday of a week. */
  readonly date: string;
  /** 'YYYY-Www' for weekly points; the item id for cycle times. */
  readonly key: string;
}

/** Whether a measure's points are weeks (else items). */
export function isWeeklyMeasure(measure: ExperimentMeasure): boolean {
  return measure !== 'CYCLE_TIME';
}

/** The measure over the days of the input's period, oldest first. */
export function buildMeasureSeries(measure: ExperimentMeasure, input: MeasureInput): MeasurePoint[] {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const calendar = createZonedCalendar(timeZone);
  const fromDay = calendar.getDayNumber(input.from.getTime());
  const toDay = calendar.getDayNumber(input.to.getTime());
  const todayNumber = calendar.getDayNumber(input.now.getTime());
  const metrics = computeFlowMetrics({ stages: input.stages, transitions: input.transitions, from: input.from, to: input.to, now: input.now, timeZone });

  if (measure === 'CYCLE_TIME') {
    const finished = metrics.items.filter((item) => {
      if (item.doneAt === null) return false;
      const day = calendar.getDayNumber(item.doneAt.getTime());
      return day >= fromDay && day <= toDay;
    });
    const doneById = new Map(finished.map((item) => [item.id, item.doneAt as Date]));
    const series = buildCycleTimeSeries(finished);
    return series.labels.map((id, index) => {
      const at = doneById.get(id) as Date;
      return { at, value: series.values[index] as number, date: formatDayNumber(calendar.getDayNumber(at.getTime())), key: id };
    });
  }

  // Whole weeks inside the period, none still running, without the week of the change.
  const excludedMonday = input.excludeWeekOf ? getIsoWeek(calendar.getDayNumber(input.excludeWeekOf.getTime())).mondayDayNumber : null;
  const weeks: { monday: number; start: number; end: number }[] = [];
  for (let monday = getIsoWeek(fromDay).mondayDayNumber; monday <= toDay; monday += 7) {
    const sunday = monday + 6;
    if (monday < fromDay || sunday > toDay || sunday >= todayNumber || monday === excludedMonday) continue;
    weeks.push({ monday, start: calendar.getStartOfDay(monday), end: calendar.getStartOfDay(monday + 7) });
  }
  const point = (week: (typeof weeks)[number], value: number): MeasurePoint => ({
    at: new Date(week.start),
    value,
    date: formatDayNumber(week.monday),
    key: getIsoWeek(week.monday).label,
  });
  const weekIndexOfDay = (day: number) => weeks.findIndex((week) => day >= week.monday && day < week.monday + 7);

  switch (measure) {
    case 'THROUGHPUT': {
      const counts = weeks.map(() => 0);
      for (const item of metrics.items) {
        if (item.doneAt === null) continue;
        const index = weekIndexOfDay(calendar.getDayNumber(item.doneAt.getTime()));
        if (index >= 0) counts[index] = (counts[index] as number) + 1;
      }
      return weeks.map((week, index) => point(week, counts[index] as number));
    }
    case 'WIP': {
      const firstDay = calendar.getDayNumber(input.from.getTime());
      return weeks.map((week) => {
        const days = metrics.wip.slice(week.monday - firstDay, week.monday - firstDay + 7);
        return point(week, days.reduce((sum, day) => sum + day.count, 0) / Math.max(1, days.length));
      });
    }
    case 'WORK_ITEM_AGE':
      return weeks.flatMap((week) => {
        const ages = metrics.items.flatMap((item) => {
          if (item.startedAt === null || item.startedAt.getTime() >= week.end) return [];
          if (item.doneAt !== null && item.doneAt.getTime() < week.end) return [];
          return [week.monday + 6 - calendar.getDayNumber(item.startedAt.getTime()) + 1];
        });
        return ages.length === 0 ? [] : [point(week, ages.reduce((sum, age) => sum + age, 0) / ages.length)];
      });
    case 'BLOCKED_TIME':
      return weeks.map((week) => {
        let blocked = 0;
        for (const period of input.blockedPeriods) {
          const start = Math.max(period.start.getTime(), week.start);
          const end = Math.min(period.end?.getTime() ?? input.now.getTime(), week.end);
          if (end > start) blocked += end - start;
        }
        return point(week, blocked / MS_PER_DAY);
      });
    case 'FAILURE_DEMAND_SHARE':
      return weeks.flatMap((week) => {
        let total = 0;
        let failure = 0;
        for (const arrival of input.arrivals) {
          const time = arrival.at.getTime();
          if (time < week.start || time >= week.end) continue;
          total += 1;
          if (arrival.demand === 'FAILURE') failure += 1;
        }
        return total === 0 ? [] : [point(week, (failure / total) * 100)];
      });
  }
}

export interface ExperimentStudy {
  readonly detection: ChangeDetection;
  readonly before: MeasurePoint[];
  readonly after: MeasurePoint[];
  /** Mean of the points after the start; null without any. */
  readonly afterMean: number | null;
  /**
   * For a signal: whether the first signal points the way the team expected. The team decides what it means; this
   * only lets the page say "in the direction you expected" or "the other way".
   */
  readonly isExpectedDirection: boolean | null;
}

/**
 * Studies an experiment: the measure from BASELINE_DAYS before its start up to its end (or now), split at the
 * start, read with detectChangeAfter. `series` is buildMeasureSeries over that period, with the start's week left
 * out for weekly measures.
 */
export function studyExperiment(input: { series: readonly MeasurePoint[]; startedAt: Date; expectedDirection: ExperimentDirection }): ExperimentStudy {
  const start = input.startedAt.getTime();
  const before = input.series.filter((point) => point.at.getTime() < start);
  const after = input.series.filter((point) => point.at.getTime() >= start);
  const detection = detectChangeAfter({ points: input.series, changeAt: input.startedAt });
  const first = detection.signals[0];
  return {
    detection,
    before,
    after,
    afterMean: after.length === 0 ? null : after.reduce((sum, point) => sum + point.value, 0) / after.length,
    isExpectedDirection: first === undefined ? null : (first.direction === 'up') === (input.expectedDirection === 'UP'),
  };
}
