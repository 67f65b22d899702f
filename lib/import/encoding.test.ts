import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeImportFile, WINDOWS_1252_UNDEFINED } from './encoding';
import { prepareImport } from './index';
import { ImportError } from './model';

const NOW = new Date('2026-03-20T12:00:00Z');

/**
 * Windows-1252 as Microsoft's table (unicode.org MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT) defines it, written out
 * here independently of any decoder: 0x80–0x9F, then 0xA0–0xFF equal their Latin-1 code points. Undefined: null.
 */
const CP1252_80_9F: (number | null)[] = [
  0x20ac, null, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, null, 0x017d, null,
  null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, null, 0x017e, 0x0178,
];

function expectedFor(byte: number): string {
  if (byte >= 0xa0) return String.fromCodePoint(byte);
  const code = CP1252_80_9F[byte - 0x80];
  return code === null || code === undefined ? '\uFFFD' : String.fromCodePoint(code);
}

describe('decoding imported files', () => {
  it('reads every byte 0x80–0xFF of a Windows-1252 file as Microsoft’s table says (undefined bytes: U+FFFD, counted)', () => {
    for (let byte = 0x80; byte <= 0xff; byte += 1) {
      // "A" then the byte: never valid UTF-8, so the file is read as Windows-1252.
      const decoded = decodeImportFile(Uint8Array.from([0x41, byte, 0x42]));
      expect(decoded.encoding, `byte 0x${byte.toString(16)}`).toBe('windows-1252');
      expect(decoded.text, `byte 0x${byte.toString(16)}`).toBe(`A${expectedFor(byte)}B`);
      const undefinedByte = (WINDOWS_1252_UNDEFINED as readonly number[]).includes(byte);
      expect(decoded.unreadableCount, `byte 0x${byte.toString(16)}`).toBe(undefinedByte ? 1 : 0);
    }
    expect(CP1252_80_9F.filter((code) => code === null)).toHaveLength(WINDOWS_1252_UNDEFINED.length);
  });

  it('keeps € – ” ’ … of an Excel CSV (Windows-1252) all the way to the saved card', () => {
    const sheet = 'Titel;Kolumn;Beskrivning\r\nBudget 500 € – ”viktigt” och Anna’s fråga…;Pågår;Kostnad ‰ • ™ Œ Ÿ\r\n';
    const bytes = iconv.encode(sheet, 'windows-1252');
    const decoded = decodeImportFile(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    const plan = prepareImport(decoded.text, { now: NOW, fileName: 'excel.csv', decoded });
    expect(plan.cards[0]?.title).toBe('Budget 500 € – ”viktigt” och Anna’s fråga…');
    expect(plan.cards[0]?.description).toBe('Kostnad ‰ • ™ Œ Ÿ');
    expect(plan.preview.encoding).toBe('windows-1252');
    expect(plan.preview.warnings.find((w) => w.code === 'unreadableCharacters')).toBeUndefined();
  });

  it('detects and decodes a Trello JSON export saved as Windows-1252 (not "not a text file")', () => {
    const fixture = readFileSync(path.join(import.meta.dirname, 'fixtures', 'trello-mottagning.json'), 'utf8');
    const board = JSON.parse(fixture);
    board.cards[0].name = 'Faktura – 1 200 € ”brådskande”';
    const bytes = iconv.encode(JSON.stringify(board), 'windows-1252');
    const decoded = decodeImportFile(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    const plan = prepareImport(decoded.text, { now: new Date('2024-11-20T12:00:00Z'), fileName: 'trello.json', decoded });
    expect(plan.source).toBe('trello');
    expect(plan.cards.some((card) => card.title === 'Faktura – 1 200 € ”brådskande”')).toBe(true);
  });

  it('reads UTF-8 with and without a byte-order mark, and UTF-16 LE and BE with one', () => {
    const text = 'Titel;Kolumn\nÄrende – €;Inkommet\n';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeImportFile(utf8)).toEqual({ text, encoding: 'utf-8', unreadableCount: 0 });
    expect(decodeImportFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text, encoding: 'utf-8', unreadableCount: 0 });
    expect(decodeImportFile(Uint8Array.from([0xff, 0xfe, ...iconv.encode(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le', unreadableCount: 0 });
    expect(decodeImportFile(Uint8Array.from([0xfe, 0xff, ...iconv.encode(text, 'utf16be')]))).toEqual({ text, encoding: 'utf-16be', unreadableCount: 0 });
  });

  it('counts the undefined bytes in the preview, so the team can correct the file', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('Titel;Kolumn\nA'), 0x81, 0xe4, ...new TextEncoder().encode(';K\n')]);
    const decoded = decodeImportFile(bytes);
    const plan = prepareImport(decoded.text, { now: NOW, fileName: 'x.csv', decoded });
    expect(plan.cards[0]?.title).toBe('A\uFFFDä');
    expect(plan.preview.warnings).toContainEqual({ code: 'unreadableCharacters', count: 1 });
  });

  it('refuses empty and binary files', () => {
    expect(() => decodeImportFile(new Uint8Array())).toThrow(ImportError);
    expect(() => decodeImportFile(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00]))).toThrow(ImportError);
  });
});
