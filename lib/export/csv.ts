/**
 * A board as CSV files that open correctly in Excel: UTF-8 with a byte-order mark (without it Excel reads å, ä, ö
 * as mojibake), CRLF line ends, a semicolon separator for Swedish regional settings (where the comma is the decimal
 * sign and Excel expects ';') and a comma for English ones. Times are the team's local time as 'YYYY-MM-DD HH:MM',
 * which Excel reads as a date and time in both. Cells that Excel would run as a formula (=, +, -, @, tab, CR first)
 * are prefixed with an apostrophe, so card text can never become a formula on a colleague's computer.
 *
 * The cards file uses the CSV importer's own headers, so an exported board imports again as a spreadsheet too.
 * Team level only: no file names the person who made a change.
 */
import Papa from 'papaparse';
import type { Locale } from '@/lib/i18n/config';
import { formatLocalDateTime } from '@/lib/import/dates';

export const BYTE_ORDER_MARK = '\uFEFF';

export type CsvSeparator = ';' | ',';
export const CSV_SEPARATORS = { semicolon: ';', comma: ',' } as const satisfies Record<string, CsvSeparator>;
export type CsvSeparatorName = keyof typeof CSV_SEPARATORS;

/** Swedish Excel splits on ';' (the comma is its decimal sign); English Excel on ','. */
export function defaultSeparatorName(locale: Locale): CsvSeparatorName {
  return locale === 'sv' ? 'semicolon' : 'comma';
}

/** Looks up a header or value label under data.export.csv (e.g. 'cards.title', 'events.MOVED', 'yes'). */
export type CsvTranslate = (key: string) => string;

export type CardCsvRow = {
  id: string;
  title: string;
  columnName: string;
  /** The card's lane (issue 12); a board with one lane has the same lane on every row. */
  laneName: string;
  description: string;
  labels: string[];
  demand: 'UNKNOWN' | 'VALUE' | 'FAILURE';
  blockedReason: string | null;
  createdAt: Date;
  startedAt: Date | null;
  doneAt: Date | null;
  archivedAt: Date | null;
  textClearedAt: Date | null;
  /** How many comments the card has (their text is not in the CSV). */
  commentCount: number;
};

export type HistoryCsvRow = {
  cardId: string;
  cardTitle: string;
  type: 'CREATED' | 'MOVED' | 'EDITED' | 'BLOCKED' | 'UNBLOCKED' | 'ARCHIVED' | 'COMMENTED' | 'COMMENT_EDITED' | 'COMMENT_DELETED' | 'CHECKLIST' | 'LINK';
  at: Date;
  fromColumnName: string | null;
  toColumnName: string | null;
  data: unknown;
};

/** Excel runs a cell as a formula when it starts with one of these (multi-line cells too, hence no anchors at the end). */
const FORMULA_START = /^[=+\-@\t\r]/;

const time = (value: Date | null) => (value ? formatLocalDateTime(value) : '');

/**
 * Every CSV file Tillit writes (board export, Flow page data, access log) goes through here: BOM, CRLF, the given
 * separator, and formula escaping that also catches multi-line cells (Papa's own `escapeFormulae: true` pattern
 * does not match a cell with a line break in it, so it must not be used).
 */
export function toCsv(fields: string[], rows: (string | number)[][], separator: CsvSeparator): string {
  return BYTE_ORDER_MARK + Papa.unparse({ fields, data: rows }, { delimiter: separator, newline: '\r\n', escapeFormulae: FORMULA_START });
}

/** The separator Excel expects in the locale (see defaultSeparatorName). */
export function separatorFor(locale: Locale): CsvSeparator {
  return CSV_SEPARATORS[defaultSeparatorName(locale)];
}

export function buildCardsCsv(cards: CardCsvRow[], separator: CsvSeparator, t: CsvTranslate): string {
  const fields = ['id', 'title', 'column', 'lane', 'description', 'labels', 'demand', 'blocked', 'blockedReason', 'created', 'started', 'finished', 'archived', 'textCleared', 'comments'].map((key) =>
    t(`cards.${key}`),
  );
  const rows = cards.map((card) => [
    card.id,
    card.title,
    card.columnName,
    card.laneName,
    card.description,
    // The importer splits labels on commas.
    card.labels.join(', '),
    t(`demand.${card.demand}`),
    card.blockedReason !== null ? t('yes') : t('no'),
    card.blockedReason ?? '',
    time(card.createdAt),
    time(card.startedAt),
    time(card.doneAt),
    time(card.archivedAt),
    time(card.textClearedAt),
    card.commentCount,
  ]);
  return toCsv(fields, rows, separator);
}

export function buildHistoryCsv(events: HistoryCsvRow[], separator: CsvSeparator, t: CsvTranslate): string {
  const fields = ['cardId', 'card', 'event', 'at', 'from', 'to', 'detail'].map((key) => t(`history.${key}`));
  const rows = events.map((event) => [
    event.cardId,
    event.cardTitle,
    t(`events.${event.type}`),
    time(event.at),
    event.fromColumnName ?? '',
    event.toColumnName ?? '',
    describeDetail(event, t),
  ]);
  return toCsv(fields, rows, separator);
}

function describeDetail(event: HistoryCsvRow, t: CsvTranslate): string {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  if (event.type === 'BLOCKED') return typeof data.reason === 'string' ? data.reason : '';
  if (event.type === 'EDITED') {
    return ['title', 'description', 'demand', 'labels']
      .filter((field) => field in data)
      .map((field) => t(`fields.${field}`))
      .join(', ');
  }
  return '';
}

/** A file name part from a board name: ASCII letters and digits, å/ä/ö folded, at most 40 characters. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug || 'tillit';
}

/** A Content-Disposition value with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
