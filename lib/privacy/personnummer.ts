/**
 * Detection of Swedish personal identity numbers (personnummer and
 * samordningsnummer) in free text, so the app can warn before personal data
 * ends up on a board. Detection is deliberately conservative: it requires a
 * plausible date AND a valid Luhn check digit, because a warning that fires on
 * dates and phone numbers teaches people to ignore it.
 */

/** What kind of identity number was found; samordningsnummer has day + 60. */
export type PersonalIdentityNumberKind = 'personnummer' | 'samordningsnummer';

/** One detected number: the exact text, its UTF-16 index in the input, and its kind. */
export type PersonalIdentityNumberMatch = {
  match: string;
  index: number;
  kind: PersonalIdentityNumberKind;
};

/** Samordningsnummer (coordination numbers) add this to the day of birth. */
export const SAMORDNINGSNUMMER_DAY_OFFSET = 60;

/** Centuries accepted in the 12-digit form; others are not plausible birth years. */
const PLAUSIBLE_CENTURIES = new Set(['18', '19', '20']);

// Candidates: optional century, YYMMDD, optional '-' or '+', NNNN.
// Boundaries: no digit directly before/after (so we never match inside a
// longer digit run), and no "digit-" before / "-digit" after, so a group in a
// hyphen-joined number such as 12-850709-9805 or 850709-9805-12 is left alone.
const CANDIDATE_PATTERN = /(?<!\d)(?<!\d-)(\d{2})?(\d{6})([-+]?)(\d{4})(?!\d)(?!-\d)/g;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Every Swedish personal identity number in `text`, in order of appearance.
 *
 * Accepted forms: YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN,
 * YYYYMMDDNNNN (ASCII digits only). A candidate counts only if:
 * - the last digit is the Luhn check digit over the 10-digit form YYMMDDNNN;
 * - month is 1–12 and the day (minus 60 for samordningsnummer) is valid for
 *   that month — Feb 29 needs a leap year; in the 10-digit form the century is
 *   unknown, so any YY divisible by 4 is accepted;
 * - a 12-digit form has century 18, 19 or 20 and no '+' (which only exists in
 *   the 10-digit form, marking age 100+);
 * - it is not part of a longer digit run or hyphen-joined digit groups.
 *
 * Not detected by design: plain dates (2026-11-26), phone numbers in their
 * usual written forms, numbers with a wrong check digit. Known ambiguity: a
 * bare 10- or 12-digit string that happens to have a valid date and check
 * digit (e.g. an unformatted mobile number 07XXXXXXXX or a YYYYMMDDhhmm
 * timestamp) is indistinguishable and IS reported (about 1 in 10 of those).
 */
export function findPersonalIdentityNumbers(text: string): PersonalIdentityNumberMatch[] {
  const matches: PersonalIdentityNumberMatch[] = [];
  for (const found of text.matchAll(CANDIDATE_PATTERN)) {
    const [match, century, dateDigits = '', separator = '', serial = ''] = found;
    const kind = classifyCandidate(century, dateDigits, separator, serial);
    if (kind !== null) matches.push({ match, index: found.index, kind });
  }
  return matches;
}

/** Whether `text` contains at least one personal identity number, by the rules of {@link findPersonalIdentityNumbers}. */
export function containsPersonalIdentityNumber(text: string): boolean {
  return findPersonalIdentityNumbers(text).length > 0;
}

/**
 * The Luhn check digit (0–9) for a string of digits, weighting 2,1,2,1… from
 * the left — the Swedish convention over the 9 digits YYMMDDNNN.
 */
export function computeLuhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function classifyCandidate(
  century: string | undefined,
  dateDigits: string,
  separator: string,
  serial: string,
): PersonalIdentityNumberKind | null {
  if (century !== undefined) {
    if (separator === '+' || !PLAUSIBLE_CENTURIES.has(century)) return null;
  }

  const yearInCentury = Number(dateDigits.slice(0, 2));
  const month = Number(dateDigits.slice(2, 4));
  const rawDay = Number(dateDigits.slice(4, 6));
  const isSamordningsnummer = rawDay > SAMORDNINGSNUMMER_DAY_OFFSET;
  const day = isSamordningsnummer ? rawDay - SAMORDNINGSNUMMER_DAY_OFFSET : rawDay;

  const fullYear = century === undefined ? null : Number(century) * 100 + yearInCentury;
  if (!isPlausibleDate(fullYear, yearInCentury, month, day)) return null;

  const tenDigits = dateDigits + serial;
  if (computeLuhnCheckDigit(tenDigits.slice(0, 9)) !== Number(tenDigits.slice(9))) return null;

  return isSamordningsnummer ? 'samordningsnummer' : 'personnummer';
}

function isPlausibleDate(fullYear: number | null, yearInCentury: number, month: number, day: number): boolean {
  const daysInMonth = DAYS_IN_MONTH[month - 1];
  if (daysInMonth === undefined || day < 1 || day > daysInMonth) return false;
  if (month === 2 && day === 29) {
    // Unknown century: 00 may be 2000 (leap), so divisibility by 4 is the most we can ask.
    return fullYear === null ? yearInCentury % 4 === 0 : isLeapYear(fullYear);
  }
  return true;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
