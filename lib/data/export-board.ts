import 'server-only';
import { getDb } from '@/lib/db';
import type { CardCsvRow, HistoryCsvRow } from '@/lib/export/csv';
import { TILLIT_EXPORT_FORMAT, TILLIT_EXPORT_VERSION, type TillitExport } from '@/lib/export/tillit-format';
import type { JsonValue } from '@/lib/import/model';
import { PEOPLE_EVENT_TYPES } from '@/lib/people/card-people';
import { authorizeBoardAction } from './access';
import { recordCardReadsIfSensitive } from './read-log';

type PeopleEventType = (typeof PEOPLE_EVENT_TYPES)[number];
/** Exports leave out who joined or left which card when (lib/people/card-people.ts): no timing per person. */
const WITHOUT_PEOPLE_EVENTS = { notIn: [...PEOPLE_EVENT_TYPES] };
const exportedType = <T extends string>(type: T) => type as Exclude<T, PeopleEventType>;

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);
const json = (value: unknown) => (value ?? null) as JsonValue | null;

/**
 * The whole board as Tillit's JSON export (lib/export/tillit-format.ts): every column, card, field and event,
 * archived and removed ones included, so another Tillit imports it with nothing lost. It names who made each
 * change, so it is for the team's members only (viewers can download the CSV files, which name no one).
 * On a board that may hold client data every card in it is logged as read ('export') before the file is returned.
 */
