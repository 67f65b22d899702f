import 'server-only';
import type { Tx } from '@/lib/db';
import { appendBoardEvent } from '@/lib/events/log';
import type { BoardChange, CommittedEvent } from '@/lib/events/types';

/**
 * Publishes a board change: appends it to the board's event log inside the caller's transaction, with the board's
 * next gap-free sequence number (lib/events/log.ts). Once the transaction commits, every instance's open browsers
 * hear it and every consumer receives it (lib/events/); a refused or rolled-back change is never heard. Call it
 * last in the transaction, after every other lock the change takes: it locks the board row until the commit.
 */
export async function publishBoardEvent(tx: Tx, event: BoardChange): Promise<CommittedEvent> {
  return appendBoardEvent(tx, event);
}
