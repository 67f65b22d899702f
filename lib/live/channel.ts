import type { TeamRole } from '@/lib/domain/permissions';
import { isCompleteReplay, MAX_REPLAY_EVENTS } from '@/lib/events/resume';
import { SequenceBuffer } from '@/lib/events/sequence';
import type { WireEvent } from '@/lib/events/types';
import { buildEventFrame, buildResyncFrame, FrameWindow, type Frame } from './frames';

/** One open browser's stream, as a board channel writes to it (lib/live/board-stream.ts implements it). */
export interface StreamTarget {
  readonly userId: string;
  /** The highest sequence number this stream has been given (or passed over). */
  lastSeq: number;
  /** While true the channel leaves the stream alone: it is being caught up from the window or the log. */
  isCatchingUp: boolean;
  /** Writes bytes; the stream closes itself when the browser is gone or too slow. */
  write(bytes: Buffer): void;
  /** The person's membership of the board's team changed: tell the browser and close. */
  endForAccessChange(role: TeamRole | null, frame: Buffer): void;
  /** Ends the stream (the browser reconnects and resumes). */
  close(): void;
}

export type LogReader = (boardId: string, afterSeq: number, limit: number, upToSeq?: number) => Promise<{ seq: number; payload: string }[]>;

export type ChannelOptions = {
  readLog: LogReader;
  /** Told how the window's size changed, and for each frame added (the hub keeps the memory budget). */
  onWindowChange?: (channel: BoardChannel, deltaBytes: number, framesAdded: number) => void;
  /** How long a gap may stay open before the log is read (an event in flight from another instance closes it). */
  gapWaitMs?: number;
  /** Errors while reading the log, for the log. */
  onError?: (error: Error) => void;
};

const GAP_WAIT_MS = 100;
const REPAIR_ATTEMPTS = 4;

/**
 * One board's live channel on this instance: every event of the board reaches every stream on it once, in
 * sequence order, with no gap. Events come from the bus in any order (and some id-only); the channel orders them
 * (SequenceBuffer), reads missing or id-only ones from the log, keeps a window of recent frames for resuming
 * streams, and catches new streams up from their position — from the window when it reaches back far enough,
 * else from the log (one read for all the streams that resume on the board at once).
 *
 * Invariants: a stream receives frames in strictly increasing sequence order and none twice; a stream that is
 * not catching up has every frame up to the channel's last one; frames for a membership change reach only the
 * person it concerns.
 */
export class BoardChannel {
  readonly streams = new Set<StreamTarget>();
  readonly window = new FrameWindow();
  /** The presence frame last sent on this board, for streams that open later. */
  presenceFrame: Buffer | null = null;
  isDisposed = false;
  private order: SequenceBuffer<Frame> | null = null;
  private early: WireEvent[] = [];
  /** The highest sequence number known to exist (heard id-only, or held after a gap). */
  private knownHead = 0;
  private repairTimer: ReturnType<typeof setTimeout> | null = null;
  private repairAttempts = 0;
  private isRepairing = false;
  private loading: { afterSeq: number; done: Promise<boolean> } | null = null;

  constructor(
    readonly boardId: string,
    private readonly options: ChannelOptions,
  ) {}

  /** The sequence number of the last event delivered, or null before the board's head is known. */
  get lastSeq(): number | null {
    return this.order?.lastSeq ?? null;
  }

  /**
   * Sets where the board stands (its head, read from the database after this channel began listening), once.
   * Events heard before then that are newer are delivered in order; older ones are in the log.
   */
  initialize(headSeq: number): void {
    if (this.order) return;
    this.order = new SequenceBuffer<Frame>(headSeq);
    this.knownHead = Math.max(this.knownHead, headSeq);
    const early = this.early;
    this.early = [];
    this.receive(early);
  }

  /** Events from the bus for this board, in any order. */
  receive(events: readonly WireEvent[]): void {
    if (this.isDisposed) return;
    if (!this.order) {
      this.early.push(...events);
      return;
    }
    const ready: Frame[] = [];
    let needsRead = false;
    for (const event of events) {
      if (event.seq <= this.order.lastSeq) continue;
      if (event.payload === null) {
        // Too large for a notification: read from the log.
        this.knownHead = Math.max(this.knownHead, event.seq);
        needsRead = true;
        continue;
      }
      ready.push(...this.order.accept(event.seq, buildEventFrame(event.seq, event.payload)));
    }
    if (ready.length > 0) this.deliver(ready);
    if (needsRead) this.scheduleRepair(0);
    else if (this.order.heldCount > 0 || this.knownHead > this.order.lastSeq) this.scheduleRepair(this.options.gapWaitMs ?? GAP_WAIT_MS);
    else this.repairAttempts = 0;
  }

