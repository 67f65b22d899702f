import type { BoardCardView } from '@/lib/board/types';

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
};

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
  };
}
