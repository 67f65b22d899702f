import { isIP } from 'node:net';

/**
 * The client's network address, for the per-address sign-in limit and the person's own sign-in history.
 *
 * The production server (server.ts) works it out once per request from the TCP connection and X-Forwarded-For
 * ({@link resolveClientAddress}) and passes it on in {@link CLIENT_ADDRESS_HEADER}, replacing whatever a client
 * sent in that header; everything else reads only that header ({@link clientAddress}). Under `next dev`, which
 * does not run server.ts, there is no address (sign-in history shows "unknown", the per-address limit is off).
 */
export const CLIENT_ADDRESS_HEADER = 'x-tillit-client-address';

/**
 * Every trusted reverse proxy appends the address it received the request from to X-Forwarded-For, so with N
 * proxies in front of Tillit (TILLIT_TRUSTED_PROXY_HOPS=N) the client is the N-th entry from the right; entries
 * further left were written by the client and prove nothing. With no proxy (0, the default) the header is
 * ignored altogether (anyone can write it) and the address is the TCP connection's. When the header has fewer
 * entries than configured proxies, the leftmost is the furthest hop known.
 */
export function resolveClientAddress(forwardedFor: string | null | undefined, socketAddress: string | null | undefined, trustedProxyHops: number): string | null {
  if (trustedProxyHops <= 0) return socketAddress ? normalizeAddress(socketAddress) : null;
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return socketAddress ? normalizeAddress(socketAddress) : null;
  return normalizeAddress(entries[Math.max(entries.length - trustedProxyHops, 0)] ?? '');
}

/** The address server.ts determined for this request (null under `next dev`). */
export function clientAddress(headers: { get(name: string): string | null }): string | null {
  const value = headers.get(CLIENT_ADDRESS_HEADER);
  return value ? normalizeAddress(value) : null;
}

/**
 * Whether the request reached the nearest trusted proxy over HTTPS: X-Forwarded-Proto counts only when a proxy is
 * trusted (TILLIT_TRUSTED_PROXY_HOPS ≥ 1), since without one anyone can write it.
 */
export function isForwardedHttps(forwardedProto: string | null | undefined, trustedProxyHops: number): boolean {
  if (trustedProxyHops <= 0 || !forwardedProto) return false;
  const protocols = forwardedProto.split(',').map((entry) => entry.trim().toLowerCase());
  return protocols[Math.max(protocols.length - trustedProxyHops, 0)] === 'https';
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[::1]:443" and "10.0.0.1:443" lose the port; anything else is cut to 64 characters. */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  if (value.toLowerCase().startsWith('::ffff:') && isIP(value.slice(7)) === 4) value = value.slice(7);
  if (value.length === 0) return null;
  return value.slice(0, 64);
}

/** A user agent as stored in the person's sign-in history: at most 300 characters. */
export function shortenUserAgent(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  return userAgent.slice(0, 300);
}
