import 'server-only';
import { getEventBus, type EventBus } from '@/lib/events/bus';
import { getLiveConfig } from '@/lib/events/config';
import { readBoardEvents } from '@/lib/events/log';
import type { WireEvent } from '@/lib/events/types';
import { describeErrorForLog } from '@/lib/api/error-log';
import { log } from '@/lib/log';
import { BoardChannel, type StreamTarget } from './channel';
import { buildMessageFrame, KEEPALIVE_FRAME } from './frames';
import { LocalViewers, packPresenceMessages, PresenceTable, type Viewer } from './presence';

const KEEPALIVE_MS = 15_000;
const PRESENCE_FLUSH_MS = 250;
const PRESENCE_HEARTBEAT_MS = 10_000;
const PRESENCE_EXPIRY_MS = 25_000;
/** A board nobody on this instance has open keeps its channel (and recent frames) this long, for reconnects. */
const CHANNEL_LINGER_MS = 120_000;

/**
 * The live hub: one per process. It listens on the event bus (lib/events/bus.ts) and fans each board's events out
 * to the streams open on that board here, through one BoardChannel per board (ordering, gap repair, recent
 * frames, catch-up: channel.ts). It also keeps presence (presence.ts) and the streams' keepalives, on one timer
 * each for all streams, not one per stream.
 *
 * When the bus is lost, events may have been missed: every stream is closed, and browsers reconnect with their
 * Last-Event-ID and are caught up from the log, so nothing is missed and no board is refetched.
 */
class BoardHub {
  private readonly bus: EventBus;
  private readonly channels = new Map<string, BoardChannel>();
  private readonly lingerTimers = new Map<BoardChannel, ReturnType<typeof setTimeout>>();
  private readonly localViewers = new LocalViewers();
  private readonly presence = new PresenceTable();
  private readonly dirtyPresence = new Set<string>();
  private readonly budgetBytes = getLiveConfig().recentEventsBytes;
  private windowBytes = 0;
  /** One entry per frame put in a window, oldest first: which channel's oldest frame to drop when over budget. */
  private windowQueue: BoardChannel[] = [];
  private windowQueueStart = 0;
  private streamCount = 0;

  constructor() {
    this.bus = getEventBus();
    this.bus.subscribe({
      onEvents: (events) => this.route(events),
      onPresence: (text) => this.applyPresence(text),
      onLoss: () => this.dropEverything(),
      onReady: () => this.announceAllPresence(),
    });
    const every = (ms: number, work: () => void) => setInterval(work, ms).unref?.();
    every(KEEPALIVE_MS, () => this.writeToAll(KEEPALIVE_FRAME));
    every(PRESENCE_FLUSH_MS, () => this.flushPresence());
    every(PRESENCE_HEARTBEAT_MS, () => this.heartbeat());
  }

  get openStreams(): number {
    return this.streamCount;
  }

  /** Resolves once the bus delivers (a stream must not open while events would be missed). */
  ready(): Promise<void> {
    return this.bus.ready();
  }

  /**
   * The board's channel, created (listening from now on) when needed. Take it BEFORE reading the board's head
   * from the database: then no event after that head can slip by unheard.
   */
  acquire(boardId: string): BoardChannel {
    let channel = this.channels.get(boardId);
    if (!channel) {
      channel = new BoardChannel(boardId, {
        readLog: readBoardEvents,
        onWindowChange: (changed, deltaBytes, framesAdded) => this.account(changed, deltaBytes, framesAdded),
        onError: (error) => log.warn({ boardId, err: describeErrorForLog(error) }, 'live: reading the event log failed'),
      });
      this.channels.set(boardId, channel);
    }
    this.cancelLinger(channel);
    return channel;
  }

  /** Adds a stream's viewer to presence (call once the stream is open). */
  join(channel: BoardChannel, stream: StreamTarget, viewer: Viewer): void {
    this.streamCount += 1;
    if (channel.presenceFrame) stream.write(channel.presenceFrame);
    if (this.localViewers.add(channel.boardId, viewer)) this.dirtyPresence.add(channel.boardId);
  }

  /** Takes a stream off its channel and presence; an empty channel lingers for a while, then goes. */
  leave(channel: BoardChannel, stream: StreamTarget, hasJoined: boolean): void {
    channel.detach(stream);
    if (hasJoined) {
      this.streamCount -= 1;
      if (this.localViewers.remove(channel.boardId, stream.userId)) this.dirtyPresence.add(channel.boardId);
    }
    this.lingerIfEmpty(channel);
  }

