import { isIP } from 'node:net';

/**
 * The client's network address, for the per-address sign-in limit and the person's own sign-in history.
 *
 * Every trusted reverse proxy appends the address it received the request from to X-Forwarded-For, so with N
 * proxies in front of Tillit (TILLIT_TRUSTED_PROXY_HOPS=N) the client is the N-th entry from the right; entries
 * further left were written by the client and prove nothing. Without a proxy (0), `next start` fills the header
 * from the TCP connection when the client sent none, so the rightmost entry is used as well; a client that sends
 * its own header can then choose its address, which is why production should run behind a proxy that appends
 * (or overwrites) the header, and why the per-account limit does not depend on the address.
 */
export function clientAddressFromForwardedFor(forwardedFor: string | null | undefined, trustedProxyHops: number): string | null {
  if (!forwardedFor) return null;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return null;
  const index = Math.max(entries.length - Math.max(trustedProxyHops, 1), 0);
  return normalizeAddress(entries[index] ?? '');
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
