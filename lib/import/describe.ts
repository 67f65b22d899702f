import type { ImportError } from './model';

/** A translator over the data.import namespace (next-intl's, on the server or in the browser). */
export type ImportTranslate = (key: string, values?: Record<string, string | number>) => string;

/** An import error as the person reads it: one sentence, plus one line per spreadsheet row that needs fixing. */
export function describeImportError(error: ImportError, t: ImportTranslate): { code: string; message: string; rows: string[] } {
  return {
    code: error.code,
    message: t(`errors.${error.code}`, { ...error.params }),
    rows: error.rows.map((problem) => t(`rowProblems.${problem.problem}`, { row: problem.row, value: problem.value ?? '' })),
  };
}
