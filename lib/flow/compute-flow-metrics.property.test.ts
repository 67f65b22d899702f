import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCalendarDate } from './calendar-days';
import { computeFlowMetrics, type FlowMetrics } from './compute-flow-metrics';
import type { FlowStage, FlowTransition, StageState } from './types';

const DAY = 86_400_000;
const RANGE_FROM = Date.parse('2026-03-20T00:00:00Z');
const RANGE_TO = Date.parse('2026-04-05T00:00:00Z');
// Transitions start a few days before the range and end a few days after, over the March DST change.
const EVENTS_FROM = RANGE_FROM - 5 * DAY;
const EVENTS_TO = RANGE_TO + 3 * DAY;
const NOW = RANGE_TO;

const boardArbitrary = fc
  .array(fc.constantFrom<StageState>('NOT_STARTED', 'IN_PROGRESS', 'DONE'), { minLength: 1, maxLength: 6 })
  .map((states): FlowStage[] =>
    // Usually a conventional board, but odd orders of states must not break the invariants either.
    states.map((state, index) => ({ id: `s${index}`, name: `Stage ${index}`, order: index * 10, state })),
  );

function transitionsArbitrary(stageCount: number): fc.Arbitrary<FlowTransition[]> {
  const stageIds = [...Array.from({ length: stageCount }, (_, index) => `s${index}`), 'removed'];
  return fc.array(
    fc.record({
      itemId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      toStageId: fc.constantFrom(...stageIds),
      at: fc.integer({ min: EVENTS_FROM, max: EVENTS_TO }).map((time) => new Date(time)),
    }),
    { maxLength: 40 },
  );
}

const scenarioArbitrary = boardArbitrary.chain((stages) =>
  fc.record({
    stages: fc.constant(stages),
    transitions: transitionsArbitrary(stages.length),
    timeZone: fc.constantFrom('Europe/Stockholm', 'UTC', 'America/New_York', 'Asia/Kolkata'),
  }),
);

function run(scenario: { stages: FlowStage[]; transitions: FlowTransition[]; timeZone: string }): FlowMetrics {
  return computeFlowMetrics({
    ...scenario,
    from: new Date(RANGE_FROM),
    to: new Date(RANGE_TO),
    now: new Date(NOW),
  });
}

/**
 * Straightforward transcription of the item rules (O(stages) per transition, no tricks), used as
 * an oracle for the optimised replay.
 */
function replayNaively(stages: FlowStage[], transitions: FlowTransition[], itemId: string) {
  const indexOf = new Map(stages.map((stage, index) => [stage.id, index]));
  const entries: (number | null)[] = stages.map(() => null);
  let current = -1;
  const effective = (stageIndex: number): number | null => {
    if (stageIndex > current) return null;
    for (let index = stageIndex; index <= current; index += 1) if (entries[index] !== null) return entries[index] ?? null;
    return null;
  };
  const own = transitions
    .map((transition, position) => ({ transition, position }))
    .filter(({ transition }) => transition.itemId === itemId)
    .sort((x, y) => x.transition.at.getTime() - y.transition.at.getTime() || x.position - y.position);
  for (const { transition } of own) {
    const stageIndex = indexOf.get(transition.toStageId);
    if (stageIndex === undefined) continue;
    if (stageIndex > current) {
      entries[stageIndex] = transition.at.getTime();
      current = stageIndex;
    } else if (stageIndex < current) {
      entries[stageIndex] = effective(stageIndex);
      for (let index = stageIndex + 1; index < entries.length; index += 1) entries[index] = null;
      current = stageIndex;
    }
  }
  const startIndex = stages.findIndex((stage) => stage.state !== 'NOT_STARTED');
  const doneIndex = stages.findIndex((stage) => stage.state === 'DONE');
  return {
    startedAt: startIndex === -1 ? null : effective(startIndex),
    doneAt: doneIndex === -1 ? null : effective(doneIndex),
    currentStageId: current === -1 ? null : (stages[current] as FlowStage).id,
    reached: stages.map((_, index) => effective(index)),
  };
}

