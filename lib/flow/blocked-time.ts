/**
 * Time items have spent blocked. Blocked time is usually the largest avoidable part of cycle
 * time, so the team wants the total per item and how long a currently blocked item has waited.
 */
import { MS_PER_DAY } from './calendar-days';

export interface BlockedPeriod {
  readonly itemId: string;
  readonly start: Date;
  /** Null while the item is still blocked. */
  readonly end: Date | null;
}

export interface ItemBlockedTime {
  readonly itemId: string;
  /** Total blocked time up to `now`, in days of 24 h (fractional). */
  readonly blockedDays: number;
  /** Whether `now` falls inside a blocked period. */
  readonly isBlocked: boolean;
  /** How long the item has been blocked without interruption up to `now`, in days; null if not blocked. */
  readonly currentlyBlockedDays: number | null;
  /** Start of that uninterrupted blocked stretch; null if not blocked. */
  readonly blockedSince: Date | null;
}

export interface BlockedTimeInput {
  readonly blockedPeriods: readonly BlockedPeriod[];
  readonly now: Date;
}

/**
 * Sums blocked time per item up to `now`.
 *
 * - An open period (end null) counts until `now`; time after `now` never counts. Periods are
 *   half-open: one that ended exactly at `now` no longer blocks.
 * - Overlapping or touching periods of one item are merged first (an item blocked for two
 *   reasons at once is not blocked twice as long), so blockedDays ≤ the elapsed wall time.
 * - Periods starting after `now`, periods with end before start, and periods with invalid dates
 *   are ignored; such data cannot describe time the item has actually been blocked.
 * - The current stretch is the merged interval containing `now`, so back-to-back blocks read as
 *   one wait.
 * Items appear once each, sorted by id; items without any counted period are omitted.
 */
export function computeBlockedTime(input: BlockedTimeInput): ItemBlockedTime[] {
  const nowTime = input.now.getTime();
  if (Number.isNaN(nowTime)) throw new RangeError('now is not a valid date');

  // Per item: [start, end, ongoing]; ongoing = still blocked at `now` (open, or ending after `now`).
  const intervalsByItem = new Map<string, [number, number, boolean][]>();
  for (const period of input.blockedPeriods) {
    const start = period.start.getTime();
    const rawEnd = period.end === null ? Number.POSITIVE_INFINITY : period.end.getTime();
    if (Number.isNaN(start) || Number.isNaN(rawEnd) || start > nowTime || rawEnd < start) continue;
    let intervals = intervalsByItem.get(period.itemId);
    if (intervals === undefined) {
      intervals = [];
      intervalsByItem.set(period.itemId, intervals);
    }
    intervals.push([start, Math.min(rawEnd, nowTime), rawEnd > nowTime]);
  }

  const result: ItemBlockedTime[] = [];
  for (const [itemId, intervals] of intervalsByItem) {
    intervals.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let blockedSince: number | null = null;
    let stretchStart = Number.NaN;
    let stretchEnd = Number.NEGATIVE_INFINITY;
    for (const [start, end, ongoing] of intervals) {
      if (start > stretchEnd) {
        // A gap: the previous stretch is complete.
        if (stretchEnd > Number.NEGATIVE_INFINITY) total += stretchEnd - stretchStart;
        stretchStart = start;
        stretchEnd = end;
      } else {
        stretchEnd = Math.max(stretchEnd, end);
      }
      // An ongoing period ends at `now`, so its stretch is the last one: the current wait.
      if (ongoing) blockedSince = stretchStart;
    }
    total += stretchEnd - stretchStart;
    result.push({
      itemId,
      blockedDays: total / MS_PER_DAY,
      isBlocked: blockedSince !== null,
      currentlyBlockedDays: blockedSince === null ? null : (nowTime - blockedSince) / MS_PER_DAY,
      blockedSince: blockedSince === null ? null : new Date(blockedSince),
    });
  }
  return result.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}
