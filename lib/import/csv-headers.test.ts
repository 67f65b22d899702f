import { describe, expect, it } from 'vitest';
import enData from '@/lib/i18n/messages/en/data.json';
import svData from '@/lib/i18n/messages/sv/data.json';
import { detectDialect, fieldForHeader, normaliseHeader, parseLabelCell, suggestMapping, type CsvField } from './csv-headers';
import { detectDateFormat, parseDateAs } from './date-formats';
import { formatLocalDateTime } from './dates';

/** The header table, as each tool writes its headers (from their exporters' documented column names). */
const TABLE: [string, CsvField | null][] = [
  // Tillit's own export, Swedish and English
  ['Rubrik', 'title'], ['Kolumn', 'column'], ['Beskrivning', 'description'], ['Etiketter', 'labels'], ['Efterfrågan', 'demand'],
  ['Blockerad', 'blocked'], ['Blockeringsorsak', 'blockedReason'], ['Skapad', 'created'], ['Påbörjad', 'started'], ['Klar', 'finished'],
  ['Arkiverad', 'archived'], ['Title', 'title'], ['Demand', 'demand'], ['Blocked reason', 'blockedReason'], ['Finished', 'finished'],
  // Wekan CSV (models/exporter.js buildCsv: title, description, list, swimlane, …, card-start, card-due, card-end, createdAt, archived)
  ['Title', 'title'], ['List', 'column'], ['Swimlane', 'lane'], ['Start', 'started'], ['Start date', 'started'], ['End', 'finished'],
  ['Finish date', 'finished'], ['End date', 'finished'], ['Created at', 'created'], ['Archived', 'archived'], ['Due', null], ['Owner', null],
  ['Lista', 'column'], ['Simbana', 'lane'], ['Slut', 'finished'], ['Skapad den', 'created'],
  // Trello CSV (Premium): Card Name, Card Description, Labels, List Name, Archived, Start Date, Due Date
  ['Card Name', 'title'], ['Card Description', 'description'], ['List Name', 'column'], ['Due Date', null], ['Card ID', null],
  // Jira CSV: Summary, Status, Created, Resolved, Status Category, Status Category Changed, Labels (repeated)
  ['Summary', 'title'], ['Status', 'column'], ['Created', 'created'], ['Resolved', 'finished'], ['Status Category', 'statusCategory'],
  ['Status Category Changed', 'statusChanged'], ['Labels', 'labels'], ['Issue key', null], ['Assignee', null],
  ['Sammanfattning', 'title'], ['Löst', 'finished'], ['Statuskategori', 'statusCategory'], ['Statuskategori ändrad', 'statusChanged'],
  // Planka-style and typed sheets
  ['card_name', 'title'], ['list-name', 'column'], ['Created date', 'created'], ['Completed at', 'finished'], ['Ärende', 'title'], ['Steg', 'column'],
  ['Startdatum', 'started'], ['Slutdatum', 'finished'], ['Start date (UTC)', 'started'], ['  KOLUMN ', 'column'],
];

