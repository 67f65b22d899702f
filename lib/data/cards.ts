import 'server-only';
import type { BoardCardView, CardDetailView, CardHistoryEntry, DemandType } from '@/lib/board/types';
import { getDb, type Tx } from '@/lib/db';
import type { FlowState } from '@/lib/domain/flow-states';
import { computeMovePosition, POSITION_GAP } from '@/lib/domain/positions';
import { evaluateWipLimit, type WipMode } from '@/lib/domain/wip';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { CARD_VIEW_SELECT, toCardView } from './card-view';

type Actor = { id: string; name: string };

async function lockCard(tx: Tx, boardId: string, cardId: string) {
  // FOR UPDATE serialises concurrent changes to one card, so two simultaneous moves apply one after the other.
  const rows = await tx.$queryRaw<{ id: string; columnId: string; title: string; startedAt: Date | null }[]>`
    SELECT id, "columnId", title, "startedAt" FROM "Card"
    WHERE id = ${cardId} AND "boardId" = ${boardId} AND "archivedAt" IS NULL
    FOR UPDATE`;
  const card = rows[0];
  if (!card) throw new AppError('NOT_FOUND');
  return card;
}

async function lockColumn(tx: Tx, boardId: string, columnId: string) {
  const rows = await tx.$queryRaw<
    { id: string; name: string; wipLimit: number | null; wipMode: WipMode; flowState: FlowState }[]
  >`
    SELECT id, name, "wipLimit", "wipMode"::text AS "wipMode", "flowState"::text AS "flowState" FROM "Column"
    WHERE id = ${columnId} AND "boardId" = ${boardId} AND "deletedAt" IS NULL
    FOR UPDATE`;
  const column = rows[0];
  if (!column) throw new AppError('NOT_FOUND');
  return column;
}

export async function createCard(
  actor: Actor,
  input: { boardId: string; columnId: string; title: string; description: string; demand: DemandType },
  now: Date,
): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.create');
  return db.$transaction(async (tx) => {
    const column = await lockColumn(tx, input.boardId, input.columnId);
    const last = await tx.card.findFirst({
      where: { columnId: column.id, archivedAt: null },
      orderBy: { position: 'desc' },
      select: { position: true },
    });
    const isStarted = column.flowState !== 'NOT_STARTED';
    const card = await tx.card.create({
      data: {
        boardId: input.boardId,
        columnId: column.id,
        title: input.title,
        description: input.description,
        demand: input.demand,
        position: (last?.position ?? 0) + POSITION_GAP,
        createdAt: now,
        lastMovedAt: now,
        startedAt: isStarted ? now : null,
        doneAt: column.flowState === 'DONE' ? now : null,
      },
      select: CARD_VIEW_SELECT,
    });
    await tx.cardEvent.create({
      data: { boardId: input.boardId, cardId: card.id, type: 'CREATED', toColumnId: column.id, actorId: actor.id, at: now },
    });
    const view = toCardView(card);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card: view, actorId: actor.id, actorName: actor.name, action: 'created' });
    return view;
  });
}

export async function updateCard(
  actor: Actor,
  input: { boardId: string; cardId: string; title?: string; description?: string; demand?: DemandType },
  now: Date,
): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockCard(tx, input.boardId, input.cardId);
    const before = await tx.card.findUniqueOrThrow({
      where: { id: input.cardId },
      select: { title: true, description: true, demand: true },
    });
    const changes: Record<string, { before: string; after: string }> = {};
    for (const field of ['title', 'description', 'demand'] as const) {
      const next = input[field];
      if (next !== undefined && next !== before[field]) changes[field] = { before: before[field], after: next };
    }
    const card = await tx.card.update({
      where: { id: input.cardId },
      data: { title: input.title, description: input.description, demand: input.demand, version: { increment: 1 } },
      select: CARD_VIEW_SELECT,
    });
    if (Object.keys(changes).length > 0) {
      // History keeps which fields changed; the old description text is not copied into history.
      const summary = Object.fromEntries(
        Object.entries(changes).map(([field, change]) => [field, field === 'description' ? { changed: true } : change]),
      );
      await tx.cardEvent.create({
        data: { boardId: input.boardId, cardId: card.id, type: 'EDITED', actorId: actor.id, at: now, data: summary },
      });
    }
    const view = toCardView(card);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card: view, actorId: actor.id, actorName: actor.name, action: 'edited' });
    return view;
  });
}

