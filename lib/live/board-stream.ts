import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { isSsoMultiFactorRequired } from '@/lib/data/access';
import { getPgPool } from '@/lib/data/sql-pool';
import { canPerform, type TeamRole } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import { getLiveConfig } from '@/lib/events/config';
import { planResume } from '@/lib/events/resume';
import { Admission, QueueFullError } from './admission';
import type { BoardChannel, StreamTarget } from './channel';
import { buildResyncFrame, buildRetryFrame } from './frames';
import { getBoardHub } from './hub';

/** The response headers of a board's event stream. */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** A browser that does not read its stream (over this many bytes waiting) is cut off; it resumes when it can. */
const MAX_BUFFERED_BYTES = 1 << 20;

/** Where a board's event stream writes: a Web stream (the Next route) or a Node response (lib/api/direct-routes.ts). */
export type EventStreamSink = {
  /** Writes bytes of the text/event-stream body; throws when the connection is gone. */
  write(bytes: Buffer): void;
  /** Ends the response. */
  end(): void;
  /** Bytes written but not yet sent, when the sink can tell. */
  bufferedBytes?(): number;
};

const globalForAdmission = globalThis as unknown as { tillitStreamAdmission?: Admission };

/**
 * Runs the database work of opening a stream (the session's person, the access check) under admission control:
 * at most TILLIT_STREAM_OPENINGS at once per instance, the others wait in order (lib/live/admission.ts). A waiting
 * opening whose browser went away (`signal`) is dropped without touching the database.
 */
export async function admitStreamOpening<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  globalForAdmission.tillitStreamAdmission ??= new Admission(getLiveConfig().streamOpenings);
  try {
    return await globalForAdmission.tillitStreamAdmission.run(work, signal);
  } catch (error) {
    if (error instanceof QueueFullError) throw new AppError('UNAVAILABLE');
    throw error;
  }
}

/** A stream that may open: the person's role and the board's head, with the board's channel already listening. */
export type PreparedBoardStream = { boardId: string; role: TeamRole; headSeq: number; channel: BoardChannel };

const ACCESS_STATEMENT = {
  name: 'tillit_stream_access',
  // meetsTeamRule: the team's "Kräv tvåfaktorsinloggning" (lib/data/access.ts hasSecondFactor, the same rule in SQL).
  text: `SELECT m.role::text AS role, b."eventSeq" AS "headSeq",
                (NOT t."requireTwoFactor" OR u."totpEnabledAt" IS NOT NULL OR u."isIntegration" OR (u."passwordHash" IS NULL AND $3::boolean)) AS "meetsTeamRule"
         FROM "Board" b JOIN "Membership" m ON m."teamId" = b."teamId" AND m."userId" = $2
           JOIN "Team" t ON t.id = b."teamId" JOIN "User" u ON u.id = m."userId"
         WHERE b.id = $1`,
} as const;

/**
 * Checks that the person may read the board (NOT_FOUND before anything is sent when not) and reads where the
 * board's events stand, after its channel started listening, so no later event can be missed. One query. Call
 * inside admitStreamOpening, before the response's status line is written; then startBoardEventStream, or
 * abandonPreparedStream when the browser went away meanwhile.
 */
export async function prepareBoardEventStream(userId: string, boardId: string): Promise<PreparedBoardStream> {
  const hub = getBoardHub();
  const channel = hub.acquire(boardId);
  try {
    await hub.ready();
    const { rows } = await getPgPool().query<{ role: TeamRole; headSeq: number; meetsTeamRule: boolean }>({ ...ACCESS_STATEMENT, values: [boardId, userId, isSsoMultiFactorRequired()] });
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    if (!row.meetsTeamRule) throw new AppError('TWO_FACTOR_REQUIRED');
    if (!canPerform(row.role, 'board.read')) throw new AppError('FORBIDDEN');
    channel.initialize(row.headSeq);
    return { boardId, role: row.role, headSeq: row.headSeq, channel };
  } catch (error) {
    hub.lingerIfEmpty(channel);
    throw error;
  }
}

export function abandonPreparedStream(prepared: PreparedBoardStream): void {
  getBoardHub().lingerIfEmpty(prepared.channel);
}

class SseStream implements StreamTarget {
  lastSeq = 0;
  isCatchingUp = true;
  private isClosed = false;

  constructor(
    readonly userId: string,
    private readonly sink: EventStreamSink,
    private readonly onClose: () => void,
  ) {}

  write(bytes: Buffer): void {
    if (this.isClosed) return;
    try {
      this.sink.write(bytes);
      if ((this.sink.bufferedBytes?.() ?? 0) > MAX_BUFFERED_BYTES) this.close();
    } catch {
      this.close();
    }
  }

  endForAccessChange(_role: TeamRole | null, frame: Buffer): void {
    // The browser learns why (it leaves the board, or reloads it with the new role); its reconnect is checked anew.
    this.write(frame);
    this.close();
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.onClose();
    try {
      this.sink.end();
    } catch {
      // already closed by the browser
    }
  }
}

/**
 * Streams a board's live events to one browser through `sink`, after prepareBoardEventStream: first exactly the
 * events it missed since `lastEventId` (its Last-Event-ID; from memory or the log), or a `resync` message when that
 * is no longer possible, then every event as it happens, each with its sequence number as the SSE id.
 *
 * A member who is removed, demoted, signed out everywhere (their session generation rose) or whose account is
 * deleted gets an `access.changed` message and the stream closes at once, on every instance: each of these is an
 * event on the board, written by a database trigger (Membership, User.sessionGeneration). No periodic access or
 * session query runs while a stream is open. Returns the function that stops it, for when the browser goes away.
 */
export function startBoardEventStream(options: { user: SessionUser; prepared: PreparedBoardStream; lastEventId: number | null; sink: EventStreamSink }): () => void {
  const { user, prepared, sink } = options;
  const hub = getBoardHub();
  const { channel } = prepared;
  let hasJoined = false;
  const stream = new SseStream(user.id, sink, () => hub.leave(channel, stream, hasJoined));
  // Tell the browser's own EventSource to wait 1–3 s before reconnecting (spread, so a dropped building does
  // not come back in one instant); our client adds its own backoff on top.
  stream.write(buildRetryFrame(1_000 + Math.random() * 2_000));
  const plan = planResume({ lastSeq: options.lastEventId, headSeq: prepared.headSeq });
  if (plan.kind === 'resync') stream.write(buildResyncFrame(prepared.boardId, prepared.headSeq));
  hasJoined = true;
  hub.join(channel, stream, { id: user.id, name: user.name });
  void channel.attach(stream, plan.kind === 'replay' ? plan.afterSeq : prepared.headSeq);
  return () => stream.close();
}

/** The Next route's form (app/api/boards/[boardId]/events/route.ts): an SSE Response over a Web stream. */
export async function openBoardEventStream(options: { user: SessionUser; boardId: string; lastEventId: number | null; signal: AbortSignal }): Promise<Response> {
  const { user, boardId, signal } = options;
  const prepared = await admitStreamOpening(() => prepareBoardEventStream(user.id, boardId), signal);
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = startBoardEventStream({
        user,
        prepared,
        lastEventId: options.lastEventId,
        sink: {
          write: (bytes) => controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
          end: () => controller.close(),
          bufferedBytes: () => Math.max(0, -(controller.desiredSize ?? 0)),
        },
      });
      signal.addEventListener('abort', () => stop());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
