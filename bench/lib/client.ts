/**
 * A lean HTTP client for the bench (node:http with keep-alive, so client overhead stays small on a 2-core machine)
 * and a next-auth session cookie made with the app's own secret, exactly as next-auth would issue it.
 */
import http from 'node:http';
import { encode } from 'next-auth/jwt';

export type BenchUser = { id: string; name: string; email: string };
export type HttpResult = { status: number; body: string; ms: number; endedAt: number };

export async function sessionCookie(user: BenchUser, secret: string): Promise<string> {
  const token = await encode({ token: { sub: user.id, name: user.name, email: user.email }, secret, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

export class BenchClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private readonly cookie: string,
    maxSockets = 4,
    /** Sent with every request, e.g. `authorization` for the public API (then `cookie` may be ''). */
    private readonly extraHeaders: Record<string, string> = {},
  ) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, timeoutMs = 15_000): Promise<HttpResult> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...this.extraHeaders,
            origin: this.base.origin,
            accept: 'application/json',
            'accept-language': 'en',
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const endedAt = performance.now();
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: endedAt - started, endedAt });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One subscribed browser, as the board client sees the stream: `data:` lines with JSON board events (`id`: the SSE id). */
export type SseEvent = { at: number; data: Record<string, unknown>; id?: string };

export class SseSubscriber {
  private req: http.ClientRequest | null = null;
  private isClosed = false;
  private readonly handlers = new Set<(event: SseEvent) => void>();
  /** Times (performance.now) at which a stream opened with HTTP 200. */
  readonly openedAt: number[] = [];
  /** Times at which a stream ended (server closed it, e.g. the database went away). */
  readonly endedAt: number[] = [];
  /** The last SSE id received: sent as Last-Event-ID on reconnect, as a browser's EventSource does. */
  lastEventId: string | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly path: string,
    private readonly cookie: string,
    private readonly reconnectMs = 100,
  ) {}

  onEvent(handler: (event: SseEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Connects (and reconnects after the stream ends, like the browser client) until close(). Resolves on the first open. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      let resolved = false;
      const connect = () => {
        if (this.isClosed) return;
        const url = new URL(this.path, this.baseUrl);
        const headers: Record<string, string> = { cookie: this.cookie, accept: 'text/event-stream' };
        if (this.lastEventId !== null) headers['last-event-id'] = this.lastEventId;
        const req = http.get(url, { headers }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            res.on('end', () => setTimeout(connect, this.reconnectMs));
            return;
          }
          this.openedAt.push(performance.now());
          if (!resolved) {
            resolved = true;
            resolve();
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const at = performance.now();
            buffer += chunk;
            let boundary = buffer.indexOf('\n\n');
            while (boundary >= 0) {
              const block = buffer.slice(0, boundary);
              buffer = buffer.slice(boundary + 2);
              const lines = block.split('\n');
              const data = lines
                .filter((line) => line.startsWith('data:'))
                .map((line) => line.slice(5).trimStart())
                .join('\n');
              const id = lines.find((line) => line.startsWith('id:'))?.slice(3).trim();
              if (id !== undefined) this.lastEventId = id;
              if (data) {
                try {
                  const parsed = JSON.parse(data) as Record<string, unknown>;
                  for (const handler of this.handlers) handler({ at, data: parsed, id });
                } catch {
                  // not JSON: ignore, as the browser client does
                }
              }
              boundary = buffer.indexOf('\n\n');
            }
          });
          let hasEnded = false;
          const ended = () => {
            if (hasEnded) return;
            hasEnded = true;
            this.endedAt.push(performance.now());
            if (!this.isClosed) setTimeout(connect, this.reconnectMs);
          };
          res.once('end', ended);
          res.once('close', ended);
          res.once('error', ended);
        });
        req.on('error', () => {
          if (!this.isClosed) setTimeout(connect, this.reconnectMs);
        });
        this.req = req;
      };
      connect();
    });
  }

  close(): void {
    this.isClosed = true;
    this.req?.destroy();
  }
}
