/**
 * Spreadsheet dates in the three ways people write them, chosen (or confirmed) by the person in the preview:
 *   iso — 2026-03-05, 2026-03-05 14:30, 2026-03-05T14:30:00Z (what Tillit, Wekan and most tools export);
 *   dmy — day first, as in Sweden and most of Europe: 5/3/2026, 05.03.2026, 5-3-2026, 5/3 2026 14:30;
 *   mdy — month first, as in the US: 3/5/2026, 3/5/2026 2:30 PM.
 * ISO dates and Jira's own form (05/Mar/26 2:30 PM, 05/mar/26 14:30) cannot be misread, so they are accepted
 * whatever the choice. Local times are the team's zone; a bare date is noon (see lib/import/dates.ts).
 */
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import { parseSpreadsheetDate, wallClockToUtc } from './dates';

export const DATE_FORMATS = ['iso', 'dmy', 'mdy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const NUMERIC = /^(\d{1,2})[./-](\d{1,2})(?:[./-]|\s+)(\d{2}|\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const JIRA = /^(\d{1,2})\/([a-zåäö]{3,4})\.?\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, maj: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, okt: 10, nov: 11, dec: 12,
};

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function hour24(hour: number, meridiem: string | undefined): number | null {
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return null;
  const pm = meridiem.toLowerCase().startsWith('p');
  return (hour % 12) + (pm ? 12 : 0);
}

function build(year: number, month: number, day: number, hour: number | null, minute: number, second: number, timeZone: string): Date | null {
  if (hour === null || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || year < 1970) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return wallClockToUtc({ year, month, day, hour, minute, second }, timeZone);
}


/** A date from a spreadsheet cell read in `format` (ISO and Jira's form always), or null when it is not one. */
export function parseDateAs(value: string, format: DateFormat, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  const text = value.trim();
  if (!text) return null;
  const iso = parseSpreadsheetDate(text, timeZone);
  if (iso) return iso;
  const jira = JIRA.exec(text);
  if (jira) {
    const [, d, mon, y, h, mi, s, meridiem] = jira;
    const month = MONTHS[(mon ?? '').toLowerCase()];
    if (!month) return null;
    const hour = h === undefined ? 12 : hour24(Number(h), meridiem);
    return build(fullYear(y ?? ''), month, Number(d), hour, mi === undefined ? 0 : Number(mi), s === undefined ? 0 : Number(s), timeZone);
  }
  if (format === 'iso') return null;
  const numeric = NUMERIC.exec(text);
  if (!numeric) return null;
  const [, a, b, y, h, mi, s, meridiem] = numeric;
  const [day, month] = format === 'dmy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
  const hour = h === undefined ? 12 : hour24(Number(h), meridiem?.replace(/\./g, ''));
  return build(fullYear(y ?? ''), month, day, hour, mi === undefined ? 0 : Number(mi), s === undefined ? 0 : Number(s), timeZone);
}

/**
 * The date format a sheet's dates are written in, from the values themselves: ISO when every date is ISO (or
 * Jira's); day first when a first number is above 12 or dots are used; month first when a second number is above 12.
 * `ambiguous` is true when the values fit both day-first and month-first (3/5/2026): the preview then asks.
 */
export function detectDateFormat(values: readonly string[]): { format: DateFormat; ambiguous: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let numeric = false;
  for (const raw of values) {
    const text = raw.trim();
    if (!text || parseSpreadsheetDate(text) || JIRA.test(text)) continue;
    const match = NUMERIC.exec(text);
    if (!match) continue;
    numeric = true;
    const first = Number(match[1]);
    const second = Number(match[2]);
    if (first > 12) dayFirst = true;
    if (second > 12) monthFirst = true;
    if (text.includes('.')) dayFirst = true;
  }
  if (!numeric) return { format: 'iso', ambiguous: false };
  if (dayFirst && !monthFirst) return { format: 'dmy', ambiguous: false };
  if (monthFirst && !dayFirst) return { format: 'mdy', ambiguous: false };
  return { format: 'dmy', ambiguous: true };
}