  /**
   * Adds a stream at position `afterSeq` (the last event its browser has) and catches it up. Resolves 'live' when
   * it has everything up to now and receives what follows, 'resync' when its missed events can no longer be
   * replayed (it then stays on the channel from the current position on).
   */
  async attach(stream: StreamTarget, afterSeq: number): Promise<'live' | 'resync'> {
    stream.isCatchingUp = true;
    stream.lastSeq = afterSeq;
    this.streams.add(stream);
    for (let attempt = 0; attempt < 3 && !this.isDisposed; attempt += 1) {
      const lastSeq = this.lastSeq ?? afterSeq;
      const frames = this.window.since(stream.lastSeq, lastSeq);
      if (frames) {
        this.writeCatchUp(stream, frames);
        stream.isCatchingUp = false;
        return 'live';
      }
      if (lastSeq - stream.lastSeq > MAX_REPLAY_EVENTS || !(await this.load(stream.lastSeq))) break;
    }
    // Resync: the browser refetches the board; it goes on from the channel's current position.
    const head = this.lastSeq ?? afterSeq;
    stream.write(buildResyncFrame(this.boardId, head));
    stream.lastSeq = head;
    stream.isCatchingUp = false;
    return 'resync';
  }

  detach(stream: StreamTarget): void {
    this.streams.delete(stream);
  }

  dispose(): void {
    this.isDisposed = true;
    if (this.repairTimer) clearTimeout(this.repairTimer);
    this.repairTimer = null;
    this.streams.clear();
    this.clearWindow();
  }

  private clearWindow() {
    const bytes = this.window.bytes;
    this.window.clear();
    if (bytes > 0) this.options.onWindowChange?.(this, -bytes, 0);
  }

  private writeCatchUp(stream: StreamTarget, frames: readonly Frame[]) {
    const plain: Buffer[] = [];
    for (const frame of frames) {
      if (frame.seq <= stream.lastSeq) continue;
      if (frame.access) {
        if (plain.length > 0) stream.write(Buffer.concat(plain.splice(0)));
        stream.lastSeq = frame.seq;
        if (frame.access.userId === stream.userId) {
          stream.endForAccessChange(frame.access.role, frame.bytes);
          return;
        }
        continue;
      }
      plain.push(frame.bytes);
      stream.lastSeq = frame.seq;
    }
    if (plain.length > 0) stream.write(plain.length === 1 ? (plain[0] as Buffer) : Buffer.concat(plain));
  }

  /** Hands frames that are now in order to every stream (one write per stream for a run of frames). */
  private deliver(frames: readonly Frame[]) {
    const bytesBefore = this.window.bytes;
    for (const frame of frames) {
      // The window is contiguous; after a skipped gap it starts again.
      if (!this.window.push(frame)) {
        this.clearWindow();
        this.window.push(frame);
      }
    }
    this.options.onWindowChange?.(this, this.window.bytes - bytesBefore, frames.length);
    let run: Frame[] = [];
    const flushRun = () => {
      if (run.length === 0) return;
      const first = (run[0] as Frame).seq;
      const last = (run[run.length - 1] as Frame).seq;
      const bytes = run.length === 1 ? (run[0] as Frame).bytes : Buffer.concat(run.map((frame) => frame.bytes));
      for (const stream of this.streams) {
        if (stream.isCatchingUp || stream.lastSeq >= last) continue;
        if (stream.lastSeq >= first) this.writeCatchUp(stream, run);
        else {
          stream.write(bytes);
          stream.lastSeq = last;
        }
      }
      run = [];
    };
    for (const frame of frames) {
      if (!frame.access) {
        run.push(frame);
        continue;
      }
      flushRun();
      const { userId, role } = frame.access;
      for (const stream of this.streams) {
        if (stream.isCatchingUp || stream.lastSeq >= frame.seq) continue;
        stream.lastSeq = frame.seq;
        if (stream.userId === userId) stream.endForAccessChange(role, frame.bytes);
      }
    }
    flushRun();
  }