export async function setCardBlocked(
  actor: Actor,
  input: { boardId: string; cardId: string; isBlocked: boolean; reason?: string },
  now: Date,
): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.block');
  return db.$transaction(async (tx) => {
    await lockCard(tx, input.boardId, input.cardId);
    const current = await tx.card.findUniqueOrThrow({ where: { id: input.cardId }, select: { blockedAt: true } });
    const wasBlocked = current.blockedAt !== null;
    const card = await tx.card.update({
      where: { id: input.cardId },
      data: input.isBlocked
        ? { blockedReason: input.reason ?? '', blockedAt: wasBlocked ? undefined : now, version: { increment: 1 } }
        : { blockedReason: null, blockedAt: null, version: { increment: 1 } },
      select: CARD_VIEW_SELECT,
    });
    if (wasBlocked !== input.isBlocked || input.isBlocked) {
      await tx.cardEvent.create({
        data: {
          boardId: input.boardId,
          cardId: card.id,
          type: input.isBlocked ? 'BLOCKED' : 'UNBLOCKED',
          actorId: actor.id,
          at: now,
          data: input.isBlocked ? { reason: input.reason ?? '' } : undefined,
        },
      });
    }
    const view = toCardView(card);
    await publishBoardEvent(tx, {
      kind: 'card.upsert',
      boardId: input.boardId,
      card: view,
      actorId: actor.id, actorName: actor.name,
      action: input.isBlocked ? 'blocked' : 'unblocked',
    });
    return view;
  });
}

export async function archiveCard(actor: Actor, input: { boardId: string; cardId: string }, now: Date): Promise<void> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.archive');
  await db.$transaction(async (tx) => {
    const card = await lockCard(tx, input.boardId, input.cardId);
    await tx.card.update({ where: { id: card.id }, data: { archivedAt: now, version: { increment: 1 } } });
    await tx.cardEvent.create({
      data: { boardId: input.boardId, cardId: card.id, type: 'ARCHIVED', fromColumnId: card.columnId, actorId: actor.id, at: now },
    });
    await publishBoardEvent(tx, { kind: 'card.remove', boardId: input.boardId, cardId: card.id, actorId: actor.id, actorName: actor.name, title: card.title });
  });
}

export type MoveCardInput = {
  boardId: string;
  cardId: string;
  toColumnId: string;
  /** Index among the target column's other cards (0 = top); clamped to the column. */
  toIndex: number;
  /** The person confirmed going over an advisory WIP limit. */
  confirmOverLimit?: boolean;
  /** Optional reason given when going over an advisory limit; recorded in the board history. */
  overLimitReason?: string;
};

/**
 * Moves a card: the one server function behind drag, keyboard and the "Move to…" menu. In one transaction it
 * locks the card and the target column (so two moves into the last free slot of a strict column cannot both
 * pass), applies the team's WIP rule, places the card with gap-based positions and records the move.
 */
