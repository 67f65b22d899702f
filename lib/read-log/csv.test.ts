import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BYTE_ORDER_MARK } from '@/lib/export/csv';
import { buildReadLogCsv, formatLogTime } from './csv';

const t = (key: string) => `[${key}]`;

describe('buildReadLogCsv', () => {
  it('writes one row per read with the time to the second in the team zone, through the one CSV writer', () => {
    const csv = buildReadLogCsv(
      [
        { id: '7', at: '2026-07-01T08:05:09.000Z', readerName: 'Anna Berg', channel: 'dialog', cardId: 'c1', cardTitle: 'Ansökan' },
        { id: '8', at: '2026-12-01T08:05:09.000Z', readerName: '=HYPERLINK("x")', channel: 'export', cardId: 'c2', cardTitle: null },
      ],
      ';',
      t,
    );
    expect(csv.startsWith(BYTE_ORDER_MARK)).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' }).data;
    expect(rows[0]).toEqual(['[at]', '[reader]', '[how]', '[cardId]', '[card]', '[entryId]']);
    // Summer time (+2) and winter time (+1) in Stockholm.
    expect(rows[1]).toEqual(['2026-07-01 10:05:09', 'Anna Berg', '[channel.dialog]', 'c1', 'Ansökan', '7']);
    // A name that Excel would run as a formula stays text; a cleared card says so.
    expect(rows[2]).toEqual(['2026-12-01 09:05:09', `'=HYPERLINK("x")`, '[channel.export]', 'c2', '[textCleared]', '8']);
  });

  it('formats midnight as 00, not 24', () => {
    expect(formatLogTime(new Date('2026-01-01T23:00:00Z'))).toBe('2026-01-02 00:00:00');
  });
});
