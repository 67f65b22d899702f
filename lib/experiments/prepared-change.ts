/**
 * The one concrete board change an experiment may prepare: a WIP limit or mode, a policy, or adding or removing a
 * column or a lane. Prepared with the proposal, applied in the same transaction as the start, and — when the team
 * abandons the experiment — reverted in one transaction. This module validates the description, checks it against
 * the board as it is, records what the change replaced, and plans its reversal. Pure: the data layer
 * (lib/data/experiments.ts) carries the plans out with the board's own change functions.
 */
import { z } from 'zod';
import { NAME_MAX, TEXT_MAX } from '@/lib/board/commands';
import { FLOW_STATES, type FlowState } from '@/lib/domain/flow-states';
import { CLASSES_OF_SERVICE, pickDefaultLane, type ClassOfService } from '@/lib/domain/lanes';
import { WIP_MODES, type WipMode } from '@/lib/domain/wip';

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const nameSchema = z.string().trim().min(1, 'nameRequired').max(NAME_MAX, 'titleTooLong');
const policySchema = z
  .string()
  .max(TEXT_MAX, 'textTooLong')
  .refine((value) => !value.includes('\u0000'), 'VALIDATION');
const wipLimitSchema = z.number({ error: 'wipLimitInvalid' }).int('wipLimitInvalid').min(1, 'wipLimitInvalid').max(999, 'wipLimitInvalid').nullable();
const wipModeSchema = z.enum(WIP_MODES);

export const preparedChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('column.wip'), columnId: idSchema, wipLimit: wipLimitSchema, wipMode: wipModeSchema }),
  z.strictObject({ kind: z.literal('column.policy'), columnId: idSchema, policy: policySchema }),
  /** A new column, placed at `toIndex` among the current columns (0 = first). */
  z.strictObject({ kind: z.literal('column.add'), name: nameSchema, flowState: z.enum(FLOW_STATES), toIndex: z.number().int().min(0).max(1000) }),
  /** `moveCardsToColumnId`: where the column's cards go, if it holds any when the experiment starts. */
  z.strictObject({ kind: z.literal('column.remove'), columnId: idSchema, moveCardsToColumnId: idSchema }),
  z.strictObject({ kind: z.literal('lane.wip'), laneId: idSchema, wipLimit: wipLimitSchema, wipMode: wipModeSchema }),
  z.strictObject({ kind: z.literal('lane.policy'), laneId: idSchema, policy: policySchema }),
  z.strictObject({ kind: z.literal('lane.add'), name: nameSchema, classOfService: z.enum(CLASSES_OF_SERVICE, { error: 'classOfServiceInvalid' }) }),
  z.strictObject({ kind: z.literal('lane.remove'), laneId: idSchema, moveCardsToLaneId: idSchema }),
]);

export type PreparedChange = z.infer<typeof preparedChangeSchema>;
export type PreparedChangeKind = PreparedChange['kind'];
export const PREPARED_CHANGE_KINDS = preparedChangeSchema.options.map((option) => option.shape.kind.value);

/** The board as the checks need it: every column and lane, removed ones too (a revert may bring one back). */
export interface BoardShape {
  /** In position order. */
  readonly columns: readonly {
    readonly id: string;
    readonly name: string;
    readonly wipLimit: number | null;
    readonly wipMode: WipMode;
    readonly policy: string;
    readonly flowState: FlowState;
    readonly isRemoved: boolean;
  }[];
  /** In position order. */
  readonly lanes: readonly {
    readonly id: string;
    readonly name: string;
    readonly position: number;
    readonly wipLimit: number | null;
    readonly wipMode: WipMode;
    readonly policy: string;
    readonly classOfService: ClassOfService;
    readonly isRemoved: boolean;
  }[];
}

/** Why a prepared change does not fit the board (a message key under experiments.change.problem). */
export type PreparedChangeProblem = 'columnMissing' | 'laneMissing' | 'targetMissing' | 'lastColumn' | 'lastLane';

/**
 * What starting applied, stored with the experiment: the change, the values it replaced (for a setting) or the
 * column or lane it created, so that abandoning can put things back.
 */
