import { describe, expect, it } from 'vitest';
import {
  buildStandupWalk,
  compareWalkCards,
  findColumnStart,
  findOverLimitColumns,
  findOverLimitLanes,
  flattenStandupWalk,
  resolveWalkIndex,
  type WalkCard,
  type WalkColumn,
} from './walk-order';

const NOW = new Date('2026-11-26T08:00:00Z'); // a Thursday, 09:00 in Stockholm

const columns: (WalkColumn & { name: string })[] = [
  { id: 'backlog', name: 'Inkommet', flowState: 'NOT_STARTED', wipLimit: null },
  { id: 'doing', name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 2 },
  { id: 'review', name: 'Granskas', flowState: 'IN_PROGRESS', wipLimit: null },
  { id: 'done', name: 'Klart', flowState: 'DONE', wipLimit: null },
];

function card(id: string, columnId: string, overrides: Partial<WalkCard> = {}): WalkCard {
  return {
    id,
    columnId,
    blockedAt: null,
    startedAt: columnId === 'backlog' ? null : '2026-11-20T08:00:00Z',
    createdAt: '2026-11-01T08:00:00Z',
    doneAt: null,
    lastMovedAt: '2026-11-20T08:00:00Z',
    ...overrides,
  };
}

function order(walk: ReturnType<typeof buildStandupWalk>) {
  return walk.map((column) => [column.column.id, column.cards.map((item) => item.card.id)]);
}

