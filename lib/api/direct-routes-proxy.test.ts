/**
 * The production server's direct routes behind a trusted reverse proxy (TILLIT_TRUSTED_PROXY_HOPS=1): HSTS when the
 * proxy says the browser came over HTTPS, as pages send it, and the client address taken from the proxy's entry.
 * Its own file: the configuration is read once per module graph. Needs DATABASE_URL; skipped without one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';
process.env.TILLIT_TRUSTED_PROXY_HOPS = '1';

describe.skipIf(!hasDatabase)('direct routes behind a trusted proxy', () => {
  let server: http.Server;
  let base: string;
  const seenAddresses: (string | undefined)[] = [];

  beforeAll(async () => {
    const { markClientAddress, serveDirectRoute } = await import('./direct-routes');
    server = http.createServer((request, response) => {
      markClientAddress(request);
      seenAddresses.push(request.headers['x-tillit-client-address'] as string | undefined);
      if (serveDirectRoute(request, response)) return;
      response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('sends HSTS when the proxy says X-Forwarded-Proto: https, and not over plain http', async () => {
    const overHttps = await fetch(`${base}/api/boards/nope/commands`, { method: 'POST', headers: { 'x-forwarded-proto': 'https', origin: base.replace('http:', 'https:') }, body: '{}' });
    expect(overHttps.status).toBe(401);
    expect(overHttps.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const overHttp = await fetch(`${base}/api/boards/nope/commands`, { method: 'POST', headers: { 'x-forwarded-proto': 'http', origin: base }, body: '{}' });
    expect(overHttp.headers.get('strict-transport-security')).toBeNull();
  });

  it('takes the client address from the proxy’s X-Forwarded-For entry and overwrites a forged address header', async () => {
    seenAddresses.length = 0;
    await fetch(`${base}/elsewhere`, { headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7', 'x-tillit-client-address': '6.6.6.6' } });
    expect(seenAddresses).toEqual(['198.51.100.7']);
  });
});
