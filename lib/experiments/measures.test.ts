import { describe, expect, it } from 'vitest';
import type { FlowStage, FlowTransition } from '@/lib/flow';
import { buildMeasureSeries, isWeeklyMeasure, studyExperiment, type MeasureInput } from './measures';

const DAY = 86_400_000;
const STAGES: FlowStage[] = [
  { id: 'inbox', name: 'Inkommet', order: 0, state: 'NOT_STARTED' },
  { id: 'doing', name: 'Pågår', order: 1, state: 'IN_PROGRESS' },
  { id: 'done', name: 'Klart', order: 2, state: 'DONE' },
];
// Monday 2 March 2026, 10:00 in Stockholm (09:00 UTC). Weeks W10 … W13 follow.
const MONDAY = Date.UTC(2026, 2, 2, 9);
const at = (days: number) => new Date(MONDAY + days * DAY);

function item(id: string, created: number, started: number | null, done: number | null): FlowTransition[] {
  return [
    { itemId: id, toStageId: 'inbox', at: at(created) },
    ...(started === null ? [] : [{ itemId: id, toStageId: 'doing', at: at(started) }]),
    ...(done === null ? [] : [{ itemId: id, toStageId: 'done', at: at(done) }]),
  ];
}

function input(overrides: Partial<MeasureInput> = {}): MeasureInput {
  return {
    stages: STAGES,
    transitions: [
      ...item('a', 0, 1, 3), // done Thu W10, 3 calendar days
      ...item('b', 0, 2, 9), // done Wed W11, 8 days
      ...item('c', 7, 8, 10), // done Thu W11, 3 days
      ...item('d', 14, 15, null), // in progress from Tue W12
      ...item('e', 15, null, null), // never started
    ],
    blockedPeriods: [{ itemId: 'd', start: at(16), end: at(17.5) }],
    arrivals: [
      { itemId: 'a', at: at(0), demand: 'VALUE' },
      { itemId: 'b', at: at(0), demand: 'FAILURE' },
      { itemId: 'c', at: at(7), demand: 'VALUE' },
      { itemId: 'd', at: at(14), demand: 'FAILURE' },
      { itemId: 'e', at: at(15), demand: 'FAILURE' },
    ],
    from: at(0),
    to: at(27),
    now: at(27),
    ...overrides,
  };
}

describe('buildMeasureSeries', () => {
  it('gives one cycle time per finished item, at the instant it was done', () => {
    const series = buildMeasureSeries('CYCLE_TIME', input());
    expect(series.map((point) => [point.key, point.value, point.date])).toEqual([
      ['a', 3, '2026-03-05'],
      ['b', 8, '2026-03-11'],
      ['c', 3, '2026-03-12'],
    ]);
    expect(series[0]?.at).toEqual(at(3));
    expect(isWeeklyMeasure('CYCLE_TIME')).toBe(false);
  });

  it('counts whole weeks only: not the running week, nor the week of the change', () => {
    // Now is Sunday of W13: W13 is still running.
    const throughput = buildMeasureSeries('THROUGHPUT', input());
    expect(throughput.map((point) => [point.key, point.value])).toEqual([
      ['2026-W10', 1],
      ['2026-W11', 2],
      ['2026-W12', 0],
    ]);
    expect(throughput[1]?.at.toISOString()).toBe('2026-03-08T23:00:00.000Z');
    const withoutChangeWeek = buildMeasureSeries('THROUGHPUT', input({ excludeWeekOf: at(9.5) }));
    expect(withoutChangeWeek.map((point) => point.key)).toEqual(['2026-W10', '2026-W12']);
    // A period starting mid-week leaves that week out.
    expect(buildMeasureSeries('THROUGHPUT', input({ from: at(2) })).map((point) => point.key)).toEqual(['2026-W11', '2026-W12']);
  });

  it('averages daily WIP over the week', () => {
    // W10: a in progress Tue–Wed (Thu it is done), b from Wed: end-of-day WIP Mon 0, Tue 1, Wed 2, Thu 1, Fri–Sun 1.
    const wip = buildMeasureSeries('WIP', input());
    expect(wip[0]?.value).toBeCloseTo((0 + 1 + 2 + 1 + 1 + 1 + 1) / 7, 10);
  });

  it('gives the average age of the work in progress at the end of each week', () => {
    const age = buildMeasureSeries('WORK_ITEM_AGE', input());
    // End of W10 (Sunday 8 March): b started Wed 4 March → 5 days. W11 ends with nothing in progress: no point.
    // End of W12: d started Tue 17 March → 6 days.
    expect(age.map((point) => [point.key, point.value])).toEqual([
      ['2026-W10', 5],
      ['2026-W12', 6],
    ]);
  });

  it('sums blocked time per week and gives the failure-demand share of arrivals', () => {
    expect(buildMeasureSeries('BLOCKED_TIME', input()).map((point) => point.value)).toEqual([0, 0, 1.5]);
    expect(buildMeasureSeries('FAILURE_DEMAND_SHARE', input()).map((point) => [point.key, point.value])).toEqual([
      ['2026-W10', 50],
      ['2026-W11', 0],
      ['2026-W12', 100],
    ]);
  });
});

describe('studyExperiment', () => {
  const points = (values: number[], startDay: number) => values.map((value, index) => ({ at: at(startDay + index), value, date: '', key: String(index) }));

  it('splits at the start and says whether a signal goes the way the team expected', () => {
    const series = [...points([11, 14, 12, 10, 15, 13, 12, 9], 0), ...points([6, 5, 7, 6, 5, 6, 7, 5], 20)];
    const down = studyExperiment({ series, startedAt: at(20), expectedDirection: 'DOWN' });
    expect(down.detection.verdict).toBe('signal');
    expect(down.before).toHaveLength(8);
    expect(down.after).toHaveLength(8);
    expect(down.afterMean).toBeCloseTo(47 / 8, 10);
    expect(down.isExpectedDirection).toBe(true);
    expect(studyExperiment({ series, startedAt: at(20), expectedDirection: 'UP' }).isExpectedDirection).toBe(false);
  });

  it('has too little data on a fresh board', () => {
    const study = studyExperiment({ series: points([4, 5], 0), startedAt: at(1), expectedDirection: 'DOWN' });
    expect(study.detection.verdict).toBe('too-little-data');
    expect(study.isExpectedDirection).toBeNull();
  });
});
