/**
 * The event core's types (see index.ts for how to consume events). Plain data, shared by the log, the bus, the
 * dispatcher and the live hub; nothing here touches a database.
 */
import type { BoardLiveEvent } from '@/lib/board/types';

/** A change on a board, as written to its event log: every live event except presence, which is no change. */
export type BoardChange = Exclude<BoardLiveEvent, { kind: 'presence' }>;

export type BoardChangeKind = BoardChange['kind'];

/**
 * A committed event as it travels: its board, its gap-free per-board sequence number (1, 2, 3… in commit order)
 * and its JSON text, serialised once when the change was written and never again.
 */
export type CommittedEvent = { boardId: string; seq: number; payload: string };

/**
 * An event as a notification carries it: `payload` is null when the event was too large for a notification
 * (the id-only fallback) and must be read from the log.
 */
export type WireEvent = { boardId: string; seq: number; payload: string | null };

/**
 * An event as consumers receive it: parsed, with its JSON text and the time it was written. `isAnnounced` says
 * whether the bus carried it to the dispatcher's instance (false: it was found only in the log).
 */
export type BoardEventRecord = { boardId: string; seq: number; at: Date; event: BoardChange; payload: string; isAnnounced: boolean };
