import 'server-only';
import { isSameLabelList } from '@/lib/board/labels';
import type { BoardCardView, CardDetailView, CardHistoryEntry, DemandType } from '@/lib/board/types';
import { getDb, type Tx } from '@/lib/db';
import type { FlowState } from '@/lib/domain/flow-states';
import { POSITION_GAP } from '@/lib/domain/positions';
import type { WipMode } from '@/lib/domain/wip';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import type { ReadChannel } from '@/lib/read-log/model';
import { recordCardReadsIfSensitive } from './read-log';
import { authorizeBoardAction } from './access';
import { lockLaneForNewCard } from './lanes';
import { CARD_DETAIL_WORK_SELECT, toCardWorkView } from './card-work-view';
import { CARD_VIEW_SELECT, toCardView } from './card-view';

// The move (hand-written SQL, the board's hot path) lives in its own module; importers keep this one path.
export { moveCard, type MoveCardInput } from './card-move';

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
  input: { boardId: string; columnId: string; laneId?: string; title: string; description: string; demand: DemandType },
  now: Date,
): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.create');
  return db.$transaction(async (tx) => {
    // Column, then lane: the lock order of every card change (see moveCard).
    const column = await lockColumn(tx, input.boardId, input.columnId);
    const lane = await lockLaneForNewCard(tx, input.boardId, input.laneId);
    // Last in its cell (positions are per column; a lane shows its cards in that order).
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
        laneId: lane.id,
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
      data: { boardId: input.boardId, cardId: card.id, type: 'CREATED', toColumnId: column.id, toLaneId: lane.id, actorId: actor.id, at: now },
    });
    const view = toCardView(card);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card: view, actorId: actor.id, actorName: actor.name, action: 'created' });
    return view;
  });
}

export async function updateCard(
  actor: Actor,
  input: { boardId: string; cardId: string; title?: string; description?: string; demand?: DemandType; labels?: string[] },
  now: Date,
): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockCard(tx, input.boardId, input.cardId);
    const before = await tx.card.findUniqueOrThrow({
      where: { id: input.cardId },
      select: { title: true, description: true, demand: true, labels: true },
    });
    const changes: Record<string, { before: string | string[]; after: string | string[] }> = {};
    for (const field of ['title', 'description', 'demand'] as const) {
      const next = input[field];
      if (next !== undefined && next !== before[field]) changes[field] = { before: before[field], after: next };
    }
    if (input.labels !== undefined && !isSameLabelList(input.labels, before.labels)) changes.labels = { before: before.labels, after: input.labels };
    const card = await tx.card.update({
      where: { id: input.cardId },
      data: { title: input.title, description: input.description, demand: input.demand, labels: input.labels, version: { increment: 1 } },
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

/**
 * One card with its description and full history, for the card dialog (and the API's card reads, `channel`
 * 'api'). On a board that may hold client data the read is logged before the card is returned, and refused when it
 * cannot be (lib/data/read-log.ts).
 */
export async function getCardDetail(userId: string, boardId: string, cardId: string, channel: ReadChannel = 'dialog'): Promise<CardDetailView> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.read');
  const card = await db.card.findFirst({
    where: { id: cardId, boardId, archivedAt: null },
    select: {
      ...CARD_VIEW_SELECT,
      description: true,
      board: { select: { holdsClientData: true } },
      events: {
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          type: true,
          at: true,
          fromColumnId: true,
          toColumnId: true,
          fromLaneId: true,
          toLaneId: true,
          data: true,
          importedActorName: true,
          actor: { select: { name: true } },
        },
      },
      ...CARD_DETAIL_WORK_SELECT,
    },
  });
  if (!card) throw new AppError('NOT_FOUND');
  await recordCardReadsIfSensitive(db, { boardId, readerId: userId, cardIds: [cardId], channel, holdsClientData: card.board.holdsClientData });
  const { events } = card;
  const idsOf = (pick: (event: (typeof events)[number]) => (string | null)[]) => [...new Set(events.flatMap(pick).filter((id): id is string => !!id))];
  const [columns, lanes] = await Promise.all([
    db.column.findMany({ where: { id: { in: idsOf((e) => [e.fromColumnId, e.toColumnId]) } }, select: { id: true, name: true } }),
    db.lane.findMany({ where: { id: { in: idsOf((e) => (e.fromLaneId !== e.toLaneId ? [e.fromLaneId, e.toLaneId] : [])) } }, select: { id: true, name: true } }),
  ]);
  const columnName = new Map(columns.map((c) => [c.id, c.name]));
  const laneName = new Map(lanes.map((l) => [l.id, l.name]));
  const history: CardHistoryEntry[] = card.events.map((event) => ({
    id: event.id.toString(),
    type: event.type,
    at: event.at.toISOString(),
    // Imported history names people as text only (lib/data/import-board.ts).
    actorName: event.actor?.name ?? event.importedActorName ?? null,
    fromColumnName: event.fromColumnId ? (columnName.get(event.fromColumnId) ?? null) : null,
    toColumnName: event.toColumnId ? (columnName.get(event.toColumnId) ?? null) : null,
    // Named only for a move between lanes: a move within one lane reads as before.
    fromLaneName: event.fromLaneId && event.fromLaneId !== event.toLaneId ? (laneName.get(event.fromLaneId) ?? null) : null,
    toLaneName: event.toLaneId && event.fromLaneId && event.fromLaneId !== event.toLaneId ? (laneName.get(event.toLaneId) ?? null) : null,
    data: (event.data as Record<string, unknown> | null) ?? null,
  }));
  return { ...toCardView(card), description: card.description, history, ...toCardWorkView(card) };
}
