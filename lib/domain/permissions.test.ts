import { describe, expect, it } from 'vitest';
import {
  BOARD_ACTIONS,
  TEAM_ROLES,
  canAdministerInstance,
  canPerform,
  isAllowedOnArchivedBoard,
  isBoardAction,
  type BoardAction,
  type TeamRole,
} from './permissions';

// The full table, written out so that adding an action forces a decision here.
const EXPECTED: Record<BoardAction, Record<TeamRole | 'NONE', boolean>> = {
  'board.read': { MEMBER: true, VIEWER: true, NONE: false },
  'board.history.read': { MEMBER: true, VIEWER: true, NONE: false },
  'flow.read': { MEMBER: true, VIEWER: true, NONE: false },
  'card.create': { MEMBER: true, VIEWER: false, NONE: false },
  'card.edit': { MEMBER: true, VIEWER: false, NONE: false },
  'card.move': { MEMBER: true, VIEWER: false, NONE: false },
  'card.archive': { MEMBER: true, VIEWER: false, NONE: false },
  'card.block': { MEMBER: true, VIEWER: false, NONE: false },
  'card.join': { MEMBER: true, VIEWER: false, NONE: false },
  'column.create': { MEMBER: true, VIEWER: false, NONE: false },
  'column.edit': { MEMBER: true, VIEWER: false, NONE: false },
  'column.reorder': { MEMBER: true, VIEWER: false, NONE: false },
  'column.delete': { MEMBER: true, VIEWER: false, NONE: false },
  'lane.create': { MEMBER: true, VIEWER: false, NONE: false },
  'lane.edit': { MEMBER: true, VIEWER: false, NONE: false },
  'lane.reorder': { MEMBER: true, VIEWER: false, NONE: false },
  'lane.delete': { MEMBER: true, VIEWER: false, NONE: false },
  'experiment.read': { MEMBER: true, VIEWER: true, NONE: false },
  'experiment.manage': { MEMBER: true, VIEWER: false, NONE: false },
  'board.create': { MEMBER: true, VIEWER: false, NONE: false },
  'board.edit': { MEMBER: true, VIEWER: false, NONE: false },
  'board.archive': { MEMBER: true, VIEWER: false, NONE: false },
  'board.restore': { MEMBER: true, VIEWER: false, NONE: false },
  'board.export': { MEMBER: true, VIEWER: false, NONE: false },
  'standup.view': { MEMBER: true, VIEWER: true, NONE: false },
  'standup.run': { MEMBER: true, VIEWER: false, NONE: false },
  'team.members.read': { MEMBER: true, VIEWER: true, NONE: false },
  'team.members.manage': { MEMBER: true, VIEWER: false, NONE: false },
  // The read log names colleagues and what they read: the team's members review it, viewers (managers reading flow) do not.
  'readlog.read': { MEMBER: true, VIEWER: false, NONE: false },
  'readlog.review': { MEMBER: true, VIEWER: false, NONE: false },
};

describe('canPerform', () => {
  it('the expected table covers exactly the declared actions', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...BOARD_ACTIONS].sort());
  });

  const cases = BOARD_ACTIONS.flatMap((action) =>
    [...TEAM_ROLES, null].map((role) => ({ role, action, expected: EXPECTED[action][role ?? 'NONE'] })),
  );

  it.each(cases)('$role / $action → $expected', ({ role, action, expected }) => {
    expect(canPerform(role, action)).toBe(expected);
  });

  it('gives an unknown role from bad data no rights', () => {
    for (const action of BOARD_ACTIONS) {
      expect(canPerform('ADMIN' as TeamRole, action)).toBe(false);
      expect(canPerform('constructor' as TeamRole, action)).toBe(false);
    }
  });
});

describe('canAdministerInstance', () => {
  it('follows the admin flag and nothing else', () => {
    expect(canAdministerInstance(true)).toBe(true);
    expect(canAdministerInstance(false)).toBe(false);
  });

  it('grants no board rights to an admin who is not a team member', () => {
    expect(canAdministerInstance(true)).toBe(true);
    for (const action of BOARD_ACTIONS) expect(canPerform(null, action)).toBe(false);
  });
});

describe('isBoardAction', () => {
  it('accepts declared actions only', () => {
    expect(isBoardAction('card.move')).toBe(true);
    expect(isBoardAction('card.delete')).toBe(false);
    expect(isBoardAction(42)).toBe(false);
  });
});

describe('isAllowedOnArchivedBoard', () => {
  it('allows reads, the members\' export and restoring; refuses every write', () => {
    const allowed = BOARD_ACTIONS.filter(isAllowedOnArchivedBoard).sort();
    expect(allowed).toEqual(['board.export', 'board.history.read', 'board.read', 'board.restore', 'experiment.read', 'flow.read', 'standup.view', 'team.members.read']);
    for (const write of ['card.create', 'card.move', 'card.edit', 'column.edit', 'lane.create', 'board.edit', 'board.archive', 'standup.run', 'experiment.manage'] as const) {
      expect(isAllowedOnArchivedBoard(write)).toBe(false);
    }
  });
});
