/**
 * Is a request from another site? Pure (no `server-only`, no environment reads), so that proxy.ts, the route
 * handlers, the server actions and the production server's direct routes all decide it with the same rule.
 *
 * Browsers send Origin on every cross-site POST (and Sec-Fetch-Site on every request). A state-changing request
 * is foreign when its Origin is not exactly this site's origin — scheme, host and port: `https://localhost:3000`
 * is another origin than `http://localhost:3000` — or, without an Origin, when the browser marks it cross-site.
 */

/** What the request's headers can be read through: Web `Headers`, or an adapter over Node's. */
export type OriginHeaders = { get(name: string): string | null };

/** This site's origin as the browser sees it: the scheme it was reached by and the Host it asked for. */
export function requestOrigin(headers: OriginHeaders, isHttps: boolean): string | null {
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  return host ? `${isHttps ? 'https' : 'http'}://${host.toLowerCase()}` : null;
}

export function isForeignOrigin(method: string, headers: OriginHeaders, isHttps: boolean): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const origin = headers.get('origin');
  if (!origin) return headers.get('sec-fetch-site') === 'cross-site';
  const expected = requestOrigin(headers, isHttps);
  try {
    return expected === null || new URL(origin).origin !== new URL(expected).origin;
  } catch {
    return true;
  }
}
