/**
 * Tillit's own board export: everything a board holds — columns (removed ones too), cards (archived ones too) with
 * every field, the full card and board history, standups — as one JSON document that Tillit imports again into
 * any instance (a new board, new ids) with nothing lost. Who made each change travels as a name only: accounts
 * belong to an instance, so an import never links history to someone's account.
 *
 * The schema is the contract between export and import; `version` changes when the shape does.
 */
import { z } from 'zod';
import { CHECKLIST_ITEMS_MAX, CHECKLIST_TEXT_MAX } from '@/lib/checklist/order';
import { FLOW_STATES } from '@/lib/domain/flow-states';
import { CLASSES_OF_SERVICE } from '@/lib/domain/lanes';
import { WIP_MODES } from '@/lib/domain/wip';
import { EXPERIMENT_DIRECTIONS, EXPERIMENT_MEASURES, EXPERIMENT_OUTCOMES, EXPERIMENT_STATUSES } from '@/lib/experiments/model';
import { DEMAND_TYPES } from '@/lib/board/types';
import { BOARD_EVENT_KINDS, CARD_EVENT_KINDS, IMPORT_LIMITS, type JsonValue } from '@/lib/import/model';

export const TILLIT_EXPORT_FORMAT = 'tillit-board';
export const TILLIT_EXPORT_VERSION = 1;

const id = z.string().min(1).max(200);
// Checklist texts as Tillit keeps them (lib/checklist/order.ts); a cleared card's items have empty texts.
const instant = z.iso.datetime({ offset: true });
const nullableInstant = instant.nullable();
const actorName = z.string().max(IMPORT_LIMITS.actorNameMax).nullable();

/** Free JSON as the history stores it, bounded so a crafted file cannot smuggle in something huge or deep. */
export const boundedJson = z.custom<JsonValue>((value) => isBoundedJson(value, 0), { message: 'json' }).nullable();

function isBoundedJson(value: unknown, depth: number): boolean {
  if (depth > 8) return false;
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= IMPORT_LIMITS.textMax && !value.includes('\u0000');
  if (Array.isArray(value)) return value.length <= 100 && value.every((item) => isBoundedJson(item, depth + 1));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length <= 50 && entries.every(([key, item]) => key.length <= 100 && !key.includes('\u0000') && isBoundedJson(item, depth + 1));
  }
  return false;
}

const noNul = (max: number) => z.string().max(max).refine((value) => !value.includes('\u0000'), { message: 'nul' });

export const tillitColumnSchema = z.object({
  id,
  name: noNul(IMPORT_LIMITS.columnNameMax).min(1),
  position: z.number().finite(),
  wipLimit: z.number().int().min(1).max(999).nullable(),
  wipMode: z.enum(WIP_MODES),
  policy: noNul(IMPORT_LIMITS.textMax),
  flowState: z.enum(FLOW_STATES),
  createdAt: instant,
  deletedAt: nullableInstant,
});

export const tillitCardSchema = z.object({
  id,
  columnId: id,
  title: noNul(IMPORT_LIMITS.titleMax),
  description: noNul(IMPORT_LIMITS.textMax),
  position: z.number().finite(),
  demand: z.enum(DEMAND_TYPES),
  labels: z.array(noNul(IMPORT_LIMITS.labelMax)).max(IMPORT_LIMITS.labelsPerCard),
  blockedReason: noNul(IMPORT_LIMITS.textMax).nullable(),
  blockedAt: nullableInstant,
  archivedAt: nullableInstant,
  createdAt: instant,
  lastMovedAt: instant,
  startedAt: nullableInstant,
  doneAt: nullableInstant,
  textClearedAt: nullableInstant,
  version: z.number().int().min(1).max(1_000_000_000),
  /** The card's lane (absent in exports made before lanes travelled). */
  laneId: id.optional(),
  /** The card's checklist in order (absent in exports made before checklists existed). */
  checklist: z
    .array(z.object({ text: noNul(CHECKLIST_TEXT_MAX), isDone: z.boolean(), position: z.number().finite(), createdAt: instant, updatedAt: instant }))
    .max(CHECKLIST_ITEMS_MAX)
    .optional(),
});

