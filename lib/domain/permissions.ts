/**
 * Who may do what on a team's boards.
 *
 * Rights come only from team membership. An instance administrator gets NO
 * board rights from being admin: the team owns its work, and people must be
 * able to trust that an administrator cannot read or change their board
 * without being made a member. Instance administration is a separate right
 * ({@link canAdministerInstance}).
 */

/** A user's role within one team. Absence of a role (null) means "not a member". */
export type TeamRole = 'MEMBER' | 'VIEWER';

/** All team roles. */
export const TEAM_ROLES = ['MEMBER', 'VIEWER'] as const satisfies readonly TeamRole[];

/** Every action that is checked against a team role. */
export const BOARD_ACTIONS = [
  'board.read',
  'board.history.read',
  'flow.read',
  'card.create',
  'card.edit',
  'card.move',
  'card.archive',
  'card.block',
  /** Putting oneself on a card, or off it (never someone else: lib/data/card-people.ts). */
  'card.join',
  'column.create',
  'column.edit',
  'column.reorder',
  'column.delete',
  'lane.create',
  'lane.edit',
  'lane.reorder',
  'lane.delete',
  'experiment.read',
  'experiment.manage',
  'board.create',
  'board.edit',
  'board.archive',
  'board.restore',
  /** The full JSON export (names who made each change): members only, and a read, so archived boards allow it. */
  'board.export',
  'standup.view',
  'standup.run',
  'team.members.read',
  'team.members.manage',
  // The read log of a board that may hold client data: reading it and recording a log review (members only).
  'readlog.read',
  'readlog.review',
] as const;

/** One of {@link BOARD_ACTIONS}. */
export type BoardAction = (typeof BOARD_ACTIONS)[number];

/**
 * What a VIEWER may do: read the board, its history, flow metrics and improvement experiments,
 * follow a standup walk read-only (running it moves and blocks cards), and
 * see who is on the team.
 */
export const VIEWER_ACTIONS = [
  'board.read',
  'board.history.read',
  'flow.read',
  'experiment.read',
  'standup.view',
  'team.members.read',
] as const satisfies readonly BoardAction[];

/**
 * What may still be done on an archived board ("Arkivera tavlan": read-only for everyone): every read, the members'
 * full export, and restoring it. Every other action is a write and is refused with BOARD_ARCHIVED
 * (lib/data/access.ts authorizeBoardAction), whatever the role.
 */
export const ARCHIVED_BOARD_ACTIONS = [...VIEWER_ACTIONS, 'board.export', 'board.restore'] as const satisfies readonly BoardAction[];

const ARCHIVED_BOARD_ACTION_SET: ReadonlySet<string> = new Set(ARCHIVED_BOARD_ACTIONS);

/** Whether `action` may be done on an archived board (by a role that may do it at all: see {@link canPerform}). */
export function isAllowedOnArchivedBoard(action: BoardAction): boolean {
  return ARCHIVED_BOARD_ACTION_SET.has(action);
}

// A Map rather than an object so that an unexpected role string from storage
// cannot hit Object.prototype keys and is simply "no rights".
const ACTIONS_BY_ROLE: ReadonlyMap<string, ReadonlySet<BoardAction>> = new Map<TeamRole, ReadonlySet<BoardAction>>([
  ['MEMBER', new Set(BOARD_ACTIONS)],
  ['VIEWER', new Set(VIEWER_ACTIONS)],
]);

/**
 * Whether a user with `role` in the board's team may perform `action`.
 *
 * Invariants:
 * - null (not a member of the team) → false for every action; callers answer
 *   404 rather than 403 so that non-members cannot learn the board exists;
 * - MEMBER → every action, including managing the team's members;
 * - VIEWER → only VIEWER_ACTIONS;
 * - an unknown role (e.g. bad data at runtime) → false;
 * - being instance administrator is deliberately not an input.
 */
export function canPerform(role: TeamRole | null, action: BoardAction): boolean {
  if (role === null) return false;
  return ACTIONS_BY_ROLE.get(role)?.has(action) ?? false;
}

/**
 * Whether the user may administer the instance (users, teams, settings).
 * Trivially the admin flag; kept as a function so that the rule has one home
 * and so it is clear that it grants nothing on boards (see {@link canPerform}).
 */
export function canAdministerInstance(isInstanceAdmin: boolean): boolean {
  return isInstanceAdmin === true;
}

/** Type guard: whether `value` is a known board action (for validating untrusted input). */
export function isBoardAction(value: unknown): value is BoardAction {
  return typeof value === 'string' && (BOARD_ACTIONS as readonly string[]).includes(value);
}
