/**
 * Flow per class of service (issue 12): cycle time, throughput and service level expectation for each class, so a
 * team can say "85 % of our expedite cases finish within 3 days; standard work within 19".
 *
 * Which class a finished item belongs to: **the class of the lane it was in when it finished** — the lane it was
 * placed in by its last CREATED/MOVED event at or before the instant it reached done, with the class that lane had
 * at that instant (a lane's class changes are undone, newest first, back to that instant). An expedite case that
 * was moved into the standard lane before it finished counts as standard; a case that finished in the expedite
 * lane counts as expedite wherever it started. It is the class under which the team actually delivered it, the
 * one its cycle time says something about.
 *
 * Team level only, like every flow figure: nothing here knows who did anything. Pure: no clock, no database.
 */
import type { ClassOfService } from '@/lib/domain/lanes';
import { computeCycleTimePercentiles } from './percentiles';
import { computeServiceLevelExpectation } from './service-level-expectation';
import type { CycleTimePercentiles } from './types';

/** Every class, in the order the figures list them (expedite first, as the board draws them). */
export const FLOW_CLASSES = ['EXPEDITE', 'STANDARD', 'INTANGIBLE'] as const satisfies readonly ClassOfService[];

/** One item's placement in a lane: it entered lane `laneId` at `at` (its creation or a move). */
export interface LanePlacement {
  readonly at: Date;
  readonly laneId: string;
}

/** A lane's change of class at `at` (from the board history, LANE_CLASS_CHANGED). */
export interface LaneClassChange {
  readonly laneId: string;
  readonly at: Date;
  readonly before: ClassOfService;
  readonly after: ClassOfService;
}

/**
 * The lane an item was in at instant `at`: the lane of its last placement at or before `at` (placements in any
 * order). Null when it had none by then (history from before lanes existed).
 */
export function findLaneAt(placements: readonly LanePlacement[], at: Date): string | null {
  let best: LanePlacement | null = null;
  for (const placement of placements) {
    if (placement.at.getTime() > at.getTime()) continue;
    if (best === null || placement.at.getTime() >= best.at.getTime()) best = placement;
  }
  return best?.laneId ?? null;
}

/**
 * The class a lane had at instant `at`: its current class with every change made after `at` undone, newest
 * first. A change at exactly `at` counts as made (the item finished under the new class).
 */
export function findLaneClassAt(currentClass: ClassOfService, changes: readonly LaneClassChange[], at: Date): ClassOfService {
  const later = changes.filter((change) => change.at.getTime() > at.getTime()).sort((a, b) => b.at.getTime() - a.at.getTime());
  return later.reduce<ClassOfService>((_, change) => change.before, currentClass);
}

/** A finished item as the per-class figures need it. */
export interface ClassedFinishedItem {
  readonly classOfService: ClassOfService;
  /** Calendar days from start to done, both counted (FlowItem.cycleTimeCalendarDays). */
  readonly cycleTimeCalendarDays: number;
}

export interface ClassFlowFigures {
  readonly classOfService: ClassOfService;
  /** Items of the class finished in the period: its throughput. */
  readonly finishedCount: number;
  /** Its share of all items finished in the period, 0…1 (0 when nothing finished). */
  readonly share: number;
  readonly cycleTimePercentiles: CycleTimePercentiles | null;
  /** "85 % finish within `days`"; null with fewer than `minForSle` finished items of the class. */
  readonly serviceLevelExpectation: { readonly percentile: 85; readonly days: number; readonly basedOn: number } | null;
}

/**
 * The figures of each class that has finished items, in FLOW_CLASSES order. Invariants: the finished counts add
 * up to `items.length`, the shares to 1 (when anything finished); each class's percentiles and SLE are those of
 * its own cycle times alone (nearest rank, as for the whole board).
 */
export function computeFlowByClass(items: readonly ClassedFinishedItem[], minForSle: number): ClassFlowFigures[] {
  const figures: ClassFlowFigures[] = [];
  for (const classOfService of FLOW_CLASSES) {
    const cycleTimes = items.filter((item) => item.classOfService === classOfService).map((item) => item.cycleTimeCalendarDays);
    if (cycleTimes.length === 0) continue;
    const sle = cycleTimes.length >= minForSle ? computeServiceLevelExpectation(cycleTimes) : null;
    figures.push({
      classOfService,
      finishedCount: cycleTimes.length,
      share: cycleTimes.length / items.length,
      cycleTimePercentiles: computeCycleTimePercentiles(cycleTimes),
      serviceLevelExpectation: sle === null ? null : { percentile: 85, days: sle.days, basedOn: cycleTimes.length },
    });
  }
  return figures;
}
