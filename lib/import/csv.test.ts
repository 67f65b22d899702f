import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCardsCsv, type CardCsvRow } from '@/lib/export/csv';
import enData from '@/lib/i18n/messages/en/data.json';
import svData from '@/lib/i18n/messages/sv/data.json';
import { importCardsCsv } from './csv';
import { formatLocalDateTime, parseSpreadsheetDate } from './dates';
import { decodeImportBytes, prepareImport } from './index';
import { ImportError, type ImportPlan } from './model';

const NOW = new Date('2026-03-20T12:00:00Z');

function run(text: string, flowStates?: Record<string, 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE'>): ImportPlan {
  return prepareImport(text, { now: NOW, fileName: 'ärenden.csv', flowStates });
}

function history(result: ImportPlan, title: string) {
  const card = result.cards.find((c) => c.title === title);
  if (!card) throw new Error(`no card ${title}`);
  const name = (ref: string | null) => result.columns.find((column) => column.ref === ref)?.name ?? '-';
  return {
    card,
    events: result.cardEvents.filter((event) => event.cardRef === card.ref).map((event) => `${event.type} ${formatLocalDateTime(event.at)} ${name(event.fromColumnRef)}→${name(event.toColumnRef)}`),
  };
}

function expectImportError(run: () => unknown, code: string): ImportError {
  try {
    run();
  } catch (error) {
    expect((error as ImportError).code).toBe(code);
    return error as ImportError;
  }
  throw new Error(`expected ImportError ${code}`);
}

const SWEDISH = [
  '\uFEFFTitel;Kolumn;Beskrivning;Skapad;Påbörjad;Klar;Etiketter',
  'Ansökan A;Inkommet;Ny ansökan;2026-03-02;;;Ekonomiskt bistånd',
  'Ansökan B;Utreds;"Rad 1',
  'Rad 2; med semikolon";2026-02-10;2026-02-12 09:30;;Brådskande, Ekonomiskt bistånd',
  'Ansökan C;Klart;;2026-01-05;2026-01-07;2026-01-20 15:00;',
  ';;;;;;',
].join('\r\n');

