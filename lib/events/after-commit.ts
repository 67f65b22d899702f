import 'server-only';
import { describeErrorForLog } from '@/lib/api/error-log';
import { log } from '@/lib/log';
import { getEventBus } from './bus';
import type { CommittedEvent } from './types';

/**
 * Announcing events after their transaction commits, never inside it. PostgreSQL serialises every notifying
 * commit on the server behind one lock held until the commit is durable (async.c, PreCommit_Notify), so a NOTIFY
 * inside a user's transaction would make all of them queue behind each other's disk flushes. Instead the log row
 * is written in the transaction, and once it commits the event goes to this instance's bus, which delivers it
 * locally at once and relays it to the other instances (lib/events/bus-postgres.ts).
 *
 * Prisma transactions get this without any change at the call site: getDb()'s `$transaction` is wrapped
 * (`withAfterCommitAnnouncements`), and `appendBoardEvent` records its event on the transaction object. Code on the
 * plain pool (moveCard) calls `announceCommitted` after its COMMIT. Should an announcement be lost (the process
 * dies between commit and relay), nothing is lost: receivers see the gap in the sequence numbers and read the log,
 * and the dispatcher's live consumer re-announces what nobody announced (lib/events/dispatcher.ts).
 */

type Recorded = { events: CommittedEvent[]; notified: CommittedEvent[] };
const recordedByTransaction = new WeakMap<object, Recorded>();

/** Remembers an event appended in transaction `tx` until the transaction commits. */
export function recordForAfterCommit(tx: object, event: CommittedEvent, options: { isNotified: boolean }): void {
  let recorded = recordedByTransaction.get(tx);
  if (!recorded) {
    recorded = { events: [], notified: [] };
    recordedByTransaction.set(tx, recorded);
  }
  (options.isNotified ? recorded.notified : recorded.events).push(event);
}

/** Hands committed events to the bus. Never throws: the log already holds them. */
export function announceCommitted(events: readonly CommittedEvent[], options: { isNotified?: boolean } = {}): void {
  if (events.length === 0) return;
  try {
    getEventBus().publishCommitted(events, options);
  } catch (error) {
    log.warn({ err: describeErrorForLog(error) }, 'events: announcing committed events failed; receivers will repair from the log');
  }
}

type TransactionalClient = { $transaction: (...args: never[]) => unknown };

/**
 * Wraps a Prisma client's interactive `$transaction` so that the events appended inside it are announced once it
 * has committed (and dropped when it rolls back). Batch transactions (an array) are passed through unchanged.
 */
export function withAfterCommitAnnouncements<C extends TransactionalClient>(client: C): C {
  const original = (client.$transaction as (...args: unknown[]) => Promise<unknown>).bind(client);
  const wrapped = (arg: unknown, options?: unknown) => {
    if (typeof arg !== 'function') return original(arg, options);
    let recorded: Recorded | undefined;
    return original(async (tx: object) => {
      const result = await (arg as (tx: object) => Promise<unknown>)(tx);
      recorded = recordedByTransaction.get(tx);
      return result;
    }, options).then((result) => {
      if (recorded) {
        announceCommitted(recorded.events);
        announceCommitted(recorded.notified, { isNotified: true });
      }
      return result;
    });
  };
  Object.defineProperty(client, '$transaction', { value: wrapped, configurable: true, writable: true });
  return client;
}
