/**
 * What the board UI, the live stream and the JSON API exchange. Plain data (ISO date strings), safe for the
 * browser. No per-person fields beyond names shown in history.
 */
import type { FlowState } from '@/lib/domain/flow-states';
import type { ClassOfService } from '@/lib/domain/lanes';
import type { TeamRole } from '@/lib/domain/permissions';
import type { WipMode } from '@/lib/domain/wip';

export type DemandType = 'UNKNOWN' | 'VALUE' | 'FAILURE';
export const DEMAND_TYPES = ['UNKNOWN', 'VALUE', 'FAILURE'] as const satisfies readonly DemandType[];

export type BoardColumnView = {
  id: string;
  name: string;
  position: number;
  wipLimit: number | null;
  wipMode: WipMode;
  policy: string;
  flowState: FlowState;
};

/** A swimlane: a row across all columns (lib/domain/lanes.ts). Its WIP limit counts its in-progress columns. */
export type BoardLaneView = {
  id: string;
  name: string;
  position: number;
  classOfService: ClassOfService;
  wipLimit: number | null;
  wipMode: WipMode;
  policy: string;
};

export type BoardCardView = {
  id: string;
  columnId: string;
  /** The lane the card is in; with columnId it names the card's cell. */
  laneId: string;
  title: string;
  position: number;
  demand: DemandType;
  /** The team's labels on the card, in order (lib/board/labels.ts). */
  labels: string[];
  blockedReason: string | null;
  blockedAt: string | null;
  createdAt: string;
  startedAt: string | null;
  doneAt: string | null;
  lastMovedAt: string;
  version: number;
  /** How many comments the card has (lib/data/comments.ts). */
  commentCount: number;
  /**
   * Who is on the card: people who put themselves on it ("Jag tar det"; lib/data/card-people.ts), by name.
   * Coordination, not measurement: no time or count per person travels with it.
   */
  people: CardPersonView[];
  /** The card's checklist progress ("3/5"); null when it has no checklist (lib/checklist/order.ts). */
  checklist: { done: number; total: number } | null;
  /**
   * The cards this card waits for ("Väntar på"): how many, and how many of them are done (or archived). Null when
   * it waits for none; `done === total` means it is free to go on (lib/data/card-links.ts).
   */
  waitingFor: { done: number; total: number } | null;
};

/** A person on a card, as the board shows them (initials from lib/people/card-people.ts). */
export type CardPersonView = { userId: string; name: string; initials: string };

export type BoardView = {
  id: string;
  name: string;
  team: { id: string; name: string };
  role: TeamRole;
  /** When the team archived the board (ISO), or null: an archived board is read-only for everyone. */
  archivedAt: string | null;
  columns: BoardColumnView[];
  /** Every board has at least one lane; in position order (the board draws them with orderLanesForDisplay). */
  lanes: BoardLaneView[];
  cards: BoardCardView[];
  /** The team's 85th-percentile cycle time in calendar days, when there is enough history; for ageing marks. */
  cycleTimeP85Days: number | null;
  /**
   * The board's event sequence number when this view was read (Board.eventSeq, read before the cards): the live
   * stream resumes after it, so no change made since is missed and none needs a refetch.
   */
  eventSeq: number;
  /** "Kan innehålla klientuppgifter": every read of a card's content is logged (lib/data/read-log.ts). */
  holdsClientData: boolean;
};

export type CardDetailView = BoardCardView & {
  description: string;
  history: CardHistoryEntry[];
  /** The checklist's items in order. */
  checklistItems: ChecklistItemView[];
  /** The cards this card waits for, and the cards that wait for it (same team, any board). */
  links: { waitingFor: LinkedCardView[]; awaitedBy: LinkedCardView[] };
};

export type ChecklistItemView = { id: string; text: string; isDone: boolean; position: number };

/**
 * The other card of a "waiting for" link, and where it is. `isArchived` when the card was removed or its board
 * archived: the link stays readable ("(arkiverat)").
 */
export type LinkedCardView = {
  linkId: string;
  cardId: string;
  boardId: string;
  boardName: string;
  columnName: string | null;
  title: string;
  reference: string | null;
  isDone: boolean;
  isArchived: boolean;
};

export type CardHistoryEntry = {
  id: string;
  type: 'CREATED' | 'MOVED' | 'EDITED' | 'BLOCKED' | 'UNBLOCKED' | 'ARCHIVED' | 'COMMENTED' | 'COMMENT_EDITED' | 'COMMENT_DELETED' | 'PERSON_JOINED' | 'PERSON_LEFT' | 'CHECKLIST' | 'LINK';
  at: string;
  actorName: string | null;
  fromColumnName: string | null;
  toColumnName: string | null;
  /** Set on a move between lanes (both null otherwise, and on a board with one lane). */
  fromLaneName?: string | null;
  toLaneName?: string | null;
  data: Record<string, unknown> | null;
};

/** A change on a board as sent to every open browser on it (SSE). */
export type BoardLiveEvent =
  | { kind: 'card.upsert'; boardId: string; card: BoardCardView; actorId: string; actorName: string; action: CardLiveAction; fromColumnId?: string | null; fromLaneId?: string | null; commentId?: string }
  | { kind: 'card.remove'; boardId: string; cardId: string; actorId: string; actorName: string; title: string }
  | { kind: 'board.changed'; boardId: string; actorId: string; actorName: string }
  /**
   * Someone's membership of the board's team changed (role is the new one, null when removed or the account was
   * deleted), or their sessions ended (`reason: 'session-ended'`, role unchanged: signed out everywhere). Written by
   * database triggers (prisma/migrations/…_event_log). Only that person's own streams receive it: they are closed
   * at once on every instance (lib/live/board-stream.ts).
   */
  | { kind: 'access.changed'; boardId: string; userId: string; role: TeamRole | null; reason?: 'session-ended' }
  /** Who is looking at the board: at most a few named viewers, and `total` (when sent) counts all of them. */
  | { kind: 'presence'; boardId: string; viewers: { id: string; name: string }[]; total?: number };

/** The live events a board's page shows as colleagues' activity (presence and access changes are handled apart). */
export type BoardActivityEvent = Exclude<BoardLiveEvent, { kind: 'presence' | 'access.changed' }>;

/**
 * What a board's event stream sends: its events (each with the SSE `id:` of its sequence number) and `resync`,
 * which asks the browser to refetch the whole board because the events it missed can no longer be replayed.
 */
export type BoardStreamMessage = BoardLiveEvent | { kind: 'resync'; boardId: string };

/** `joined` / `left`: a person put themselves on the card or took themselves off (the actor is that person). */
/** The comment actions carry the comment's id (`commentId`, lib/data/comments.ts); the card's commentCount moves with them. */
export type CardLiveAction = 'created' | 'edited' | 'moved' | 'blocked' | 'unblocked' | 'commented' | 'comment-edited' | 'comment-deleted' | 'joined' | 'left' | ChecklistAction | LinkAction;

/** A change of a card's checklist (card.upsert with the card's new progress; history type CHECKLIST). */
export type ChecklistAction = 'checklist.added' | 'checklist.checked' | 'checklist.unchecked' | 'checklist.renamed' | 'checklist.moved' | 'checklist.removed';

/**
 * A change of a card's "waiting for" links: linked/unlinked on both cards; 'link.awaited-done' on a waiting card
 * when a card it waits for reaches done (lib/links/awaited-done.ts).
 */
export type LinkAction = 'link.added' | 'link.removed' | 'link.awaited-done';
