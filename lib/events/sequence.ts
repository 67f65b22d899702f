/**
 * Putting a board's events back into sequence order. Events reach an instance from several places — its own
 * commits, other instances' notifications, the log — not always in order. A board's sequence numbers have no gaps
 * (lib/events/log.ts), so a number that is skipped is an event that is missing, never one that does not exist:
 * the buffer holds what came early and says which numbers to fetch from the log.
 */

export type Arrival = 'next' | 'duplicate' | 'ahead';

/** Where an event with `seq` stands relative to the last one delivered. */
export function classifyArrival(lastSeq: number, seq: number): Arrival {
  if (seq <= lastSeq) return 'duplicate';
  return seq === lastSeq + 1 ? 'next' : 'ahead';
}

/** The numbers missing before the earliest held event, or null when nothing is held. */
export function findMissingRange(lastSeq: number, heldSeqs: Iterable<number>): { from: number; to: number } | null {
  let earliest = Number.POSITIVE_INFINITY;
  for (const seq of heldSeqs) if (seq > lastSeq && seq < earliest) earliest = seq;
  return Number.isFinite(earliest) ? { from: lastSeq + 1, to: earliest - 1 } : null;
}

/**
 * One board's ordering buffer. Invariants: `lastSeq` only grows; every item is returned by accept/skipTo at most
 * once, in strictly increasing, contiguous sequence order (except across skipTo, which jumps on purpose); an
 * item with a number already delivered or already held is dropped.
 */
export class SequenceBuffer<T> {
  private last: number;
  private readonly held = new Map<number, T>();

  constructor(lastSeq: number) {
    this.last = lastSeq;
  }

  get lastSeq(): number {
    return this.last;
  }

  get heldCount(): number {
    return this.held.size;
  }

  /** Takes one event; returns the events that are now deliverable, in order (none while a gap is open). */
  accept(seq: number, item: T): T[] {
    const arrival = classifyArrival(this.last, seq);
    if (arrival === 'duplicate') return [];
    if (arrival === 'ahead') {
      if (!this.held.has(seq)) this.held.set(seq, item);
      return [];
    }
    this.last = seq;
    return [item, ...this.drain()];
  }

  /** The first missing range, while events after a gap are held. */
  missing(): { from: number; to: number } | null {
    return findMissingRange(this.last, this.held.keys());
  }

  /**
   * Moves past `seq` without delivering what is before it (after a resync, or when the log no longer has the
   * missing events). Returns the held events that follow on from it.
   */
  skipTo(seq: number): T[] {
    if (seq <= this.last) return [];
    for (const held of this.held.keys()) if (held <= seq) this.held.delete(held);
    this.last = seq;
    return this.drain();
  }

  private drain(): T[] {
    const ready: T[] = [];
    for (let next = this.held.get(this.last + 1); next !== undefined; next = this.held.get(this.last + 1)) {
      this.held.delete(this.last + 1);
      this.last += 1;
      ready.push(next);
    }
    return ready;
  }
}
