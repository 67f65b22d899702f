/**
 * One entry point for every import: recognises the file (Trello JSON, Tillit JSON, CSV), decodes it, and builds the
 * import plan with its preview. The browser runs it to show the preview; the server runs it again on the same bytes
 * and options before writing anything, so what is written is exactly what was previewed and nothing the browser
 * says is trusted.
 */
import type { FlowState } from '@/lib/domain/flow-states';
import { importCardsCsv } from './csv';
import { IMPORT_LIMITS, ImportError, type ImportPlan, type ImportSource } from './model';
import { importTillitBoard, looksLikeTillitExport } from './tillit';
import { importTrelloBoard, looksLikeTrelloExport } from './trello';

export type ImportOptions = {
  now: Date;
  fileName?: string;
  boardName?: string;
  /** Flow state per column ref, as chosen in the preview. */
  flowStates?: Readonly<Record<string, FlowState>>;
};

/**
 * Bytes to text. UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark; a CSV that is not
 * valid UTF-8 is read as Windows-1252, which is what Excel's "CSV (semikolonavgränsad)" writes. A NUL byte outside
 * UTF-16 means the file is not text at all (an image, a spreadsheet in .xlsx form, …).
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError('empty');
  if (bytes.length > IMPORT_LIMITS.maxBytes) throw new ImportError('tooLarge', { maxMb: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) throw new ImportError('binary');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
    if (first === 0x7b || first === 0x5b) throw new ImportError('binary'); // JSON must be UTF-8
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

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
  if (looksLikeTrelloExport(value)) return importTrelloBoard(value, options);
  throw new ImportError('unknownFormat');
}

export type { ImportPlan, ImportSource };
export { ImportError, isImportError, IMPORT_LIMITS } from './model';
