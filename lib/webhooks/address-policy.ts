import ipaddr from 'ipaddr.js';

/**
 * Where webhook deliveries may go (SSRF protection). A webhook URL is chosen by a team member, and the server sends
 * requests to it from inside the organisation's network, so by default only public unicast addresses are allowed:
 * loopback, private (RFC 1918, unique local), link-local (and so cloud metadata at 169.254.169.254), carrier-grade
 * NAT, multicast, reserved, unspecified and IPv4-mapped forms of them are refused. An operator lets chosen internal
 * receivers through with TILLIT_WEBHOOK_ALLOW_HOSTS, comma-separated: a host name or an address allows URLs with
 * exactly that host; a CIDR range (10.20.0.0/16) allows any host that resolves into it.
 *
 * The check runs when the URL is saved and again before every delivery, on the addresses DNS gives at that moment,
 * and the delivery then connects to exactly the address that was checked (lib/webhooks/deliver.ts), so a name that
 * resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding) is refused.
 */

export type AllowList = { hosts: Set<string>; ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

export function parseAllowList(value: string | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges: AllowList['ranges'] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/') && isCidr(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry.replace(/^\[|\]$/g, ''))) hosts.add(ipaddr.parse(entry.replace(/^\[|\]$/g, '')).toString());
    else hosts.add(entry.replace(/\.$/, ''));
  }
  return { hosts, ranges };
}

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/** The address as IPv4 when it is an IPv4-mapped IPv6 address (::ffff:127.0.0.1 is loopback too). */
function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed;
}

/** Whether an operator's allow list covers `address`. */
export function isAllowedByList(address: string, allow: AllowList): boolean {
  const parsed = normalise(address);
  if (!parsed) return false;
  return allow.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/** Whether `address` is a public unicast address (the only kind a webhook may reach unless allowed). */
export function isPublicAddress(address: string): boolean {
  const parsed = normalise(address);
  if (!parsed) return false;
  return parsed.range() === 'unicast';
}

export type UrlProblem = 'invalid' | 'scheme' | 'credentials' | 'insecure' | 'refusedAddress' | 'unresolvable';

/**
 * The URL's own shape: http(s), no user:password, and https unless the host is on the allow list (an internal
 * receiver without TLS is the operator's decision, never a team's).
 */
export function checkWebhookUrlShape(value: string, allow: AllowList): { ok: true; url: URL } | { ok: false; problem: UrlProblem } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  const host = hostOf(url);
  const isAllowedHost = allow.hosts.has(host) || (ipaddr.isValid(host) && isAllowedByList(host, allow));
  if (url.protocol === 'http:' && !isAllowedHost) return { ok: false, problem: 'insecure' };
  return { ok: true, url };
}

/** The URL's host without IPv6 brackets or a trailing dot, lower-case. */
export function hostOf(url: URL): string {
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return ipaddr.isValid(host) ? ipaddr.parse(host).toString() : host;
}

/**
 * Of the addresses `host` resolved to, the one to connect to: every address must be allowed (a name with one
 * public and one private address is refused: the client could pick either). Null when any is refused.
 */
export function pickDeliveryAddress(host: string, addresses: readonly string[], allow: AllowList): string | null {
  if (addresses.length === 0) return null;
  const isHostAllowed = allow.hosts.has(host);
  for (const address of addresses) {
    if (isHostAllowed || isAllowedByList(address, allow)) continue;
    if (!isPublicAddress(address)) return null;
  }
  return addresses[0] as string;
}