export async function getBoardExport(userId: string, boardId: string, now: Date): Promise<TillitExport> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.export');
  const board = await db.board.findUniqueOrThrow({
    where: { id: boardId },
    select: {
      id: true,
      name: true,
      createdAt: true,
      holdsClientData: true,
      columns: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
      cards: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { checklistItems: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { text: true, isDone: true, position: true, createdAt: true, updatedAt: true } } },
      },
      standups: { orderBy: [{ startedAt: 'asc' }, { id: 'asc' }], select: { startedAt: true, endedAt: true } },
      lanes: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
      experiments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  const [cardEvents, boardEvents, comments] = await Promise.all([
    db.cardEvent.findMany({
      where: { boardId, type: WITHOUT_PEOPLE_EVENTS },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { cardId: true, type: true, fromColumnId: true, toColumnId: true, fromLaneId: true, toLaneId: true, at: true, data: true, importedActorName: true, actor: { select: { name: true } } },
    }),
    db.boardEvent.findMany({
      where: { boardId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { type: true, columnId: true, laneId: true, experimentId: true, at: true, before: true, after: true, importedActorName: true, actor: { select: { name: true } } },
    }),
    db.comment.findMany({
      where: { boardId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, cardId: true, body: true, createdAt: true, editedAt: true, importedAuthorName: true, author: { select: { name: true } } },
    }),
  ]);
  await recordCardReadsIfSensitive(db, { boardId, readerId: userId, cardIds: board.cards.map((card) => card.id), channel: 'export', holdsClientData: board.holdsClientData });
  return {
    format: TILLIT_EXPORT_FORMAT,
    version: TILLIT_EXPORT_VERSION,
    exportedAt: iso(now),
    board: { id: board.id, name: board.name, createdAt: iso(board.createdAt) },
    columns: board.columns.map((column) => ({
      id: column.id,
      name: column.name,
      position: column.position,
      wipLimit: column.wipLimit,
      wipMode: column.wipMode,
      policy: column.policy,
      flowState: column.flowState,
      createdAt: iso(column.createdAt),
      deletedAt: isoOrNull(column.deletedAt),
    })),
    cards: board.cards.map((card) => ({
      id: card.id,
      columnId: card.columnId,
      title: card.title,
      description: card.description,
      position: card.position,
      demand: card.demand,
      labels: card.labels,
      blockedReason: card.blockedReason,
      blockedAt: isoOrNull(card.blockedAt),
      archivedAt: isoOrNull(card.archivedAt),
      createdAt: iso(card.createdAt),
      lastMovedAt: iso(card.lastMovedAt),
      startedAt: isoOrNull(card.startedAt),
      doneAt: isoOrNull(card.doneAt),
      textClearedAt: isoOrNull(card.textClearedAt),
      version: card.version,
      laneId: card.laneId,
      checklist: card.checklistItems.map((item) => ({ text: item.text, isDone: item.isDone, position: item.position, createdAt: iso(item.createdAt), updatedAt: iso(item.updatedAt) })),
    })),
    cardEvents: cardEvents.map((event) => ({
      cardId: event.cardId,
      type: exportedType(event.type),
      fromColumnId: event.fromColumnId,
      toColumnId: event.toColumnId,
      fromLaneId: event.fromLaneId,
      toLaneId: event.toLaneId,
      at: iso(event.at),
      actorName: event.actor?.name ?? event.importedActorName,
      data: json(event.data),
    })),
    boardEvents: boardEvents.map((event) => ({
      type: event.type,
      columnId: event.columnId,
      laneId: event.laneId,
      experimentId: event.experimentId,
      at: iso(event.at),
      actorName: event.actor?.name ?? event.importedActorName,
      before: json(event.before),
      after: json(event.after),
    })),
    standups: board.standups.map((standup) => ({ startedAt: iso(standup.startedAt), endedAt: isoOrNull(standup.endedAt) })),
    lanes: board.lanes.map((lane) => ({
      id: lane.id,
      name: lane.name,
      position: lane.position,
      classOfService: lane.classOfService,
      wipLimit: lane.wipLimit,
      wipMode: lane.wipMode,
      policy: lane.policy,
      createdAt: iso(lane.createdAt),
      deletedAt: isoOrNull(lane.deletedAt),
    })),
    experiments: board.experiments.map((experiment) => ({
      id: experiment.id,
      change: experiment.change,
      reason: experiment.reason,
      hypothesis: experiment.hypothesis,
      measure: experiment.measure,
      expectedDirection: experiment.expectedDirection,
      reviewDate: experiment.reviewDate.toISOString().slice(0, 10),
      status: experiment.status,
      outcome: experiment.outcome,
      reflection: experiment.reflection,
      preparedChange: json(experiment.preparedChange),
      appliedChange: json(experiment.appliedChange),
      createdAt: iso(experiment.createdAt),
      startedAt: isoOrNull(experiment.startedAt),
      endedAt: isoOrNull(experiment.endedAt),
      revertedAt: isoOrNull(experiment.revertedAt),
    })),
    comments: comments.map((comment) => ({
      id: comment.id,
      cardId: comment.cardId,
      body: comment.body,
      authorName: comment.author?.name ?? comment.importedAuthorName,
      createdAt: iso(comment.createdAt),
      editedAt: isoOrNull(comment.editedAt),
    })),
  };
}

/** The board's name, for file names; members and viewers. */
export async function getBoardNameForExport(userId: string, boardId: string): Promise<{ name: string; canExportJson: boolean }> {
  const db = getDb();
  const access = await authorizeBoardAction(db, userId, boardId, 'board.history.read');
  const board = await db.board.findUniqueOrThrow({ where: { id: boardId }, select: { name: true } });
  return { name: board.name, canExportJson: access.role === 'MEMBER' };
}

async function getLaneNames(boardId: string): Promise<Map<string, string>> {
  const lanes = await getDb().lane.findMany({ where: { boardId }, select: { id: true, name: true } });
  return new Map(lanes.map((lane) => [lane.id, lane.name]));
}

async function getColumnNames(boardId: string): Promise<Map<string, string>> {
  const columns = await getDb().column.findMany({ where: { boardId }, select: { id: true, name: true } });
  return new Map(columns.map((column) => [column.id, column.name]));
}

/**
 * Every card of the board (archived ones too), for the cards CSV. Members and viewers; no person named. On a board
 * that may hold client data each card is logged as read ('export') before the rows are returned.
 */
export async function getCardsForCsv(userId: string, boardId: string): Promise<CardCsvRow[]> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.history.read');
  const [columnName, laneName, cards, columns] = await Promise.all([
    getColumnNames(boardId),
    getLaneNames(boardId),
    db.card.findMany({ where: { boardId } }),
    db.column.findMany({ where: { boardId }, select: { id: true, position: true } }),
  ]);
  const columnOrder = new Map(columns.map((column) => [column.id, column.position]));
  await recordCardReadsIfSensitive(db, { boardId, readerId: userId, cardIds: cards.map((card) => card.id), channel: 'export' });
  cards.sort(
    (a, b) =>
      Number(a.archivedAt !== null) - Number(b.archivedAt !== null) ||
      (columnOrder.get(a.columnId) ?? 0) - (columnOrder.get(b.columnId) ?? 0) ||
      a.position - b.position ||
      a.id.localeCompare(b.id),
  );
  return cards.map((card) => ({
    id: card.id,
    title: card.title,
    columnName: columnName.get(card.columnId) ?? '',
    laneName: laneName.get(card.laneId) ?? '',
    description: card.description,
    labels: card.labels,
    demand: card.demand,
    blockedReason: card.blockedAt ? (card.blockedReason ?? '') : null,
    createdAt: card.createdAt,
    startedAt: card.startedAt,
    doneAt: card.doneAt,
    archivedAt: card.archivedAt,
    textClearedAt: card.textClearedAt,
    commentCount: card.commentCount,
  }));
}

/**
 * The board's whole card history in time order, for the history CSV. Members and viewers; no person named. On a
 * board that may hold client data each card the file names is logged as read ('export') before the rows are returned.
 */
export async function getHistoryForCsv(userId: string, boardId: string): Promise<HistoryCsvRow[]> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'board.history.read');
  const [columnName, events] = await Promise.all([
    getColumnNames(boardId),
    db.cardEvent.findMany({
      where: { boardId, type: WITHOUT_PEOPLE_EVENTS },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { cardId: true, type: true, at: true, fromColumnId: true, toColumnId: true, data: true, card: { select: { title: true } } },
    }),
  ]);
  await recordCardReadsIfSensitive(db, { boardId, readerId: userId, cardIds: events.map((event) => event.cardId), channel: 'export' });
  return events.map((event) => ({
    cardId: event.cardId,
    cardTitle: event.card.title,
    type: exportedType(event.type),
    at: event.at,
    fromColumnName: event.fromColumnId ? (columnName.get(event.fromColumnId) ?? null) : null,
    toColumnName: event.toColumnId ? (columnName.get(event.toColumnId) ?? null) : null,
    data: event.data,
  }));
}
