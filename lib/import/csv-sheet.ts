/**
 * A spreadsheet (CSV) read up to the point of meaning: its separator, header row, rows, and the first guess of what
 * each column holds and how its dates are written. The preview shows this setup and lets the person change the
 * mapping and the date format; lib/import/csv.ts then builds the board from the setup the person confirmed.
 */
import Papa from 'papaparse';
import { detectDialect, ignoredReason, suggestMapping, CSV_FIELDS, type CsvDialect, type CsvField } from './csv-headers';
import { detectDateFormat, type DateFormat } from './date-formats';
import { cleanLine, IMPORT_LIMITS, ImportError } from './model';

export type ParsedSheet = { header: string[]; records: string[][]; separator: string };

/** The fields whose cells are dates (the date format applies to them). */
export const DATE_FIELDS: ReadonlySet<CsvField> = new Set(['created', 'started', 'finished', 'statusChanged', 'archived']);

/** The mapping and date format the preview shows, with a few values of each column so the person can judge. */
export type CsvSetup = {
  /** The headers as written in the file (cleaned to one line). */
  headers: string[];
  /** Per header: the field it is read as (null: not used). */
  mapping: (CsvField | null)[];
  /** The importer's own first guess, for "reset". */
  suggestedMapping: (CsvField | null)[];
  /** Per header not used: why Tillit leaves it out on purpose (deadline, a person's name, an internal id), if so. */
  ignoredWhy: ('deadline' | 'person' | 'internal' | null)[];
  dialect: CsvDialect;
  dateFormat: DateFormat;
  /** The detected format was a guess between day-first and month-first (3/5/2026 fits both). */
  dateFormatAmbiguous: boolean;
  /** Up to three rows of values, per header. */
  samples: string[][];
  rowCount: number;
};

/** Parses the sheet: separator (semicolon, comma or tab) detected, the header row, the rows. */
export function parseSheet(text: string): ParsedSheet {
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) throw new ImportError('empty');
  const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) throw new ImportError('malformed', { path: String((fatal.row ?? 0) + 2) });
  const [header, ...records] = parsed.data;
  if (!header || header.every((cell) => !cell.trim())) throw new ImportError('csvNoHeader');
  if (records.length > IMPORT_LIMITS.maxCards) throw new ImportError('tooManyCards', { max: IMPORT_LIMITS.maxCards });
  if (header.length === 1) {
    // Papa found no separator: the file is one column, or separated by something else (e.g. '|', or spaces).
    throw new ImportError('csvOneColumn', { header: cleanLine(header[0] ?? '', 60).text });
  }
  return { header, records, separator: parsed.meta.delimiter };
}

function isValidMapping(mapping: readonly (CsvField | null)[] | undefined, length: number): mapping is readonly (CsvField | null)[] {
  return Array.isArray(mapping) && mapping.length === length && mapping.every((field) => field === null || (CSV_FIELDS as readonly string[]).includes(field));
}

/**
 * The setup of a parsed sheet: the person's mapping and date format when given (and fitting this sheet), else the
 * importer's guess from the headers and the date values.
 */
export function describeSheet(sheet: ParsedSheet, chosen: { mapping?: readonly (CsvField | null)[]; dateFormat?: DateFormat } = {}): CsvSetup {
  const headers = sheet.header.map((cell, index) => cleanLine(cell, 60).text || `#${index + 1}`);
  const suggestedMapping = suggestMapping(sheet.header);
  const mapping = isValidMapping(chosen.mapping, headers.length) ? [...chosen.mapping] : suggestedMapping;
  const dateValues: string[] = [];
  mapping.forEach((field, index) => {
    if (!field || !DATE_FIELDS.has(field)) return;
    for (const record of sheet.records) {
      const value = record[index];
      if (value) dateValues.push(value);
      if (dateValues.length > 5000) break;
    }
  });
  const detected = detectDateFormat(dateValues);
  return {
    headers,
    mapping,
    suggestedMapping,
    ignoredWhy: sheet.header.map((cell) => ignoredReason(cell)),
    dialect: detectDialect(sheet.header),
    dateFormat: chosen.dateFormat ?? detected.format,
    dateFormatAmbiguous: chosen.dateFormat === undefined && detected.ambiguous,
    samples: sheet.records.slice(0, 3).map((record) => headers.map((_, index) => cleanLine(record[index] ?? '', 60).text)),
    rowCount: sheet.records.length,
  };
}

/** The setup of a CSV file (for the preview's mapping step, also when the file cannot be imported as it is). */
export function analyseCsv(text: string, chosen: { mapping?: readonly (CsvField | null)[]; dateFormat?: DateFormat } = {}): CsvSetup {
  return describeSheet(parseSheet(text), chosen);
}
