import { describe, expect, it } from 'vitest';
import {
  checkPreparedChange,
  describeAppliedChange,
  planRevert,
  preparedChangeSchema,
  readAppliedChange,
  readPreparedChange,
  type BoardShape,
} from './prepared-change';

const column = (id: string, overrides: Partial<BoardShape['columns'][number]> = {}): BoardShape['columns'][number] => ({
  id,
  name: id.toUpperCase(),
  wipLimit: null,
  wipMode: 'ADVISORY',
  policy: '',
  flowState: 'IN_PROGRESS',
  isRemoved: false,
  ...overrides,
});
const lane = (id: string, overrides: Partial<BoardShape['lanes'][number]> = {}): BoardShape['lanes'][number] => ({
  id,
  name: id,
  position: 1024,
  wipLimit: null,
  wipMode: 'ADVISORY',
  policy: '',
  classOfService: 'STANDARD',
  isRemoved: false,
  ...overrides,
});

const BOARD: BoardShape = {
  columns: [column('inbox', { flowState: 'NOT_STARTED' }), column('doing', { wipLimit: 6, policy: 'Gammal policy' }), column('gone', { isRemoved: true }), column('done', { flowState: 'DONE' })],
  lanes: [lane('fast', { classOfService: 'EXPEDITE', position: 1024 }), lane('standard', { position: 2048, wipLimit: 3, wipMode: 'STRICT' })],
};

describe('preparedChangeSchema', () => {
  it('accepts each kind of board change, and nothing else', () => {
    for (const change of [
      { kind: 'column.wip', columnId: 'doing', wipLimit: 4, wipMode: 'STRICT' },
      { kind: 'column.wip', columnId: 'doing', wipLimit: null, wipMode: 'ADVISORY' },
      { kind: 'column.policy', columnId: 'doing', policy: 'Ny policy' },
      { kind: 'column.add', name: 'Granskning', flowState: 'IN_PROGRESS', toIndex: 2 },
      { kind: 'column.remove', columnId: 'doing', moveCardsToColumnId: 'inbox' },
      { kind: 'lane.wip', laneId: 'fast', wipLimit: 1, wipMode: 'STRICT' },
      { kind: 'lane.policy', laneId: 'fast', policy: 'Dras först' },
      { kind: 'lane.add', name: 'Akut', classOfService: 'EXPEDITE' },
      { kind: 'lane.remove', laneId: 'fast', moveCardsToLaneId: 'standard' },
    ]) {
      expect(preparedChangeSchema.safeParse(change).success, change.kind).toBe(true);
    }
    for (const change of [
      { kind: 'column.wip', columnId: 'doing', wipLimit: 0, wipMode: 'STRICT' },
      { kind: 'column.wip', columnId: 'doing', wipLimit: 4.5, wipMode: 'STRICT' },
      { kind: 'column.wip', columnId: 'doing', wipLimit: 4, wipMode: 'STRICT', target: 12 },
      { kind: 'column.add', name: ' ', flowState: 'IN_PROGRESS', toIndex: 0 },
      { kind: 'column.policy', columnId: 'doing', policy: 'x'.repeat(10_001) },
      { kind: 'lane.add', name: 'Akut', classOfService: 'VIP' },
      { kind: 'board.delete' },
      { kind: 'column.wip', columnId: "'; DROP TABLE", wipLimit: 4, wipMode: 'STRICT' },
    ]) {
      expect(preparedChangeSchema.safeParse(change).success, JSON.stringify(change).slice(0, 60)).toBe(false);
    }
  });

  it('reads stored JSON defensively', () => {
    expect(readPreparedChange(null)).toBeNull();
    expect(readPreparedChange({ kind: 'column.wip' })).toBeNull();
    expect(readPreparedChange({ kind: 'column.policy', columnId: 'doing', policy: 'P' })).toEqual({ kind: 'column.policy', columnId: 'doing', policy: 'P' });
    expect(readAppliedChange({ kind: 'column.add', columnId: 'new' })).toEqual({ kind: 'column.add', columnId: 'new' });
    expect(readAppliedChange('column.add')).toBeNull();
  });
});

describe('checkPreparedChange', () => {
  it('needs the column or lane it names to be on the board now', () => {
    expect(checkPreparedChange({ kind: 'column.wip', columnId: 'doing', wipLimit: 4, wipMode: 'STRICT' }, BOARD)).toBeNull();
    expect(checkPreparedChange({ kind: 'column.wip', columnId: 'gone', wipLimit: 4, wipMode: 'STRICT' }, BOARD)).toBe('columnMissing');
    expect(checkPreparedChange({ kind: 'column.policy', columnId: 'nope', policy: '' }, BOARD)).toBe('columnMissing');
    expect(checkPreparedChange({ kind: 'lane.wip', laneId: 'nope', wipLimit: 1, wipMode: 'STRICT' }, BOARD)).toBe('laneMissing');
    expect(checkPreparedChange({ kind: 'column.add', name: 'Ny', flowState: 'IN_PROGRESS', toIndex: 9 }, BOARD)).toBeNull();
  });

  it('needs somewhere else for the cards of a removed column or lane, and keeps the last one', () => {
    expect(checkPreparedChange({ kind: 'column.remove', columnId: 'doing', moveCardsToColumnId: 'inbox' }, BOARD)).toBeNull();
    expect(checkPreparedChange({ kind: 'column.remove', columnId: 'doing', moveCardsToColumnId: 'doing' }, BOARD)).toBe('targetMissing');
    expect(checkPreparedChange({ kind: 'column.remove', columnId: 'doing', moveCardsToColumnId: 'gone' }, BOARD)).toBe('targetMissing');
    const single: BoardShape = { columns: [column('only')], lanes: [lane('only')] };
    expect(checkPreparedChange({ kind: 'column.remove', columnId: 'only', moveCardsToColumnId: 'x' }, single)).toBe('lastColumn');
    expect(checkPreparedChange({ kind: 'lane.remove', laneId: 'only', moveCardsToLaneId: 'x' }, single)).toBe('lastLane');
    expect(checkPreparedChange({ kind: 'lane.remove', laneId: 'fast', moveCardsToLaneId: 'standard' }, BOARD)).toBeNull();
  });
});

