import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { BoardFlowData } from './flow';
import { buildFlowCsv } from './flow-csv';

const t = (key: string) => `[${key}]`;

/** Just the items the 'items' dataset reads. */
function dataWithTitles(titles: string[]): BoardFlowData {
  const items = titles.map((title, index) => ({
    id: `c${index}`,
    title,
    demand: 'UNKNOWN',
    stageName: 'Pågår',
    createdDate: '2026-11-01',
    startedDate: null,
    doneDate: null,
    cycleTimeDays: null,
    ageDays: 3,
    blockedDays: 0,
    isBlockedNow: false,
    isArchived: false,
  }));
  return { items } as unknown as BoardFlowData;
}

describe('Flow page CSV', () => {
  it('defuses formulas in card titles, multi-line ones included (the board export escapes the same way)', () => {
    const titles = ['=HYPERLINK("http://x","klicka")', '=1+1\nandra raden', '+46 70\nrad', '-2\n-3', '@SUM(A1)\nx', '\tflik', 'Vanlig rubrik'];
    for (const locale of ['sv', 'en'] as const) {
      const csv = buildFlowCsv(dataWithTitles(titles), 'items', locale, t);
      const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: locale === 'sv' ? ';' : ',' }).data.filter((row) => row.length > 1);
      expect(rows.slice(1).map((row) => row[1])).toEqual([
        '\'=HYPERLINK("http://x","klicka")',
        "'=1+1\nandra raden",
        "'+46 70\nrad",
        "'-2\n-3",
        "'@SUM(A1)\nx",
        "'\tflik",
        'Vanlig rubrik',
      ]);
    }
  });
});
