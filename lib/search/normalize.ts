/**
 * Text as search compares it: case-insensitive and diacritics-insensitive, so "arende" finds "Ärende", "ake"
 * finds "Åke", "cafe" finds "Café" and "ORO" finds "orosanmälan". Pure.
 *
 * Letters are decomposed (NFD) and their combining marks dropped, then lower-cased; the few letters that carry no
 * combining mark but are commonly typed without it (ø, æ, ß, ł, đ) are spelled out as their base letters. Runs of
 * white space become one space.
 */
const SPELLED_OUT: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPELLED_OUT_PATTERN = /[øæœßłđðþı]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const WHITE_SPACE = /\s+/g;

export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(SPELLED_OUT_PATTERN, (letter) => SPELLED_OUT[letter] ?? letter)
    .replace(WHITE_SPACE, ' ')
    .trim();
}

/** A query as the words every match must contain (in any order, anywhere in the card's text). */
export function toQueryTerms(query: string): string[] {
  const normalized = normalizeSearchText(query);
  return normalized === '' ? [] : [...new Set(normalized.split(' '))];
}

/** Whether a card's normalised text contains every term (none: every card matches). */
export function matchesAllTerms(normalizedText: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!normalizedText.includes(term)) return false;
  return true;
}
