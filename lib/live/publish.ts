import 'server-only';
import type { BoardLiveEvent } from '@/lib/board/types';
import type { Tx } from '@/lib/db';

/** The PostgreSQL channel every Tillit instance listens on. */
export const BOARD_EVENTS_CHANNEL = 'tillit_board_events';

/**
 * Queues a live event inside the caller's transaction. PostgreSQL delivers NOTIFY only when the transaction
 * commits, so a refused or rolled-back change is never announced, and every instance hears every change.
 * Payloads stay far below PostgreSQL's 8000-byte limit: card views carry no description.
 */
export async function publishBoardEvent(tx: Tx, event: BoardLiveEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${BOARD_EVENTS_CHANNEL}, ${boardEventPayload(event)})`;
}

/** The notification payload of an event, for a statement that calls `pg_notify(channel, payload)` itself. */
export function boardEventPayload(event: BoardLiveEvent): string {
  return JSON.stringify(event);
}