export type AppliedChange =
  | { readonly kind: 'column.wip'; readonly columnId: string; readonly before: { readonly wipLimit: number | null; readonly wipMode: WipMode } }
  | { readonly kind: 'column.policy'; readonly columnId: string; readonly before: { readonly policy: string } }
  | { readonly kind: 'column.add'; readonly columnId: string }
  | { readonly kind: 'column.remove'; readonly columnId: string }
  | { readonly kind: 'lane.wip'; readonly laneId: string; readonly before: { readonly wipLimit: number | null; readonly wipMode: WipMode } }
  | { readonly kind: 'lane.policy'; readonly laneId: string; readonly before: { readonly policy: string } }
  | { readonly kind: 'lane.add'; readonly laneId: string }
  | { readonly kind: 'lane.remove'; readonly laneId: string };

const appliedChangeSchema: z.ZodType<AppliedChange> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column.wip'), columnId: idSchema, before: z.object({ wipLimit: wipLimitSchema, wipMode: wipModeSchema }) }),
  z.object({ kind: z.literal('column.policy'), columnId: idSchema, before: z.object({ policy: policySchema }) }),
  z.object({ kind: z.literal('column.add'), columnId: idSchema }),
  z.object({ kind: z.literal('column.remove'), columnId: idSchema }),
  z.object({ kind: z.literal('lane.wip'), laneId: idSchema, before: z.object({ wipLimit: wipLimitSchema, wipMode: wipModeSchema }) }),
  z.object({ kind: z.literal('lane.policy'), laneId: idSchema, before: z.object({ policy: policySchema }) }),
  z.object({ kind: z.literal('lane.add'), laneId: idSchema }),
  z.object({ kind: z.literal('lane.remove'), laneId: idSchema }),
]);

