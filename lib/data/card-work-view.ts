import type { ChecklistItemView, LinkedCardView } from '@/lib/board/types';
import { sortChecklist } from '@/lib/checklist/order';

const LINKED_CARD_SELECT = {
  id: true,
  boardId: true,
  title: true,
  reference: true,
  doneAt: true,
  archivedAt: true,
  board: { select: { name: true } },
  column: { select: { name: true } },
} as const;

/** What the card dialog shows of a card's checklist and "waiting for" links (with getCardDetail's select). */
export const CARD_DETAIL_WORK_SELECT = {
  checklistItems: { select: { id: true, text: true, isDone: true, position: true } },
  waitingLinks: { orderBy: { createdAt: 'asc' }, select: { id: true, awaitedCard: { select: LINKED_CARD_SELECT } } },
  awaitedLinks: { orderBy: { createdAt: 'asc' }, select: { id: true, waitingCard: { select: LINKED_CARD_SELECT } } },
} as const;

type LinkedCardRow = {
  id: string;
  boardId: string;
  title: string;
  reference: string | null;
  doneAt: Date | null;
  archivedAt: Date | null;
  board: { name: string };
  column: { name: string } | null;
};

type CardWorkRow = {
  checklistItems: ChecklistItemView[];
  waitingLinks: { id: string; awaitedCard: LinkedCardRow }[];
  awaitedLinks: { id: string; waitingCard: LinkedCardRow }[];
};

/** The other card of a link as the dialog shows it; a removed card (or one on an archived board) reads as archived. */
export function toLinkedCardView(linkId: string, card: LinkedCardRow & { board: { name: string; archivedAt?: Date | null } }): LinkedCardView {
  return {
    linkId,
    cardId: card.id,
    boardId: card.boardId,
    boardName: card.board.name,
    columnName: card.column?.name ?? null,
    title: card.title,
    reference: card.reference,
    isDone: card.doneAt !== null,
    isArchived: card.archivedAt !== null || (card.board.archivedAt ?? null) !== null,
  };
}

export function toCardWorkView(row: CardWorkRow): { checklistItems: ChecklistItemView[]; links: { waitingFor: LinkedCardView[]; awaitedBy: LinkedCardView[] } } {
  return {
    checklistItems: sortChecklist(row.checklistItems),
    links: {
      waitingFor: row.waitingLinks.map((link) => toLinkedCardView(link.id, link.awaitedCard)),
      awaitedBy: row.awaitedLinks.map((link) => toLinkedCardView(link.id, link.waitingCard)),
    },
  };
}
