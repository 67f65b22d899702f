import 'server-only';
/**
 * An experiment's prepared board change, carried out on the board inside the experiment's own transaction: applied
 * when it starts, reverted when the team abandons it. Each step goes through the board's own change functions
 * (lib/data/columns.ts, lib/data/lanes.ts), so it is checked, locked, recorded in the board history and sent live
 * exactly as if a person had made it by hand, with its history rows linked to the experiment.
 */
import type { Db, Tx } from '@/lib/db';
import type { ClassOfService } from '@/lib/domain/lanes';
import { AppError } from '@/lib/errors';
import {
  checkPreparedChange,
  describeAppliedChange,
  planRevert,
  type AppliedChange,
  type BoardShape,
  type PreparedChange,
  type RevertPlan,
} from '@/lib/experiments/prepared-change';
import { publishBoardEvent } from '@/lib/live/publish';
import type { ChangeContext } from './change-context';
import { createColumn, deleteColumn, reorderColumn, updateColumn } from './columns';
import { createLane, deleteLane, updateLane } from './lanes';

type Actor = { id: string; name: string };

/** Every column and lane of the board, removed ones too, in position order. */
export async function loadBoardShape(tx: Db | Tx, boardId: string): Promise<BoardShape> {
  const [columns, lanes] = await Promise.all([
    tx.column.findMany({
      where: { boardId },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, wipLimit: true, wipMode: true, policy: true, flowState: true, deletedAt: true },
    }),
    tx.lane.findMany({
      where: { boardId },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, position: true, wipLimit: true, wipMode: true, policy: true, classOfService: true, deletedAt: true },
    }),
  ]);
  return {
    columns: columns.map(({ deletedAt, ...column }) => ({ ...column, isRemoved: deletedAt !== null })),
    lanes: lanes.map(({ deletedAt, ...lane }) => ({ ...lane, classOfService: lane.classOfService as ClassOfService, isRemoved: deletedAt !== null })),
  };
}

/**
 * Applies the prepared change to the board in `tx` and says what it replaced or created. Refuses with
 * EXPERIMENT_CHANGE_STALE when the change no longer fits the board (checked again here: the board may have
 * changed since the experiment was proposed).
 */
export async function applyPreparedChange(tx: Tx, actor: Actor, boardId: string, change: PreparedChange, now: Date, experimentId: string): Promise<AppliedChange> {
  const board = await loadBoardShape(tx, boardId);
  const problem = checkPreparedChange(change, board);
  if (problem) throw new AppError('EXPERIMENT_CHANGE_STALE', { problem });
  const context: ChangeContext = { tx, experimentId };
  let createdId: string | null = null;
  switch (change.kind) {
    case 'column.wip':
      await updateColumn(actor, { boardId, columnId: change.columnId, settings: { wipLimit: change.wipLimit, wipMode: change.wipMode } }, now, context);
      break;
    case 'column.policy':
      await updateColumn(actor, { boardId, columnId: change.columnId, settings: { policy: change.policy } }, now, context);
      break;
    case 'column.add':
      createdId = (await createColumn(actor, { boardId, name: change.name, flowState: change.flowState }, now, context)).id;
      await reorderColumn(actor, { boardId, columnId: createdId, toIndex: change.toIndex }, now, context);
      break;
    case 'column.remove':
      await deleteColumn(actor, { boardId, columnId: change.columnId, moveCardsToColumnId: change.moveCardsToColumnId }, now, context);
      break;
    case 'lane.wip':
      await updateLane(actor, { boardId, laneId: change.laneId, settings: { wipLimit: change.wipLimit, wipMode: change.wipMode } }, now, context);
      break;
    case 'lane.policy':
      await updateLane(actor, { boardId, laneId: change.laneId, settings: { policy: change.policy } }, now, context);
      break;
    case 'lane.add':
      createdId = (await createLane(actor, { boardId, name: change.name, classOfService: change.classOfService }, now, context)).id;
      break;
    case 'lane.remove':
      await deleteLane(actor, { boardId, laneId: change.laneId, moveCardsToLaneId: change.moveCardsToLaneId }, now, context);
      break;
  }
  return describeAppliedChange(change, board, createdId);
}

/** What reverting would do on the board as it is now (for the review dialog), or null when nothing is to be put back. */
export async function previewRevert(tx: Db | Tx, boardId: string, applied: AppliedChange): Promise<{ plan: RevertPlan; board: BoardShape } | null> {
  const board = await loadBoardShape(tx, boardId);
  const plan = planRevert(applied, board);
  return plan === null ? null : { plan, board };
}

/** Puts the board back as it was before the change, in `tx`. Returns whether anything was put back. */
export async function revertAppliedChange(tx: Tx, actor: Actor, boardId: string, applied: AppliedChange, now: Date, experimentId: string): Promise<boolean> {
  const preview = await previewRevert(tx, boardId, applied);
  if (preview === null) return false;
  const { plan, board } = preview;
  const context: ChangeContext = { tx, experimentId };
  switch (plan.kind) {
    case 'update-column':
      await updateColumn(actor, { boardId, columnId: plan.columnId, settings: plan.settings }, now, context);
      return true;
    case 'delete-column':
      await deleteColumn(actor, { boardId, columnId: plan.columnId, moveCardsToColumnId: plan.moveCardsToColumnId }, now, context);
      return true;
    case 'update-lane':
      await updateLane(actor, { boardId, laneId: plan.laneId, settings: plan.settings }, now, context);
      return true;
    case 'delete-lane':
      await deleteLane(actor, { boardId, laneId: plan.laneId, moveCardsToLaneId: plan.moveCardsToLaneId }, now, context);
      return true;
    case 'restore-column': {
      // The column comes back where it was, with its settings; the cards it held moved on and stay where they are.
      const column = board.columns.find((candidate) => candidate.id === plan.columnId);
      await tx.column.update({ where: { id: plan.columnId }, data: { deletedAt: null } });
      await tx.boardEvent.create({
        data: { boardId, type: 'COLUMN_CREATED', columnId: plan.columnId, actorId: actor.id, at: now, experimentId, after: { name: column?.name ?? '', flowState: column?.flowState ?? 'IN_PROGRESS', restored: true } },
      });
      break;
    }
    case 'restore-lane': {
      const lane = board.lanes.find((candidate) => candidate.id === plan.laneId);
      await tx.lane.update({ where: { id: plan.laneId }, data: { deletedAt: null } });
      await tx.boardEvent.create({
        data: { boardId, type: 'LANE_CREATED', laneId: plan.laneId, actorId: actor.id, at: now, experimentId, after: { name: lane?.name ?? '', classOfService: lane?.classOfService ?? 'STANDARD', restored: true } },
      });
      break;
    }
  }
  await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: actor.id, actorName: actor.name });
  return true;
}
