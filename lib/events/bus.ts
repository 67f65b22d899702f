import 'server-only';
import { PostgresEventBus } from './bus-postgres';
import type { CommittedEvent, WireEvent } from './types';

/**
 * The bus carries committed events and presence between the instances of one Tillit deployment. It is an adapter:
 * today PostgreSQL LISTEN/NOTIFY (bus-postgres.ts), which needs nothing but the database. For a region that
 * outgrows it (docs/scaling.md), a NATS JetStream or Redis Streams adapter implements this same interface; the
 * event log (the source of truth, sequence numbers, resume) stays in PostgreSQL, so nothing else changes.
 *
 * Guarantees an adapter must give: events published on an instance reach its own listeners at once (in the next
 * tick, batched) and the other instances' listeners soon after; order and completeness are NOT required (sequence
 * numbers and the log repair both), duplicates are allowed. `onLoss` must be called when events may have been
 * missed (a dropped connection), and `onReady` once the bus delivers again.
 */
export type BusListener = {
  /** Committed events, in arrival order; a null payload means "read this one from the log". */
  onEvents(events: readonly WireEvent[]): void;
  /** A presence message of lib/live/presence.ts, as sent. */
  onPresence?(text: string): void;
  /** Events may have been missed since now. */
  onLoss?(): void;
  /** The bus delivers again (after a loss, or the first time). */
  onReady?(): void;
};

export interface EventBus {
  readonly instanceId: string;
  /**
   * Announces committed events: to this instance's listeners at once, and to the other instances. With
   * `isNotified` the other instances were already told (the event's transaction notified itself).
   */
  publishCommitted(events: readonly CommittedEvent[], options?: { isNotified?: boolean }): void;
  /** Sends a presence message to every instance (this one included). Best effort. */
  publishPresence(text: string): void;
  subscribe(listener: BusListener): () => void;
  /** Resolves once the bus delivers (connecting first if needed); rejects when it cannot now. */
  ready(): Promise<void>;
  readonly isConnected: boolean;
}

const globalForBus = globalThis as unknown as { tillitEventBus?: EventBus };

/**
 * This process's bus (one per process, shared by both copies of lib/ in the production server). A new adapter is
 * chosen here (e.g. by a TILLIT_EVENT_BUS setting) and nowhere else.
 */
export function getEventBus(): EventBus {
  globalForBus.tillitEventBus ??= new PostgresEventBus();
  return globalForBus.tillitEventBus;
}
