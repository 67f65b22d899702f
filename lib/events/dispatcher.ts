import 'server-only';
import pg from 'pg';
import { getPgPool } from '@/lib/data/sql-pool';
import { getDb } from '@/lib/db';
import { getServerEnv } from '@/lib/env';
import { describeErrorForLog } from '@/lib/api/error-log';
import { log } from '@/lib/log';
import { getEventBus, type BusListener } from './bus';
import { getLiveConfig } from './config';
import { EVENT_CONSUMERS, type DurableConsumer, type EventConsumer } from './consumers';
import { initialDurableCursor, initialLiveCursor, planConsumerWork, retryDelayMs, type KnownEvent } from './dispatch-plan';
import { readBoardEvents } from './log';
import type { BoardChange, BoardEventRecord } from './types';

/**
 * The durable dispatcher: hands every committed board event to every consumer (consumers.ts), per board in
 * sequence order, exactly once per durable consumer (its cursor moves in the same transaction as its work).
 *
 * One leader per database: every instance runs a dispatcher, and the one holding a PostgreSQL advisory lock on
 * its own connection works; the others retry the lock every few seconds, so when the leader's process or
 * connection dies another takes over within LEADERSHIP_RETRY_MS and resumes from the stored cursors.
 *
 * The leader learns of new events from the bus (so it normally reads nothing it already heard: a durable consumer
 * reads the log only when an event concerns it, the live consumer never) and sweeps the boards' heads every
 * SWEEP_MS for events nobody announced. It also prunes the log: events older than the resume window that every
 * durable consumer has passed.
 */
const LEADER_LOCK_KEY = 'tillit-event-dispatcher';
const LEADERSHIP_RETRY_MS = 5_000;
const SWEEP_MS = 2_000;
const PRUNE_MS = 60_000;
const CURSOR_FLUSH_MS = 5_000;
const BATCH_SIZE = 200;
const PARALLEL_BOARDS = 2;

type ConsumerState = { cursor: number; isDirty: boolean; failures: number; retryAt: number };
type KnownEntry = KnownEvent & { event?: BoardChange };
type BoardState = {
  boardId: string;
  head: number;
  /** Events heard on the bus after the slowest cursor (payload null: heard id-only). */
  known: Map<number, KnownEntry>;
  consumers: Map<string, ConsumerState> | null;
  isBusy: boolean;
  isQueued: boolean;
  needsAnotherPass: boolean;
  retryTimer: ReturnType<typeof setTimeout> | null;
};

class CursorMovedError extends Error {
  constructor(readonly seq: number) {
    super('cursor moved');
  }
}

export type DispatcherOptions = {
  sweepMs?: number;
  leadershipRetryMs?: number;
  pruneMs?: number;
  /** The advisory lock's name: one leader per database and name (tests use their own). */
  lockKey?: string;
};

export class EventDispatcher {
  private lockClient: pg.Client | null = null;
  private leader = false;
  private isStopped = false;
  private readonly boards = new Map<string, BoardState>();
  private readonly queue: BoardState[] = [];
  private activeWorkers = 0;
  private headsAtLeadershipStart = new Map<string, number>();
  /** Per durable consumer: its stored cursors, and each board's last event written before it was registered. */
  private startingPoints = new Map<string, { stored: Map<string, number>; beforeRegistration: Map<string, number> }>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private unsubscribe: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly durable: DurableConsumer[];

  constructor(
    private readonly consumers: readonly EventConsumer[] = EVENT_CONSUMERS,
    private readonly options: DispatcherOptions = {},
  ) {
    this.durable = consumers.filter((consumer): consumer is DurableConsumer => consumer.kind === 'durable');
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** Starts competing for leadership (and working, once leader). */
  start(): void {
    void this.tryLead();
    const retry = setInterval(() => void this.tryLead(), this.options.leadershipRetryMs ?? LEADERSHIP_RETRY_MS);
    retry.unref?.();
    this.timers.push(retry);
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const board of this.boards.values()) if (board.retryTimer) clearTimeout(board.retryTimer);
    await this.whenIdle();
    await this.flushCursors().catch(() => {});
    this.resign();
  }

