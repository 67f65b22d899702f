import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/messages';
import { formatLocalDateTime } from './dates';
import { createImportTranslate, describeImportError, type RootTranslate } from './describe';
import { prepareImport } from './index';
import { ImportError, type ImportPlan } from './model';

const NOW = new Date('2026-03-20T12:00:00Z');

function run(text: string, options: Partial<Parameters<typeof prepareImport>[1]> = {}): ImportPlan {
  return prepareImport(text, { now: NOW, fileName: 'export.csv', ...options });
}

function timesOf(plan: ImportPlan, title: string) {
  const card = plan.cards.find((c) => c.title === title);
  if (!card) throw new Error(`no card ${title}`);
  const at = (date: Date | null) => (date ? formatLocalDateTime(date) : null);
  return { created: at(card.createdAt), started: at(card.startedAt), done: at(card.doneAt), column: plan.columns.find((c) => c.ref === card.columnRef)?.name };
}

function errorOf(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

function messagesIn(locale: 'sv' | 'en', error: ImportError) {
  const t = createImportTranslate(createTranslator({ locale, messages: loadMessages(locale) }) as unknown as RootTranslate);
  return describeImportError(error, t);
}

describe('spreadsheets from other tools keep their dates', () => {
  it("Wekan's CSV: start and end dates become the card's start and finish (not 'in progress since created')", () => {
    const csv = [
      'Title,Description,List,Swimlane,Owner,Requested By,Assigned By,Members,Assignee,Labels,Start,Due,End,Overtime (hours),Spent time (hours),Created at,Last modified at,Last activity,Voting,Archived',
      '"Ansökan A","","Stage 1","Default","lena"," "," ","","","Brådskande-red"," "," "," ","false","","2026-01-05T08:00:00.000Z","","","","false"',
      '"Ansökan B","","Stage 3","Default","lena"," "," ","","","","2026-01-07T09:00:00.000Z"," "," ","false","","2026-01-05T08:00:00.000Z","","","","false"',
      '"Ansökan C","","Stage 2","Default","lena"," "," ","","","","2026-01-08T09:00:00.000Z"," "," ","false","","2026-01-06T08:00:00.000Z","","","","false"',
      '"Ansökan D","","Stage 4 Done","Default","lena"," "," ","","","","2026-01-06T09:00:00.000Z"," ","2026-01-20T15:00:00.000Z","false","","2026-01-02T08:00:00.000Z","","","","false"',
    ].join('\r\n');
    const plan = run(csv);
    expect(plan.preview.csv?.dialect).toBe('wekan');
    // Numbered stages in their order, not the order of first appearance (1, 3, 2, 4).
    expect(plan.columns.map((c) => c.name)).toEqual(['Stage 1', 'Stage 2', 'Stage 3', 'Stage 4 Done']);
    expect(timesOf(plan, 'Ansökan B')).toEqual({ created: '2026-01-05 09:00', started: '2026-01-07 10:00', done: null, column: 'Stage 3' });
    expect(timesOf(plan, 'Ansökan D')).toEqual({ created: '2026-01-02 09:00', started: '2026-01-06 10:00', done: '2026-01-20 16:00', column: 'Stage 4 Done' });
    // No "dates missing" warning for dates the file has.
    expect(plan.preview.warnings.find((w) => w.code === 'missingDates')).toBeUndefined();
    // Wekan writes labels as name-colour: the colour is kept with the name.
    expect(plan.cards[0]?.labels).toEqual(['Brådskande']);
    expect(plan.preview.labelColors).toEqual({ Brådskande: 'red' });
    // Due dates and owners are left out on purpose, and the preview says why.
    const setup = plan.preview.csv!;
    expect(setup.ignoredWhy[setup.headers.indexOf('Due')]).toBe('deadline');
    expect(setup.ignoredWhy[setup.headers.indexOf('Owner')]).toBe('person');
  });

  it('Jira CSV: Status Category and Status Category Changed give start and done times', () => {
    const csv = [
      'Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Updated,Resolved,Labels,Labels,Status Category,Status Category Changed',
      'Bygglov Storgatan,BYGG-1,10001,Task,Open,Medium,,Lena,05/Jan/26 8:00 AM,05/Jan/26 8:00 AM,,bygglov,,To Do,05/Jan/26 8:00 AM',
      'Bygglov Kyrkvägen,BYGG-2,10002,Task,In Review,Medium,Omar,Lena,06/Jan/26 9:15 AM,08/Jan/26 1:00 PM,,bygglov,brådskande,In Progress,07/Jan/26 10:30 AM',
      'Bygglov Ån,BYGG-3,10003,Task,Closed,Medium,Omar,Lena,02/Jan/26 9:00 AM,20/Jan/26 3:00 PM,20/Jan/26 3:00 PM,,,Done,20/Jan/26 3:00 PM',
    ].join('\n');
    const plan = run(csv);
    expect(plan.preview.csv?.dialect).toBe('jira');
    expect(plan.columns.map((c) => [c.name, c.flowState])).toEqual([
      ['Open', 'NOT_STARTED'],
      ['In Review', 'IN_PROGRESS'],
      ['Closed', 'DONE'],
    ]);
    expect(timesOf(plan, 'Bygglov Kyrkvägen')).toEqual({ created: '2026-01-06 09:15', started: '2026-01-07 10:30', done: null, column: 'In Review' });
    expect(timesOf(plan, 'Bygglov Ån')).toMatchObject({ created: '2026-01-02 09:00', done: '2026-01-20 15:00' });
    // Every "Labels" column counts.
    expect(plan.cards.find((c) => c.title === 'Bygglov Kyrkvägen')?.labels).toEqual(['bygglov', 'brådskande']);
  });

  it('lets the person change the mapping: a column read as the finish date changes the history', () => {
    const csv = ['Ärende;Steg;Inkom;Avslutades', 'A;Klart;2026-01-05;2026-01-09', 'B;Inkommet;2026-01-06;'].join('\n');
    const guessed = run(csv);
    expect(guessed.preview.csv?.mapping).toEqual(['title', 'column', 'created', null]);
    expect(timesOf(guessed, 'A').done).toBe('2026-01-05 12:00');
    const chosen = run(csv, { mapping: ['title', 'column', 'created', 'finished'] });
    expect(timesOf(chosen, 'A').done).toBe('2026-01-09 12:00');
    // A mapping that does not fit the file (wrong length) is ignored, not trusted.
    expect(run(csv, { mapping: ['title'] }).preview.csv?.mapping).toEqual(['title', 'column', 'created', null]);
  });

  it("Tillit's own CSV export round trip keeps archived state, demand and blocked state", () => {
    const csv = [
      'Kort-id;Rubrik;Kolumn;Beskrivning;Etiketter;Efterfrågan;Blockerad;Blockeringsorsak;Skapad;Påbörjad;Klar;Arkiverad;Text rensad',
      'c1;Ansökan A;Utreds;;;Felefterfrågan;Ja;Väntar på intyg;2026-01-05 08:00:15;2026-01-06 09:00:30;;;',
      'c2;Ansökan B;Klart;;;Värdeefterfrågan;Nej;;2026-01-02 08:00;2026-01-03 10:00;2026-01-09 15:00:45;2026-01-10 16:00;',
    ].join('\r\n');
    const plan = run(csv);
    expect(plan.preview.csv?.dialect).toBe('tillit');
    const a = plan.cards.find((c) => c.title === 'Ansökan A')!;
    const b = plan.cards.find((c) => c.title === 'Ansökan B')!;
    expect(a.demand).toBe('FAILURE');
    expect(a.blockedReason).toBe('Väntar på intyg');
    expect(a.blockedAt).not.toBeNull();
    expect(a.archivedAt).toBeNull();
    expect(b.demand).toBe('VALUE');
    expect(b.blockedReason).toBeNull();
    expect(b.archivedAt?.toISOString()).toBe('2026-01-10T15:00:00.000Z');
    // Times to the second.
    expect(a.createdAt.toISOString()).toBe('2026-01-05T07:00:15.000Z');
    expect(b.doneAt?.toISOString()).toBe('2026-01-09T14:00:45.000Z');
    expect(plan.cardEvents.filter((e) => e.type === 'BLOCKED')).toHaveLength(1);
    expect(plan.cardEvents.filter((e) => e.type === 'ARCHIVED')).toHaveLength(1);
  });
});

describe('import messages name the column as the file writes it, the row, and what to do', () => {
  it('a wrong separator: only one column found', () => {
    const error = errorOf(() => run('Rubrik|Kolumn\nA|Inkommet\n'));
    expect(messagesIn('sv', error).message).toContain('Tillit hittade bara en kolumn, ”Rubrik|Kolumn”');
    expect(messagesIn('sv', error).message).toContain('Är filen semikolonseparerad?');
    expect(messagesIn('en', error).message).toContain('Is the file semicolon-separated?');
  });

  it('missing required columns are named as the person reads them, never by internal key', () => {
    const error = errorOf(() => run('Foo;Status2\nA;B\n'));
    const sv = messagesIn('sv', error).message;
    expect(sv).toContain('Rubrik, Kolumn på tavlan');
    expect(sv).toContain('”Foo”, ”Status2”');
    expect(sv).not.toMatch(/\btitle\b|\bcolumn\b/);
    expect(messagesIn('en', error).message).toContain('Title, Column on the board');
  });

  it('a date error names its column and row, and says what to do', () => {
    const error = errorOf(() => run('Rubrik;Kolumn;Inkom\nA;Inkommet;5 mars\n'));
    const [line] = messagesIn('sv', error).rows;
    expect(line).toBe('Rad 2, kolumnen ”Inkom”: ”5 mars” är inget datum i det valda formatet. Välj ett annat datumformat ovan, eller skriv datumet som ÅÅÅÅ-MM-DD (till exempel 2026-03-05).');
    expect(messagesIn('en', error).rows[0]).toContain('Row 2, column “Inkom”: “5 mars” is not a date');
  });

  it('an empty title names the column', () => {
    const error = errorOf(() => run('Summary;Status\n;Open\n'));
    expect(messagesIn('sv', error).rows).toEqual(['Rad 2: kolumnen ”Summary” är tom. Skriv en rubrik på raden eller ta bort raden.']);
  });
});

describe('a large Jira-style export', () => {
  it('imports every row, with done times for every closed issue', async () => {
    const { generateJiraCsv } = await import('./testing/jira-generator');
    const plan = run(generateJiraCsv({ rows: 2000 }));
    expect(plan.cards).toHaveLength(2000);
    const closed = plan.columns.find((column) => column.name === 'Closed');
    expect(closed?.flowState).toBe('DONE');
    const inClosed = plan.cards.filter((card) => card.columnRef === closed?.ref);
    expect(inClosed.length).toBeGreaterThan(1000);
    expect(inClosed.every((card) => card.doneAt !== null && card.startedAt !== null)).toBe(true);
  });
});
