/**
 * Cards from a spreadsheet (CSV) to an import plan, for teams coming from Excel.
 *
 * One row per card. Columns, by header, in Swedish or English, any order, any case:
 *   title / titel (required) · column / kolumn (required) · description / beskrivning · created / skapad ·
 *   started / påbörjad · finished / klar · labels / etiketter (separated by commas)
 * Separator: semicolon, comma or tab, detected. Dates: YYYY-MM-DD, optionally with a time (HH:MM), in the team's
 * zone (Europe/Stockholm). Board columns are the distinct values of the column column; their flow states are
 * suggested from their names and dates, and the team can change them before importing. History is rebuilt from the
 * dates: created (in the first not-started column), started (into the first in-progress one), finished (into the
 * card's done column), so cycle times and the Flow page are right from the first day.
 *
 * A row that cannot be read (no title, an unreadable or impossible date) makes the whole file refused, listing the
 * rows, so the team fixes the spreadsheet rather than losing cards silently.
 */
import Papa from 'papaparse';
import type { FlowState } from '@/lib/domain/flow-states';
import { POSITION_GAP } from '@/lib/domain/positions';
import { parseSpreadsheetDate } from './dates';
import {
  buildPreview,
  cleanLine,
  cleanText,
  flowStateFromName,
  IMPORT_LIMITS,
  ImportError,
  replayCardTiming,
  Tally,
  type CsvRowProblem,
  type ImportPlan,
  type PlanCard,
  type PlanCardEvent,
  type PlanColumn,
  type SkipReason,
  type WarningCode,
} from './model';

type Field = 'title' | 'column' | 'description' | 'created' | 'started' | 'finished' | 'labels';

const HEADER_NAMES: Record<Field, readonly string[]> = {
  // The board export's own headers (data.export.csv.cards) are among these, so an exported file imports again.
  title: ['title', 'titel', 'rubrik', 'name', 'namn', 'card', 'kort', 'ärende'],
  column: ['column', 'kolumn', 'status', 'list', 'lista', 'steg', 'stage'],
  description: ['description', 'beskrivning', 'desc', 'text', 'details', 'detaljer'],
  created: ['created', 'skapad', 'skapat', 'created at', 'created date', 'inkom', 'inkommen', 'arrived'],
  started: ['started', 'påbörjad', 'påbörjat', 'startad', 'started at', 'start'],
  finished: ['finished', 'klar', 'klart', 'done', 'avslutad', 'färdig', 'finished at', 'done at', 'completed'],
  labels: ['labels', 'etiketter', 'label', 'etikett', 'tags', 'taggar'],
};

function normaliseHeader(value: string): string {
  return value.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[_\s]+/g, ' ');
}

function matchHeader(header: string): Field | null {
  const name = normaliseHeader(header);
  for (const [field, names] of Object.entries(HEADER_NAMES) as [Field, readonly string[]][]) {
    if (names.includes(name)) return field;
  }
  return null;
}

export type CsvImportOptions = {
  now: Date;
  /** The team's flow state per column (keyed by the column's ref, as the preview lists them). */
  flowStates?: Readonly<Record<string, FlowState>>;
  boardName?: string;
  fileName?: string;
};

type Row = { row: number; title: string; columnKey: string; description: string; created: Date | null; started: Date | null; finished: Date | null; labels: string[] };

const MAX_LISTED_ROW_PROBLEMS = 50;

