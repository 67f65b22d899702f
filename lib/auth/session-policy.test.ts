import { describe, expect, it } from 'vitest';
import { isWithinAbsoluteLifetime, readSessionClaims, SESSION_ABSOLUTE_LIFETIME_SECONDS } from './session-policy';

const now = new Date('2026-12-02T12:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

describe('readSessionClaims', () => {
  it('reads subject, generation and sign-in time', () => {
    expect(readSessionClaims({ sub: 'u1', gen: 3, authTime: nowSeconds - 60, iat: nowSeconds }, now)).toEqual({ userId: 'u1', generation: 3, authTime: nowSeconds - 60 });
  });

  it('counts a token without a generation as generation 0 and without a sign-in time from its issue time', () => {
    expect(readSessionClaims({ sub: 'u1', iat: nowSeconds - 10 }, now)).toEqual({ userId: 'u1', generation: 0, authTime: nowSeconds - 10 });
  });

  it('refuses tokens without a subject or with malformed claims', () => {
    expect(readSessionClaims(null, now)).toBeNull();
    expect(readSessionClaims({ gen: 0, iat: nowSeconds }, now)).toBeNull();
    expect(readSessionClaims({ sub: 'u1', gen: '0', iat: nowSeconds }, now)).toBeNull();
    expect(readSessionClaims({ sub: 'u1', gen: -1, iat: nowSeconds }, now)).toBeNull();
    expect(readSessionClaims({ sub: 'u1', gen: 0 }, now)).toBeNull();
    expect(readSessionClaims({ sub: 'u1', gen: 0, iat: nowSeconds, purpose: 'second-factor' }, now)).toBeNull();
  });

  it('ends a session 7 days after its sign-in, however recently it was renewed', () => {
    const signedIn = nowSeconds - SESSION_ABSOLUTE_LIFETIME_SECONDS;
    expect(readSessionClaims({ sub: 'u1', gen: 0, authTime: signedIn + 1, iat: nowSeconds }, now)).not.toBeNull();
    expect(readSessionClaims({ sub: 'u1', gen: 0, authTime: signedIn, iat: nowSeconds }, now)).toBeNull();
  });

  it('refuses a sign-in time in the future (beyond clock skew)', () => {
    expect(isWithinAbsoluteLifetime(nowSeconds + 30, now)).toBe(true);
    expect(isWithinAbsoluteLifetime(nowSeconds + 3600, now)).toBe(false);
  });
});