describe('CSV header mapping table', () => {
  it.each(TABLE)('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it("maps every header of Tillit's own card export, in both languages (so an export imports again)", () => {
    for (const catalogue of [svData, enData]) {
      const headers = catalogue.data.export.csv.cards;
      expect(fieldForHeader(headers.title)).toBe('title');
      expect(fieldForHeader(headers.column)).toBe('column');
      expect(fieldForHeader(headers.created)).toBe('created');
      expect(fieldForHeader(headers.started)).toBe('started');
      expect(fieldForHeader(headers.finished)).toBe('finished');
      expect(fieldForHeader(headers.archived)).toBe('archived');
      expect(fieldForHeader(headers.demand)).toBe('demand');
      expect(fieldForHeader(headers.blocked)).toBe('blocked');
      expect(fieldForHeader(headers.blockedReason)).toBe('blockedReason');
      expect(fieldForHeader(headers.labels)).toBe('labels');
    }
  });

  it('folds case, separators and a trailing unit', () => {
    expect(normaliseHeader('\uFEFF Start_Date (UTC) ')).toBe('start date');
  });

  it('lets a tool-specific header win over a generic one, and keeps every Jira labels column', () => {
    expect(suggestMapping(['Status', 'Card Name', 'List Name'])).toEqual([null, 'title', 'column']);
    expect(suggestMapping(['Summary', 'Issue key', 'Status', 'Created', 'Resolved', 'Labels', 'Labels', 'Status Category', 'Status Category Changed'])).toEqual([
      'title', null, 'column', 'created', 'finished', 'labels', 'labels', 'statusCategory', 'statusChanged',
    ]);
    // Only the first of two "Created" columns is used.
    expect(suggestMapping(['Titel', 'Kolumn', 'Skapad', 'Skapat'])).toEqual(['title', 'column', 'created', null]);
  });

  it('recognises the tool a sheet comes from', () => {
    expect(detectDialect(['Summary', 'Issue key', 'Status'])).toBe('jira');
    expect(detectDialect(['Title', 'Description', 'List', 'Swimlane', 'Owner', 'Requested By', 'Assigned By'])).toBe('wekan');
    expect(detectDialect(['Card ID', 'Card Name', 'List Name'])).toBe('trello');
    expect(detectDialect(['Kort-id', 'Rubrik', 'Kolumn', 'Efterfrågan'])).toBe('tillit');
    expect(detectDialect(['Rubrik', 'Kolumn'])).toBe('sheet');
  });

  it("reads labels in each tool's notation, with their colours", () => {
    expect(parseLabelCell('Brådskande-red Ekonomi-green', 'wekan')).toEqual([{ name: 'Brådskande', color: 'red' }, { name: 'Ekonomi', color: 'green' }]);
    expect(parseLabelCell('Urgent (red), Billing (green)', 'trello')).toEqual([{ name: 'Urgent', color: 'red' }, { name: 'Billing', color: 'green' }]);
    expect(parseLabelCell('Brådskande, Ekonomiskt bistånd', 'sheet')).toEqual([{ name: 'Brådskande', color: null }, { name: 'Ekonomiskt bistånd', color: null }]);
  });
});

describe('spreadsheet date formats', () => {
  const at = (value: string, format: 'iso' | 'dmy' | 'mdy') => {
    const date = parseDateAs(value, format);
    return date ? formatLocalDateTime(date) : null;
  };

  it('reads ISO and Jira dates whatever the choice', () => {
    for (const format of ['iso', 'dmy', 'mdy'] as const) {
      expect(at('2026-03-05 14:30', format)).toBe('2026-03-05 14:30');
      expect(at('05/Mar/26 2:30 PM', format)).toBe('2026-03-05 14:30');
      expect(at('05/mar/26 14:30', format)).toBe('2026-03-05 14:30');
      expect(at('12/Okt/25 9:05 AM', format)).toBe('2025-10-12 09:05');
    }
  });

  it('reads day-first (Swedish) and month-first (US) dates as chosen, and refuses them as ISO', () => {
    expect(at('05/03/2026', 'dmy')).toBe('2026-03-05 12:00');
    expect(at('05.03.2026 08:15', 'dmy')).toBe('2026-03-05 08:15');
    expect(at('5/3 2026', 'dmy')).toBe('2026-03-05 12:00');
    expect(at('03/05/2026', 'mdy')).toBe('2026-03-05 12:00');
    expect(at('3/5/2026 2:30 PM', 'mdy')).toBe('2026-03-05 14:30');
    expect(at('05/03/2026', 'iso')).toBeNull();
    expect(at('31/02/2026', 'dmy')).toBeNull();
    expect(at('13/05/2026', 'mdy')).toBeNull();
  });

  it('detects the format from the values, and says when it cannot tell', () => {
    expect(detectDateFormat(['2026-03-05', '', '2026-03-06 10:00'])).toEqual({ format: 'iso', ambiguous: false });
    expect(detectDateFormat(['05/03/2026', '25/03/2026'])).toEqual({ format: 'dmy', ambiguous: false });
    expect(detectDateFormat(['03/05/2026', '03/25/2026'])).toEqual({ format: 'mdy', ambiguous: false });
    expect(detectDateFormat(['05.03.2026'])).toEqual({ format: 'dmy', ambiguous: false });
    expect(detectDateFormat(['03/05/2026'])).toEqual({ format: 'dmy', ambiguous: true });
  });
});
