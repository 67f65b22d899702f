/**
 * A board's name, as a person types it for a new board or a rename. Pure. Refusals are codes the page translates
 * (teamBoards.errors.<code>); nothing is silently changed except surrounding spaces.
 */

export const BOARD_NAME_MAX = 80;

export type BoardNameProblem = 'NAME_REQUIRED' | 'NAME_TOO_LONG' | 'NAME_CONTROL_CHARACTERS';

/** C0 and C1 control characters and DEL (tab and line breaks too: a board name is one line). */
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/;
/** Half of a surrogate pair standing alone: not text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The name to store (trimmed), or why it cannot be one: empty (or only spaces), longer than {@link BOARD_NAME_MAX}
 * characters (counted as the person sees them: code points), or holding a control character or broken text.
 * Anything that is not a string (a forged request) is NAME_REQUIRED.
 */
export function parseBoardName(value: unknown): { ok: true; name: string } | { ok: false; problem: BoardNameProblem } {
  if (typeof value !== 'string') return { ok: false, problem: 'NAME_REQUIRED' };
  if (CONTROL_CHARACTER.test(value) || LONE_SURROGATE.test(value)) return { ok: false, problem: 'NAME_CONTROL_CHARACTERS' };
  const name = value.trim();
  if (name === '') return { ok: false, problem: 'NAME_REQUIRED' };
  if ([...name].length > BOARD_NAME_MAX) return { ok: false, problem: 'NAME_TOO_LONG' };
  return { ok: true, name };
}
