import 'server-only';
import pg from 'pg';
import { getServerEnv } from '@/lib/env';
import { describeErrorForLog } from '@/lib/api/error-log';
import { log } from '@/lib/log';
import type { BusListener, EventBus } from './bus';
import { getInstanceId } from './instance';
import { BOARD_EVENTS_CHANNEL } from './log';
import type { CommittedEvent, WireEvent } from './types';
import { decodeNotification, packNotifications } from './wire';

export const PRESENCE_CHANNEL = 'tillit_presence';
const RECONNECT_MS = 1_000;

/**
 * The event bus on PostgreSQL LISTEN/NOTIFY: one connection per instance listens on both channels and is also the
 * relay that notifies, after commit, for the changes made on this instance.
 *
 * The relay's own commits are asynchronous (`synchronous_commit = off` on its session): a notification needs no
 * durability (the event is already durable in the log), so the relay holds PostgreSQL's notification lock only for
 * microseconds, not for a disk flush. It sends one notification at a time and packs what accumulated meanwhile
 * into as few notifications as fit (lib/events/wire.ts), so under load a notification carries many events.
 */
export class PostgresEventBus implements EventBus {
  readonly instanceId = getInstanceId();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly listeners = new Set<BusListener>();
  private outgoingEvents: CommittedEvent[] = [];
  private outgoingPresence: string[] = [];
  private isSending = false;
  private localEvents: WireEvent[] = [];
  private isLocalFlushScheduled = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  get isConnected(): boolean {
    return this.client !== null;
  }

  publishCommitted(events: readonly CommittedEvent[], options: { isNotified?: boolean } = {}): void {
    for (const event of events) this.localEvents.push({ boardId: event.boardId, seq: event.seq, payload: event.payload });
    if (!this.isLocalFlushScheduled) {
      this.isLocalFlushScheduled = true;
      // Next tick, not now: the change's own HTTP answer goes out first, and changes committed in the same tick
      // reach each stream in one write.
      setImmediate(() => this.flushLocal());
    }
    if (!options.isNotified) {
      this.outgoingEvents.push(...events);
      void this.pump();
    }
  }

  publishPresence(text: string): void {
    this.outgoingPresence.push(text);
    void this.pump();
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    if (this.client) listener.onReady?.();
    else void this.ready().catch(() => this.scheduleReconnect());
    return () => {
      this.listeners.delete(listener);
    };
  }

  async ready(): Promise<void> {
    await this.connect();
  }

  private flushLocal() {
    this.isLocalFlushScheduled = false;
    const events = this.localEvents;
    this.localEvents = [];
    if (events.length > 0) this.emit((listener) => listener.onEvents(events));
  }

  private emit(call: (listener: BusListener) => void) {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        log.error({ err: describeErrorForLog(error) }, 'events: a bus listener failed');
      }
    }
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.openConnection().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async openConnection(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: getServerEnv().DATABASE_URL, application_name: 'tillit-bus', keepAlive: true });
    client.on('notification', (message) => this.handleNotification(message.channel, message.payload ?? ''));
    client.on('error', () => this.handleLoss(client));
    client.on('end', () => this.handleLoss(client));
    try {
      await client.connect();
      // The bus never keeps a process alive by itself (a script that changed a board exits when it is done; the
      // dispatcher's sweep announces what its relay had not sent yet). A server is kept alive by its listener.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await client.query('SET synchronous_commit = off');
      await client.query(`LISTEN ${BOARD_EVENTS_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    this.emit((listener) => listener.onReady?.());
    void this.pump();
    return client;
  }

  private handleLoss(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    log.warn({ instanceId: this.instanceId }, 'events: bus connection lost');
    this.emit((listener) => listener.onLoss?.());
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.listeners.size === 0 && this.outgoingEvents.length === 0) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
    this.reconnectTimer.unref?.();
  }

  private handleNotification(channel: string, payload: string) {
    if (channel === BOARD_EVENTS_CHANNEL) {
      const { origin, events } = decodeNotification(payload);
      // Our own notifications: delivered locally when they were committed.
      if (origin === this.instanceId || events.length === 0) return;
      this.emit((listener) => listener.onEvents(events));
    } else if (channel === PRESENCE_CHANNEL) {
      this.emit((listener) => listener.onPresence?.(payload));
    }
  }

  /** Sends what is waiting, one statement at a time, packing everything that accumulated meanwhile. */
  private async pump(): Promise<void> {
    if (this.isSending) return;
    this.isSending = true;
    try {
      while (this.outgoingEvents.length > 0 || this.outgoingPresence.length > 0) {
        const client = await this.connect();
        const channels: string[] = [];
        const payloads: string[] = [];
        for (const text of packNotifications(this.instanceId, this.outgoingEvents.splice(0))) {
          channels.push(BOARD_EVENTS_CHANNEL);
          payloads.push(text);
        }
        for (const text of this.outgoingPresence.splice(0)) {
          channels.push(PRESENCE_CHANNEL);
          payloads.push(text);
        }
        await client.query({
          name: 'tillit_bus_notify',
          text: 'SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS n(c, p)',
          values: [channels, payloads],
        });
      }
    } catch (error) {
      // The database is unreachable. What was not sent is dropped: receivers repair from the log when they see the
      // gap, and the dispatcher's live consumer announces what nobody heard (lib/events/dispatcher.ts).
      this.outgoingEvents = [];
      this.outgoingPresence = [];
      log.warn({ err: describeErrorForLog(error) }, 'events: relay could not notify');
    } finally {
      this.isSending = false;
    }
  }
}