  private scheduleRepair(delayMs: number) {
    if (this.isRepairing) return;
    if (this.repairTimer) {
      if (delayMs > 0) return;
      clearTimeout(this.repairTimer);
    }
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      void this.repair();
    }, delayMs);
    this.repairTimer.unref?.();
  }

  /** Reads the missing events from the log; after several fruitless tries, moves on and resyncs every stream. */
  private async repair() {
    const order = this.order;
    if (!order || this.isDisposed) return;
    const missing = order.missing();
    const upTo = Math.max(this.knownHead, missing ? missing.to : order.lastSeq);
    if (upTo <= order.lastSeq) return;
    this.isRepairing = true;
    let rows: { seq: number; payload: string }[] = [];
    try {
      rows = await this.options.readLog(this.boardId, order.lastSeq, Math.min(MAX_REPLAY_EVENTS, upTo - order.lastSeq), upTo);
    } catch (error) {
      this.options.onError?.(error as Error);
    } finally {
      this.isRepairing = false;
    }
    if (this.isDisposed) return;
    const before = order.lastSeq;
    this.receive(rows.map((row) => ({ boardId: this.boardId, seq: row.seq, payload: row.payload })));
    if (order.lastSeq > before) this.repairAttempts = 0;
    else if ((this.repairAttempts += 1) >= REPAIR_ATTEMPTS) this.giveUpGap(upTo);
    else this.scheduleRepair(250 * this.repairAttempts);
  }

  /** The log no longer has what is missing: skip it and have every stream refetch the board. */
  private giveUpGap(upTo: number) {
    const order = this.order;
    if (!order) return;
    this.options.onError?.(new Error(`events ${order.lastSeq + 1}..${upTo} of a board are missing from the log`));
    this.repairAttempts = 0;
    this.clearWindow();
    const ready = order.skipTo(upTo);
    const frame = buildResyncFrame(this.boardId, upTo);
    for (const stream of this.streams) {
      if (stream.isCatchingUp) continue;
      stream.write(frame);
      stream.lastSeq = upTo;
    }
    if (ready.length > 0) this.deliver(ready);
  }

  /**
   * Reads the log after `afterSeq` into the window (older frames go in front of it, newer ones are delivered as
   * if heard). Streams resuming on the board at once share one read. Resolves false when the log no longer has
   * the events right after `afterSeq` (or cannot be read now).
   */
  private load(afterSeq: number): Promise<boolean> {
    if (this.loading && this.loading.afterSeq <= afterSeq) return this.loading.done;
    const done = this.readIntoWindow(afterSeq).finally(() => {
      if (this.loading?.done === done) this.loading = null;
    });
    this.loading = { afterSeq, done };
    return done;
  }

  private async readIntoWindow(afterSeq: number): Promise<boolean> {
    const windowStart = this.window.firstSeq;
    const upTo = windowStart !== null ? windowStart - 1 : undefined;
    let rows: { seq: number; payload: string }[];
    try {
      rows = await this.options.readLog(this.boardId, afterSeq, MAX_REPLAY_EVENTS, upTo);
    } catch (error) {
      this.options.onError?.(error as Error);
      return false;
    }
    if (this.isDisposed) return false;
    if (rows.length === 0) return upTo === undefined && afterSeq >= (this.lastSeq ?? afterSeq);
    if (!isCompleteReplay(afterSeq, rows.map((row) => row.seq))) return false;
    const lastSeq = this.lastSeq ?? 0;
    const older = rows.filter((row) => row.seq <= lastSeq).map((row) => buildEventFrame(row.seq, row.payload));
    // The window must stay contiguous up to the channel's last event.
    const endsWhereItShould = older.length === 0 || (older[older.length - 1] as Frame).seq === (windowStart !== null ? windowStart - 1 : lastSeq);
    const bytesBefore = this.window.bytes;
    const taken = endsWhereItShould ? this.window.prepend(older) : 0;
    if (taken > 0) this.options.onWindowChange?.(this, this.window.bytes - bytesBefore, taken);
    const newer = rows.filter((row) => row.seq > lastSeq);
    if (newer.length > 0) this.receive(newer.map((row) => ({ boardId: this.boardId, seq: row.seq, payload: row.payload })));
    // The log had the events; whether the window now reaches back far enough, the caller checks.
    return true;
  }
}
