import 'server-only';
/**
 * The team's swimlanes: add, rename, reorder, remove, policy, WIP limit and class of service (issue 12). Every
 * change is one transaction with its board history row (before → after) and the live "board changed" event.
 *
 * Lock order, shared with every card change (lib/data/cards.ts moveCard): column → lane → card. Lane changes lock
 * lanes (all of the board's, ordered by position, for structural changes), then cards, and never a column, so they
 * cannot deadlock with a move (which holds a column, then waits for a lane) or a column removal (columns, then
 * cards).
 */
import type { BoardEventType } from '@/lib/generated/prisma/client';
import type { BoardLaneView } from '@/lib/board/types';
import { getDb, type Tx } from '@/lib/db';
import { DEFAULT_LANE_NAME, orderLanesForDisplay, pickDefaultLane, type ClassOfService } from '@/lib/domain/lanes';
import { POSITION_GAP } from '@/lib/domain/positions';
import type { WipMode } from '@/lib/domain/wip';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { runInChangeTransaction, type ChangeContext } from './change-context';

type Actor = { id: string; name: string };

export type LaneSettings = {
  name?: string;
  classOfService?: ClassOfService;
  wipLimit?: number | null;
  wipMode?: WipMode;
  policy?: string;
};

/** What the board view reads of a lane (BoardLaneView). */
export const LANE_VIEW_SELECT = {
  id: true,
  name: true,
  position: true,
  classOfService: true,
  wipLimit: true,
  wipMode: true,
  policy: true,
} as const;

type LockedLane = { id: string; name: string; position: number; classOfService: ClassOfService };

/** The board's current lanes, locked, in position order (for structural changes). */
async function lockBoardLanes(tx: Tx, boardId: string): Promise<LockedLane[]> {
  return tx.$queryRaw<LockedLane[]>`
    SELECT id, name, position, "classOfService"::text AS "classOfService" FROM "Lane"
    WHERE "boardId" = ${boardId} AND "deletedAt" IS NULL
    ORDER BY position, id FOR UPDATE`;
}

/**
 * The Prisma `create` data of the lane every new board starts with: one standard lane. Code that creates a board
 * (import, a new board, a copy) passes it as `lanes: { create: defaultLaneData(now) }`.
 */
export function defaultLaneData(createdAt: Date) {
  return { name: DEFAULT_LANE_NAME, position: POSITION_GAP, classOfService: 'STANDARD' as const, createdAt };
}

/**
 * Locks the lane a new card goes into: the one named (NOT_FOUND if it is not a current lane of the board), else
 * the board's default lane (lib/domain/lanes.ts pickDefaultLane). A board without any lane (one created by code
 * that did not give it one) gets its standard lane here, under a per-board advisory lock so two first cards
 * cannot create two.
 */
export async function lockLaneForNewCard(tx: Tx, boardId: string, laneId: string | undefined): Promise<{ id: string }> {
  if (laneId !== undefined) {
    const [lane] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Lane" WHERE id = ${laneId} AND "boardId" = ${boardId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!lane) throw new AppError('NOT_FOUND');
    return lane;
  }
  const findDefault = async () => {
    const lanes = await tx.lane.findMany({ where: { boardId, deletedAt: null }, select: { id: true, position: true, classOfService: true } });
    return pickDefaultLane(lanes);
  };
  let lane = await findDefault();
  if (!lane) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tillit-lanes:${boardId}`}))`;
    lane = (await findDefault()) ?? (await tx.lane.create({ data: { boardId, ...defaultLaneData(new Date()) }, select: { id: true, position: true, classOfService: true } }));
  }
  await tx.$queryRaw`SELECT id FROM "Lane" WHERE id = ${lane.id} FOR UPDATE`;
  return { id: lane.id };
}