describe('buildStandupWalk', () => {
  it('walks the columns right to left and skips done columns by default', () => {
    const walk = buildStandupWalk({ columns, cards: [card('a', 'backlog'), card('b', 'doing'), card('c', 'review'), card('d', 'done')], now: NOW, cycleTimeP85Days: null });
    expect(order(walk)).toEqual([
      ['review', ['c']],
      ['doing', ['b']],
      ['backlog', ['a']],
    ]);
  });

  it('keeps empty columns in the walk so the team sees where work is missing', () => {
    const walk = buildStandupWalk({ columns, cards: [card('b', 'doing')], now: NOW, cycleTimeP85Days: null });
    expect(order(walk)).toEqual([
      ['review', []],
      ['doing', ['b']],
      ['backlog', []],
    ]);
  });

  it('puts blocked cards first, longest blocked first, then the oldest by start', () => {
    const cards = [
      card('young', 'doing', { startedAt: '2026-11-25T08:00:00Z' }),
      card('old', 'doing', { startedAt: '2026-11-10T08:00:00Z' }),
      card('blocked-recently', 'doing', { blockedAt: '2026-11-25T08:00:00Z', startedAt: '2026-11-01T08:00:00Z' }),
      card('blocked-long', 'doing', { blockedAt: '2026-11-20T08:00:00Z', startedAt: '2026-11-24T08:00:00Z' }),
      card('middle', 'doing', { startedAt: '2026-11-18T08:00:00Z' }),
    ];
    const [, doing] = buildStandupWalk({ columns, cards, now: NOW, cycleTimeP85Days: null });
    expect(doing?.cards.map((item) => item.card.id)).toEqual(['blocked-long', 'blocked-recently', 'old', 'middle', 'young']);
  });

  it('falls back to the creation time for cards never started, and breaks ties by id', () => {
    const cards = [
      card('z', 'backlog', { createdAt: '2026-11-02T08:00:00Z' }),
      card('b', 'backlog', { createdAt: '2026-11-01T08:00:00Z' }),
      card('a', 'backlog', { createdAt: '2026-11-01T08:00:00Z' }),
    ];
    const walk = buildStandupWalk({ columns, cards, now: NOW, cycleTimeP85Days: null });
    expect(walk.at(-1)?.cards.map((item) => item.card.id)).toEqual(['a', 'b', 'z']);
  });

  it('gives the same order whatever order the cards arrive in', () => {
    const cards = [
      card('x', 'doing', { startedAt: '2026-11-20T08:00:00Z' }),
      card('y', 'doing', { startedAt: '2026-11-20T08:00:00Z' }),
      card('w', 'doing', { blockedAt: '2026-11-24T08:00:00Z' }),
    ];
    const forward = order(buildStandupWalk({ columns, cards, now: NOW, cycleTimeP85Days: null }));
    const backward = order(buildStandupWalk({ columns, cards: [...cards].reverse(), now: NOW, cycleTimeP85Days: null }));
    expect(backward).toEqual(forward);
    expect(forward[1]).toEqual(['doing', ['w', 'x', 'y']]);
  });

  it('includes done columns first, when asked, with only the cards finished since the last standup', () => {
    const cards = [
      card('long-done', 'done', { doneAt: '2026-11-02T08:00:00Z' }),
      card('just-done', 'done', { doneAt: '2026-11-25T14:00:00Z' }),
      card('c', 'review'),
    ];
    const walk = buildStandupWalk({ columns, cards, now: NOW, cycleTimeP85Days: null, includeDoneColumns: true, finishedSince: new Date('2026-11-25T08:00:00Z') });
    expect(order(walk)[0]).toEqual(['done', ['just-done']]);
    expect(walk[0]?.cardCount).toBe(2);
    const everything = buildStandupWalk({ columns, cards, now: NOW, cycleTimeP85Days: null, includeDoneColumns: true });
    expect(everything[0]?.cards).toHaveLength(2);
  });

  it('describes each card: age, time since the last move, time blocked and ageing against the 85th percentile', () => {
    const cards = [
      card('aging', 'doing', { startedAt: '2026-11-16T08:00:00Z', lastMovedAt: '2026-11-23T07:00:00Z', blockedAt: '2026-11-23T08:00:00Z' }),
      card('fresh', 'doing', { startedAt: '2026-11-26T07:30:00Z', lastMovedAt: '2026-11-26T07:30:00Z' }),
      card('waiting', 'backlog', { startedAt: '2026-11-10T08:00:00Z' }),
      card('finished', 'done', { startedAt: '2026-11-10T08:00:00Z', doneAt: '2026-11-12T08:00:00Z' }),
    ];
    const walk = buildStandupWalk({ columns, cards, now: NOW, cycleTimeP85Days: 7, includeDoneColumns: true });
    const items = new Map(flattenStandupWalk(walk).map((stop) => [stop.item.card.id, stop.item]));
    expect(items.get('aging')).toMatchObject({ ageDays: 11, daysSinceMove: 3, blockedDays: 3, exceedsCycleTime: true });
    expect(items.get('fresh')).toMatchObject({ ageDays: 1, daysSinceMove: 0, blockedDays: null, exceedsCycleTime: false });
    // Moved back before the commitment point: not in progress, so no age.
    expect(items.get('waiting')).toMatchObject({ ageDays: null, exceedsCycleTime: false });
    // Done work's age is its cycle time, not time since it was started.
    expect(items.get('finished')).toMatchObject({ ageDays: 3, exceedsCycleTime: false });
  });

  it('never marks ageing without flow metrics', () => {
    const walk = buildStandupWalk({ columns, cards: [card('a', 'doing', { startedAt: '2025-01-01T08:00:00Z' })], now: NOW, cycleTimeP85Days: null });
    expect(walk[1]?.cards[0]?.exceedsCycleTime).toBe(false);
  });

  it('ignores cards of columns not on the board and marks columns over their limit', () => {
    const cards = [card('a', 'doing'), card('b', 'doing'), card('c', 'doing'), card('ghost', 'removed-column')];
    const walk = buildStandupWalk({ columns, cards, now: NOW, cycleTimeP85Days: null });
    expect(flattenStandupWalk(walk).map((stop) => stop.item.card.id)).toEqual(['a', 'b', 'c']);
    expect(walk.find((column) => column.column.id === 'doing')?.isOverLimit).toBe(true);
  });
});

describe('compareWalkCards', () => {
  it('accepts Dates as well as ISO strings', () => {
    const a = card('a', 'doing', { startedAt: new Date('2026-11-01T00:00:00Z') });
    const b = card('b', 'doing', { startedAt: '2026-11-02T00:00:00Z' });
    expect(compareWalkCards(a, b)).toBeLessThan(0);
    expect(compareWalkCards(b, a)).toBeGreaterThan(0);
  });
});

describe('findOverLimitColumns', () => {
  it('lists only columns over (not at) their limit, right to left, with count and limit', () => {
    const board = [
      { id: 'utreds', name: 'Utreds', flowState: 'IN_PROGRESS' as const, wipLimit: 4 },
      { id: 'granskas', name: 'Granskas', flowState: 'IN_PROGRESS' as const, wipLimit: 1 },
      { id: 'test', name: 'Test', flowState: 'IN_PROGRESS' as const, wipLimit: 2 },
      { id: 'open', name: 'Öppen', flowState: 'IN_PROGRESS' as const, wipLimit: null },
    ];
    const cards = [
      ...Array.from({ length: 5 }, () => ({ columnId: 'utreds' })),
      { columnId: 'granskas' },
      { columnId: 'granskas' },
      { columnId: 'test' },
      { columnId: 'test' },
      ...Array.from({ length: 9 }, () => ({ columnId: 'open' })),
    ];
    expect(findOverLimitColumns(board, cards).map(({ column, count, limit }) => [column.name, count, limit])).toEqual([
      ['Granskas', 2, 1],
      ['Utreds', 5, 4],
    ]);
  });
});

