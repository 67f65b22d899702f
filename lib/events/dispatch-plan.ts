/**
 * The dispatcher's decisions, as pure functions (dispatcher.ts does the I/O): where a consumer starts on a board,
 * and whether its next events can be passed over from memory or must be read from the log.
 */

/** What the dispatcher knows of one event it heard on the bus. */
export type KnownEvent = { payload: string | null };

export type ConsumerWork =
  | { kind: 'caught-up' }
  /** Every event up to `toSeq` is known and none concerns the consumer: move its cursor without reading. */
  | { kind: 'pass-over'; toSeq: number }
  /** Read the log after `afterSeq`: some event there concerns the consumer, or is not known here. */
  | { kind: 'read'; afterSeq: number };

/**
 * The next step for a consumer at `cursor` on a board whose latest event is `headSeq`. `concerns` says whether a
 * known event needs the consumer's attention (a durable consumer: it accepts the event; the live consumer: never,
 * since a known event was announced). Unknown events (not heard, or heard id-only) always need a read.
 */
export function planConsumerWork(input: {
  cursor: number;
  headSeq: number;
  known: ReadonlyMap<number, KnownEvent>;
  concerns: (event: KnownEvent & { payload: string }) => boolean;
}): ConsumerWork {
  const { cursor, headSeq, known, concerns } = input;
  if (cursor >= headSeq) return { kind: 'caught-up' };
  for (let seq = cursor + 1; seq <= headSeq; seq += 1) {
    const event = known.get(seq);
    if (!event || event.payload === null || concerns(event as KnownEvent & { payload: string })) {
      return seq === cursor + 1 ? { kind: 'read', afterSeq: cursor } : { kind: 'pass-over', toSeq: seq - 1 };
    }
  }
  return { kind: 'pass-over', toSeq: headSeq };
}

/**
 * Where a durable consumer starts on a board: its stored cursor; without one, after the board's last event written
 * before the consumer was first registered (a new consumer does not replay history).
 */
export function initialDurableCursor(input: { storedSeq: number | null; lastSeqBeforeRegistration: number }): number {
  return input.storedSeq ?? input.lastSeqBeforeRegistration;
}

/**
 * Where the live consumer starts on a board: at the head it had when this dispatcher became leader (what was
 * before is history), or at 0 for a board it did not know then (created since: nothing of it was announced yet
 * unless the bus says so).
 */
export function initialLiveCursor(headAtLeadershipStart: number | undefined): number {
  return headAtLeadershipStart ?? 0;
}

/** Retry delay after a consumer's `attempt`-th consecutive failure on a board: 1 s doubling, at most a minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}