/** Reads a stored prepared change; null for none or for anything that is not one (stored JSON is not trusted). */
export function readPreparedChange(value: unknown): PreparedChange | null {
  const parsed = preparedChangeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Reads a stored applied change; null for none or for anything that is not one. */
export function readAppliedChange(value: unknown): AppliedChange | null {
  const parsed = appliedChangeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function currentColumns(board: BoardShape) {
  return board.columns.filter((column) => !column.isRemoved);
}

function currentLanes(board: BoardShape) {
  return board.lanes.filter((lane) => !lane.isRemoved);
}

/**
 * Whether the change can be applied to the board as it is now (at proposal and again at the start, when the board
 * may have changed): the column or lane it names must still be there, a removal needs another current column or
 * lane for the cards and may not remove the last one. Null when it fits.
 */
export function checkPreparedChange(change: PreparedChange, board: BoardShape): PreparedChangeProblem | null {
  const columns = currentColumns(board);
  const lanes = currentLanes(board);
  switch (change.kind) {
    case 'column.wip':
    case 'column.policy':
      return columns.some((column) => column.id === change.columnId) ? null : 'columnMissing';
    case 'column.add':
      return null;
    case 'column.remove':
      if (!columns.some((column) => column.id === change.columnId)) return 'columnMissing';
      if (columns.length === 1) return 'lastColumn';
      return change.moveCardsToColumnId !== change.columnId && columns.some((column) => column.id === change.moveCardsToColumnId) ? null : 'targetMissing';
    case 'lane.wip':
    case 'lane.policy':
      return lanes.some((lane) => lane.id === change.laneId) ? null : 'laneMissing';
    case 'lane.add':
      return null;
    case 'lane.remove':
      if (!lanes.some((lane) => lane.id === change.laneId)) return 'laneMissing';
      if (lanes.length === 1) return 'lastLane';
      return change.moveCardsToLaneId !== change.laneId && lanes.some((lane) => lane.id === change.moveCardsToLaneId) ? null : 'targetMissing';
  }
}

/**
 * What the start will have applied, given the board just before it and, for an addition, the id of the column or
 * lane it created. The caller has checked the change with checkPreparedChange.
 */
export function describeAppliedChange(change: PreparedChange, board: BoardShape, createdId: string | null): AppliedChange {
  switch (change.kind) {
    case 'column.wip': {
      const column = board.columns.find((candidate) => candidate.id === change.columnId);
      return { kind: 'column.wip', columnId: change.columnId, before: { wipLimit: column?.wipLimit ?? null, wipMode: column?.wipMode ?? 'ADVISORY' } };
    }
    case 'column.policy':
      return { kind: 'column.policy', columnId: change.columnId, before: { policy: board.columns.find((candidate) => candidate.id === change.columnId)?.policy ?? '' } };
    case 'column.add':
      return { kind: 'column.add', columnId: createdId ?? '' };
    case 'column.remove':
      return { kind: 'column.remove', columnId: change.columnId };
    case 'lane.wip': {
      const lane = board.lanes.find((candidate) => candidate.id === change.laneId);
      return { kind: 'lane.wip', laneId: change.laneId, before: { wipLimit: lane?.wipLimit ?? null, wipMode: lane?.wipMode ?? 'ADVISORY' } };
    }
    case 'lane.policy':
      return { kind: 'lane.policy', laneId: change.laneId, before: { policy: board.lanes.find((candidate) => candidate.id === change.laneId)?.policy ?? '' } };
    case 'lane.add':
      return { kind: 'lane.add', laneId: createdId ?? '' };
    case 'lane.remove':
      return { kind: 'lane.remove', laneId: change.laneId };
  }
}

/** One step that puts the board back as it was before the experiment's change. */
export type RevertPlan =
  | { readonly kind: 'update-column'; readonly columnId: string; readonly settings: { wipLimit?: number | null; wipMode?: WipMode; policy?: string } }
  | { readonly kind: 'delete-column'; readonly columnId: string; readonly moveCardsToColumnId: string }
  | { readonly kind: 'restore-column'; readonly columnId: string }
  | { readonly kind: 'update-lane'; readonly laneId: string; readonly settings: { wipLimit?: number | null; wipMode?: WipMode; policy?: string } }
  | { readonly kind: 'delete-lane'; readonly laneId: string; readonly moveCardsToLaneId: string }
  | { readonly kind: 'restore-lane'; readonly laneId: string };

/**
 * How to put the board back as it was before the experiment's change, given the board now. Null when there is
 * nothing to put back: the setting already has its old value, the added column or lane is already gone (or is
 * the last one left), the removed one is already back, or what the change concerned no longer exists.
 * - a setting gets its old value back (even if the team changed it again since: reverting is the team's choice,
 *   and the review says what it will do before it is done);
 * - an added column is removed, its cards going to the nearest current column on its left (else on its right); an
 *   added lane is removed, its cards going to the board's default lane among the others;
 * - a removed column or lane is brought back as it was (its cards moved on with the board and stay where they are).
 */
export function planRevert(applied: AppliedChange, board: BoardShape): RevertPlan | null {
  const columns = currentColumns(board);
  const lanes = currentLanes(board);
  switch (applied.kind) {
    case 'column.wip':
    case 'column.policy': {
      const column = columns.find((candidate) => candidate.id === applied.columnId);
      if (!column) return null;
      const settings = applied.before;
      const differs = Object.entries(settings).some(([key, value]) => column[key as keyof typeof settings] !== value);
      return differs ? { kind: 'update-column', columnId: column.id, settings: { ...settings } } : null;
    }
    case 'column.add': {
      const index = columns.findIndex((candidate) => candidate.id === applied.columnId);
      if (index < 0 || columns.length === 1) return null;
      const target = columns[index - 1] ?? columns[index + 1];
      return target ? { kind: 'delete-column', columnId: applied.columnId, moveCardsToColumnId: target.id } : null;
    }
    case 'column.remove': {
      const column = board.columns.find((candidate) => candidate.id === applied.columnId);
      return column?.isRemoved === true ? { kind: 'restore-column', columnId: column.id } : null;
    }
    case 'lane.wip':
    case 'lane.policy': {
      const lane = lanes.find((candidate) => candidate.id === applied.laneId);
      if (!lane) return null;
      const settings = applied.before;
      const differs = Object.entries(settings).some(([key, value]) => lane[key as keyof typeof settings] !== value);
      return differs ? { kind: 'update-lane', laneId: lane.id, settings: { ...settings } } : null;
    }
    case 'lane.add': {
      if (!lanes.some((candidate) => candidate.id === applied.laneId) || lanes.length === 1) return null;
      const target = pickDefaultLane(lanes.filter((candidate) => candidate.id !== applied.laneId));
      return target ? { kind: 'delete-lane', laneId: applied.laneId, moveCardsToLaneId: target.id } : null;
    }
    case 'lane.remove': {
      const lane = board.lanes.find((candidate) => candidate.id === applied.laneId);
      return lane?.isRemoved === true ? { kind: 'restore-lane', laneId: lane.id } : null;
    }
  }
}
