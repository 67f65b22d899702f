/**
 * The one error type the data layer throws on purpose. Each code maps to one HTTP status and one translated
 * message (messages: errors.<code>); anything else is an unexpected fault and is shown as a generic message.
 */
export const APP_ERROR_CODES = [
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION',
  'WIP_LIMIT_REACHED',
  'WIP_CONFIRMATION_NEEDED',
  'COLUMN_NOT_EMPTY',
  'LAST_COLUMN',
  'LANE_WIP_LIMIT_REACHED',
  'LANE_WIP_CONFIRMATION_NEEDED',
  'LANE_NOT_EMPTY',
  'LAST_LANE',
  'EXPERIMENT_STATE',
  'EXPERIMENT_NOT_DUE',
  'EXPERIMENT_CHANGE_STALE',
  'UNAVAILABLE',
  /** The team requires two-factor sign-in and the person has not set it up (lib/data/access.ts). */
  'TWO_FACTOR_REQUIRED',
  /** A comment lists as mentioned someone who is not on the board's team (lib/data/comments.ts). */
  'MENTION_NOT_MEMBER',
  /** Only a comment's author may edit or delete it. */
  'COMMENT_NOT_AUTHOR',
  /** A read of a card on a board that may hold client data could not be logged, so it was refused (lib/data/read-log.ts). */
  'READ_NOT_LOGGED',
  /** The board is archived: read-only for everyone until a member restores it (lib/data/access.ts). */
  'BOARD_ARCHIVED',
  /** A card's checklist has the most items it may have (lib/checklist/order.ts CHECKLIST_ITEMS_MAX). */
  'CHECKLIST_FULL',
  /** "Waiting for" refusals (lib/data/card-links.ts, lib/links/cycle.ts). */
  'LINK_SELF',
  'LINK_CYCLE',
  'LINK_DUPLICATE',
  'LINK_NOT_IN_TEAM',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly details: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS_BY_CODE: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  // Not a member of the team: answer as if the board did not exist, so no one learns that it does.
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  VALIDATION: 422,
  WIP_LIMIT_REACHED: 409,
  WIP_CONFIRMATION_NEEDED: 409,
  COLUMN_NOT_EMPTY: 409,
  LAST_COLUMN: 409,
  LANE_WIP_LIMIT_REACHED: 409,
  LANE_WIP_CONFIRMATION_NEEDED: 409,
  LANE_NOT_EMPTY: 409,
  LAST_LANE: 409,
  // An experiment in the wrong state for the action (started twice, reviewed while proposed).
  EXPERIMENT_STATE: 409,
  // Reviewing before the review date the team agreed on.
  EXPERIMENT_NOT_DUE: 409,
  // The prepared board change no longer fits the board (its column or lane is gone).
  EXPERIMENT_CHANGE_STALE: 409,
  UNAVAILABLE: 503,
  TWO_FACTOR_REQUIRED: 403,
  MENTION_NOT_MEMBER: 422,
  COMMENT_NOT_AUTHOR: 403,
  READ_NOT_LOGGED: 503,
  BOARD_ARCHIVED: 409,
  CHECKLIST_FULL: 409,
  LINK_SELF: 422,
  LINK_CYCLE: 409,
  LINK_DUPLICATE: 409,
  // Not found in the team: a card of another team is answered as one that does not exist.
  LINK_NOT_IN_TEAM: 404,
};

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
