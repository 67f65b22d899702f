import 'server-only';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BoardLiveEvent } from '@/lib/board/types';
import { getServerEnv } from '@/lib/env';
import { describeErrorForLog } from '@/lib/api/error-log';
import { log } from '@/lib/log';
import { BOARD_EVENTS_CHANNEL } from './publish';

/**
 * One LISTEN connection per app instance fans PostgreSQL notifications out to that instance's open streams.
 * Every instance hears every commit, so several instances behind a load balancer stay in step with no broker.
 * (To use Redis or another bus instead, replace `connect`'s LISTEN with a subscription and publishBoardEvent's
 * pg_notify with a publish after commit; the rest is unchanged.)
 *
 * Presence rides the same mechanism on a second channel: each instance announces its own viewers with heartbeats,
 * and every instance keeps the union, expiring entries that stop beating (an instance that died).
 */
const PRESENCE_CHANNEL = 'tillit_presence';
const PRESENCE_HEARTBEAT_MS = 10_000;
const PRESENCE_EXPIRY_MS = 25_000;
const RECONNECT_MS = 1_000;

type Listener = (event: BoardLiveEvent) => void;
type PresenceEntry = { connectionId: string; userId: string; name: string; seenAt: number };
type PresenceMessage = { op: 'join' | 'beat' | 'leave'; boardId: string; connectionId: string; userId: string; name: string };

class BoardHub {
  private readonly instanceId = randomUUID();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly localViewers = new Map<string, PresenceMessage>();
  private readonly presence = new Map<string, Map<string, PresenceEntry>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Listeners told when the LISTEN connection was lost: their streams close so browsers reconnect and resync. */
  private readonly lossListeners = new Set<() => void>();

  async ensureConnected(): Promise<void> {
    if (this.client) return;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: getServerEnv().DATABASE_URL });
    client.on('notification', (message) => this.handleNotification(message.channel, message.payload ?? ''));
    client.on('error', () => this.handleConnectionLoss(client));
    client.on('end', () => this.handleConnectionLoss(client));
    await client.connect();
    await client.query(`LISTEN ${BOARD_EVENTS_CHANNEL}`);
    await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    this.client = client;
    this.heartbeat ??= setInterval(() => this.beat(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref?.();
    // Re-announce our viewers: another instance may have expired them while we were away.
    for (const viewer of this.localViewers.values()) void this.sendPresence({ ...viewer, op: 'join' });
  }

  private handleConnectionLoss(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    log.warn({ instanceId: this.instanceId }, 'live: LISTEN connection lost');
    for (const onLoss of this.lossListeners) onLoss();
    setTimeout(() => {
      if (this.listeners.size > 0) this.ensureConnected().catch(() => {});
    }, RECONNECT_MS).unref?.();
  }

  private handleNotification(channel: string, payload: string) {
    try {
      if (channel === BOARD_EVENTS_CHANNEL) {
        const event = JSON.parse(payload) as BoardLiveEvent;
        for (const listener of this.listeners.get(event.boardId) ?? []) listener(event);
      } else if (channel === PRESENCE_CHANNEL) {
        this.applyPresence(JSON.parse(payload) as PresenceMessage);
      }
    } catch (error) {
      log.warn({ err: describeErrorForLog(error) }, 'live: bad notification ignored');
    }
  }

  private applyPresence(message: PresenceMessage) {
    let board = this.presence.get(message.boardId);
    if (!board) {
      board = new Map();
      this.presence.set(message.boardId, board);
    }
    const before = this.describeViewers(message.boardId);
    if (message.op === 'leave') board.delete(message.connectionId);
    else board.set(message.connectionId, { connectionId: message.connectionId, userId: message.userId, name: message.name, seenAt: Date.now() });
    this.expire(message.boardId);
    if (JSON.stringify(before) !== JSON.stringify(this.describeViewers(message.boardId))) this.broadcastPresence(message.boardId);
  }

  private expire(boardId: string) {
    const board = this.presence.get(boardId);
    if (!board) return;
    const cutoff = Date.now() - PRESENCE_EXPIRY_MS;
    for (const [id, entry] of board) if (entry.seenAt < cutoff) board.delete(id);
  }

  private describeViewers(boardId: string): { id: string; name: string }[] {
    const unique = new Map<string, string>();
    for (const entry of this.presence.get(boardId)?.values() ?? []) unique.set(entry.userId, entry.name);
    return [...unique].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id));
  }

  private broadcastPresence(boardId: string) {
    const event: BoardLiveEvent = { kind: 'presence', boardId, viewers: this.describeViewers(boardId) };
    for (const listener of this.listeners.get(boardId) ?? []) listener(event);
  }

  private beat() {
    for (const viewer of this.localViewers.values()) void this.sendPresence({ ...viewer, op: 'beat' });
    for (const boardId of this.presence.keys()) {
      const before = JSON.stringify(this.describeViewers(boardId));
      this.expire(boardId);
      if (before !== JSON.stringify(this.describeViewers(boardId))) this.broadcastPresence(boardId);
    }
  }

  /** Presence messages go out one at a time on the listening connection (a pg client runs one query at once). */
  private presenceQueue: Promise<void> = Promise.resolve();

  private sendPresence(message: PresenceMessage): Promise<void> {
    this.presenceQueue = this.presenceQueue.then(async () => {
      try {
        await this.client?.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, JSON.stringify(message)]);
      } catch {
        // Presence is best effort; the next heartbeat repairs it.
      }
    });
    return this.presenceQueue;
  }

  /** Subscribes a stream to a board's events and announces the viewer. Returns the unsubscribe function. */
  async subscribe(boardId: string, viewer: { userId: string; name: string }, listener: Listener, onLoss: () => void) {
    await this.ensureConnected();
    let set = this.listeners.get(boardId);
    if (!set) {
      set = new Set();
      this.listeners.set(boardId, set);
    }
    set.add(listener);
    this.lossListeners.add(onLoss);
    const presence: PresenceMessage = { op: 'join', boardId, connectionId: randomUUID(), userId: viewer.userId, name: viewer.name };
    this.localViewers.set(presence.connectionId, presence);
    await this.sendPresence(presence);
    // The new stream needs the current viewers at once, not at the next change.
    listener({ kind: 'presence', boardId, viewers: this.describeViewers(boardId) });

    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(boardId);
      this.lossListeners.delete(onLoss);
      this.localViewers.delete(presence.connectionId);
      void this.sendPresence({ ...presence, op: 'leave' });
    };
  }
}

const globalForHub = globalThis as unknown as { tillitBoardHub?: BoardHub };

export function getBoardHub(): BoardHub {
  globalForHub.tillitBoardHub ??= new BoardHub();
  return globalForHub.tillitBoardHub;
}
