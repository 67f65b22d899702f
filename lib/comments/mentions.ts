/**
 * @mentions in comments (pure; shared by the comment field's suggestions and the server, which decides who a
 * comment mentions). A mention is "@" followed by a team member's name as the team sees it ("@Anna Andersson"),
 * matched without regard to case, the longest name first ("@Anna Andersson" is Anna Andersson, not an "Anna").
 * The "@" must begin a word (an e-mail address mentions no one) and the name must end one ("@Annalena" is not
 * "@Anna"). Text in code (`…` and fenced blocks) mentions no one: it is quoted, not addressed.
 */

export type MentionCandidate = { id: string; name: string };

/** Longest names (and their length) a query or a mention may have: names are at most 100 characters. */
export const MENTION_NAME_MAX = 100;

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;
const fold = (text: string) => text.toLocaleLowerCase('sv');

/** The text with code spans and fenced code blocks blanked out (same length, so positions still match). */
function blankCode(text: string): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm, blank).replace(/(`+)[^`\n]+?\1/g, blank);
}

/**
 * The members a comment mentions, each once, in the order they are first mentioned. Only names of the given
 * members count; anything else after an "@" is plain text.
 */
export function findMentions(text: string, members: readonly MentionCandidate[]): string[] {
  const searchable = fold(blankCode(text));
  const byLength = members
    .map((member) => ({ id: member.id, name: fold(member.name.trim()) }))
    .filter((member) => member.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length || a.id.localeCompare(b.id));
  const found: string[] = [];
  for (let at = searchable.indexOf('@'); at !== -1; at = searchable.indexOf('@', at + 1)) {
    if (at > 0 && (WORD_CHARACTER.test(searchable[at - 1]!) || searchable[at - 1] === '@')) continue;
    const rest = searchable.slice(at + 1, at + 1 + MENTION_NAME_MAX + 1);
    const match = byLength.find((member) => rest.startsWith(member.name) && !WORD_CHARACTER.test(rest[member.name.length] ?? ''));
    if (match && !found.includes(match.id)) found.push(match.id);
  }
  return found;
}

/**
 * The mention being typed at the caret, for the suggestions: the "@" that begins it and what follows it up to
 * the caret (at most three words, no line break). Null when the caret is not in a mention.
 */
export function findMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, Math.max(0, Math.min(caret, text.length)));
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  if (at > 0 && (WORD_CHARACTER.test(before[at - 1]!) || before[at - 1] === '@')) return null;
  const query = before.slice(at + 1);
  if (query.length > MENTION_NAME_MAX || /[\n@]/.test(query) || query.startsWith(' ') || query.split(' ').length > 3) return null;
  return { start: at, query };
}

/** Members whose name (or a word of it) begins with the query, in name order; at most `limit`. */
export function suggestMembers(members: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const wanted = fold(query.trim());
  return members
    .filter((member) => {
      const name = fold(member.name);
      return wanted === '' || name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** The text with the mention typed from `start` to `caret` replaced by "@Name ", and where the caret goes next. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}