describe('walk navigation', () => {
  const walk = buildStandupWalk({
    columns,
    cards: [card('r1', 'review'), card('d1', 'doing', { startedAt: '2026-11-01T08:00:00Z' }), card('d2', 'doing'), card('b1', 'backlog')],
    now: NOW,
    cycleTimeP85Days: null,
  });
  const stops = flattenStandupWalk(walk);

  it('flattens the walk in talking order', () => {
    expect(stops.map((stop) => stop.item.card.id)).toEqual(['r1', 'd1', 'd2', 'b1']);
  });

  it('stays on the same card after it moves, else at the same place', () => {
    expect(resolveWalkIndex(stops, 'd2', 0)).toBe(2);
    expect(resolveWalkIndex(stops, 'gone', 1)).toBe(1);
    expect(resolveWalkIndex(stops, 'gone', 9)).toBe(3);
    expect(resolveWalkIndex([], 'r1', 0)).toBe(-1);
  });

  it('jumps to the next column with cards, skipping empty ones, and back', () => {
    expect(findColumnStart(stops, 0, 1)).toBe(1);
    expect(findColumnStart(stops, 1, 1)).toBe(3);
    expect(findColumnStart(stops, 3, 1)).toBe(3);
    expect(findColumnStart(stops, 2, -1)).toBe(1);
    expect(findColumnStart(stops, 1, -1)).toBe(0);
    expect(findColumnStart(stops, 0, -1)).toBe(0);
  });
});

describe('buildStandupWalk with lanes (issue 12)', () => {
  const lanes = [
    { id: 'std', position: 1024, classOfService: 'STANDARD' as const, wipLimit: null },
    { id: 'imp', position: 2048, classOfService: 'INTANGIBLE' as const, wipLimit: null },
    { id: 'exp', position: 3072, classOfService: 'EXPEDITE' as const, wipLimit: 1 },
  ];
  const cards = [
    card('s1', 'doing', { laneId: 'std' }),
    card('e1', 'review', { laneId: 'exp' }),
    card('e2', 'backlog', { laneId: 'exp' }),
    card('i1', 'doing', { laneId: 'imp' }),
  ];

  it('walks the expedite lane first, right to left, then the other lanes in their order', () => {
    const walk = buildStandupWalk({ columns, cards, lanes, now: NOW, cycleTimeP85Days: null });
    expect(walk.map((stop) => `${stop.lane?.id}/${stop.column.id}:${stop.cards.map((item) => item.card.id).join(',')}`)).toEqual([
      'exp/review:e1',
      'exp/doing:',
      'exp/backlog:e2',
      'std/review:',
      'std/doing:s1',
      'std/backlog:',
      'imp/review:',
      'imp/doing:i1',
      'imp/backlog:',
    ]);
    expect(flattenStandupWalk(walk).map((stop) => stop.item.card.id)).toEqual(['e1', 'e2', 's1', 'i1']);
  });

  it('counts a column across all lanes, in every lane’s stop', () => {
    const walk = buildStandupWalk({ columns, cards: [...cards, card('e3', 'doing', { laneId: 'exp' })], lanes, now: NOW, cycleTimeP85Days: null });
    const doing = walk.filter((stop) => stop.column.id === 'doing');
    expect(doing.map((stop) => [stop.cardCount, stop.isOverLimit])).toEqual([[3, true], [3, true], [3, true]]);
  });

  it('walks by column only on a board with one lane', () => {
    const walk = buildStandupWalk({ columns, cards, lanes: [lanes[0]!], now: NOW, cycleTimeP85Days: null });
    expect(walk.map((stop) => [stop.column.id, stop.lane])).toEqual([['review', undefined], ['doing', undefined], ['backlog', undefined]]);
  });

  it('finds lanes over their own limit, counting only in-progress columns', () => {
    expect(findOverLimitLanes(lanes, columns, cards)).toEqual([]);
    const over = findOverLimitLanes(lanes, columns, [...cards, card('e3', 'doing', { laneId: 'exp' }), card('e4', 'done', { laneId: 'exp' })]);
    expect(over).toEqual([{ lane: lanes[2], count: 2, limit: 1 }]);
  });
});
