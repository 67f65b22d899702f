import 'server-only';
import { mentionsConsumer } from '@/lib/comments/mentions-consumer';
import type { Tx } from '@/lib/db';
import { webhookConsumer } from '@/lib/webhooks/event-consumer';
import { awaitedDoneConsumer } from '@/lib/links/awaited-done-consumer';
import { liveConsumer } from './live-consumer';
import type { EventFilter } from './filters';
import type { BoardEventRecord } from './types';

/**
 * The consumers of board events (one event, many consumers). The dispatcher (dispatcher.ts) hands every committed
 * event to each of them, per board in sequence order, on one instance at a time (the leader).
 *
 * To add one: write it in your feature's folder as an `EventConsumer` and add it to EVENT_CONSUMERS below (one
 * import, one entry). See index.ts for the rules.
 */
export type DurableConsumer = {
  /** Stable, unique name: its cursors are stored under it (renaming it starts it afresh from new events). */
  name: string;
  kind: 'durable';
  /** Which events it wants; the others only move its cursor on. Pure and fast. */
  accepts: EventFilter;
  /**
   * Handles accepted events of ONE board, in sequence order, inside the dispatcher's transaction, which also moves
   * the consumer's cursor past them: write rows or enqueue jobs with `tx` (never call out to the network here),
   * and they happen exactly once together with the cursor. Throw to have the same events handed again later.
   */
  handle(tx: Tx, events: readonly BoardEventRecord[]): Promise<void>;
};

export type EphemeralConsumer = {
  name: string;
  kind: 'ephemeral';
  accepts: EventFilter;
  /** Handles accepted events of one board, in sequence order; nothing is stored, nothing is retried. */
  handle(events: readonly BoardEventRecord[]): void;
};

export type EventConsumer = DurableConsumer | EphemeralConsumer;

/** Every consumer, in the order the dispatcher serves them. */
export const EVENT_CONSUMERS: readonly EventConsumer[] = [
  // The live streams: every instance's browsers hear every event (lib/live/hub.ts); this consumer re-announces
  // the events that no instance announced (a writer died between its commit and its relay).
  liveConsumer,
  // Webhooks: queues signed deliveries of card events for the team's endpoints (lib/webhooks/).
  webhookConsumer,
  // Mentions: tells each person a comment mentions, in their own notifications (lib/comments/).
  mentionsConsumer,
  // Waiting for: when an awaited card reaches done, its waiting cards say so and their people are told (lib/links/).
  awaitedDoneConsumer,
];
