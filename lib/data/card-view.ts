import type { BoardCardView } from '@/lib/board/types';
import { toCardPeople } from '@/lib/people/card-people';
import { summarizeChecklist } from '@/lib/checklist/order';
import { summarizeWaiting } from '@/lib/links/waiting';

type CardRow = {
  id: string;
  columnId: string;
  laneId: string;
  title: string;
  position: number;
  demand: BoardCardView['demand'];
  labels: string[];
  blockedReason: string | null;
  blockedAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  doneAt: Date | null;
  lastMovedAt: Date;
  version: number;
  commentCount: number;
  /** Who is on the card (CardPerson rows with the person's name); see CARD_PEOPLE_SELECT. */
  people: { userId: string; user: { name: string } }[];
  checklistItems: { isDone: boolean }[];
  waitingLinks: { awaitedCard: { doneAt: Date | null; archivedAt: Date | null } }[];
};

/** The people on a card as CARD_VIEW_SELECT reads them (lib/data/card-people.ts). */
export const CARD_PEOPLE_SELECT = { select: { userId: true, user: { select: { name: true } } } } as const;

export const CARD_VIEW_SELECT = {
  id: true,
  columnId: true,
  laneId: true,
  title: true,
  position: true,
  demand: true,
  labels: true,
  blockedReason: true,
  blockedAt: true,
  createdAt: true,
  startedAt: true,
  doneAt: true,
  lastMovedAt: true,
  version: true,
  commentCount: true,
  people: CARD_PEOPLE_SELECT,
  checklistItems: { select: { isDone: true } },
  waitingLinks: { select: { awaitedCard: { select: { doneAt: true, archivedAt: true } } } },
} as const;

export function toCardView(card: CardRow): BoardCardView {
  return {
    id: card.id,
    columnId: card.columnId,
    laneId: card.laneId,
    title: card.title,
    position: card.position,
    demand: card.demand,
    labels: card.labels,
    blockedReason: card.blockedReason,
    blockedAt: card.blockedAt?.toISOString() ?? null,
    createdAt: card.createdAt.toISOString(),
    startedAt: card.startedAt?.toISOString() ?? null,
    doneAt: card.doneAt?.toISOString() ?? null,
    lastMovedAt: card.lastMovedAt.toISOString(),
    version: card.version,
    commentCount: card.commentCount,
    people: toCardPeople(card.people.map((person) => ({ userId: person.userId, name: person.user.name }))),
    checklist: summarizeChecklist(card.checklistItems),
    waitingFor: summarizeWaiting(card.waitingLinks.map((link) => link.awaitedCard)),
  };
}

/**
 * The board load's SQL form of a card (lib/data/boards.ts BOARD_LOAD): the same fields as CARD_VIEW_SELECT, in
 * this order, as one JSON array per card (alias `card`). A field added to the card view goes in all three —
 * CARD_VIEW_SELECT / toCardView, these columns and cardViewFromSqlRow — and lib/data/board-load.test.ts fails
 * until the board load gives the same cards as the Prisma read.
 */
export const CARD_VIEW_SQL_COLUMNS = `card.id, card."columnId", card."laneId", card.title, card.position, card.demand, card.labels, card."blockedReason",
  card."blockedAt", card."createdAt", card."startedAt", card."doneAt", card."lastMovedAt", card.version, card."commentCount",
  (SELECT COALESCE(json_agg(json_build_array(cp."userId", cpu.name)), '[]') FROM "CardPerson" cp JOIN "User" cpu ON cpu.id = cp."userId" WHERE cp."cardId" = card.id),
  (SELECT json_build_array(count(*) FILTER (WHERE ci."isDone"), count(*)) FROM "ChecklistItem" ci WHERE ci."cardId" = card.id),
  (SELECT json_build_array(count(*) FILTER (WHERE ac."doneAt" IS NOT NULL OR ac."archivedAt" IS NOT NULL), count(*))
     FROM "CardLink" cl JOIN "Card" ac ON ac.id = cl."awaitedCardId" WHERE cl."waitingCardId" = card.id)`;

export type CardSqlRow = [
  id: string,
  columnId: string,
  laneId: string,
  title: string,
  position: number,
  demand: BoardCardView['demand'],
  labels: string[],
  blockedReason: string | null,
  blockedAt: string | null,
  createdAt: string,
  startedAt: string | null,
  doneAt: string | null,
  lastMovedAt: string,
  version: number,
  commentCount: number,
  /** [userId, name] of each person on the card (CARD_PEOPLE_SELECT). */
  people: [string, string][],
  /** [done, total] of the checklist, and of the cards it waits for. */
  checklist: [number, number],
  waitingFor: [number, number],
];

/** A card of the board load (CARD_VIEW_SQL_COLUMNS); `iso` turns a JSON timestamp into an ISO string. */
export function cardViewFromSqlRow(row: CardSqlRow, iso: (value: string | null) => string | null): BoardCardView {
  const [id, columnId, laneId, title, position, demand, labels, blockedReason, blockedAt, createdAt, startedAt, doneAt, lastMovedAt, version, commentCount, people, checklist, waitingFor] = row;
  const counts = ([done, total]: [number, number]) => (total > 0 ? { done, total } : null);
  return {
    id,
    columnId,
    laneId,
    title,
    position,
    demand,
    labels,
    blockedReason,
    blockedAt: iso(blockedAt),
    createdAt: iso(createdAt) as string,
    startedAt: iso(startedAt),
    doneAt: iso(doneAt),
    lastMovedAt: iso(lastMovedAt) as string,
    version,
    commentCount,
    people: toCardPeople(people.map(([userId, name]) => ({ userId, name }))),
    checklist: counts(checklist),
    waitingFor: counts(waitingFor),
  };
}
