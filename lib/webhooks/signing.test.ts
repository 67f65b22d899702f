import { describe, expect, it } from 'vitest';
import { createWebhookMessageId, createWebhookSecret, signWebhook, verifyWebhook } from './signing';

describe('Standard Webhooks signing', () => {
  it('matches the Standard Webhooks test vector', () => {
    // From the Standard Webhooks specification's reference tests.
    const headers = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}');
    expect(headers).toEqual({ 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' });
  });

  it('signs what a receiver verifies, and a changed body, id or secret fails', () => {
    const secret = createWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const id = createWebhookMessageId();
    expect(id).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
    const body = JSON.stringify({ type: 'card.moved', data: { boardId: 'b1' } });
    const headers = signWebhook(secret, id, new Date(), body);
    expect(verifyWebhook(secret, body, headers)).toEqual(JSON.parse(body));
    expect(() => verifyWebhook(secret, body.replace('b1', 'b2'), headers)).toThrow();
    expect(() => verifyWebhook(secret, body, { ...headers, 'webhook-id': createWebhookMessageId() })).toThrow();
    expect(() => verifyWebhook(createWebhookSecret(), body, headers)).toThrow();
  });

  it('refuses an old timestamp (replay)', () => {
    const secret = createWebhookSecret();
    const body = '{}';
    const headers = signWebhook(secret, createWebhookMessageId(), new Date(Date.now() - 10 * 60_000), body);
    expect(() => verifyWebhook(secret, body, headers)).toThrow();
  });
});
