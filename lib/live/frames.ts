/**
 * Server-Sent Events frames, built once per event per board and written as the same bytes to every stream on it
 * (a board with 2,000 open browsers serialises and encodes each change once, not 2,000 times). Pure.
 */
import type { TeamRole } from '@/lib/domain/permissions';

/** One event as a stream frame; `access` is set for a membership change (only its person's streams see it). */
export type Frame = { seq: number; bytes: Buffer; access?: { userId: string; role: TeamRole | null } };

/** The frame of a logged event: `id:` carries its sequence number (the browser's Last-Event-ID). */
export function buildEventFrame(seq: number, payload: string): Frame {
  const frame: Frame = { seq, bytes: Buffer.from(`id: ${seq}\ndata: ${payload}\n\n`) };
  // Cheap test first: only a membership change is parsed here (its JSON comes from the database trigger).
  if (payload.includes('"access.changed"')) {
    try {
      const event = JSON.parse(payload) as { kind?: string; userId?: string; role?: TeamRole | null };
      if (event.kind === 'access.changed' && typeof event.userId === 'string') frame.access = { userId: event.userId, role: event.role ?? null };
    } catch {
      // not JSON: an ordinary frame
    }
  }
  return frame;
}

/** A message without an id (presence): it does not move the browser's Last-Event-ID. */
export function buildMessageFrame(message: unknown): Buffer {
  return Buffer.from(`data: ${JSON.stringify(message)}\n\n`);
}

/** Asks the browser to refetch the board; `id:` moves its position to `headSeq`, where the stream goes on. */
export function buildResyncFrame(boardId: string, headSeq: number): Buffer {
  return Buffer.from(`id: ${headSeq}\ndata: ${JSON.stringify({ kind: 'resync', boardId })}\n\n`);
}

/** The stream's first bytes: how long the browser's EventSource waits before reconnecting by itself. */
export function buildRetryFrame(retryMs: number): Buffer {
  return Buffer.from(`retry: ${Math.round(retryMs)}\n\n`);
}

export const KEEPALIVE_FRAME = Buffer.from(': keepalive\n\n');

/**
 * A board's recent frames, contiguous in sequence order (appended at the end, older ones put back at the start,
 * the oldest dropped first). `since` serves a resuming stream without a database query.
 */
export class FrameWindow {
  private frames: Frame[] = [];
  private start = 0;
  private byteCount = 0;

  /** The bytes of the frames held. */
  get bytes(): number {
    return this.byteCount;
  }

  get size(): number {
    return this.frames.length - this.start;
  }

  get firstSeq(): number | null {
    return this.size > 0 ? (this.frames[this.start] as Frame).seq : null;
  }

  get lastSeq(): number | null {
    return this.size > 0 ? (this.frames[this.frames.length - 1] as Frame).seq : null;
  }

  /** Appends a frame that follows the last one (a frame that does not is refused: returns false). */
  push(frame: Frame): boolean {
    const last = this.lastSeq;
    if (last !== null && frame.seq !== last + 1) return false;
    this.frames.push(frame);
    this.byteCount += frame.bytes.length;
    return true;
  }

  /** Puts older frames back in front; they must end right before the first one. Returns how many were taken. */
  prepend(older: readonly Frame[]): number {
    const first = this.firstSeq;
    const fitting = first === null ? older : older.filter((frame) => frame.seq < first);
    if (fitting.length === 0) return 0;
    const lastOlder = (fitting[fitting.length - 1] as Frame).seq;
    if (first !== null && lastOlder !== first - 1) return 0;
    if (!fitting.every((frame, index) => index === 0 || frame.seq === (fitting[index - 1] as Frame).seq + 1)) return 0;
    this.frames = [...fitting, ...this.frames.slice(this.start)];
    this.start = 0;
    for (const frame of fitting) this.byteCount += frame.bytes.length;
    return fitting.length;
  }

  /** Drops the oldest frame; returns it. */
  shift(): Frame | undefined {
    if (this.size === 0) return undefined;
    const frame = this.frames[this.start] as Frame;
    this.start += 1;
    this.byteCount -= frame.bytes.length;
    if (this.start > 1024 && this.start * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.start);
      this.start = 0;
    }
    return frame;
  }

  /**
   * The frames after `afterSeq`, or null when the window does not reach back that far. `[]` when nothing is newer.
   */
  since(afterSeq: number, channelLastSeq: number): Frame[] | null {
    if (afterSeq >= channelLastSeq) return [];
    const first = this.firstSeq;
    if (first === null || first > afterSeq + 1) return null;
    return this.frames.slice(this.start + (afterSeq + 1 - first));
  }

  clear(): void {
    this.frames = [];
    this.start = 0;
    this.byteCount = 0;
  }
}
