import 'server-only';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrlShape, hostOf, pickDeliveryAddress, type AllowList, type UrlProblem } from './address-policy';

/**
 * Sends one webhook delivery over HTTP(S), safely:
 * - the URL's host is resolved here and every address checked (lib/webhooks/address-policy.ts) before anything is
 *   sent; the connection then goes to exactly that checked address (a custom `lookup`), so a second DNS answer
 *   (rebinding) cannot redirect it; TLS still verifies the certificate against the host name;
 * - redirects are not followed (a 3xx is a failed attempt), nothing is read beyond the first 1 KB of the answer;
 * - the whole attempt (connect, send, answer) is bounded by `timeoutMs`.
 */
export type DeliveryOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; problem?: UrlProblem };

export type DeliveryRequest = { url: string; body: string; headers: Record<string, string>; timeoutMs: number; allowList: AllowList };

/** Resolves `host` to all its addresses (an address literal resolves to itself). */
async function resolveAll(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

/** Checks a URL as registering a webhook does: its shape, then where it resolves now. */
export async function checkWebhookDestination(url: string, allowList: AllowList): Promise<{ ok: true; address: string; url: URL } | { ok: false; problem: UrlProblem }> {
  const shape = checkWebhookUrlShape(url, allowList);
  if (!shape.ok) return shape;
  const host = hostOf(shape.url);
  let addresses: string[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return { ok: false, problem: 'unresolvable' };
  }
  const address = pickDeliveryAddress(host, addresses, allowList);
  if (!address) return { ok: false, problem: 'refusedAddress' };
  return { ok: true, address, url: shape.url };
}

export async function sendWebhookRequest(request: DeliveryRequest): Promise<DeliveryOutcome> {
  const destination = await checkWebhookDestination(request.url, request.allowList);
  if (!destination.ok) return { ok: false, status: null, error: `refused: ${destination.problem}`, problem: destination.problem };
  const { url, address } = destination;
  const family = address.includes(':') ? 6 : 4;
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<DeliveryOutcome>((resolve) => {
    let isSettled = false;
    const settle = (outcome: DeliveryOutcome) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        lookup: pinnedLookup,
        agent: false,
        headers: { ...request.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body), 'user-agent': 'Tillit-Webhooks/1' },
      },
      (answer) => {
        const status = answer.statusCode ?? 0;
        let received = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => {
          if (received.length < 1024) received += chunk;
          if (received.length >= 1024) answer.destroy();
        });
        const finish = () => {
          if (status >= 200 && status < 300) settle({ ok: true, status });
          else if (status >= 300 && status < 400) settle({ ok: false, status, error: `redirect to ${answer.headers.location ?? '?'} not followed` });
          else settle({ ok: false, status, error: `HTTP ${status}${received ? `: ${received.replace(/\s+/g, ' ').slice(0, 200)}` : ''}` });
        };
        answer.on('end', finish);
        answer.on('close', finish);
        answer.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      settle({ ok: false, status: null, error: `no answer within ${request.timeoutMs} ms` });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on('error', (error: Error & { code?: string }) => settle({ ok: false, status: null, error: error.code ? `${error.code}` : error.message.slice(0, 200) }));
    outgoing.end(request.body);
  });
}
