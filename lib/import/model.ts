/**
 * The one shape every importer (Trello, CSV, Tillit's own JSON) produces: an import plan, which the data layer
 * writes in one transaction, and a preview of it, which the team reads before it confirms. Pure: no Prisma, no
 * Next, so the browser builds the same preview the server will act on.
 */
import type { FlowState } from '@/lib/domain/flow-states';
import type { ClassOfService } from '@/lib/domain/lanes';
import type { WipMode } from '@/lib/domain/wip';
import type { DemandType } from '@/lib/board/types';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import { toMultiLineText, toSingleLine } from '@/lib/text/clean-text';
import type { CsvSetup } from './csv-sheet';

export type ImportSource = 'trello' | 'csv' | 'tillit' | 'wekan';

export type CardEventKind = 'CREATED' | 'MOVED' | 'EDITED' | 'BLOCKED' | 'UNBLOCKED' | 'ARCHIVED' | 'COMMENTED' | 'COMMENT_EDITED' | 'COMMENT_DELETED' | 'CHECKLIST' | 'LINK';
export const CARD_EVENT_KINDS = ['CREATED', 'MOVED', 'EDITED', 'BLOCKED', 'UNBLOCKED', 'ARCHIVED', 'COMMENTED', 'COMMENT_EDITED', 'COMMENT_DELETED', 'CHECKLIST', 'LINK'] as const satisfies readonly CardEventKind[];

export type BoardEventKind =
  | 'BOARD_CREATED'
  | 'COLUMN_CREATED'
  | 'COLUMN_RENAMED'
  | 'COLUMN_REORDERED'
  | 'COLUMN_DELETED'
  | 'COLUMN_WIP_CHANGED'
  | 'COLUMN_POLICY_CHANGED'
  | 'COLUMN_FLOW_STATE_CHANGED'
  | 'WIP_LIMIT_EXCEEDED'
  | 'LANE_CREATED'
  | 'LANE_RENAMED'
  | 'LANE_REORDERED'
  | 'LANE_DELETED'
  | 'LANE_WIP_CHANGED'
  | 'LANE_POLICY_CHANGED'
  | 'LANE_CLASS_CHANGED'
  | 'EXPERIMENT_PROPOSED'
  | 'EXPERIMENT_CHANGED'
  | 'EXPERIMENT_STARTED'
  | 'EXPERIMENT_ENDED'
  | 'CLIENT_DATA_MARKED'
  | 'CLIENT_DATA_UNMARKED'
  | 'BOARD_RENAMED'
  | 'BOARD_ARCHIVED'
  | 'BOARD_RESTORED';
export const BOARD_EVENT_KINDS = [
  'BOARD_CREATED',
  'COLUMN_CREATED',
  'COLUMN_RENAMED',
  'COLUMN_REORDERED',
  'COLUMN_DELETED',
  'COLUMN_WIP_CHANGED',
  'COLUMN_POLICY_CHANGED',
  'COLUMN_FLOW_STATE_CHANGED',
  'WIP_LIMIT_EXCEEDED',
  'LANE_CREATED',
  'LANE_RENAMED',
  'LANE_REORDERED',
  'LANE_DELETED',
  'LANE_WIP_CHANGED',
  'LANE_POLICY_CHANGED',
  'LANE_CLASS_CHANGED',
  'EXPERIMENT_PROPOSED',
  'EXPERIMENT_CHANGED',
  'EXPERIMENT_STARTED',
  'EXPERIMENT_ENDED',
  'CLIENT_DATA_MARKED',
  'CLIENT_DATA_UNMARKED',
  'BOARD_RENAMED',
  'BOARD_ARCHIVED',
  'BOARD_RESTORED',
] as const satisfies readonly BoardEventKind[];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A column to create. `ref` is the source's own id, used only to link cards and events inside the plan. */
export type PlanColumn = {
  ref: string;
  name: string;
  position: number;
  flowState: FlowState;
  wipLimit: number | null;
  wipMode: WipMode;
  policy: string;
  createdAt: Date | null;
  /** Set for columns that no longer exist on the source board (closed Trello lists): kept so history names them. */
  deletedAt: Date | null;
};

/**
 * A lane to create (Tillit's own export carries them). A plan without lanes (Trello, CSV) lands in one standard
 * lane, like every new board.
 */
export type PlanLane = {
  ref: string;
  name: string;
  position: number;
  classOfService: ClassOfService;
  wipLimit: number | null;
  wipMode: WipMode;
  policy: string;
  createdAt: Date | null;
  deletedAt: Date | null;
};