describe('describeAppliedChange and planRevert', () => {
  it('keeps the WIP limit and mode a change replaced, and puts them back', () => {
    const applied = describeAppliedChange({ kind: 'column.wip', columnId: 'doing', wipLimit: 4, wipMode: 'STRICT' }, BOARD, null);
    expect(applied).toEqual({ kind: 'column.wip', columnId: 'doing', before: { wipLimit: 6, wipMode: 'ADVISORY' } });
    const changed: BoardShape = { ...BOARD, columns: BOARD.columns.map((each) => (each.id === 'doing' ? { ...each, wipLimit: 4, wipMode: 'STRICT' } : each)) };
    expect(planRevert(applied, changed)).toEqual({ kind: 'update-column', columnId: 'doing', settings: { wipLimit: 6, wipMode: 'ADVISORY' } });
    // Already as before: nothing to put back.
    expect(planRevert(applied, BOARD)).toBeNull();
  });

  it('puts a policy back', () => {
    const applied = describeAppliedChange({ kind: 'column.policy', columnId: 'doing', policy: 'Ny' }, BOARD, null);
    const changed: BoardShape = { ...BOARD, columns: BOARD.columns.map((each) => (each.id === 'doing' ? { ...each, policy: 'Ny' } : each)) };
    expect(planRevert(applied, changed)).toEqual({ kind: 'update-column', columnId: 'doing', settings: { policy: 'Gammal policy' } });
  });

  it('removes an added column, its cards going to the nearest column on its left (else its right)', () => {
    const withNew: BoardShape = { ...BOARD, columns: [BOARD.columns[0]!, BOARD.columns[1]!, column('new'), BOARD.columns[2]!, BOARD.columns[3]!] };
    const applied = describeAppliedChange({ kind: 'column.add', name: 'NEW', flowState: 'IN_PROGRESS', toIndex: 2 }, withNew, 'new');
    expect(planRevert(applied, withNew)).toEqual({ kind: 'delete-column', columnId: 'new', moveCardsToColumnId: 'doing' });
    const first: BoardShape = { ...BOARD, columns: [column('new'), ...BOARD.columns] };
    expect(planRevert(applied, first)).toEqual({ kind: 'delete-column', columnId: 'new', moveCardsToColumnId: 'inbox' });
    // Removed since by the team: nothing to do.
    expect(planRevert(applied, BOARD)).toBeNull();
  });

  it('brings a removed column or lane back, unless it is back already', () => {
    const applied = describeAppliedChange({ kind: 'column.remove', columnId: 'gone', moveCardsToColumnId: 'doing' }, BOARD, null);
    expect(planRevert(applied, BOARD)).toEqual({ kind: 'restore-column', columnId: 'gone' });
    const restored: BoardShape = { ...BOARD, columns: BOARD.columns.map((each) => ({ ...each, isRemoved: false })) };
    expect(planRevert(applied, restored)).toBeNull();
    const laneGone: BoardShape = { ...BOARD, lanes: [...BOARD.lanes, lane('old', { isRemoved: true })] };
    expect(planRevert({ kind: 'lane.remove', laneId: 'old' }, laneGone)).toEqual({ kind: 'restore-lane', laneId: 'old' });
  });

  it('removes an added lane into the default lane, and puts a lane limit back', () => {
    const withNew: BoardShape = { ...BOARD, lanes: [...BOARD.lanes, lane('new', { position: 3072, classOfService: 'INTANGIBLE' })] };
    expect(planRevert({ kind: 'lane.add', laneId: 'new' }, withNew)).toEqual({ kind: 'delete-lane', laneId: 'new', moveCardsToLaneId: 'standard' });
    const applied = describeAppliedChange({ kind: 'lane.wip', laneId: 'standard', wipLimit: 2, wipMode: 'STRICT' }, BOARD, null);
    expect(applied).toEqual({ kind: 'lane.wip', laneId: 'standard', before: { wipLimit: 3, wipMode: 'STRICT' } });
    const changed: BoardShape = { ...BOARD, lanes: BOARD.lanes.map((each) => (each.id === 'standard' ? { ...each, wipLimit: 2 } : each)) };
    expect(planRevert(applied, changed)).toEqual({ kind: 'update-lane', laneId: 'standard', settings: { wipLimit: 3, wipMode: 'STRICT' } });
  });
});
