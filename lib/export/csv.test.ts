import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { attachmentHeader, buildCardsCsv, buildHistoryCsv, BYTE_ORDER_MARK, defaultSeparatorName, slugify, type CardCsvRow } from './csv';

const t = (key: string) => `[${key}]`;
const card = (overrides: Partial<CardCsvRow> = {}): CardCsvRow => ({
  id: 'c1',
  title: 'Ärende å ä ö',
  columnName: 'Pågår',
  laneName: 'Standard',
  description: '',
  labels: [],
  demand: 'UNKNOWN',
  blockedReason: null,
  createdAt: new Date('2026-07-01T10:05:00Z'),
  startedAt: null,
  doneAt: null,
  archivedAt: null,
  textClearedAt: null,
  commentCount: 0,
  ...overrides,
});

describe('board CSV export', () => {
  it('is UTF-8 with a byte-order mark and CRLF lines, as Excel expects', () => {
    const csv = buildCardsCsv([card()], ';', t);
    expect(csv.startsWith(BYTE_ORDER_MARK)).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(2);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('uses semicolons for Swedish Excel and commas for English, quoting only where needed', () => {
    expect(defaultSeparatorName('sv')).toBe('semicolon');
    expect(defaultSeparatorName('en')).toBe('comma');
    const sv = buildCardsCsv([card({ title: 'A; B, "C"' })], ';', t).slice(1).split('\r\n');
    expect(sv[1]?.split(';').slice(0, 3)).toEqual(['c1', '"A', ' B, ""C"""']);
    const en = buildCardsCsv([card({ title: 'A; B' })], ',', t).slice(1).split('\r\n');
    expect(en[1]?.startsWith('c1,A; B,Pågår,Standard,')).toBe(true);
  });

  it('writes times in Swedish local time as YYYY-MM-DD HH:MM', () => {
    const csv = buildCardsCsv([card({ doneAt: new Date('2026-01-15T08:30:00Z') })], ',', t);
    const [, row] = Papa.parse<string[]>(csv.slice(1)).data;
    expect(row?.[3]).toBe('Standard');
    expect(row?.[9]).toBe('2026-07-01 12:05');
    expect(row?.[11]).toBe('2026-01-15 09:30');
  });

  it('defuses text that Excel would run as a formula, multi-line text included', () => {
    const csv = buildCardsCsv([card({ title: '=HYPERLINK("http://x","klicka")', description: '+1\n=2', labels: ['@SUM(A1)'] })], ',', t);
    const [, row] = Papa.parse<string[]>(csv.slice(1)).data;
    expect(row?.[1]).toBe('\'=HYPERLINK("http://x","klicka")');
    expect(row?.[4]).toBe("'+1\n=2");
    expect(row?.[5]).toBe("'@SUM(A1)");
  });

  it('names no one in the history file, and describes edits and blocks without personal fields', () => {
    const csv = buildHistoryCsv(
      [
        { cardId: 'c1', cardTitle: 'A', type: 'BLOCKED', at: new Date('2026-03-01T12:00:00Z'), fromColumnName: null, toColumnName: null, data: { reason: 'Väntar på intyg' } },
        { cardId: 'c1', cardTitle: 'A', type: 'EDITED', at: new Date('2026-03-02T12:00:00Z'), fromColumnName: null, toColumnName: null, data: { title: { before: 'x', after: 'A' }, description: { changed: true } } },
        { cardId: 'c1', cardTitle: 'A', type: 'MOVED', at: new Date('2026-03-03T12:00:00Z'), fromColumnName: 'Inkommet', toColumnName: 'Pågår', data: null },
      ],
      ';',
      t,
    );
    const rows = Papa.parse<string[]>(csv.slice(1)).data;
    expect(rows[0]).toEqual(['[history.cardId]', '[history.card]', '[history.event]', '[history.at]', '[history.from]', '[history.to]', '[history.detail]']);
    expect(rows.slice(1).map((row) => [row[2], row[4], row[5], row[6]])).toEqual([
      ['[events.BLOCKED]', '', '', 'Väntar på intyg'],
      ['[events.EDITED]', '', '', '[fields.title], [fields.description]'],
      ['[events.MOVED]', 'Inkommet', 'Pågår', ''],
    ]);
  });

  it('makes safe file names and Content-Disposition headers', () => {
    expect(slugify('Mottagningsteamets tavla – Östra')).toBe('mottagningsteamets-tavla-ostra');
    expect(slugify('???')).toBe('tillit');
    expect(attachmentHeader('tavla-kort.csv')).toBe(`attachment; filename="tavla-kort.csv"; filename*=UTF-8''tavla-kort.csv`);
    expect(attachmentHeader('a"b.csv')).toContain('filename="ab.csv"');
  });
});