export type PlanCard = {
  ref: string;
  columnRef: string;
  /** The card's lane; absent or null: the plan's default lane (lib/domain/lanes.ts pickDefaultLane). */
  laneRef?: string | null;
  title: string;
  description: string;
  position: number;
  demand: DemandType;
  labels: string[];
  blockedReason: string | null;
  blockedAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  lastMovedAt: Date;
  startedAt: Date | null;
  doneAt: Date | null;
  textClearedAt: Date | null;
  version: number;
  /** The card's checklist (Tillit's own export carries it; other sources have none). */
  checklist?: PlanChecklistItem[];
};

export type PlanChecklistItem = { text: string; isDone: boolean; position: number; createdAt: Date; updatedAt: Date };

export type PlanCardEvent = {
  cardRef: string;
  type: CardEventKind;
  fromColumnRef: string | null;
  toColumnRef: string | null;
  /** The lanes of a CREATED / MOVED event; absent or null: the card's lane. */
  fromLaneRef?: string | null;
  toLaneRef?: string | null;
  at: Date;
  /** The name of who made the change, as the source gave it; stored as text, never linked to an account. */
  actorName: string | null;
  data: JsonValue | null;
};

export type PlanBoardEvent = {
  type: BoardEventKind;
  columnRef: string | null;
  laneRef?: string | null;
  /** The improvement experiment the change belongs to (Tillit's own export). */
  experimentRef?: string | null;
  at: Date;
  actorName: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
};

export type PlanStandup = { startedAt: Date; endedAt: Date | null };

/**
 * An improvement experiment to create (Tillit's own export carries them), as it was: its prepared and applied board
 * change name columns and lanes by their refs.
 */
export type PlanExperiment = {
  ref: string;
  change: string;
  reason: string;
  hypothesis: string;
  measure: 'CYCLE_TIME' | 'THROUGHPUT' | 'WIP' | 'WORK_ITEM_AGE' | 'BLOCKED_TIME' | 'FAILURE_DEMAND_SHARE';
  expectedDirection: 'UP' | 'DOWN';
  /** 'YYYY-MM-DD'. */
  reviewDate: string;
  status: 'PROPOSED' | 'RUNNING' | 'ENDED';
  outcome: 'ADOPT' | 'ADAPT' | 'ABANDON' | null;
  reflection: string | null;
  preparedChange: JsonValue | null;
  appliedChange: JsonValue | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  revertedAt: Date | null;
};
/** A comment on a card (Tillit's own export only): its author travels as a name, never linked to an account. */
export type PlanComment = { ref: string; cardRef: string; body: string; authorName: string | null; createdAt: Date; editedAt: Date | null };

export type ImportPlan = {
  source: ImportSource;
  boardName: string;
  boardCreatedAt: Date | null;
  columns: PlanColumn[];
  /** Absent or empty: one standard lane holds every card. */
  lanes?: PlanLane[];
  cards: PlanCard[];
  cardEvents: PlanCardEvent[];
  boardEvents: PlanBoardEvent[];
  standups: PlanStandup[];
  /** Absent: none (only Tillit's own export has experiments). */
  experiments?: PlanExperiment[];
  /** A label's colour by its name, where the source gives one (Trello, Wekan): shown with the name in the preview. */
  labelColors?: Readonly<Record<string, string>>;
  /** Absent for sources whose comments are not imported. */
  comments?: PlanComment[];
  preview: ImportPreview;
};

/** Things in the source that are not imported, each with why (a message key under data.import.skipped). */
export type SkipReason =
  | 'dueDates'
  | 'comments'
  | 'checklists'
  | 'attachments'
  | 'cardMembers'
  | 'customFields'
  | 'reorderings'
  | 'otherActions'
  | 'deletedCards'
  | 'restoredFromArchive'
  | 'unknownList'
  | 'leftBoard'
  | 'unreadableActions'
  | 'futureDates'
  | 'emptyRows'
  | 'ignoredColumns'
  | 'templates';

/** Things imported, but not exactly as they were (a message key under data.import.warnings). */
export type WarningCode =
  | 'personnummer'
  | 'titleTruncated'
  | 'descriptionTruncated'
  | 'nameTruncated'
  | 'untitled'
  | 'historyLimited'
  | 'reconstructedEvents'
  | 'actorNames'
  | 'missingDates'
  | 'datesIgnored'
  | 'unreadableCharacters';

export type ImportPreview = {
  source: ImportSource;
  boardName: string;
  columns: { ref: string; name: string; flowState: FlowState; suggestedFlowState: FlowState; isArchived: boolean; cardCount: number }[];
  cardCount: number;
  archivedCardCount: number;
  labels: string[];
  /** A label's colour by name, where the source gave one (Trello, Wekan): shown with the name. */
  labelColors?: Record<string, string>;
  eventCounts: Record<CardEventKind, number>;
  boardEventCount: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
  skipped: { reason: SkipReason; count: number; detail?: string }[];
  warnings: { code: WarningCode; count: number }[];
  /** How the file was read (set by prepareImport when it knows): the preview names a legacy encoding. */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** A spreadsheet's column mapping and date format, for the preview's mapping step (CSV only). */
  csv?: CsvSetup;
  /** Whether the team may change the columns' flow states before importing (not for Tillit's own exports). */
  canChangeFlowStates: boolean;
};

