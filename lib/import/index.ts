/**
 * One entry point for every import: recognises the file (Trello JSON, Tillit JSON, CSV), decodes it, and builds the
 * import plan with its preview. The browser runs it to show the preview; the server runs it again on the same bytes
 * and options before writing anything, so what is written is exactly what was previewed and nothing the browser
 * says is trusted.
 */
import type { FlowState } from '@/lib/domain/flow-states';
import { importCardsCsv } from './csv';
import type { CsvField } from './csv-headers';
import type { DateFormat } from './date-formats';
import { decodeImportBytes, decodeImportFile, type DecodedFile, type ImportEncoding } from './encoding';
import { IMPORT_LIMITS, ImportError, type ImportPlan, type ImportSource } from './model';
import { importTillitBoard, looksLikeTillitExport } from './tillit';
import { importTrelloBoard, looksLikeTrelloExport } from './trello';
import { importWekanBoard, looksLikeWekanExport } from './wekan';

export type ImportOptions = {
  now: Date;
  fileName?: string;
  boardName?: string;
  /** Flow state per column ref, as chosen in the preview. */
  flowStates?: Readonly<Record<string, FlowState>>;
  /** A spreadsheet's column mapping (one field or null per header) and date format, as chosen in the preview. */
  mapping?: readonly (CsvField | null)[];
  dateFormat?: DateFormat;
  /** How the file's bytes were read (lib/import/encoding.ts), for the preview to say so. */
  decoded?: Pick<DecodedFile, 'encoding' | 'unreadableCount'>;
};

/**
 * Whether JSON text that failed to parse was cut short: the scan ends inside a string or with brackets still open.
 * (A file that is merely wrong closes its brackets or breaks a rule before the end.)
 */
export function looksTruncated(text: string): boolean {
  const open: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) open.push(char);
    else if (char === 0x7d || char === 0x5d) {
      // A closer that does not match its opener: the file is wrong, not cut short.
      if (open.pop() !== (char === 0x7d ? 0x7b : 0x5b)) return false;
    }
  }
  return inString || open.length > 0;
}

export function detectFormat(text: string, fileName?: string): 'json' | 'csv' {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  if (fileName && /\.json$/i.test(fileName)) return 'json';
  return 'csv';
}

export function prepareImport(text: string, options: ImportOptions): ImportPlan {
  const plan = prepareImportPlan(text, options);
  if (!options.decoded) return plan;
  const { encoding, unreadableCount } = options.decoded;
  const warnings = unreadableCount > 0 ? [...plan.preview.warnings, { code: 'unreadableCharacters' as const, count: unreadableCount }] : plan.preview.warnings;
  return { ...plan, preview: { ...plan.preview, encoding, warnings } };
}

function prepareImportPlan(text: string, options: ImportOptions): ImportPlan {
  if (!text.trim()) throw new ImportError('empty');
  if (text.length > IMPORT_LIMITS.maxBytes) throw new ImportError('tooLarge', { maxMb: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
  if (text.includes('\u0000')) throw new ImportError('binary');
  if (detectFormat(text, options.fileName) === 'csv') {
    return importCardsCsv(text, options);
  }
  let value: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    value = JSON.parse(json);
  } catch {
    throw new ImportError(looksTruncated(json) ? 'truncated' : 'notJson');
  }
  if (looksLikeTillitExport(value)) return importTillitBoard(value, options);
  // Wekan's export also has lists and cards: recognised first, so it is not read (and refused) as Trello's.
  if (looksLikeWekanExport(value)) return importWekanBoard(value, options);
  if (looksLikeTrelloExport(value)) return importTrelloBoard(value, options);
  throw new ImportError('unknownFormat');
}

export type { ImportPlan, ImportSource, DecodedFile, ImportEncoding };
export { decodeImportBytes, decodeImportFile };
export { ImportError, isImportError, IMPORT_LIMITS } from './model';
