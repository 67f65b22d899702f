import 'server-only';
import type { BoardEventType, Prisma } from '@/lib/generated/prisma/client';
import { getDb, type Tx } from '@/lib/db';
import type { FlowState } from '@/lib/domain/flow-states';
import { computeMovePosition, POSITION_GAP } from '@/lib/domain/positions';
import type { WipMode } from '@/lib/domain/wip';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { runInChangeTransaction, type ChangeContext } from './change-context';

type Actor = { id: string; name: string };

export type ColumnSettings = {
  name?: string;
  wipLimit?: number | null;
  wipMode?: WipMode;
  policy?: string;
  flowState?: FlowState;
};

async function lockBoardColumns(tx: Tx, boardId: string) {
  // Structural changes lock the board's columns so concurrent reorders and removals see one consistent order.
  return tx.$queryRaw<{ id: string; name: string; position: number }[]>`
    SELECT id, name, position FROM "Column" WHERE "boardId" = ${boardId} AND "deletedAt" IS NULL
    ORDER BY position FOR UPDATE`;
}

async function recordBoardEvent(
  tx: Tx,
  data: { boardId: string; type: BoardEventType; columnId?: string; actorId: string; at: Date; before?: Prisma.InputJsonValue; after?: Prisma.InputJsonValue; experimentId?: string },
) {
  await tx.boardEvent.create({ data });
}

