import 'server-only';
import type { BoardLiveEvent } from '@/lib/board/types';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/db';

/** The PostgreSQL channel every Tillit instance listens on. */
export const BOARD_EVENTS_CHANNEL = 'tillit_board_events';

/**
 * Queues a live event inside the caller's transaction. PostgreSQL delivers NOTIFY only when the transaction
 * commits, so a refused or rolled-back change is never announced, and every instance hears every change.
 * Payloads stay far below PostgreSQL's 8000-byte limit: card views carry no description.
 */
export async function publishBoardEvent(tx: Tx, event: BoardLiveEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${BOARD_EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}

/**
 * The same notification as an SQL expression, for a write that queues it in the statement that makes the change
 * (one round trip fewer): `SELECT …, ${boardEventNotification(event)} FROM …`. Delivered on commit, like above.
 */
export function boardEventNotification(event: BoardLiveEvent): Prisma.Sql {
  return Prisma.sql`pg_notify(${BOARD_EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}