export async function createLane(
  actor: Actor,
  input: { boardId: string; name: string; classOfService: ClassOfService; wipLimit?: number | null; wipMode?: WipMode; policy?: string },
  now: Date,
  context?: ChangeContext,
): Promise<{ id: string }> {
  await authorizeBoardAction(context?.tx ?? getDb(), actor.id, input.boardId, 'lane.create');
  return runInChangeTransaction(context, async (tx) => {
    const lanes = await lockBoardLanes(tx, input.boardId);
    const lane = await tx.lane.create({
      data: {
        boardId: input.boardId,
        name: input.name,
        classOfService: input.classOfService,
        wipLimit: input.wipLimit ?? null,
        wipMode: input.wipMode ?? 'ADVISORY',
        policy: input.policy ?? '',
        position: (lanes.at(-1)?.position ?? 0) + POSITION_GAP,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.boardEvent.create({
      data: {
        boardId: input.boardId,
        type: 'LANE_CREATED',
        laneId: lane.id,
        actorId: actor.id,
        at: now,
        experimentId: context?.experimentId,
        after: {
          name: input.name,
          classOfService: input.classOfService,
          ...(input.wipLimit != null ? { wipLimit: input.wipLimit, wipMode: input.wipMode ?? 'ADVISORY' } : {}),
          ...(input.policy?.trim() ? { policy: input.policy } : {}),
        },
      },
    });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
    return lane;
  });
}

const SETTING_EVENT_TYPES: Record<keyof LaneSettings, BoardEventType> = {
  name: 'LANE_RENAMED',
  classOfService: 'LANE_CLASS_CHANGED',
  wipLimit: 'LANE_WIP_CHANGED',
  wipMode: 'LANE_WIP_CHANGED',
  policy: 'LANE_POLICY_CHANGED',
};

/**
 * Changes a lane's name, class of service, WIP limit and mode, or policy; each changed aspect is one history row
 * carrying the lane's name and the aspect before and after (limit and mode together, as one policy). The lane is
 * locked, so a limit change and a move into the lane apply one after the other.
 */
export async function updateLane(actor: Actor, input: { boardId: string; laneId: string; settings: LaneSettings }, now: Date, context?: ChangeContext): Promise<void> {
  await authorizeBoardAction(context?.tx ?? getDb(), actor.id, input.boardId, 'lane.edit');
  await runInChangeTransaction(context, async (tx) => {
    const [before] = await tx.$queryRaw<Required<LaneSettings>[]>`
      SELECT name, "classOfService"::text AS "classOfService", "wipLimit", "wipMode"::text AS "wipMode", policy FROM "Lane"
      WHERE id = ${input.laneId} AND "boardId" = ${input.boardId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!before) throw new AppError('NOT_FOUND');
    const changed = (Object.keys(input.settings) as (keyof LaneSettings)[]).filter(
      (key) => input.settings[key] !== undefined && input.settings[key] !== before[key],
    );
    if (changed.length === 0) return;
    await tx.lane.update({ where: { id: input.laneId }, data: input.settings });
    const merged = { ...before, ...input.settings };
    for (const type of new Set(changed.map((key) => SETTING_EVENT_TYPES[key]))) {
      const keys = type === 'LANE_WIP_CHANGED' ? (['wipLimit', 'wipMode'] as const) : changed.filter((key) => SETTING_EVENT_TYPES[key] === type);
      const pick = (source: LaneSettings) => Object.fromEntries(keys.map((key) => [key, source[key] ?? null]));
      await tx.boardEvent.create({
        data: {
          boardId: input.boardId,
          type,
          laneId: input.laneId,
          actorId: actor.id,
          at: now,
          experimentId: context?.experimentId,
          before: { name: before.name, ...pick(before) },
          after: { name: merged.name, ...pick(merged) },
        },
      });
    }
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
  });
}

/**
 * Moves a lane to `toIndex` in the board's drawing order (lib/domain/lanes.ts orderLanesForDisplay). Expedite lanes
 * are always drawn first, so the index is clamped to the lane's own group: a standard lane cannot go above an
 * expedite one, nor an expedite lane below a standard one. Positions are rewritten in steps of POSITION_GAP
 * (a board has a handful of lanes), so position order and drawing order agree afterwards.
 */
export async function reorderLane(actor: Actor, input: { boardId: string; laneId: string; toIndex: number }, now: Date): Promise<void> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'lane.reorder');
  await db.$transaction(async (tx) => {
    const ordered = orderLanesForDisplay(await lockBoardLanes(tx, input.boardId));
    const fromIndex = ordered.findIndex((lane) => lane.id === input.laneId);
    const lane = ordered[fromIndex];
    if (!lane) throw new AppError('NOT_FOUND');
    const others = ordered.filter((other) => other.id !== lane.id);
    const expediteCount = others.filter((other) => other.classOfService === 'EXPEDITE').length;
    const [low, high] = lane.classOfService === 'EXPEDITE' ? [0, expediteCount] : [expediteCount, others.length];
    const toIndex = Math.min(Math.max(Math.trunc(input.toIndex), low), high);
    const reordered = [...others.slice(0, toIndex), lane, ...others.slice(toIndex)];
    for (const [index, each] of reordered.entries()) {
      const position = (index + 1) * POSITION_GAP;
      if (each.position !== position) await tx.lane.update({ where: { id: each.id }, data: { position } });
    }
    if (toIndex === fromIndex) return;
    await tx.boardEvent.create({
      data: {
        boardId: input.boardId,
        type: 'LANE_REORDERED',
        laneId: lane.id,
        actorId: actor.id,
        at: now,
        before: { name: lane.name, index: fromIndex },
        after: { name: lane.name, index: toIndex },
      },
    });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
  });
}

/**
 * Removes a lane. A lane that holds cards needs a destination lane: its cards move there, each keeping its column
 * and its place in it, and each move is recorded (a MOVED event within the column, from one lane to the other), so
 * flow history stays whole. As when a column is removed, the destination's WIP limit is not checked: removing a
 * lane is the team reshaping its board, not pulling work. The last lane cannot be removed. The lane row is kept
 * with deletedAt so history can still name it.
 */
export async function deleteLane(
  actor: Actor,
  input: { boardId: string; laneId: string; moveCardsToLaneId?: string },
  now: Date,
  context?: ChangeContext,
): Promise<void> {
  await authorizeBoardAction(context?.tx ?? getDb(), actor.id, input.boardId, 'lane.delete');
  await runInChangeTransaction(context, async (tx) => {
    const lanes = await lockBoardLanes(tx, input.boardId);
    const lane = lanes.find((candidate) => candidate.id === input.laneId);
    if (!lane) throw new AppError('NOT_FOUND');
    if (lanes.length === 1) throw new AppError('LAST_LANE');
    const cards = await tx.$queryRaw<{ id: string; columnId: string }[]>`
      SELECT id, "columnId" FROM "Card" WHERE "laneId" = ${lane.id} AND "archivedAt" IS NULL ORDER BY position, id FOR UPDATE`;
    const target = lanes.find((candidate) => candidate.id === input.moveCardsToLaneId && candidate.id !== lane.id);
    if (cards.length > 0) {
      if (!target) throw new AppError('LANE_NOT_EMPTY');
      await tx.card.updateMany({ where: { id: { in: cards.map((card) => card.id) } }, data: { laneId: target.id, version: { increment: 1 } } });
      await tx.cardEvent.createMany({
        data: cards.map((card) => ({
          boardId: input.boardId,
          cardId: card.id,
          type: 'MOVED' as const,
          fromColumnId: card.columnId,
          toColumnId: card.columnId,
          fromLaneId: lane.id,
          toLaneId: target.id,
          actorId: actor.id,
          at: now,
          data: { reason: 'lane-removed' },
        })),
      });
    }
    await tx.lane.update({ where: { id: lane.id }, data: { deletedAt: now } });
    await tx.boardEvent.create({
      data: {
        boardId: input.boardId,
        type: 'LANE_DELETED',
        laneId: lane.id,
        actorId: actor.id,
        at: now,
        experimentId: context?.experimentId,
        before: { name: lane.name, classOfService: lane.classOfService, cardCount: cards.length },
        after: target && cards.length > 0 ? { movedTo: target.name } : undefined,
      },
    });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: input.boardId, actorId: actor.id, actorName: actor.name });
  });
}

/** The board's current lanes in position order, as the board view carries them. */
export async function listBoardLanes(boardId: string): Promise<BoardLaneView[]> {
  return getDb().lane.findMany({ where: { boardId, deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: LANE_VIEW_SELECT });
}