  /** Resolves when no board has work queued or running (for tests and shutdown). */
  whenIdle(): Promise<void> {
    if (this.activeWorkers === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Looks for events nobody announced, now (also run every SWEEP_MS). */
  async sweep(): Promise<void> {
    if (!this.leader) return;
    const { rows } = await getPgPool().query<{ id: string; eventSeq: number }>({
      name: 'tillit_dispatcher_sweep',
      text: 'SELECT id, "eventSeq" FROM "Board" WHERE "eventSeq" > 0',
    });
    for (const row of rows) {
      const board = this.getBoard(row.id);
      if (row.eventSeq > board.head) {
        board.head = row.eventSeq;
        this.schedule(board);
      }
    }
  }

  // ── leadership ──────────────────────────────────────────────────────────────────────────────────────────────

  private async tryLead(): Promise<void> {
    if (this.isStopped || this.leader) return;
    try {
      if (!this.lockClient) {
        const client = new pg.Client({ connectionString: getServerEnv().DATABASE_URL, application_name: 'tillit-dispatcher', keepAlive: true });
        client.on('error', () => this.loseConnection(client));
        client.on('end', () => this.loseConnection(client));
        await client.connect();
        this.lockClient = client;
      }
      const { rows } = await this.lockClient.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.options.lockKey ?? LEADER_LOCK_KEY]);
      if (rows[0]?.locked && !this.isStopped) await this.becomeLeader();
    } catch (error) {
      log.warn({ err: describeErrorForLog(error) }, 'events: dispatcher could not try for leadership');
    }
  }

  private loseConnection(client: pg.Client) {
    if (this.lockClient !== client) return;
    this.lockClient = null;
    client.end().catch(() => {});
    if (this.leader) log.warn('events: dispatcher lost its leadership (connection lost)');
    this.stepDown();
  }

  private resign() {
    this.stepDown();
    const client = this.lockClient;
    this.lockClient = null;
    client?.end().catch(() => {});
  }

