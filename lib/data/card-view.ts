import type { BoardCardView } from '@/lib/board/types';
import { toCardPeople } from '@/lib/people/card-people';

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
  };
}