export async function createColumn(
  actor: Actor,
  input: { boardId: string; name: string; flowState: FlowState },
  now: Date,
  context?: ChangeContext,
): Promise<{ id: string }> {
  await authorizeBoardAction(context?.tx ?? getDb(), actor.id, input.boardId, 'column.create');
  return runInChangeTransaction(context, async (tx) => {
    const columns = await lockBoardColumns(tx, input.boardId);
    const column = await tx.column.create({
      data: {
        boardId: input.boardId,
        name: input.name,
        flowState: input.flowState,
        position: (columns.at(-1)?.position ?? 0) + POSITION_GAP,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordBoardEvent(tx, {
      boardId: input.boardId,
      type: 'COLUMN_CREATED',
      columnId: column.id,
      actorId: actor.id,
      at: now,
      experimentId: context?.experimentId,
      after: { name: input.name, flowState: input.flowState },
    });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
    return column;
  });
}

const SETTING_EVENT_TYPES: Record<keyof ColumnSettings, BoardEventType> = {
  name: 'COLUMN_RENAMED',
  wipLimit: 'COLUMN_WIP_CHANGED',
  wipMode: 'COLUMN_WIP_CHANGED',
  policy: 'COLUMN_POLICY_CHANGED',
  flowState: 'COLUMN_FLOW_STATE_CHANGED',
};

/** Changes a column's name, WIP limit and mode, policy or flow state; each changed aspect is one history row. */
export async function updateColumn(
  actor: Actor,
  input: { boardId: string; columnId: string; settings: ColumnSettings },
  now: Date,
  context?: ChangeContext,
): Promise<void> {
  await authorizeBoardAction(context?.tx ?? getDb(), actor.id, input.boardId, 'column.edit');
  await runInChangeTransaction(context, async (tx) => {
    const before = await tx.column.findFirst({
      where: { id: input.columnId, boardId: input.boardId, deletedAt: null },
      select: { name: true, wipLimit: true, wipMode: true, policy: true, flowState: true },
    });
    if (!before) throw new AppError('NOT_FOUND');
    const changed = (Object.keys(input.settings) as (keyof ColumnSettings)[]).filter(
      (key) => input.settings[key] !== undefined && input.settings[key] !== before[key],
    );
    if (changed.length === 0) return;
    await tx.column.update({ where: { id: input.columnId }, data: input.settings });
    // WIP limit and mode are one policy: record them together.
    const types = [...new Set(changed.map((key) => SETTING_EVENT_TYPES[key]))];
    for (const type of types) {
      const keys = changed.filter((key) => SETTING_EVENT_TYPES[key] === type);
      const pick = (source: ColumnSettings) =>
        Object.fromEntries(
          (type === 'COLUMN_WIP_CHANGED' ? (['wipLimit', 'wipMode'] as const) : keys).map((key) => [key, source[key] ?? null]),
        );
      await recordBoardEvent(tx, {
        boardId: input.boardId,
        type,
        columnId: input.columnId,
        actorId: actor.id,
        at: now,
        experimentId: context?.experimentId,
        before: { name: before.name, ...pick(before) },
        after: { name: input.settings.name ?? before.name, ...pick({ ...before, ...input.settings }) },
      });
    }
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
  });
}

export async function reorderColumn(
  actor: Actor,
  input: { boardId: string; columnId: string; toIndex: number },
  now: Date,
  context?: ChangeContext,
): Promise<void> {
  await authorizeBoardAction(context?.tx ?? getDb(), actor.id, input.boardId, 'column.reorder');
  await runInChangeTransaction(context, async (tx) => {
    const columns = await lockBoardColumns(tx, input.boardId);
    const fromIndex = columns.findIndex((c) => c.id === input.columnId);
    if (fromIndex < 0) throw new AppError('NOT_FOUND');
    const others = columns.filter((c) => c.id !== input.columnId);
    const placement = computeMovePosition(others.map((c) => c.position), input.toIndex);
    if ('rebalance' in placement) {
      for (const [index, column] of others.entries()) {
        await tx.column.update({ where: { id: column.id }, data: { position: placement.rebalance[index] } });
      }
    }
    await tx.column.update({ where: { id: input.columnId }, data: { position: placement.position } });
    const toIndex = Math.min(Math.max(Math.trunc(input.toIndex), 0), others.length);
    if (toIndex === fromIndex) return;
    await recordBoardEvent(tx, {
      boardId: input.boardId,
      type: 'COLUMN_REORDERED',
      columnId: input.columnId,
      actorId: actor.id,
      at: now,
      experimentId: context?.experimentId,
      before: { name: columns[fromIndex]?.name ?? '', index: fromIndex },
      after: { name: columns[fromIndex]?.name ?? '', index: toIndex },
    });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
  });
}

/**
 * Removes a column. A column that holds cards needs a destination: its cards move there (each move recorded,
 * so flow history stays whole). The column row is kept with deletedAt so history can still name it.
 */
export async function deleteColumn(
  actor: Actor,
  input: { boardId: string; columnId: string; moveCardsToColumnId?: string },
  now: Date,
  context?: ChangeContext,
): Promise<void> {
  await authorizeBoardAction(context?.tx ?? getDb(), actor.id, input.boardId, 'column.delete');
  await runInChangeTransaction(context, async (tx) => {
    const columns = await lockBoardColumns(tx, input.boardId);
    const column = columns.find((c) => c.id === input.columnId);
    if (!column) throw new AppError('NOT_FOUND');
    if (columns.length === 1) throw new AppError('LAST_COLUMN');
    const cards = await tx.card.findMany({
      where: { columnId: column.id, archivedAt: null },
      orderBy: { position: 'asc' },
      select: { id: true, laneId: true },
    });
    if (cards.length > 0) {
      const target = columns.find((c) => c.id === input.moveCardsToColumnId && c.id !== column.id);
      if (!target) throw new AppError('COLUMN_NOT_EMPTY');
      const targetState = await tx.column.findUniqueOrThrow({ where: { id: target.id }, select: { flowState: true } });
      const last = await tx.card.findFirst({ where: { columnId: target.id, archivedAt: null }, orderBy: { position: 'desc' }, select: { position: true } });
      let position = last?.position ?? 0;
      for (const card of cards) {
        position += POSITION_GAP;
        await tx.card.update({
          where: { id: card.id },
          data: {
            columnId: target.id,
            position,
            lastMovedAt: now,
            version: { increment: 1 },
            doneAt: targetState.flowState === 'DONE' ? now : null,
            ...(targetState.flowState === 'NOT_STARTED' ? { startedAt: null } : {}),
          },
        });
      }
      await tx.cardEvent.createMany({
        data: cards.map((card) => ({
          boardId: input.boardId,
          cardId: card.id,
          type: 'MOVED' as const,
          fromColumnId: column.id,
          toColumnId: target.id,
          // Each card keeps its lane.
          fromLaneId: card.laneId,
          toLaneId: card.laneId,
          actorId: actor.id,
          at: now,
          data: { reason: 'column-removed' },
        })),
      });
    }
    await tx.column.update({ where: { id: column.id }, data: { deletedAt: now } });
    await recordBoardEvent(tx, {
      boardId: input.boardId,
      type: 'COLUMN_DELETED',
      columnId: column.id,
      actorId: actor.id,
      at: now,
      experimentId: context?.experimentId,
      before: { name: column.name, cardCount: cards.length },
      after: input.moveCardsToColumnId && cards.length > 0 ? { movedTo: columns.find((c) => c.id === input.moveCardsToColumnId)?.name ?? '' } : undefined,
    });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
  });
}

export type BoardHistoryEntry = {
  id: string;
  type: BoardEventType;
  at: string;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The improvement experiment the change belongs to, if any (lib/data/experiments.ts). */
  experiment: { id: string; change: string } | null;
};

/** The board's structure and policy history, newest first. Readable by the whole team, viewers included. */
export async function getBoardHistory(userId: string, boardId: string, limit = 200): Promise<BoardHistoryEntry[]> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.history.read');
  const events = await db.boardEvent.findMany({
    where: { boardId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit,
    select: {
      id: true,
      type: true,
      at: true,
      before: true,
      after: true,
      importedActorName: true,
      actor: { select: { name: true } },
      experiment: { select: { id: true, change: true } },
    },
  });
  return events.map((event) => ({
    id: event.id.toString(),
    type: event.type,
    at: event.at.toISOString(),
    // Imported history names people as text only (lib/data/import-board.ts).
    actorName: event.actor?.name ?? event.importedActorName ?? null,
    before: (event.before as Record<string, unknown> | null) ?? null,
    after: (event.after as Record<string, unknown> | null) ?? null,
    experiment: event.experiment ?? null,
  }));
}