  private stepDown() {
    this.leader = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of this.timers.splice(1)) clearInterval(timer);
    this.boards.clear();
    this.queue.length = 0;
  }

  private async becomeLeader(): Promise<void> {
    const pool = getPgPool();
    await pool.query({
      text: 'INSERT INTO "EventConsumer" (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING',
      values: [this.durable.map((consumer) => consumer.name)],
    });
    const registered = await pool.query<{ name: string; registeredAt: Date }>({
      text: 'SELECT name, "registeredAt" FROM "EventConsumer" WHERE name = ANY($1::text[])',
      values: [this.durable.map((consumer) => consumer.name)],
    });
    // Where every durable consumer starts on every board, read in bulk now, so that no board needs a query of its
    // own when it is first dispatched (10,000 boards would otherwise mean tens of thousands of queries).
    this.startingPoints = new Map();
    for (const { name, registeredAt } of registered.rows) {
      const [stored, before] = await Promise.all([
        pool.query<{ boardId: string; seq: number }>({ text: 'SELECT "boardId", seq FROM "EventCursor" WHERE consumer = $1', values: [name] }),
        pool.query<{ boardId: string; seq: number }>({ text: 'SELECT "boardId", max(seq) AS seq FROM "OutboxEvent" WHERE at < $1 GROUP BY "boardId"', values: [registeredAt] }),
      ]);
      this.startingPoints.set(name, {
        stored: new Map(stored.rows.map((row) => [row.boardId, row.seq])),
        beforeRegistration: new Map(before.rows.map((row) => [row.boardId, row.seq])),
      });
    }
    const heads = await pool.query<{ id: string; eventSeq: number }>('SELECT id, "eventSeq" FROM "Board" WHERE "eventSeq" > 0');
    this.headsAtLeadershipStart = new Map(heads.rows.map((row) => [row.id, row.eventSeq]));
    this.leader = true;
    log.info({ consumers: this.consumers.map((consumer) => consumer.name) }, 'events: this instance dispatches board events');
    const listener: BusListener = {
      onEvents: (events) => {
        for (const event of events) this.hear(event.boardId, event.seq, event.payload);
      },
      // Events may have been missed while the bus was away: look at the heads now.
      onReady: () => void this.sweep().catch(() => {}),
    };
    this.unsubscribe = getEventBus().subscribe(listener);
    const every = (ms: number, work: () => Promise<unknown>) => {
      const timer = setInterval(() => void work().catch((error: Error) => log.warn({ err: describeErrorForLog(error) }, 'events: dispatcher housekeeping failed')), ms);
      timer.unref?.();
      this.timers.push(timer);
    };
    every(this.options.sweepMs ?? SWEEP_MS, () => this.sweep());
    every(CURSOR_FLUSH_MS, () => this.flushCursors());
    every(this.options.pruneMs ?? PRUNE_MS, () => this.prune());
    // Durable consumers may have work left from before (this instance, or a previous leader, stopped).
    if (this.durable.length > 0) for (const [boardId, head] of this.headsAtLeadershipStart) this.schedule(Object.assign(this.getBoard(boardId), { head }));
  }

  // ── hearing and scheduling ──────────────────────────────────────────────────────────────────────────────────

  private getBoard(boardId: string): BoardState {
    let board = this.boards.get(boardId);
    if (!board) {
      board = { boardId, head: 0, known: new Map(), consumers: null, isBusy: false, isQueued: false, needsAnotherPass: false, retryTimer: null };
      this.boards.set(boardId, board);
    }
    return board;
  }

  private hear(boardId: string, seq: number, payload: string | null) {
    if (!this.leader) return;
    const board = this.getBoard(boardId);
    if (seq > this.slowestCursor(board)) {
      const existing = board.known.get(seq);
      if (!existing || existing.payload === null) board.known.set(seq, { payload });
    }
    if (seq > board.head) board.head = seq;
    this.schedule(board);
  }

  private schedule(board: BoardState) {
    if (!this.leader || this.isStopped) return;
    if (board.isBusy) {
      board.needsAnotherPass = true;
      return;
    }
    if (board.isQueued) return;
    board.isQueued = true;
    this.queue.push(board);
    this.runWorkers();
  }

  private runWorkers() {
    while (this.activeWorkers < PARALLEL_BOARDS && this.queue.length > 0) {
      const board = this.queue.shift() as BoardState;
      board.isQueued = false;
      board.isBusy = true;
      this.activeWorkers += 1;
      void this.processBoard(board)
        .catch((error: Error) => log.error({ boardId: board.boardId, err: describeErrorForLog(error) }, 'events: dispatching failed'))
        .finally(() => {
          board.isBusy = false;
          this.activeWorkers -= 1;
          if (board.needsAnotherPass) {
            board.needsAnotherPass = false;
            this.schedule(board);
          }
          this.runWorkers();
          if (this.activeWorkers === 0 && this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }

  // ── dispatching ─────────────────────────────────────────────────────────────────────────────────────────────

  private slowestCursor(board: BoardState): number {
    if (!board.consumers) return 0;
    let slowest = Number.POSITIVE_INFINITY;
    for (const state of board.consumers.values()) slowest = Math.min(slowest, state.cursor);
    return Number.isFinite(slowest) ? slowest : board.head;
  }

  /** Where each consumer starts on a board first dispatched since this instance became leader (no query). */
  private initialiseBoard(board: BoardState): Map<string, ConsumerState> {
    const states = new Map<string, ConsumerState>();
    const fresh = (cursor: number): ConsumerState => ({ cursor, isDirty: false, failures: 0, retryAt: 0 });
    for (const consumer of this.consumers) {
      if (consumer.kind === 'ephemeral') {
        states.set(consumer.name, fresh(initialLiveCursor(this.headsAtLeadershipStart.get(board.boardId))));
        continue;
      }
      const points = this.startingPoints.get(consumer.name);
      // A board created since the consumer's starting points were read has no history before its registration.
      const cursor = initialDurableCursor({ storedSeq: points?.stored.get(board.boardId) ?? null, lastSeqBeforeRegistration: points?.beforeRegistration.get(board.boardId) ?? 0 });
      // Stored from the start, so a restart finds it without looking through the log's history again.
      states.set(consumer.name, { ...fresh(cursor), isDirty: !points?.stored.has(board.boardId) });
    }
    return states;
  }

  private parse(entry: KnownEntry & { payload: string }): BoardChange {
    entry.event ??= JSON.parse(entry.payload) as BoardChange;
    return entry.event;
  }

  private async processBoard(board: BoardState): Promise<void> {
    board.consumers ??= this.initialiseBoard(board);
    const states = board.consumers;
    for (let pass = 0; pass < 1_000 && this.leader; pass += 1) {
      const now = Date.now();
      let didWork = false;
      let readAfter: number | null = null;
      for (const consumer of this.consumers) {
        const state = states.get(consumer.name) as ConsumerState;
        if (state.retryAt > now) continue;
        const work = planConsumerWork({
          cursor: state.cursor,
          headSeq: board.head,
          known: board.known,
          concerns: consumer.kind === 'durable' ? (entry) => consumer.accepts(this.parse(entry)) : () => false,
        });
        if (work.kind === 'pass-over') {
          state.cursor = work.toSeq;
          state.isDirty = consumer.kind === 'durable';
          didWork = true;
        } else if (work.kind === 'read') {
          readAfter = Math.min(readAfter ?? work.afterSeq, work.afterSeq);
        }
      }
      if (readAfter !== null) {
        didWork = (await this.dispatchFromLog(board, states, readAfter)) || didWork;
      }
      const slowest = this.slowestCursor(board);
      for (const seq of board.known.keys()) if (seq <= slowest) board.known.delete(seq);
      if (!didWork) break;
    }
  }

  /** Reads the log after `afterSeq` and hands the events to every consumer that has not passed them. */
  private async dispatchFromLog(board: BoardState, states: Map<string, ConsumerState>, afterSeq: number): Promise<boolean> {
    const rows = await readBoardEvents(board.boardId, afterSeq, BATCH_SIZE);
    if (rows.length === 0) {
      // The head said there was more, the log has nothing: the board is gone, or its events were pruned.
      board.head = afterSeq;
      return false;
    }
    const records: BoardEventRecord[] = rows.map((row) => ({
      boardId: board.boardId,
      seq: row.seq,
      at: row.at,
      event: JSON.parse(row.payload) as BoardChange,
      payload: row.payload,
      isAnnounced: board.known.has(row.seq),
    }));
    const first = records[0] as BoardEventRecord;
    const last = records[records.length - 1] as BoardEventRecord;
    if (last.seq > board.head) board.head = last.seq;
    if (first.seq !== afterSeq + 1) log.warn({ boardId: board.boardId, missing: { from: afterSeq + 1, to: first.seq - 1 } }, 'events: pruned before every consumer had them');
    const now = Date.now();
    for (const consumer of this.consumers) {
      const state = states.get(consumer.name) as ConsumerState;
      if (state.retryAt > now || state.cursor >= last.seq) continue;
      const batch = records.filter((record) => record.seq > state.cursor);
      const accepted = batch.filter((record) => consumer.accepts(record.event));
      if (consumer.kind === 'ephemeral') {
        try {
          if (accepted.length > 0) consumer.handle(accepted);
        } catch (error) {
          log.warn({ consumer: consumer.name, err: describeErrorForLog(error) }, 'events: an ephemeral consumer failed');
        }
        state.cursor = last.seq;
        continue;
      }
      if (accepted.length === 0) {
        state.cursor = last.seq;
        state.isDirty = true;
        continue;
      }
      try {
        await this.runDurable(consumer, board.boardId, state.cursor, last.seq, accepted);
        state.cursor = last.seq;
        state.isDirty = false;
        state.failures = 0;
        state.retryAt = 0;
      } catch (error) {
        if (error instanceof CursorMovedError) {
          state.cursor = error.seq;
          continue;
        }
        state.failures += 1;
        const delay = retryDelayMs(state.failures);
        state.retryAt = Date.now() + delay;
        log.warn({ consumer: consumer.name, boardId: board.boardId, seq: accepted[0]?.seq, attempt: state.failures, err: describeErrorForLog(error) }, 'events: a consumer failed; retrying later');
        if (board.retryTimer) clearTimeout(board.retryTimer);
        board.retryTimer = setTimeout(() => {
          board.retryTimer = null;
          this.schedule(board);
        }, delay);
        board.retryTimer.unref?.();
      }
    }
    return true;
  }

  private async runDurable(consumer: DurableConsumer, boardId: string, expected: number, lastSeq: number, accepted: BoardEventRecord[]): Promise<void> {
    await getDb().$transaction(async (tx) => {
      // Safe without waiting for the disk: if this commit is lost in a crash, the consumer's work is lost with
      // it, and the cursor with it, so the same events are handed again.
      await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
      const [row] = await tx.$queryRaw<{ seq: number }[]>`
        INSERT INTO "EventCursor" (consumer, "boardId", seq) VALUES (${consumer.name}, ${boardId}, ${expected})
        ON CONFLICT (consumer, "boardId") DO UPDATE SET seq = "EventCursor".seq
        RETURNING seq`;
      // Another leader (a moment of overlap) got further: take its word.
      if (row && row.seq > expected) throw new CursorMovedError(row.seq);
      await consumer.handle(tx, accepted);
      await tx.$executeRaw`UPDATE "EventCursor" SET seq = ${lastSeq}, "updatedAt" = now() WHERE consumer = ${consumer.name} AND "boardId" = ${boardId}`;
    });
  }

  /** Stores the cursors that moved over events no durable consumer wanted (so a restart need not look again). */
  async flushCursors(): Promise<void> {
    const consumers: string[] = [];
    const boardIds: string[] = [];
    const seqs: number[] = [];
    for (const board of this.boards.values()) {
      for (const [name, state] of board.consumers ?? []) {
        if (!state.isDirty) continue;
        state.isDirty = false;
        consumers.push(name);
        boardIds.push(board.boardId);
        seqs.push(state.cursor);
      }
    }
    if (consumers.length === 0) return;
    await getPgPool().query({
      text: `INSERT INTO "EventCursor" (consumer, "boardId", seq)
             SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
             ON CONFLICT (consumer, "boardId") DO UPDATE SET seq = GREATEST("EventCursor".seq, EXCLUDED.seq), "updatedAt" = now()`,
      values: [consumers, boardIds, seqs],
    });
  }

  /**
   * Deletes events older than the resume window that every durable consumer has passed (a consumer without a
   * cursor on the board has passed what was written before it was registered).
   */
  async prune(): Promise<number> {
    if (!this.leader) return 0;
    const cutoff = new Date(Date.now() - getLiveConfig().retentionMinutes * 60_000);
    const { rowCount } = await getPgPool().query({
      text: `DELETE FROM "OutboxEvent" e
             WHERE e.at < $1
               AND NOT EXISTS (
                 SELECT 1 FROM "EventConsumer" r
                 LEFT JOIN "EventCursor" c ON c.consumer = r.name AND c."boardId" = e."boardId"
                 WHERE r.name = ANY($2::text[])
                   AND CASE WHEN c.seq IS NULL THEN e.at >= r."registeredAt" ELSE c.seq < e.seq END)`,
      values: [cutoff, this.durable.map((consumer) => consumer.name)],
    });
    return rowCount ?? 0;
  }
}

const globalForDispatcher = globalThis as unknown as { tillitEventDispatcher?: EventDispatcher };

/** Starts this process's dispatcher (once per process; server.ts calls it). */
export function startEventDispatcher(): EventDispatcher {
  if (!globalForDispatcher.tillitEventDispatcher) {
    globalForDispatcher.tillitEventDispatcher = new EventDispatcher();
    globalForDispatcher.tillitEventDispatcher.start();
  }
  return globalForDispatcher.tillitEventDispatcher;
}
