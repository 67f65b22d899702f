/**
 * Bytes of an imported file to text, without losing a character. Pure (runs in the browser for the preview and on
 * the server for the import, on the same bytes, so both read the same text).
 *
 * Detection, in this order:
 *   1. UTF-8 byte-order mark → UTF-8; UTF-16 LE / BE byte-order marks → UTF-16 ("Unicode text" from Excel).
 *   2. Valid UTF-8 (most exports: Trello, Wekan, Jira, Tillit, Google Sheets, LibreOffice) → UTF-8.
 *   3. Anything else → Windows-1252, which Excel on a Swedish or English Windows writes for "CSV (semikolonavgränsad)"
 *      and which a JSON file edited in an old Windows editor may also be in. (ISO-8859-1 is a subset for every
 *      printable character, so a Latin-1 file reads the same.)
 * A NUL byte outside UTF-16 means the file is not text at all (an image, an .xlsx workbook, …).
 *
 * Windows-1252 is decoded by iconv-lite, not TextDecoder: Node 20's TextDecoder('windows-1252') decodes as Latin-1,
 * turning 0x80–0x9F (€ ‚ „ … – — ‘ ’ “ ” ™ …) into invisible C1 controls that the importers' text hygiene then
 * removes — the characters were silently lost.
 *
 * The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to U+FFFD (�), never to a
 * control character: the character stays visible in the preview and on the card, and the preview counts them
 * ({@link DecodedFile.unreadableCount}) so the team can correct the file. (The WHATWG standard maps them to C1
 * controls, which the import would strip without a trace.)
 */
import iconv from 'iconv-lite';
import { IMPORT_LIMITS, ImportError } from './model';

export type ImportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodedFile = {
  text: string;
  encoding: ImportEncoding;
  /** Bytes that mean no character in the file's encoding, shown as U+FFFD. */
  unreadableCount: number;
};

/** The bytes Windows-1252 does not define. */
export const WINDOWS_1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d] as const;

function countReplacement(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\uFFFD'); index >= 0; index = text.indexOf('\uFFFD', index + 1)) count += 1;
  return count;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes an imported file's bytes (see the module comment for the rules). Refuses empty, too large and binary files. */
export function decodeImportFile(bytes: Uint8Array): DecodedFile {
  if (bytes.length === 0) throw new ImportError('empty');
  if (bytes.length > IMPORT_LIMITS.maxBytes) throw new ImportError('tooLarge', { maxMb: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    return { text, encoding: 'utf-8', unreadableCount: countReplacement(text) };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = new TextDecoder(encoding).decode(bytes.subarray(2));
    return { text, encoding, unreadableCount: countReplacement(text) };
  }
  if (bytes.includes(0)) throw new ImportError('binary');
  if (isValidUtf8(bytes)) {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, encoding: 'utf-8', unreadableCount: countReplacement(text) };
  }
  const text = iconv.decode(bytes as Buffer, 'windows-1252', { stripBOM: false });
  return { text, encoding: 'windows-1252', unreadableCount: countReplacement(text) };
}

/** The text of an imported file (see {@link decodeImportFile}). */
export function decodeImportBytes(bytes: Uint8Array): string {
  return decodeImportFile(bytes).text;
}