describe('CSV import', () => {
  it('reads a Swedish Excel sheet (BOM, semicolons, quoted line breaks) with columns in flow order', () => {
    const result = run(SWEDISH);
    expect(result.source).toBe('csv');
    expect(result.boardName).toBe('ärenden');
    expect(result.columns.map((column) => [column.name, column.flowState])).toEqual([
      ['Inkommet', 'NOT_STARTED'],
      ['Utreds', 'IN_PROGRESS'],
      ['Klart', 'DONE'],
    ]);
    expect(result.cards.map((card) => card.title)).toEqual(['Ansökan A', 'Ansökan B', 'Ansökan C']);
    expect(history(result, 'Ansökan B').card.description).toBe('Rad 1\nRad 2; med semikolon');
    expect(history(result, 'Ansökan B').card.labels).toEqual(['Brådskande', 'Ekonomiskt bistånd']);
    // Rows of nothing but separators are passed over silently.
    expect(result.preview.skipped).toEqual([]);
  });

  it('rebuilds history from the dates, in Swedish time, so cycle times are right', () => {
    const result = run(SWEDISH);
    expect(history(result, 'Ansökan A').events).toEqual(['CREATED 2026-03-02 12:00 -→Inkommet']);
    expect(history(result, 'Ansökan B').events).toEqual(['CREATED 2026-02-10 12:00 -→Inkommet', 'MOVED 2026-02-12 09:30 Inkommet→Utreds']);
    const c = history(result, 'Ansökan C');
    expect(c.events).toEqual(['CREATED 2026-01-05 12:00 -→Inkommet', 'MOVED 2026-01-07 12:00 Inkommet→Utreds', 'MOVED 2026-01-20 15:00 Utreds→Klart']);
    expect(c.card.startedAt?.toISOString()).toBe('2026-01-07T11:00:00.000Z');
    expect(c.card.doneAt?.toISOString()).toBe('2026-01-20T14:00:00.000Z');
  });

  it('reads an English comma-separated sheet, headers in any order and case', () => {
    const text = 'column,TITLE,finished,created,started\nDoing,Case 1,,2026-03-01,2026-03-03\nDone,"Case, 2",2026-03-10T08:00:00Z,2026-03-01,\n';
    const result = run(text);
    expect(result.cards.map((card) => card.title)).toEqual(['Case 1', 'Case, 2']);
    expect(result.columns.map((column) => [column.name, column.flowState])).toEqual([
      ['Doing', 'IN_PROGRESS'],
      ['Done', 'DONE'],
    ]);
    const done = history(result, 'Case, 2');
    // No start date: it counts as started when it arrived.
    expect(done.card.startedAt?.toISOString()).toBe(done.card.createdAt.toISOString());
    expect(done.card.doneAt?.toISOString()).toBe('2026-03-10T08:00:00.000Z');
    // Without a not-started column, "Case 1" cannot wait before it starts: its start date is noted as unused.
    expect(result.preview.warnings).toEqual([{ code: 'datesIgnored', count: 1 }]);
  });

  it('lets the team change flow states, and the history follows', () => {
    const first = run(SWEDISH);
    const utreds = first.columns.find((column) => column.name === 'Utreds')?.ref as string;
    const changed = run(SWEDISH, { [utreds]: 'DONE' });
    expect(history(changed, 'Ansökan B').card.doneAt).not.toBeNull();
  });

  it('reads Windows-1252 files as Excel writes "CSV (semikolonavgränsad)"', () => {
    const latin1 = Uint8Array.from([...'Titel;Kolumn\nK\u00f6rkort;P\u00e5g\u00e5r\n'].map((char) => char.charCodeAt(0)));
    const text = decodeImportBytes(latin1);
    expect(run(text).cards[0]?.title).toBe('Körkort');
    expect(run(text).columns[0]?.name).toBe('Pågår');
  });

  it('reads UTF-16 "Unicode text" with its byte-order mark', () => {
    const source = 'Titel\tKolumn\nÄrende\tInkommet\n';
    const bytes = new Uint8Array(2 + source.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < source.length; i += 1) {
      bytes[2 + i * 2] = source.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = source.charCodeAt(i) >> 8;
    }
    expect(run(decodeImportBytes(bytes)).cards[0]?.title).toBe('Ärende');
  });

  it('refuses a sheet without the required columns, naming the fields and the headers as the file writes them', () => {
    const error = expectImportError(() => run('Foo;Status2\nA;B\n'), 'csvMissingColumns');
    expect(error.params).toEqual({ fields: 'title,column', found: '”Foo”, ”Status2”' });
  });

  it('refuses a file with one column only, naming it (a wrong separator)', () => {
    const error = expectImportError(() => run('Titel|Kolumn\nA|Inkommet\n'), 'csvOneColumn');
    expect(error.params).toEqual({ header: 'Titel|Kolumn' });
  });

  it('refuses the whole file when rows cannot be read, listing each row with its column as the file names it', () => {
    const text = ['Titel;Kolumn;Skapad;Påbörjad;Klar', ';Inkommet;2026-03-01;;', 'B;Klart;05/03/2026;;', 'C;Klart;2026-03-05;2026-03-04;', 'D;Klart;2030-01-01;;', 'E;;2026-02-30;;'].join('\n');
    const error = expectImportError(() => prepareImport(text, { now: NOW, fileName: 'ärenden.csv', dateFormat: 'iso' }), 'csvRows');
    expect(error.params.count).toBe(5);
    expect(error.rows).toEqual([
      { row: 2, problem: 'titleMissing', column: 'Titel' },
      { row: 3, problem: 'invalidDate', value: '05/03/2026', column: 'Skapad' },
      { row: 4, problem: 'datesOutOfOrder', column: '”Skapad”, ”Påbörjad”' },
      { row: 5, problem: 'futureDate', value: '2030-01-01', column: 'Skapad' },
      { row: 6, problem: 'columnMissing', column: 'Kolumn' },
      { row: 6, problem: 'invalidDate', value: '2026-02-30', column: 'Skapad' },
    ]);
  });

  it('reads day-first dates when the sheet is written so, and flags dates that fit both ways', () => {
    const text = ['Titel;Kolumn;Skapad', 'A;Inkommet;05/03/2026', 'B;Inkommet;25/02/2026'].join('\n');
    const plan = run(text);
    expect(plan.preview.csv?.dateFormat).toBe('dmy');
    expect(plan.preview.csv?.dateFormatAmbiguous).toBe(false);
    expect(formatLocalDateTime(plan.cards[0]!.createdAt)).toBe('2026-03-05 12:00');
    const ambiguous = run(['Titel;Kolumn;Skapad', 'A;Inkommet;05/03/2026'].join('\n'));
    expect(ambiguous.preview.csv?.dateFormatAmbiguous).toBe(true);
    // The person's choice wins: month first.
    const us = prepareImport(['Titel;Kolumn;Skapad', 'A;Inkommet;03/05/2026'].join('\n'), { now: NOW, dateFormat: 'mdy' });
    expect(formatLocalDateTime(us.cards[0]!.createdAt)).toBe('2026-03-05 12:00');
  });

  it('refuses unbalanced quotes as damaged', () => {
    expectImportError(() => run('Titel;Kolumn\n"A;Inkommet\nB;Klart\n'), 'malformed');
  });

  it('undoes the formula guard of exported text', () => {
    const result = run("Titel;Kolumn\n'=SUM(A1);Inkommet\n'-5 dagar;Inkommet\n");
    expect(result.cards.map((card) => card.title)).toEqual(['=SUM(A1)', '-5 dagar']);
  });

  it('lists spreadsheet columns it does not use', () => {
    const result = run('Titel;Kolumn;Handläggare;Prioritet\nA;Inkommet;Lena;Hög\n');
    expect(result.preview.skipped).toEqual([{ reason: 'ignoredColumns', count: 2, detail: 'Handläggare, Prioritet' }]);
  });
});

