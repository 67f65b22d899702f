/**
 * Many browsers' live streams in one process, over raw TCP (no http module per stream), so that one Node process can
 * hold 10,000 of them and still measure: each stream sends the request a browser's EventSource sends
 * (`?lastEventId=` / `Last-Event-ID`), keeps its last SSE id, and reconnects the way the board client does
 * (app/(app)/boards/[boardId]/use-board-live.ts: 500 ms × 2^attempt, at most 15 s, ±25 % jitter). Used by
 * bench/streams.bench.ts and the reconnect-storm test in e2e/live-scale.spec.ts.
 */
import net from 'node:net';

export type SwarmStream = { boardId: string; cookie: string };
export type Reconnect = 'browser' | 'never';

type StreamState = {
  spec: SwarmStream;
  socket: net.Socket | null;
  isOpen: boolean;
  head: string;
  tail: string;
  lastEventId: number | null;
  attempt: number;
  timer: ReturnType<typeof setTimeout> | null;
};

export type SwarmStats = {
  opened: number;
  /** Answers other than 200, by status code. */
  refused: Record<string, number>;
  /** Connections that failed before an answer (refused, reset). */
  connectErrors: number;
  /** Streams the server ended. */
  endedByServer: number;
};

const MAX_BACKOFF_MS = 15_000;

export class SseSwarm {
  private readonly streams: StreamState[];
  private isStopped = false;
  readonly stats: SwarmStats = { opened: 0, refused: {}, connectErrors: 0, endedByServer: 0 };
  /** Called with each chunk a stream receives (raw, may hold several frames) and the time it arrived. */
  onData: ((index: number, text: string, at: number) => void) | null = null;
  /** Called when a stream opens (HTTP 200). */
  onOpen: ((index: number, at: number) => void) | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    specs: SwarmStream[],
    private readonly reconnect: Reconnect = 'browser',
  ) {
    this.streams = specs.map((spec) => ({ spec, socket: null, isOpen: false, head: '', tail: '', lastEventId: null, attempt: 0, timer: null }));
  }

  get size(): number {
    return this.streams.length;
  }

  get openCount(): number {
    let count = 0;
    for (const stream of this.streams) if (stream.isOpen) count += 1;
    return count;
  }

  lastEventId(index: number): number | null {
    return this.streams[index]?.lastEventId ?? null;
  }

  /** Opens every stream, `concurrency` connection attempts at a time (0: all at once), from `lastEventId` when given. */
  async openAll(options: { lastEventId?: (index: number) => number | null; concurrency?: number } = {}): Promise<void> {
    this.streams.forEach((stream, index) => {
      stream.lastEventId = options.lastEventId?.(index) ?? stream.lastEventId;
    });
    const concurrency = options.concurrency ?? 0;
    if (concurrency <= 0) {
      this.streams.forEach((_, index) => this.connect(index));
      return;
    }
    for (let start = 0; start < this.streams.length; start += concurrency) {
      const batch = this.streams.slice(start, start + concurrency).map((_, offset) => start + offset);
      for (const index of batch) this.connect(index);
      await this.waitFor(() => batch.every((index) => this.streams[index]?.isOpen || this.streams[index]?.timer !== null), 60_000).catch(() => {});
    }
  }

  /** Resolves when `condition` holds (checked every 20 ms), rejects after `timeoutMs`. */
  async waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Cuts every stream at once, as a building's network blip would; they reconnect by themselves. */
  dropAll(): void {
    for (const stream of this.streams) {
      stream.isOpen = false;
      stream.attempt = 0;
      const socket = stream.socket;
      stream.socket = null;
      socket?.destroy();
    }
    if (this.reconnect === 'browser') this.streams.forEach((_, index) => this.scheduleReconnect(index));
  }

  close(): void {
    this.isStopped = true;
    for (const stream of this.streams) {
      if (stream.timer) clearTimeout(stream.timer);
      stream.timer = null;
      stream.socket?.destroy();
      stream.socket = null;
      stream.isOpen = false;
    }
  }

  private connect(index: number) {
    const stream = this.streams[index] as StreamState;
    if (this.isStopped) return;
    stream.timer = null;
    stream.head = '';
    stream.tail = '';
    const socket = net.connect({ host: this.host, port: this.port });
    stream.socket = socket;
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    const position = stream.lastEventId === null ? '' : `?lastEventId=${stream.lastEventId}`;
    socket.on('connect', () => {
      socket.write(
        `GET /api/boards/${encodeURIComponent(stream.spec.boardId)}/events${position} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n` +
          `Cookie: ${stream.spec.cookie}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n`,
      );
    });
    let hasAnswer = false;
    socket.on('data', (text: string) => {
      const at = performance.now();
      if (!hasAnswer) {
        stream.head += text;
        const end = stream.head.indexOf('\r\n\r\n');
        if (end < 0) return;
        hasAnswer = true;
        const status = Number(stream.head.slice(9, 12));
        const body = stream.head.slice(end + 4);
        stream.head = '';
        if (status !== 200) {
          this.stats.refused[status] = (this.stats.refused[status] ?? 0) + 1;
          socket.destroy();
          return;
        }
        stream.isOpen = true;
        stream.attempt = 0;
        this.stats.opened += 1;
        this.onOpen?.(index, at);
        if (body) this.receive(index, body, at);
        return;
      }
      this.receive(index, text, at);
    });
    const ended = (isError: boolean) => {
      if (stream.socket !== socket) return;
      stream.socket = null;
      if (stream.isOpen) this.stats.endedByServer += 1;
      else if (!hasAnswer && isError) this.stats.connectErrors += 1;
      stream.isOpen = false;
      this.scheduleReconnect(index);
    };
    socket.on('error', () => ended(true));
    socket.on('close', () => ended(false));
  }

  private receive(index: number, text: string, at: number) {
    const stream = this.streams[index] as StreamState;
    // The last SSE id, even when a frame is split across reads (the tail keeps the end of the previous chunk).
    const searched = stream.tail + text;
    const idAt = searched.lastIndexOf('\nid: ') >= 0 ? searched.lastIndexOf('\nid: ') + 1 : searched.startsWith('id: ') ? 0 : -1;
    if (idAt >= 0) {
      const lineEnd = searched.indexOf('\n', idAt);
      if (lineEnd > 0) {
        const id = Number(searched.slice(idAt + 4, lineEnd));
        if (Number.isSafeInteger(id)) stream.lastEventId = id;
      }
    }
    stream.tail = searched.slice(-64);
    this.onData?.(index, text, at);
  }

  private scheduleReconnect(index: number) {
    const stream = this.streams[index] as StreamState;
    if (this.isStopped || this.reconnect === 'never' || stream.timer) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** stream.attempt) * (0.75 + Math.random() * 0.5);
    stream.attempt += 1;
    stream.timer = setTimeout(() => this.connect(index), delay);
  }
}
