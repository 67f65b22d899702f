/**
 * Cards from a spreadsheet (CSV) to an import plan: Excel sheets a team typed, and the CSV exports of Tillit,
 * Trello, Wekan, Jira and Planka-style tools.
 *
 * One row per card. What each column holds comes from its header (lib/import/csv-headers.ts, Swedish and English,
 * any order, any case), confirmed or changed by the person in the preview; title and column are required.
 * Separator: semicolon, comma or tab, detected. Dates: ISO, day-first (Swedish) or month-first (US), detected and
 * confirmed in the preview (lib/import/date-formats.ts), in the team's zone.
 *
 * Board columns are the distinct values of the column column. Their flow states are suggested from their names,
 * from a Jira "Status Category" and from the dates of the cards in them; the team can change them before importing.
 * Their order: flow state (not started, in progress, done); within one, the number in their names when they are
 * numbered ("Steg 1", "2. Utreds"), else their first appearance in the file.
 *
 * History is rebuilt from the dates: created (in the first not-started column), started (into the first
 * in-progress one), finished (into the card's done column); Jira's "Status Category Changed" gives the start of an
 * in-progress issue and the finish of a done one without "Resolved". Archived, blocked and demand columns (Tillit's
 * own export) are kept, so an export → import round trip keeps them.
 *
 * A row that cannot be read makes the whole file refused, listing the rows with the column as the file names it,
 * so the team fixes the spreadsheet (or the mapping) rather than losing cards silently.
 */
import type { DemandType } from '@/lib/board/types';
import type { FlowState } from '@/lib/domain/flow-states';
import { POSITION_GAP } from '@/lib/domain/positions';
import { parseLabelCell, type CsvField } from './csv-headers';
import { describeSheet, parseSheet, type CsvSetup } from './csv-sheet';
import { parseDateAs, type DateFormat } from './date-formats';
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
  type PlanLane,
  type SkipReason,
  type WarningCode,
} from './model';

export type CsvImportOptions = {
  now: Date;
  /** The team's flow state per column (keyed by the column's ref, as the preview lists them). */
  flowStates?: Readonly<Record<string, FlowState>>;
  boardName?: string;
  fileName?: string;
  /** The person's mapping, one field (or null) per header; absent or not fitting: the importer's guess. */
  mapping?: readonly (CsvField | null)[];
  dateFormat?: DateFormat;
};

type Row = {
  row: number;
  title: string;
  columnKey: string;
  laneKey: string | null;
  description: string;
  created: Date | null;
  started: Date | null;
  finished: Date | null;
  category: FlowState | null;
  labels: string[];
  archivedAt: Date | null;
  isArchived: boolean;
  demand: DemandType;
  blockedReason: string | null;
};

const MAX_LISTED_ROW_PROBLEMS = 50;

const YES = new Set(['ja', 'yes', 'true', 'sant', 'x', '1', 'y', 'j']);
const NO = new Set(['nej', 'no', 'false', 'falskt', '0', 'n', '']);

const DEMAND_VALUES: Record<string, DemandType> = {
  värdeefterfrågan: 'VALUE', 'value demand': 'VALUE', value: 'VALUE', värde: 'VALUE',
  felefterfrågan: 'FAILURE', 'failure demand': 'FAILURE', failure: 'FAILURE', fel: 'FAILURE',
};

/** A Jira status category (English or Swedish) as a flow state. */
const CATEGORY_VALUES: Record<string, FlowState> = {
  'to do': 'NOT_STARTED', todo: 'NOT_STARTED', 'att göra': 'NOT_STARTED', new: 'NOT_STARTED', ny: 'NOT_STARTED',
  'in progress': 'IN_PROGRESS', indeterminate: 'IN_PROGRESS', pågår: 'IN_PROGRESS', pågående: 'IN_PROGRESS', 'under arbete': 'IN_PROGRESS',
  done: 'DONE', klar: 'DONE', klart: 'DONE', complete: 'DONE', completed: 'DONE',
};

/** The number a column's name is ordered by ("Steg 2", "2. Utreds", "Stage 10"), or null. */
function nameNumber(name: string): number | null {
  const match = /(?:^|\s)(\d{1,4})(?:[.):]|\s|$)/.exec(name);
  return match ? Number(match[1]) : null;
}

