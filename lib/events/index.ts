/**
 * The event core — one event, many consumers.
 *
 * Every change of a board is ONE typed event (a `BoardLiveEvent` variant, lib/board/types.ts) appended to the
 * board's event log (table OutboxEvent) in the change's own transaction, with the board's next gap-free sequence
 * number. From there the live streams, webhooks and notifications all consume the same event.
 *
 * ── Producing an event (every board write) ─────────────────────────────────────────────────────────────────────
 *   await publishBoardEvent(tx, { kind: 'card.upsert', boardId, card, actorId, actorName, action: 'moved' });
 * - Call it inside the change's transaction (getDb().$transaction), LAST, after every other lock the change takes:
 *   it locks the board row until commit (lock order column → lane → card → board; several boards in id order).
 * - Never publish from outside the change's transaction, and never call pg_notify yourself: the event is announced
 *   to every instance after commit (after-commit.ts); a rolled-back change is never heard and leaves no gap.
 * - A new kind of change adds a variant to BoardLiveEvent with `kind`, `boardId` and what browsers need (keep it
 *   small: no card descriptions). Browsers receive it as is; old clients ignore kinds they do not know.
 * - Raw SQL on the plain pool (moveCard) uses outboxCtes() in its write statement and announceCommitted() after
 *   COMMIT (lib/data/cards.ts shows how).
 *
 * ── Consuming events (webhooks, notifications, …) ──────────────────────────────────────────────────────────────
 * Write the consumer in your feature's folder and add it to EVENT_CONSUMERS in consumers.ts (one import, one line):
 *
 *   export const awaitedCardDoneConsumer: DurableConsumer = {
 *     name: 'notifications.awaited-done',          // stable: its cursors are stored under this name
 *     kind: 'durable',
 *     accepts: acceptCardActions('moved'),         // pure filter (filters.ts); other events only move its cursor
 *     async handle(tx, events) {                   // one board's events, in sequence order
 *       for (const { boardId, seq, at, event } of events) {
 *         // Decide with a pure function of the event (tested beside it), then write rows / enqueue jobs with tx.
 *       }
 *     },
 *   };
 *
 * What the dispatcher (dispatcher.ts) guarantees: one leader per database hands each committed event to each
 * consumer in per-board sequence order; `handle` runs in a transaction that also moves the consumer's cursor, so
 * the rows you write with `tx` happen exactly once; if `handle` throws, nothing of it is kept and the same events
 * come again later (backoff 1 s … 60 s; other boards and consumers go on). A new consumer receives the events
 * written from its first registration on, never older history. Events are typically handled within
 * milliseconds of the commit (the leader hears them on the bus), at worst within the sweep interval (2 s).
 * Rules: never call the network or wait for anything slow inside `handle` (enqueue a job instead); make `handle`
 * deterministic for the same events; catch and record yourself what you can never process (a throw retries
 * forever). Events carry ids and names, not descriptions: read what else you need with `tx`.
 *
 * Testing a consumer: test its pure decision beside it; for the wiring, construct `new EventDispatcher([yours],
 * { lockKey: 'test-…' })` in a database test (event-log.test.ts does).
 *
 * ── Live streams ───────────────────────────────────────────────────────────────────────────────────────────────
 * lib/live/ turns the events into each board's Server-Sent Events stream (`id:` = sequence number, resumable with
 * Last-Event-ID); the live consumer (live-consumer.ts) makes sure every event reaches every instance.
 */
export { acceptAll, acceptCardActions, acceptKinds, acceptPeoplesChanges, type EventFilter } from './filters';
export type { BoardChange, BoardChangeKind, BoardEventRecord, CommittedEvent } from './types';