describe('computeFlowMetrics properties', () => {
  it('CFD bands never decrease from one day to the next', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const { cfd } = run(scenario);
        for (let day = 1; day < cfd.length; day += 1) {
          for (const stage of scenario.stages) {
            expect(cfd[day]?.counts[stage.id]).toBeGreaterThanOrEqual(cfd[day - 1]?.counts[stage.id] ?? 0);
          }
        }
      }),
    );
  });

  it('CFD bands never increase from an earlier stage to a later one', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        for (const { counts } of run(scenario).cfd) {
          for (let index = 1; index < scenario.stages.length; index += 1) {
            const earlier = counts[(scenario.stages[index - 1] as FlowStage).id] ?? 0;
            expect(counts[(scenario.stages[index] as FlowStage).id]).toBeLessThanOrEqual(earlier);
          }
        }
      }),
    );
  });

  it('WIP = started − done by the end of each day, and equals the gap between the start and done bands', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const metrics = run(scenario);
        const localDate = (date: Date): string => getCalendarDate(date, scenario.timeZone);
        const startStage = scenario.stages.find((stage) => stage.state !== 'NOT_STARTED');
        const doneStage = scenario.stages.find((stage) => stage.state === 'DONE');
        metrics.days.forEach((date, day) => {
          const started = metrics.items.filter((item) => item.startedAt !== null && localDate(item.startedAt) <= date).length;
          const done = metrics.items.filter((item) => item.doneAt !== null && localDate(item.doneAt) <= date).length;
          expect(metrics.wip[day]).toEqual({ date, count: started - done });
          const counts = metrics.cfd[day]?.counts ?? {};
          const startBand = startStage === undefined ? 0 : (counts[startStage.id] ?? 0);
          const doneBand = doneStage === undefined ? 0 : (counts[doneStage.id] ?? 0);
          expect(metrics.wip[day]?.count).toBe(startBand - doneBand);
        });
      }),
    );
  });

  it('throughput counts each item on its final local done day, within the range only', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const metrics = run(scenario);
        metrics.days.forEach((date, day) => {
          const expected = metrics.items.filter(
            (item) => item.doneAt !== null && getCalendarDate(item.doneAt, scenario.timeZone) === date,
          ).length;
          expect(metrics.throughput[day]).toEqual({ date, count: expected });
        });
      }),
    );
  });

  it('agrees with a naive replay of the item rules, item by item and band by band', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const metrics = run(scenario);
        for (const item of metrics.items) {
          const expected = replayNaively(scenario.stages, scenario.transitions, item.id);
          expect(item.startedAt?.getTime() ?? null).toBe(expected.startedAt);
          expect(item.doneAt?.getTime() ?? null).toBe(expected.doneAt);
          expect(item.currentStageId).toBe(expected.currentStageId);
        }
        const lastDate = metrics.days[metrics.days.length - 1] as string;
        const endOfRange = metrics.cfd[metrics.cfd.length - 1]?.counts ?? {};
        scenario.stages.forEach((stage, index) => {
          const reached = metrics.items.filter((item) => {
            const entry = replayNaively(scenario.stages, scenario.transitions, item.id).reached[index] ?? null;
            return entry !== null && getCalendarDate(new Date(entry), scenario.timeZone) <= lastDate;
          }).length;
          expect(endOfRange[stage.id]).toBe(reached);
        });
      }),
    );
  });

  it('done items were started no later than they were finished, with cycle time ≥ 0 and ≥ 1 calendar day', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        for (const item of run(scenario).items) {
          if (item.doneAt === null) continue;
          expect(item.startedAt).not.toBeNull();
          expect(item.cycleTimeDays).toBeGreaterThanOrEqual(0);
          expect(item.cycleTimeCalendarDays).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
});