export function importCardsCsv(text: string, options: CsvImportOptions): ImportPlan {
  const { now } = options;
  const sheet = parseSheet(text);
  const setup = describeSheet(sheet, { mapping: options.mapping, dateFormat: options.dateFormat });
  const { mapping, headers, dialect, dateFormat } = setup;
  const indexOf = (field: CsvField) => mapping.indexOf(field);
  const missing = (['title', 'column'] as const).filter((field) => indexOf(field) < 0);
  if (missing.length > 0) throw new ImportError('csvMissingColumns', { fields: missing.join(','), found: headers.map((h) => `”${h}”`).join(', ') });

  const skipped = new Tally<SkipReason>();
  const warnings = new Tally<WarningCode>();
  const unused = headers.filter((_, index) => mapping[index] === null);
  if (unused.length > 0) skipped.add('ignoredColumns', unused.length, unused.slice(0, 10).join(', '));
  const problems: { row: number; problem: CsvRowProblem; value?: string; column?: string }[] = [];
  const labelColumns = mapping.flatMap((field, index) => (field === 'labels' ? [index] : []));
  const raw = (record: string[], index: number) => {
    const value = index < 0 ? '' : (record[index] ?? '');
    // Undo the apostrophe that CSV exports (Tillit's included) put before text Excel would run as a formula.
    return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
  };
  const cell = (record: string[], field: CsvField) => raw(record, indexOf(field));
  const headerOf = (field: CsvField) => headers[indexOf(field)] ?? field;
  const readDate = (record: string[], field: CsvField, row: number): Date | null => {
    const value = cell(record, field).trim();
    if (!value) return null;
    const date = parseDateAs(value, dateFormat);
    if (!date) {
      problems.push({ row, problem: 'invalidDate', value: cleanLine(value, 40).text, column: headerOf(field) });
      return null;
    }
    if (date.getTime() > now.getTime() + 86_400_000) {
      problems.push({ row, problem: 'futureDate', value: cleanLine(value, 40).text, column: headerOf(field) });
      return null;
    }
    return date;
  };
  const readYesNo = (record: string[], field: CsvField, row: number): boolean => {
    const value = cell(record, field).trim().toLowerCase();
    if (YES.has(value)) return true;
    if (NO.has(value)) return false;
    problems.push({ row, problem: 'invalidYesNo', value: cleanLine(value, 40).text, column: headerOf(field) });
    return false;
  };

  const rows: Row[] = [];
  const columnNames = new Map<string, string>();
  const laneNames = new Map<string, string>();
  const labelColors = new Map<string, string>();
  sheet.records.forEach((record, index) => {
    const row = index + 2; // the spreadsheet's own row number: 1 is the header
    if (record.every((value) => !value.trim())) {
      skipped.add('emptyRows');
      return;
    }
    const title = cleanLine(cell(record, 'title'), IMPORT_LIMITS.titleMax);
    const column = cleanLine(cell(record, 'column'), IMPORT_LIMITS.columnNameMax);
    if (!title.text) problems.push({ row, problem: 'titleMissing', column: headerOf('title') });
    if (!column.text) problems.push({ row, problem: 'columnMissing', column: headerOf('column') });
    if (title.truncated) warnings.add('titleTruncated');
    if (column.truncated) warnings.add('nameTruncated');
    const lane = indexOf('lane') >= 0 ? cleanLine(cell(record, 'lane'), IMPORT_LIMITS.columnNameMax).text : '';
    const created = readDate(record, 'created', row);
    let started = readDate(record, 'started', row);
    let finished = readDate(record, 'finished', row);
    const category = CATEGORY_VALUES[cell(record, 'statusCategory').trim().toLowerCase()] ?? null;
    const changed = readDate(record, 'statusChanged', row);
    if (changed && category === 'IN_PROGRESS' && !started) started = changed;
    if (changed && category === 'DONE' && !finished) finished = changed;
    const ordered: [CsvField, Date | null][] = [['created', created], ['started', started], ['finished', finished]];
    const present = ordered.filter((entry): entry is [CsvField, Date] => entry[1] !== null);
    const outOfOrder = present.findIndex(([, date], i) => i > 0 && date.getTime() < (present[i - 1]?.[1] as Date).getTime());
    if (outOfOrder > 0) {
      const names = [present[outOfOrder - 1]?.[0], present[outOfOrder]?.[0]].map((field) => `”${field && indexOf(field) >= 0 ? headerOf(field) : headerOf('statusChanged')}”`);
      problems.push({ row, problem: 'datesOutOfOrder', column: names.join(', ') });
    }
    const description = cleanText(cell(record, 'description'), IMPORT_LIMITS.textMax);
    if (description.truncated) warnings.add('descriptionTruncated');
    const labels: string[] = [];
    for (const labelIndex of labelColumns) {
      for (const label of parseLabelCell(raw(record, labelIndex), dialect)) {
        const name = cleanLine(label.name, IMPORT_LIMITS.labelMax).text;
        if (!name || labels.includes(name) || labels.length >= IMPORT_LIMITS.labelsPerCard) continue;
        labels.push(name);
        if (label.color && !labelColors.has(name)) labelColors.set(name, label.color);
      }
    }
    let archivedAt: Date | null = null;
    let isArchived = false;
    if (indexOf('archived') >= 0) {
      const value = cell(record, 'archived').trim();
      if (YES.has(value.toLowerCase())) isArchived = true;
      else if (!NO.has(value.toLowerCase())) {
        archivedAt = readDate(record, 'archived', row);
        isArchived = archivedAt !== null;
      }
    }
    const demand = DEMAND_VALUES[cell(record, 'demand').trim().toLowerCase()] ?? (cell(record, 'demand').trim().toUpperCase() === 'VALUE' ? 'VALUE' : 'UNKNOWN');
    const reasonText = cleanText(cell(record, 'blockedReason'), IMPORT_LIMITS.textMax).text;
    const isBlocked = indexOf('blocked') >= 0 ? readYesNo(record, 'blocked', row) : reasonText !== '';
    const columnKey = column.text.toLowerCase();
    if (column.text && !columnNames.has(columnKey)) columnNames.set(columnKey, column.text);
    const laneKey = lane ? lane.toLowerCase() : null;
    if (laneKey && !laneNames.has(laneKey)) laneNames.set(laneKey, lane);
    rows.push({
      row, title: title.text, columnKey, laneKey, description: description.text, created, started, finished, category, labels,
      archivedAt, isArchived, demand, blockedReason: isBlocked ? reasonText : null,
    });
  });
  if (problems.length > 0) {
    throw new ImportError('csvRows', { count: new Set(problems.map((p) => p.row)).size }, problems.slice(0, MAX_LISTED_ROW_PROBLEMS));
  }
  if (rows.length === 0 || columnNames.size === 0) throw new ImportError('noColumns');
  if (columnNames.size > IMPORT_LIMITS.maxColumns) throw new ImportError('tooManyColumns', { max: IMPORT_LIMITS.maxColumns });
  if (laneNames.size > IMPORT_LIMITS.maxColumns) throw new ImportError('tooManyColumns', { max: IMPORT_LIMITS.maxColumns });

  // ---- columns: suggested flow state from the name, the Jira status category, else the dates of the cards in it
  const rowsByColumn = new Map<string, Row[]>();
  for (const row of rows) {
    const list = rowsByColumn.get(row.columnKey) ?? [];
    list.push(row);
    rowsByColumn.set(row.columnKey, list);
  }
  const anyStarted = rows.some((row) => row.started !== null);
  const keys = [...columnNames.keys()];
  const suggestionFor = (key: string): FlowState => {
    const byName = flowStateFromName(columnNames.get(key) ?? '');
    if (byName) return byName;
    const inColumn = rowsByColumn.get(key) ?? [];
    const categories = new Tally<FlowState>();
    for (const row of inColumn) if (row.category) categories.add(row.category);
    const topCategory = categories.entries().sort((a, b) => b.count - a.count)[0];
    if (topCategory) return topCategory.key;
    if (inColumn.length > 0 && inColumn.every((row) => row.finished !== null)) return 'DONE';
    if (inColumn.some((row) => row.started !== null)) return 'IN_PROGRESS';
    return anyStarted ? 'NOT_STARTED' : 'IN_PROGRESS';
  };
  const order: Record<FlowState, number> = { NOT_STARTED: 0, IN_PROGRESS: 1, DONE: 2 };
  const suggested = new Map(keys.map((key, index) => [`c${index + 1}`, { key, state: suggestionFor(key), index, number: nameNumber(columnNames.get(key) ?? '') }]));
  const chosenState = (ref: string, state: FlowState) => options.flowStates?.[ref] ?? state;
  const sorted = [...suggested.entries()].sort(([refA, a], [refB, b]) => {
    const byState = order[chosenState(refA, a.state)] - order[chosenState(refB, b.state)];
    if (byState !== 0) return byState;
    if (a.number !== null && b.number !== null && a.number !== b.number) return a.number - b.number;
    return a.index - b.index;
  });
  const columns: PlanColumn[] = sorted.map(([ref, { key, state }], index) => ({
    ref,
    name: columnNames.get(key) ?? ref,
    position: (index + 1) * POSITION_GAP,
    flowState: chosenState(ref, state),
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: '',
    createdAt: null,
    deletedAt: null,
  }));
  const lanes: PlanLane[] = [...laneNames.entries()].map(([, name], index) => ({
    ref: `s${index + 1}`,
    name,
    position: (index + 1) * POSITION_GAP,
    classOfService: 'STANDARD',
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: '',
    createdAt: null,
    deletedAt: null,
  }));
  const laneRefByKey = new Map([...laneNames.keys()].map((key, index) => [key, `s${index + 1}`]));
  const refByKey = new Map(sorted.map(([ref, { key }]) => [key, ref]));
  const flowStateByRef = new Map(columns.map((column) => [column.ref, column.flowState]));
  const flowStateOf = (ref: string): FlowState => flowStateByRef.get(ref) ?? 'IN_PROGRESS';
  const firstOf = (state: FlowState) => columns.find((column) => column.flowState === state)?.ref ?? null;
  const arrival = firstOf('NOT_STARTED');
  const firstInProgress = firstOf('IN_PROGRESS');

  // ---- cards and their history from the dates
  const cards: PlanCard[] = [];
  const events: PlanCardEvent[] = [];
  const countInColumn = new Map<string, number>();
  let missingDates = 0;
  let ignoredDates = 0;
  for (const row of rows) {
    const columnRef = refByKey.get(row.columnKey) as string;
    const state = flowStateOf(columnRef);
    const cardRef = `r${row.row}`;
    const created = row.created ?? row.started ?? row.finished ?? now;
    if (!row.created) missingDates += 1;
    const history: PlanCardEvent[] = [];
    const add = (type: 'CREATED' | 'MOVED', to: string, at: Date) => {
      const previous = history[history.length - 1];
      if (type === 'MOVED' && previous?.toColumnRef === to) return;
      history.push({ cardRef, type, fromColumnRef: type === 'MOVED' ? (previous?.toColumnRef ?? null) : null, toColumnRef: to, at, actorName: null, data: null });
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
    const last = () => history[history.length - 1]?.at ?? created;
    const latest = (date: Date) => (date.getTime() < last().getTime() ? last() : date);
    let blockedAt: Date | null = null;
    if (row.blockedReason !== null) {
      blockedAt = last();
      history.push({ cardRef, type: 'BLOCKED', fromColumnRef: null, toColumnRef: null, at: blockedAt, actorName: null, data: { reason: row.blockedReason } });
    }
    if (row.isArchived) {
      const archivedAt = latest(row.archivedAt ?? last());
      history.push({ cardRef, type: 'ARCHIVED', fromColumnRef: columnRef, toColumnRef: null, at: archivedAt, actorName: null, data: null });
    }
    const timing = replayCardTiming(history, flowStateOf);
    if (!timing) continue;
    const position = (countInColumn.get(columnRef) ?? 0) + 1;
    countInColumn.set(columnRef, position);
    cards.push({
      ref: cardRef,
      columnRef,
      laneRef: row.laneKey ? (laneRefByKey.get(row.laneKey) ?? null) : null,
      title: row.title,
      description: row.description,
      position: position * POSITION_GAP,
      demand: row.demand,
      labels: row.labels,
      blockedReason: row.blockedReason,
      blockedAt,
      archivedAt: timing.archivedAt,
      createdAt: history[0]?.at ?? created,
      lastMovedAt: timing.lastMovedAt,
      startedAt: timing.startedAt,
      doneAt: timing.doneAt,
      textClearedAt: null,
      version: 1,
    });
    for (const event of history) events.push(event);
  }
  warnings.add('missingDates', missingDates);
  warnings.add('datesIgnored', ignoredDates);

  const fallbackName = (options.fileName ?? '').replace(/\.[^.]*$/, '');
  const boardName = cleanLine(options.boardName ?? fallbackName, IMPORT_LIMITS.boardNameMax).text || 'CSV';
  const plan = {
    source: 'csv' as const,
    boardName,
    boardCreatedAt: null,
    columns,
    ...(lanes.length > 0 ? { lanes } : {}),
    cards,
    cardEvents: events,
    boardEvents: [],
    standups: [],
    labelColors: Object.fromEntries(labelColors),
  };
  const suggestedStates = new Map([...suggested.entries()].map(([ref, { state }]) => [ref, state]));
  const preview = buildPreview(plan, { suggestedFlowStates: suggestedStates, skipped, warnings, canChangeFlowStates: true });
  return { ...plan, preview: { ...preview, csv: setup } };
}

export type { CsvSetup };