/** Limits that keep one import from exhausting the server; generous for any real board. */
export const IMPORT_LIMITS = {
  maxBytes: 64 * 1024 * 1024,
  maxColumns: 200,
  maxCards: 25_000,
  maxEvents: 500_000,
  boardNameMax: 100,
  columnNameMax: 60,
  titleMax: 200,
  textMax: 10_000,
  labelMax: 60,
  labelsPerCard: 20,
  actorNameMax: 100,
} as const;

export const IMPORT_ERROR_CODES = [
  'empty',
  'tooLarge',
  'binary',
  'notJson',
  'truncated',
  'unknownFormat',
  'notTrello',
  'malformed',
  'wekanMalformed',
  'unsupportedVersion',
  'noColumns',
  'tooManyColumns',
  'tooManyCards',
  'tooManyEvents',
  'csvNoHeader',
  'csvOneColumn',
  'csvMissingColumns',
  'csvRows',
  'invalidOptions',
  'duplicate',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export type CsvRowProblem = 'titleMissing' | 'columnMissing' | 'invalidDate' | 'futureDate' | 'datesOutOfOrder' | 'invalidYesNo';

/** Why a file cannot be imported: a message key under data.import.errors, with values for its placeholders. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly rows: { row: number; problem: CsvRowProblem; value?: string; column?: string }[] = [],
  ) {
    super(`import: ${code}`);
    this.name = 'ImportError';
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}

// ---------------------------------------------------------------------------------------------------------------
// Text hygiene shared by the importers.

// The control-character rule is lib/text/clean-text.ts, shared with the board command schemas.

/** One line of text: no control characters or line breaks, spaces collapsed, at most `max` characters. */
export function cleanLine(value: string, max: number): { text: string; truncated: boolean } {
  return truncate(toSingleLine(value).replace(/\s+/g, ' ').trim(), max);
}

/** Multi-line text: control characters removed (tab and newline kept), CRLF normalised, at most `max` characters. */
export function cleanText(value: string, max: number): { text: string; truncated: boolean } {
  return truncate(toMultiLineText(value), max);
}

function truncate(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  // Do not cut a surrogate pair in half.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: `${text.slice(0, end)}…`, truncated: true };
}

/** Counts per key, in first-seen order, as the preview lists them. */
export class Tally<K extends string> {
  private readonly counts = new Map<K, number>();
  private readonly details = new Map<K, Set<string>>();
  add(key: K, count = 1, detail?: string): void {
    if (count <= 0) return;
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
    if (detail) {
      const set = this.details.get(key) ?? new Set<string>();
      set.add(detail);
      this.details.set(key, set);
    }
  }
  get(key: K): number {
    return this.counts.get(key) ?? 0;
  }
  entries(): { key: K; count: number; detail?: string }[] {
    return [...this.counts].map(([key, count]) => {
      const detail = this.details.get(key);
      return detail ? { key, count, detail: [...detail].sort().join(', ') } : { key, count };
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// From history to card timing.

export type ReplayState = { columnRef: string; lastMovedAt: Date; startedAt: Date | null; doneAt: Date | null; archivedAt: Date | null };

/**
 * Card timing from its history, by exactly the rules the board applies when a card is created or moved
 * (lib/data/cards.ts): entering a not-started column un-starts the card, the first in-progress or done column
 * starts it (a card reopened from done keeps its start), a done column records delivery and leaving it clears it.
 */
export function replayCardTiming(
  events: readonly Pick<PlanCardEvent, 'type' | 'toColumnRef' | 'at'>[],
  flowStateOf: (columnRef: string) => FlowState,
): ReplayState | null {
  let state: ReplayState | null = null;
  for (const event of events) {
    if (event.type === 'CREATED' && event.toColumnRef) {
      const flowState = flowStateOf(event.toColumnRef);
      state = {
        columnRef: event.toColumnRef,
        lastMovedAt: event.at,
        startedAt: flowState === 'NOT_STARTED' ? null : event.at,
        doneAt: flowState === 'DONE' ? event.at : null,
        archivedAt: null,
      };
    } else if (event.type === 'MOVED' && event.toColumnRef && state && event.toColumnRef !== state.columnRef) {
      const flowState = flowStateOf(event.toColumnRef);
      state = {
        columnRef: event.toColumnRef,
        lastMovedAt: event.at,
        startedAt: flowState === 'NOT_STARTED' ? null : (state.startedAt ?? event.at),
        doneAt: flowState === 'DONE' ? event.at : null,
        archivedAt: state.archivedAt,
      };
    } else if (event.type === 'ARCHIVED' && state !== null) {
      const before: ReplayState = state;
      state = { ...before, archivedAt: event.at };
    }
  }
  return state;
}

const DONE_NAMES = /(^|[^\p{L}])(done|klart?|klara|avslutade?|avslutat|färdiga?|färdigt|completed?|finished|closed|stängda?|levererade?|delivered)($|[^\p{L}])/u;
const NOT_STARTED_NAMES = /(^|[^\p{L}])(backlog|to ?do|todo|inkommet|inkomna|inkommande|nya?|new|ideas?|idéer|inbox|kö|queue|planerade?|planned|options?)($|[^\p{L}])/u;

/** A flow state that a column's name makes obvious ("Klart", "Done", "Backlog", "Inkommet"), else null. */
export function flowStateFromName(name: string): FlowState | null {
  const lower = name.toLowerCase();
  if (DONE_NAMES.test(lower)) return 'DONE';
  if (NOT_STARTED_NAMES.test(lower)) return 'NOT_STARTED';
  return null;
}

/** Suggests a flow state from a column's name and place: Trello and spreadsheets know nothing of flow states. */
export function suggestFlowState(name: string, index: number, count: number): FlowState {
  const byName = flowStateFromName(name);
  if (byName) return byName;
  if (count > 1 && index === 0) return 'NOT_STARTED';
  if (count > 2 && index === count - 1) return 'DONE';
  return 'IN_PROGRESS';
}

// ---------------------------------------------------------------------------------------------------------------
// Preview.

export function buildPreview(
  plan: Omit<ImportPlan, 'preview'>,
  extra: {
    suggestedFlowStates: ReadonlyMap<string, FlowState>;
    skipped: Tally<SkipReason>;
    warnings: Tally<WarningCode>;
    canChangeFlowStates: boolean;
  },
): ImportPreview {
  const cardCountByColumn = new Map<string, number>();
  let archived = 0;
  const labels = new Set<string>();
  let personnummerCards = 0;
  for (const card of plan.cards) {
    cardCountByColumn.set(card.columnRef, (cardCountByColumn.get(card.columnRef) ?? 0) + 1);
    if (card.archivedAt) archived += 1;
    for (const label of card.labels) labels.add(label);
    if (containsPersonalIdentityNumber(card.title) || containsPersonalIdentityNumber(card.description)) personnummerCards += 1;
  }
  const eventCounts = Object.fromEntries(CARD_EVENT_KINDS.map((kind) => [kind, 0])) as Record<CardEventKind, number>;
  let first: number | null = null;
  let last: number | null = null;
  for (const event of plan.cardEvents) {
    eventCounts[event.type] += 1;
    const time = event.at.getTime();
    if (first === null || time < first) first = time;
    if (last === null || time > last) last = time;
  }
  // The names of who made the changes, counted from exactly the history that is stored (as text, never linked to an
  // account), so the preview's statement about kept names matches what the import writes.
  const actorNames = new Set<string>();
  for (const event of plan.cardEvents) if (event.actorName) actorNames.add(event.actorName);
  for (const event of plan.boardEvents) if (event.actorName) actorNames.add(event.actorName);
  const warnings = new Tally<WarningCode>();
  warnings.add('personnummer', personnummerCards);
  for (const entry of extra.warnings.entries()) if (entry.key !== 'actorNames') warnings.add(entry.key, entry.count);
  warnings.add('actorNames', actorNames.size);
  return {
    source: plan.source,
    boardName: plan.boardName,
    columns: plan.columns.map((column) => ({
      ref: column.ref,
      name: column.name,
      flowState: column.flowState,
      suggestedFlowState: extra.suggestedFlowStates.get(column.ref) ?? column.flowState,
      isArchived: column.deletedAt !== null,
      cardCount: cardCountByColumn.get(column.ref) ?? 0,
    })),
    cardCount: plan.cards.length,
    archivedCardCount: archived,
    labels: [...labels].sort((a, b) => a.localeCompare(b, 'sv')),
    ...(plan.labelColors && Object.keys(plan.labelColors).length > 0 ? { labelColors: { ...plan.labelColors } } : {}),
    eventCounts,
    boardEventCount: plan.boardEvents.length,
    firstEventAt: first === null ? null : new Date(first).toISOString(),
    lastEventAt: last === null ? null : new Date(last).toISOString(),
    skipped: extra.skipped.entries().map(({ key, count, detail }) => (detail ? { reason: key, count, detail } : { reason: key, count })),
    warnings: warnings.entries().map(({ key, count }) => ({ code: key, count })),
    canChangeFlowStates: extra.canChangeFlowStates,
  };
}

/** Sorts events by time, keeping the source's order for equal times (Array.prototype.sort is stable). */
export function sortByTime<T extends { at: Date }>(events: T[]): T[] {
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