export const tillitCardEventSchema = z.object({
  cardId: id,
  type: z.enum(CARD_EVENT_KINDS),
  fromColumnId: id.nullable(),
  toColumnId: id.nullable(),
  fromLaneId: id.nullable().optional(),
  toLaneId: id.nullable().optional(),
  at: instant,
  actorName,
  data: boundedJson,
});

export const tillitBoardEventSchema = z.object({
  type: z.enum(BOARD_EVENT_KINDS),
  columnId: id.nullable(),
  laneId: id.nullable().optional(),
  /** The experiment the change belongs to (lib/data/experiments.ts), by its id in this file. */
  experimentId: id.nullable().optional(),
  at: instant,
  actorName,
  before: boundedJson,
  after: boundedJson,
});

export const tillitStandupSchema = z.object({ startedAt: instant, endedAt: nullableInstant });

/** A lane (absent in exports made before lanes travelled: the import then gives the board one standard lane). */
export const tillitLaneSchema = z.object({
  id,
  name: noNul(IMPORT_LIMITS.columnNameMax).min(1),
  position: z.number().finite(),
  classOfService: z.enum(CLASSES_OF_SERVICE),
  wipLimit: z.number().int().min(1).max(999).nullable(),
  wipMode: z.enum(WIP_MODES),
  policy: noNul(IMPORT_LIMITS.textMax),
  createdAt: instant,
  deletedAt: nullableInstant,
});

/**
 * An improvement experiment with everything it holds: its plan, its status and dates, the team's decision and
 * reflection, and the prepared and applied board change (naming columns and lanes by their ids in this file).
 */
export const tillitExperimentSchema = z.object({
  id,
  change: noNul(IMPORT_LIMITS.textMax).min(1),
  reason: noNul(IMPORT_LIMITS.textMax),
  hypothesis: noNul(IMPORT_LIMITS.textMax).min(1),
  measure: z.enum(EXPERIMENT_MEASURES),
  expectedDirection: z.enum(EXPERIMENT_DIRECTIONS),
  reviewDate: z.iso.date(),
  status: z.enum(EXPERIMENT_STATUSES),
  outcome: z.enum(EXPERIMENT_OUTCOMES).nullable(),
  reflection: noNul(IMPORT_LIMITS.textMax).nullable(),
  preparedChange: boundedJson,
  appliedChange: boundedJson,
  createdAt: instant,
  startedAt: nullableInstant,
  endedAt: nullableInstant,
  revertedAt: nullableInstant,
});
/** A comment on a card, in Markdown; the author as a name. Absent in exports from before comments (read as none). */
export const tillitCommentSchema = z.object({ id, cardId: id, body: noNul(IMPORT_LIMITS.textMax), authorName: actorName, createdAt: instant, editedAt: nullableInstant });

export const tillitExportSchema = z.object({
  format: z.literal(TILLIT_EXPORT_FORMAT),
  version: z.literal(TILLIT_EXPORT_VERSION),
  exportedAt: instant,
  board: z.object({ id, name: noNul(IMPORT_LIMITS.boardNameMax).min(1), createdAt: instant }),
  columns: z.array(tillitColumnSchema).max(IMPORT_LIMITS.maxColumns),
  cards: z.array(tillitCardSchema).max(IMPORT_LIMITS.maxCards),
  cardEvents: z.array(tillitCardEventSchema).max(IMPORT_LIMITS.maxEvents),
  boardEvents: z.array(tillitBoardEventSchema).max(IMPORT_LIMITS.maxEvents),
  standups: z.array(tillitStandupSchema).max(IMPORT_LIMITS.maxEvents),
  lanes: z.array(tillitLaneSchema).max(IMPORT_LIMITS.maxColumns).optional(),
  experiments: z.array(tillitExperimentSchema).max(IMPORT_LIMITS.maxColumns * 10).optional(),
  comments: z.array(tillitCommentSchema).max(IMPORT_LIMITS.maxEvents).default([]),
});

export type TillitExport = z.infer<typeof tillitExportSchema>;
export type TillitExportColumn = z.infer<typeof tillitColumnSchema>;
export type TillitExportCard = z.infer<typeof tillitCardSchema>;
export type TillitExportCardEvent = z.infer<typeof tillitCardEventSchema>;
export type TillitExportBoardEvent = z.infer<typeof tillitBoardEventSchema>;
export type TillitExportLane = z.infer<typeof tillitLaneSchema>;
export type TillitExportExperiment = z.infer<typeof tillitExperimentSchema>;