describe('CSV export → CSV import', () => {
  const translate = (catalogue: typeof enData) => (key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue.data.export.csv) as string;

  it('an exported cards file imports again with the same cards, columns and dates, in both languages', () => {
    const cards: CardCsvRow[] = [
      { id: 'c1', title: '=1+1 "citat"; semikolon', columnName: 'Inkommet', laneName: 'Akut', description: 'Rad 1\nRad 2', labels: ['A', 'B'], demand: 'VALUE', blockedReason: null, createdAt: new Date('2026-03-01T08:15:00Z'), startedAt: null, doneAt: null, archivedAt: null, textClearedAt: null, commentCount: 2 },
      { id: 'c2', title: 'Klart ärende', columnName: 'Klart', laneName: 'Standard', description: '', labels: [], demand: 'UNKNOWN', blockedReason: null, createdAt: new Date('2026-02-01T08:00:00Z'), startedAt: new Date('2026-02-03T08:00:00Z'), doneAt: new Date('2026-02-10T13:45:00Z'), archivedAt: null, textClearedAt: null, commentCount: 2 },
    ];
    for (const [catalogue, separator] of [[svData, ';'], [enData, ',']] as const) {
      const csv = buildCardsCsv(cards, separator, translate(catalogue as typeof enData));
      const result = run(csv);
      expect(result.cards.map((card) => [card.title, card.description, card.labels])).toEqual([
        ['=1+1 "citat"; semikolon', 'Rad 1\nRad 2', ['A', 'B']],
        ['Klart ärende', '', []],
      ]);
      const done = result.cards[1];
      expect(result.columns.map((column) => column.flowState)).toEqual(['NOT_STARTED', 'DONE']);
      expect(done?.doneAt?.toISOString()).toBe('2026-02-10T13:45:00.000Z');
      expect(done?.createdAt.toISOString()).toBe('2026-02-01T08:00:00.000Z');
    }
  });
});

describe('spreadsheet dates', () => {
  it('reads ISO dates in Swedish time, across daylight saving', () => {
    expect(parseSpreadsheetDate('2026-01-15 09:00')?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parseSpreadsheetDate('2026-07-15 09:00')?.toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(parseSpreadsheetDate('2026-03-29')?.toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(parseSpreadsheetDate('2026-03-05T14:30:00+01:00')?.toISOString()).toBe('2026-03-05T13:30:00.000Z');
    expect(parseSpreadsheetDate('2026-03-05T14:30:00.123Z')?.toISOString()).toBe('2026-03-05T14:30:00.000Z');
  });

  it('refuses ambiguous and impossible dates', () => {
    for (const value of ['05/03/2026', '3/5/2026', '2026-13-01', '2026-02-29', '2026-04-31', '2026-01-01 24:00', 'igår', '', '1969-12-31']) {
      expect(parseSpreadsheetDate(value)).toBeNull();
    }
    expect(parseSpreadsheetDate('2024-02-29')).not.toBeNull();
  });

  it('formats and reads back any minute of the year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }), (minute) => {
        const instant = new Date(minute * 60_000);
        const back = parseSpreadsheetDate(formatLocalDateTime(instant));
        // The repeated hour when clocks go back is ambiguous on a wall clock: at most one hour apart there.
        expect(back).not.toBeNull();
        expect(Math.abs((back as Date).getTime() - instant.getTime()) === 0 || Math.abs((back as Date).getTime() - instant.getTime()) === 3_600_000).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CSV import limits', () => {
  it('refuses an empty file and a header-only file', () => {
    expectImportError(() => importCardsCsv('\uFEFF', { now: NOW }), 'empty');
    expectImportError(() => importCardsCsv('Titel;Kolumn\n', { now: NOW }), 'noColumns');
  });
});
