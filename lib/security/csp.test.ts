import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe('Content-Security-Policy', () => {
  it('allows scripts only with the nonce, never unsafe-inline, and forbids framing', () => {
    const policy = directives(buildContentSecurityPolicy({ nonce: 'abc123', isDevelopment: false, isHttps: false }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it("adds 'unsafe-eval' in development only and upgrades requests behind HTTPS", () => {
    expect(directives(buildContentSecurityPolicy({ nonce: 'n', isDevelopment: true, isHttps: false })).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(buildContentSecurityPolicy({ nonce: 'n', isDevelopment: false, isHttps: true })).has('upgrade-insecure-requests')).toBe(true);
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