export async function moveCard(actor: Actor, input: MoveCardInput, now: Date): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.move');
  return db.$transaction(async (tx) => {
    const card = await lockCard(tx, input.boardId, input.cardId);
    const target = await lockColumn(tx, input.boardId, input.toColumnId);
    const siblings = await tx.card.findMany({
      where: { columnId: target.id, archivedAt: null, NOT: { id: card.id } },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: { id: true, position: true },
    });
    const isSameColumn = card.columnId === target.id;
    const decision = evaluateWipLimit({
      wipLimit: target.wipLimit,
      mode: target.wipMode,
      cardCountInTarget: siblings.length,
      isSameColumn,
      hasConfirmedOverLimit: input.confirmOverLimit === true,
    });
    if (decision.kind === 'refused') {
      throw new AppError('WIP_LIMIT_REACHED', { column: target.name, limit: decision.limit });
    }
    if (decision.kind === 'needs-confirmation') {
      throw new AppError('WIP_CONFIRMATION_NEEDED', { column: target.name, limit: decision.limit });
    }

    const placement = computeMovePosition(siblings.map((s) => s.position), input.toIndex);
    if ('rebalance' in placement) {
      const ids = siblings.map((s) => s.id);
      await tx.$executeRaw`
        UPDATE "Card" AS c SET position = v.position
        FROM unnest(${ids}::text[], ${placement.rebalance}::float8[]) AS v(id, position)
        WHERE c.id = v.id`;
    }
    const updated = await tx.card.update({
      where: { id: card.id },
      data: {
        columnId: target.id,
        position: placement.position,
        version: { increment: 1 },
        ...(isSameColumn
          ? {}
          : {
              lastMovedAt: now,
              // Moving back before the commitment point un-starts the card (it re-starts when it crosses again);
              // a card reopened from done keeps its original start. Reaching done records delivery.
              startedAt: target.flowState === 'NOT_STARTED' ? null : (card.startedAt ?? now),
              doneAt: target.flowState === 'DONE' ? now : null,
            }),
      },
      select: CARD_VIEW_SELECT,
    });
    await tx.cardEvent.create({
      data: {
        boardId: input.boardId,
        cardId: card.id,
        type: 'MOVED',
        fromColumnId: card.columnId,
        toColumnId: target.id,
        actorId: actor.id,
        at: now,
      },
    });
    if (decision.kind === 'allowed-over-limit') {
      await tx.boardEvent.create({
        data: {
          boardId: input.boardId,
          type: 'WIP_LIMIT_EXCEEDED',
          columnId: target.id,
          actorId: actor.id,
          at: now,
          after: { cardId: card.id, cardTitle: card.title, limit: target.wipLimit, count: siblings.length + 1, reason: input.overLimitReason ?? '' },
        },
      });
    }
    const view = toCardView(updated);
    await publishBoardEvent(tx, {
      kind: 'card.upsert',
      boardId: input.boardId,
      card: view,
      actorId: actor.id, actorName: actor.name,
      action: 'moved',
      fromColumnId: card.columnId,
    });
    return view;
  });
}

/** One card with its description and full history, for the card dialog. */
export async function getCardDetail(userId: string, boardId: string, cardId: string): Promise<CardDetailView> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.read');
  const card = await db.card.findFirst({
    where: { id: cardId, boardId, archivedAt: null },
    select: {
      ...CARD_VIEW_SELECT,
      description: true,
      events: {
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { id: true, type: true, at: true, fromColumnId: true, toColumnId: true, data: true, actor: { select: { name: true } } },
      },
    },
  });
  if (!card) throw new AppError('NOT_FOUND');
  const columnIds = [...new Set(card.events.flatMap((e) => [e.fromColumnId, e.toColumnId]).filter((id): id is string => !!id))];
  const columns = await db.column.findMany({ where: { id: { in: columnIds } }, select: { id: true, name: true } });
  const columnName = new Map(columns.map((c) => [c.id, c.name]));
  const history: CardHistoryEntry[] = card.events.map((event) => ({
    id: event.id.toString(),
    type: event.type,
    at: event.at.toISOString(),
    actorName: event.actor?.name ?? null,
    fromColumnName: event.fromColumnId ? (columnName.get(event.fromColumnId) ?? null) : null,
    toColumnName: event.toColumnId ? (columnName.get(event.toColumnId) ?? null) : null,
    data: (event.data as Record<string, unknown> | null) ?? null,
  }));
  return { ...toCardView(card), description: card.description, history };
}
