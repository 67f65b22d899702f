import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com), with the reference library `standardwebhooks`:
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed with the endpoint's secret
 * (`whsec_` + base64 of 24 random bytes), `webhook-id` the message id (the same on every retry, so a receiver can
 * drop duplicates) and `webhook-timestamp` the attempt's time in seconds (receivers refuse old ones: replay).
 */
export function createWebhookSecret(random: (size: number) => Buffer = randomBytes): string {
  return `whsec_${random(24).toString('base64')}`;
}

/** A message id: `msg_` and 24 random bytes, base64url. */
export function createWebhookMessageId(random: (size: number) => Buffer = randomBytes): string {
  return `msg_${random(18).toString('base64url')}`;
}

export type SignedHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };

/** The three Standard Webhooks headers for sending `body` (exactly these bytes) as message `messageId` at `at`. */
export function signWebhook(secret: string, messageId: string, at: Date, body: string): SignedHeaders {
  const signature = new Webhook(secret).sign(messageId, at, body);
  return { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

/** Verifies a received delivery (what a receiver does; used by the tests and shown in docs/api.md). Throws when invalid. */
export function verifyWebhook(secret: string, body: string, headers: Record<string, string>): unknown {
  return new Webhook(secret).verify(body, headers);
}
