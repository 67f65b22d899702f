import type { ImportError } from './model';

/** A translator for import messages: keys relative to the import's namespaces (see {@link createImportTranslate}). */
export type ImportTranslate = (key: string, values?: Record<string, string | number>) => string;

/** A root translator (next-intl's, on the server or in the browser): full keys, and whether a key exists. */
export type RootTranslate = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

/**
 * Import messages live in two catalogues: `data.import` (the first import) and `importer` (lib/i18n/messages/…/
 * import.json: encodings, column mapping, duplicates, the newer messages). A key in `importer` takes precedence,
 * so a message can be improved there without touching the older catalogue.
 */
export function createImportTranslate(t: RootTranslate): ImportTranslate {
  return (key, values) => t(t.has(`importer.${key}`) ? `importer.${key}` : `data.import.${key}`, values);
}

/** An import error as the person reads it: one sentence, plus one line per spreadsheet row that needs fixing. */
export function describeImportError(error: ImportError, t: ImportTranslate): { code: string; message: string; rows: string[] } {
  const params: Record<string, string | number> = { ...error.params };
  // Missing spreadsheet fields are named as the person reads them ("Rubrik", "Kolumn på tavlan"), never by key.
  if (typeof params.fields === 'string') params.missing = params.fields.split(',').map((field) => t(`fields.${field}`)).join(', ');
  return {
    code: error.code,
    message: t(`errors.${error.code}`, params),
    rows: error.rows.map((problem) => t(`rowProblems.${problem.problem}`, { row: problem.row, value: problem.value ?? '', column: problem.column ?? '' })),
  };
}
