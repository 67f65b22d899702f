/**
 * Text hygiene for everything people type (board commands, team and board names) and everything imported: one rule,
 * shared by the importers (lib/import/model.ts) and the command schemas (lib/board/commands.ts). Pure.
 *
 * Why: a control character is invisible, useless in a card and costly downstream. PostgreSQL text cannot hold NUL;
 * each other C0 control becomes 6 bytes (\u00XX) in the JSON of a live notification, whose database limit is 8,000
 * bytes, so a few labels of them once made a card that nobody could move. A lone surrogate (half of an emoji) is
 * not text either and also grows to 6 bytes in JSON: it becomes U+FFFD.
 */

/** C0 controls except tab and newline, DEL, and C1 controls. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /[\r\n\t\u2028\u2029]+/g;
/** Half of a surrogate pair standing alone (String.prototype.toWellFormed, which older browsers lack). */
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const wellFormed = (value: string) => value.replace(LONE_SURROGATES, '\uFFFD');

/** One line of text (a title, a name, a label): line breaks and tabs become a space, control characters go. */
export function toSingleLine(value: string): string {
  return wellFormed(value).replace(LINE_BREAKS, ' ').replace(CONTROL_CHARACTERS, '');
}

/** Multi-line text (a description, a policy, a reason): CRLF becomes LF, control characters go, tab and newline stay. */
export function toMultiLineText(value: string): string {
  return wellFormed(value).replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}
