/**
 * Admission control for opening streams: at most `limit` openings touch the database at once, the rest wait in
 * order. A reconnect storm (a deploy, a building's network coming back: thousands of browsers at once) then queues
 * here, briefly, instead of taking every pooled connection from the people moving cards meanwhile. Pure (no I/O).
 */
export class Admission {
  private active = 0;
  private readonly waiting: { start: () => void; signal?: AbortSignal }[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = 100_000,
  ) {}

  get activeCount(): number {
    return this.active;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /**
   * Runs `work` when a place is free. Rejects with `QueueFullError` when too many wait already, and with the
   * signal's reason when the caller gave up (the browser went away) before its turn, without running `work`.
   */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFullError();
      await new Promise<void>((resolve) => this.waiting.push({ start: resolve, signal }));
    } else {
      this.active += 1;
    }
    try {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      return await work();
    } finally {
      this.release();
    }
  }

  private release() {
    // Hand the place straight to the next caller still waiting (one that gave up is skipped when it starts).
    const next = this.waiting.shift();
    if (next) next.start();
    else this.active -= 1;
  }
}

export class QueueFullError extends Error {
  constructor() {
    super('too many stream openings are waiting');
    this.name = 'QueueFullError';
  }
}