export function importCardsCsv(text: string, options: CsvImportOptions): ImportPlan {
  const { now } = options;
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) throw new ImportError('empty');
  const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) throw new ImportError('malformed', { path: String((fatal.row ?? 0) + 2) });
  const [header, ...records] = parsed.data;
  if (!header || header.every((cell) => !cell.trim())) throw new ImportError('csvNoHeader');
  if (records.length > IMPORT_LIMITS.maxCards) throw new ImportError('tooManyCards', { max: IMPORT_LIMITS.maxCards });

  const fieldIndex = new Map<Field, number>();
  const ignored: string[] = [];
  header.forEach((cell, index) => {
    const field = matchHeader(cell);
    if (field && !fieldIndex.has(field)) fieldIndex.set(field, index);
    else if (cell.trim()) ignored.push(cleanLine(cell, 40).text);
  });
  const missing = (['title', 'column'] as const).filter((field) => !fieldIndex.has(field));
  if (missing.length > 0) throw new ImportError('csvMissingColumns', { columns: missing.join(', '), found: header.map((cell) => cleanLine(cell, 40).text).join(', ') });

  const skipped = new Tally<SkipReason>();
  const warnings = new Tally<WarningCode>();
  if (ignored.length > 0) skipped.add('ignoredColumns', ignored.length, ignored.slice(0, 10).join(', '));
  const problems: { row: number; problem: CsvRowProblem; value?: string }[] = [];
  const cell = (record: string[], field: Field) => {
    const index = fieldIndex.get(field);
    const value = index === undefined ? '' : (record[index] ?? '');
    // Undo the apostrophe that CSV exports (Tillit's included) put before text Excel would run as a formula.
    return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
  };
  const readDate = (record: string[], field: Field, row: number): Date | null => {
    const value = cell(record, field).trim();
    if (!value) return null;
    const date = parseSpreadsheetDate(value);
    if (!date) {
      problems.push({ row, problem: 'invalidDate', value: cleanLine(value, 40).text });
      return null;
    }
    if (date.getTime() > now.getTime() + 86_400_000) {
      problems.push({ row, problem: 'futureDate', value: cleanLine(value, 40).text });
      return null;
    }
    return date;
  };

  const rows: Row[] = [];
  const columnNames = new Map<string, string>();
  records.forEach((record, index) => {
    const row = index + 2; // the spreadsheet's own row number: 1 is the header
    if (record.every((value) => !value.trim())) {
      skipped.add('emptyRows');
      return;
    }
    const title = cleanLine(cell(record, 'title'), IMPORT_LIMITS.titleMax);
    const column = cleanLine(cell(record, 'column'), IMPORT_LIMITS.columnNameMax);
    if (!title.text) problems.push({ row, problem: 'titleMissing' });
    if (!column.text) problems.push({ row, problem: 'columnMissing' });
    if (title.truncated) warnings.add('titleTruncated');
    if (column.truncated) warnings.add('nameTruncated');
    const created = readDate(record, 'created', row);
    const started = readDate(record, 'started', row);
    const finished = readDate(record, 'finished', row);
    const ordered = [created, started, finished].filter((date): date is Date => date !== null);
    if (ordered.some((date, i) => i > 0 && date.getTime() < (ordered[i - 1] as Date).getTime())) problems.push({ row, problem: 'datesOutOfOrder' });
    const description = cleanText(cell(record, 'description'), IMPORT_LIMITS.textMax);
    if (description.truncated) warnings.add('descriptionTruncated');
    const labels = [
      ...new Set(
        cell(record, 'labels')
          .split(/[,|]/)
          .map((label) => cleanLine(label, IMPORT_LIMITS.labelMax).text)
          .filter(Boolean),
      ),
    ].slice(0, IMPORT_LIMITS.labelsPerCard);
    const columnKey = column.text.toLowerCase();
    if (column.text && !columnNames.has(columnKey)) columnNames.set(columnKey, column.text);
    rows.push({ row, title: title.text, columnKey, description: description.text, created, started, finished, labels });
  });
  if (problems.length > 0) {
    throw new ImportError('csvRows', { count: new Set(problems.map((p) => p.row)).size }, problems.slice(0, MAX_LISTED_ROW_PROBLEMS));
  }
  if (rows.length === 0 || columnNames.size === 0) throw new ImportError('noColumns');
  if (columnNames.size > IMPORT_LIMITS.maxColumns) throw new ImportError('tooManyColumns', { max: IMPORT_LIMITS.maxColumns });

  // ---- columns: suggested flow state from the name, else from the dates of the cards in it
  const anyStarted = rows.some((row) => row.started !== null);
  const keys = [...columnNames.keys()];
  const suggestionFor = (key: string): FlowState => {
    const byName = flowStateFromName(columnNames.get(key) ?? '');
    if (byName) return byName;
    const inColumn = rows.filter((row) => row.columnKey === key);
    if (inColumn.length > 0 && inColumn.every((row) => row.finished !== null)) return 'DONE';
    if (inColumn.some((row) => row.started !== null)) return 'IN_PROGRESS';
    return anyStarted ? 'NOT_STARTED' : 'IN_PROGRESS';
  };
  const order: Record<FlowState, number> = { NOT_STARTED: 0, IN_PROGRESS: 1, DONE: 2 };
  const suggested = new Map(keys.map((key, index) => [`c${index + 1}`, { key, state: suggestionFor(key), index }]));
  const sorted = [...suggested.entries()].sort((a, b) => order[a[1].state] - order[b[1].state] || a[1].index - b[1].index);
  const columns: PlanColumn[] = sorted.map(([ref, { key, state }], index) => ({
    ref,
    name: columnNames.get(key) ?? ref,
    position: (index + 1) * POSITION_GAP,
    flowState: options.flowStates?.[ref] ?? state,
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: '',
    createdAt: null,
    deletedAt: null,
  }));
  const refByKey = new Map(sorted.map(([ref, { key }]) => [key, ref]));
  const flowStateOf = (ref: string): FlowState => columns.find((column) => column.ref === ref)?.flowState ?? 'IN_PROGRESS';
  const firstOf = (state: FlowState) => columns.find((column) => column.flowState === state)?.ref ?? null;
  const arrival = firstOf('NOT_STARTED');
  const firstInProgress = firstOf('IN_PROGRESS');

  // ---- cards and their history from the dates
  const cards: PlanCard[] = [];
  const events: PlanCardEvent[] = [];
  const countInColumn = new Map<string, number>();
  let missingDates = 0;
  let ignoredDates = 0;
  rows.forEach((row) => {
    const columnRef = refByKey.get(row.columnKey) as string;
    const state = flowStateOf(columnRef);
    const cardRef = `r${row.row}`;
    const created = row.created ?? row.started ?? row.finished ?? now;
    if (!row.created) missingDates += 1;
    const history: PlanCardEvent[] = [];
    const add = (type: 'CREATED' | 'MOVED', to: string, at: Date) => {
      const previous = history[history.length - 1];
      if (type === 'MOVED' && previous?.toColumnRef === to) return;
      history.push({ cardRef, type, fromColumnRef: type === 'MOVED' ? (findCurrent(history) ?? null) : null, toColumnRef: to, at, actorName: null, data: null });
    };
    if (state === 'NOT_STARTED') {
      if (row.started || row.finished) ignoredDates += 1;
      add('CREATED', columnRef, created);
    } else if (state === 'IN_PROGRESS') {
      if (row.finished) ignoredDates += 1;
      if (!row.started) missingDates += 1;
      const started = row.started ?? created;
      if (arrival && started.getTime() > created.getTime()) {
        add('CREATED', arrival, created);
        add('MOVED', columnRef, started);
      } else {
        if (started.getTime() > created.getTime()) ignoredDates += 1;
        add('CREATED', columnRef, created);
      }
    } else {
      if (!row.finished) missingDates += 1;
      const finished = row.finished ?? row.started ?? created;
      const startedLater = row.started !== null && row.started.getTime() > created.getTime();
      if (firstInProgress && startedLater && arrival && row.started) {
        add('CREATED', arrival, created);
        add('MOVED', firstInProgress, row.started);
      } else if (firstInProgress) {
        // Without a separate start, the card counts as started when it arrived (its lead time is its cycle time).
        if (startedLater) ignoredDates += 1;
        add('CREATED', firstInProgress, created);
      } else {
        // No in-progress column on the board: work goes straight from arrival to done.
        if (startedLater) ignoredDates += 1;
        add('CREATED', arrival && finished.getTime() > created.getTime() ? arrival : columnRef, created);
      }
      add('MOVED', columnRef, finished);
    }
    const timing = replayCardTiming(history, flowStateOf);
    if (!timing) return;
    const position = (countInColumn.get(columnRef) ?? 0) + 1;
    countInColumn.set(columnRef, position);
    cards.push({
      ref: cardRef,
      columnRef,
      title: row.title,
      description: row.description,
      position: position * POSITION_GAP,
      demand: 'UNKNOWN',
      labels: row.labels,
      blockedReason: null,
      blockedAt: null,
      archivedAt: null,
      createdAt: history[0]?.at ?? created,
      lastMovedAt: timing.lastMovedAt,
      startedAt: timing.startedAt,
      doneAt: timing.doneAt,
      textClearedAt: null,
      version: 1,
    });
    events.push(...history);
  });
  warnings.add('missingDates', missingDates);
  warnings.add('datesIgnored', ignoredDates);

  const fallbackName = (options.fileName ?? '').replace(/\.[^.]*$/, '');
  const boardName = cleanLine(options.boardName ?? fallbackName, IMPORT_LIMITS.boardNameMax).text || 'CSV';
  const plan = { source: 'csv' as const, boardName, boardCreatedAt: null, columns, cards, cardEvents: events, boardEvents: [], standups: [] };
  const suggestedStates = new Map([...suggested.entries()].map(([ref, { state }]) => [ref, state]));
  return { ...plan, preview: buildPreview(plan, { suggestedFlowStates: suggestedStates, skipped, warnings, canChangeFlowStates: true }) };
}

function findCurrent(history: PlanCardEvent[]): string | undefined {
  return history[history.length - 1]?.toColumnRef ?? undefined;
}
