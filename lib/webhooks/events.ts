/**
 * Which webhook events a board event causes, and what their payloads say. Pure: the consumer
 * (lib/webhooks/consumer.ts) calls it for each committed board event and queues one delivery per subscribed
 * endpoint.
 *
 * Privacy: a payload carries ids and team-level facts (column, flow state, demand type, times, the case
 * reference) and never card text (title, description, block reason, comment text) or a person's name. A receiver
 * that needs the text reads the card through the API with a token, where the team's access rules and the read log
 * apply. Changes made through a team integration token name that integration (its name is the team's, not a
 * person's); changes made by people say only that a person made them.
 */
import type { BoardCardView, BoardLiveEvent } from '@/lib/board/types';

export const WEBHOOK_EVENT_TYPES = ['card.created', 'card.moved', 'card.blocked', 'card.unblocked', 'card.done', 'card.archived', 'comment.added'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Board facts the payload needs beyond the event: the team, the columns' names and flow states, references. */
export type BoardFacts = {
  teamId: string;
  columns: ReadonlyMap<string, { name: string; flowState: string }>;
  /** Who the event's actor is: a person, or a team integration (with its name). */
  actor: { kind: 'person' } | { kind: 'integration'; name: string };
  /** The card's case reference, when it has one. */
  reference: string | null;
};

export type WebhookCardFacts = {
  id: string;
  reference: string | null;
  columnId: string;
  columnName: string | null;
  flowState: string | null;
  demand: string;
  isBlocked: boolean;
  createdAt: string;
  startedAt: string | null;
  doneAt: string | null;
  version: number;
};

/** The `data` of a Standard Webhooks payload `{ type, timestamp, data }`. */
export type WebhookEventData = {
  boardId: string;
  teamId: string;
  card: WebhookCardFacts | { id: string; reference: string | null };
  fromColumnId?: string | null;
  commentId?: string;
  actor: BoardFacts['actor'];
};

export type WebhookEvent = { type: WebhookEventType; data: WebhookEventData };

function describeCard(card: BoardCardView, facts: BoardFacts): WebhookCardFacts {
  const column = facts.columns.get(card.columnId);
  return {
    id: card.id,
    reference: facts.reference,
    columnId: card.columnId,
    columnName: column?.name ?? null,
    flowState: column?.flowState ?? null,
    demand: card.demand,
    isBlocked: card.blockedAt !== null,
    createdAt: card.createdAt,
    startedAt: card.startedAt,
    doneAt: card.doneAt,
    version: card.version,
  };
}

/** The kind of board change an event is, for looking up the facts it needs (the card id, if any). */
export function getEventCardId(event: BoardLiveEvent): string | null {
  if (event.kind === 'card.upsert') return event.card.id;
  if (event.kind === 'card.remove') return event.cardId;
  const comment = event as { kind: string; cardId?: unknown };
  if (comment.kind === 'comment.added' && typeof comment.cardId === 'string') return comment.cardId;
  return null;
}

/**
 * The webhook events of one board event, in the order they are sent. A move into a done column is both
 * card.moved and card.done; an edit, a column change or presence causes none.
 */
export function toWebhookEvents(event: BoardLiveEvent, facts: BoardFacts): WebhookEvent[] {
  const base = { boardId: event.boardId, teamId: facts.teamId, actor: facts.actor };
  if (event.kind === 'card.upsert') {
    const card = describeCard(event.card, facts);
    switch (event.action) {
      case 'created':
        return [{ type: 'card.created', data: { ...base, card } }];
      case 'moved': {
        const moved: WebhookEvent = { type: 'card.moved', data: { ...base, card, fromColumnId: event.fromColumnId ?? null } };
        const hasReachedDone = event.card.doneAt !== null && event.card.doneAt === event.card.lastMovedAt && event.fromColumnId !== event.card.columnId;
        return hasReachedDone ? [moved, { type: 'card.done', data: { ...base, card, fromColumnId: event.fromColumnId ?? null } }] : [moved];
      }
      case 'blocked':
        return [{ type: 'card.blocked', data: { ...base, card } }];
      case 'unblocked':
        return [{ type: 'card.unblocked', data: { ...base, card } }];
      default:
        // A comment is a card change with the action 'commented' (lib/data/comments.ts); its text is not sent.
        return event.action === 'commented' ? [{ type: 'comment.added', data: { ...base, card, ...(event.commentId ? { commentId: event.commentId } : {}) } }] : [];
    }
  }
  if (event.kind === 'card.remove') return [{ type: 'card.archived', data: { ...base, card: { id: event.cardId, reference: facts.reference } } }];
  // A comment event of its own kind, should one be added, carries the comment's id.
  const comment = event as unknown as { kind: string; cardId?: unknown; commentId?: unknown };
  if (comment.kind === 'comment.added' && typeof comment.cardId === 'string' && typeof comment.commentId === 'string') {
    return [{ type: 'comment.added', data: { ...base, card: { id: comment.cardId, reference: facts.reference }, commentId: comment.commentId } }];
  }
  return [];
}

/** The JSON body of a delivery (Standard Webhooks: type, timestamp, data). */
export function toWebhookPayload(event: WebhookEvent, occurredAt: Date): { type: WebhookEventType; timestamp: string; data: WebhookEventData } {
  return { type: event.type, timestamp: occurredAt.toISOString(), data: event.data };
}
