/**
 * Value demand versus failure demand (Seddon): how much of what arrives is work the public
 * actually wants, and how much exists only because something earlier was not done right.
 * Counted by the week items were created, because demand is about arrivals, not completions.
 */
import { createZonedCalendar, DEFAULT_TIME_ZONE, formatDayNumber, getIsoWeek } from './calendar-days';

export type Demand = 'VALUE' | 'FAILURE' | 'UNKNOWN';

export interface DemandItem {
  /** Creation instant (an item's first transition, `FlowItem.createdAt`). */
  readonly createdAt: Date;
  /** Missing or null means not classified, counted as UNKNOWN. */
  readonly demand?: Demand | null;
}

export interface DemandCounts {
  readonly value: number;
  readonly failure: number;
  readonly unknown: number;
  readonly total: number;
  /** Shares in 0–1 of `total`; null when total is 0 (no arrivals, so no share to speak of). */
  readonly valueShare: number | null;
  readonly failureShare: number | null;
  readonly unknownShare: number | null;
}

export interface DemandWeek extends DemandCounts {
  /** ISO week label 'YYYY-Www'. */
  readonly week: string;
  /** Monday of the week, 'YYYY-MM-DD'. */
  readonly weekStart: string;
}

export interface DemandBreakdown {
  readonly weeks: DemandWeek[];
  /** Sums over `weeks`. */
  readonly totals: DemandCounts;
}

export interface DemandBreakdownInput {
  readonly items: readonly DemandItem[];
  readonly from: Date;
  readonly to: Date;
  /** IANA zone whose Mondays start the weeks. Default Europe/Stockholm. */
  readonly timeZone?: string;
}

function buildCounts(value: number, failure: number, unknown: number): DemandCounts {
  const total = value + failure + unknown;
  return {
    value,
    failure,
    unknown,
    total,
    valueShare: total === 0 ? null : value / total,
    failureShare: total === 0 ? null : failure / total,
    unknownShare: total === 0 ? null : unknown / total,
  };
}

/**
 * Counts items by demand type per ISO week of creation (weeks start Monday in `timeZone`), for
 * every week from the one containing `from` to the one containing `to`, zero weeks included,
 * plus totals over those weeks. Weeks are whole even when `from`/`to` fall mid-week; items
 * created outside those weeks are left out of weeks and totals alike.
 * Invariants: value + failure + unknown = total; the shares sum to 1 whenever total > 0.
 */
export function computeDemandBreakdown(input: DemandBreakdownInput): DemandBreakdown {
  const calendar = createZonedCalendar(input.timeZone ?? DEFAULT_TIME_ZONE);
  const firstMonday = getIsoWeek(calendar.getDayNumber(input.from.getTime())).mondayDayNumber;
  const lastMonday = getIsoWeek(calendar.getDayNumber(input.to.getTime())).mondayDayNumber;
  if (lastMonday < firstMonday) throw new RangeError('`to` must not be before `from`');
  const weekCount = (lastMonday - firstMonday) / 7 + 1;
  const value = new Array<number>(weekCount).fill(0);
  const failure = new Array<number>(weekCount).fill(0);
  const unknown = new Array<number>(weekCount).fill(0);

  for (const item of input.items) {
    const time = item.createdAt.getTime();
    if (Number.isNaN(time)) continue;
    const week = (getIsoWeek(calendar.getDayNumber(time)).mondayDayNumber - firstMonday) / 7;
    if (week < 0 || week >= weekCount) continue;
    const bucket = item.demand === 'VALUE' ? value : item.demand === 'FAILURE' ? failure : unknown;
    bucket[week] = (bucket[week] as number) + 1;
  }

  const weeks: DemandWeek[] = [];
  let totalValue = 0;
  let totalFailure = 0;
  let totalUnknown = 0;
  for (let week = 0; week < weekCount; week += 1) {
    const monday = firstMonday + week * 7;
    const counts = buildCounts(value[week] as number, failure[week] as number, unknown[week] as number);
    weeks.push({ week: getIsoWeek(monday).label, weekStart: formatDayNumber(monday), ...counts });
    totalValue += counts.value;
    totalFailure += counts.failure;
    totalUnknown += counts.unknown;
  }
  return { weeks, totals: buildCounts(totalValue, totalFailure, totalUnknown) };
}