  /** Lets a channel go once nobody uses it (also after a refused stream opening). */
  lingerIfEmpty(channel: BoardChannel): void {
    if (channel.streams.size > 0 || channel.isDisposed || this.lingerTimers.has(channel)) return;
    const timer = setTimeout(() => {
      this.lingerTimers.delete(channel);
      if (channel.streams.size > 0) return;
      channel.dispose();
      if (this.channels.get(channel.boardId) === channel) this.channels.delete(channel.boardId);
    }, CHANNEL_LINGER_MS);
    timer.unref?.();
    this.lingerTimers.set(channel, timer);
  }

  private cancelLinger(channel: BoardChannel) {
    const timer = this.lingerTimers.get(channel);
    if (timer) clearTimeout(timer);
    this.lingerTimers.delete(channel);
  }

  private route(events: readonly WireEvent[]) {
    if (events.length === 1) {
      const event = events[0] as WireEvent;
      this.channels.get(event.boardId)?.receive(events);
      return;
    }
    const byBoard = new Map<string, WireEvent[]>();
    for (const event of events) {
      if (!this.channels.has(event.boardId)) continue;
      let list = byBoard.get(event.boardId);
      if (!list) byBoard.set(event.boardId, (list = []));
      list.push(event);
    }
    for (const [boardId, list] of byBoard) this.channels.get(boardId)?.receive(list);
  }

  /** The bus is gone: close every stream (browsers resume from the log) and start afresh. */
  private dropEverything() {
    const channels = [...this.channels.values()];
    this.channels.clear();
    for (const channel of channels) {
      this.cancelLinger(channel);
      for (const stream of [...channel.streams]) stream.close();
      channel.dispose();
    }
  }

  private writeToAll(bytes: Buffer) {
    for (const channel of this.channels.values()) for (const stream of channel.streams) if (!stream.isCatchingUp) stream.write(bytes);
  }

  // ── memory budget of the recent-frame windows ───────────────────────────────────────────────────────────────

  private account(channel: BoardChannel, deltaBytes: number, framesAdded: number) {
    this.windowBytes += deltaBytes;
    for (let i = 0; i < framesAdded; i += 1) this.windowQueue.push(channel);
    while (this.windowBytes > this.budgetBytes && this.windowQueueStart < this.windowQueue.length) {
      const oldest = this.windowQueue[this.windowQueueStart] as BoardChannel;
      this.windowQueueStart += 1;
      if (oldest.isDisposed) continue;
      const dropped = oldest.window.shift();
      if (dropped) this.windowBytes -= dropped.bytes.length;
    }
    if (this.windowQueueStart > 4096 && this.windowQueueStart * 2 > this.windowQueue.length) {
      this.windowQueue = this.windowQueue.slice(this.windowQueueStart);
      this.windowQueueStart = 0;
    }
  }

  // ── presence ────────────────────────────────────────────────────────────────────────────────────────────────

  private flushPresence() {
    if (this.dirtyPresence.size === 0) return;
    const boards = [...this.dirtyPresence].map((boardId) => this.localViewers.describe(boardId));
    this.dirtyPresence.clear();
    for (const message of packPresenceMessages(this.bus.instanceId, boards)) this.bus.publishPresence(message);
  }

  private heartbeat() {
    for (const boardId of this.localViewers.boardIds()) this.dirtyPresence.add(boardId);
    this.flushPresence();
    for (const boardId of this.presence.expire(Date.now(), PRESENCE_EXPIRY_MS)) this.broadcastPresence(boardId);
  }

  private announceAllPresence() {
    for (const boardId of this.localViewers.boardIds()) this.dirtyPresence.add(boardId);
  }

  private applyPresence(text: string) {
    for (const boardId of this.presence.apply(text, Date.now())) this.broadcastPresence(boardId);
  }

  private broadcastPresence(boardId: string) {
    const channel = this.channels.get(boardId);
    if (!channel) return;
    const { viewers, total } = this.presence.describe(boardId);
    channel.presenceFrame = buildMessageFrame({ kind: 'presence', boardId, viewers, total });
    for (const stream of channel.streams) stream.write(channel.presenceFrame);
  }
}

const globalForHub = globalThis as unknown as { tillitBoardHub?: BoardHub };

/** This process's hub (shared by both copies of lib/ in the production server, like the bus). */
export function getBoardHub(): BoardHub {
  globalForHub.tillitBoardHub ??= new BoardHub();
  return globalForHub.tillitBoardHub;
}

export type { BoardHub };
