import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

describe('safeCallbackPath', () => {
  it('keeps a path on this site', () => {
    expect(safeCallbackPath('/invitations/abc')).toBe('/invitations/abc');
    expect(safeCallbackPath('/teams?x=1')).toBe('/teams?x=1');
    expect(safeCallbackPath('http://localhost:3000/invitations/abc')).toBe('/invitations/abc');
  });

  it('never leads to another site or back to sign-in', () => {
    for (const value of ['//evil.example', '/\\evil.example', 'javascript:alert(1)', 'evil.example', '/sign-in?callbackUrl=/x', '/api/auth/signout', '/\u0000x', '']) {
      expect(safeCallbackPath(value)).toBe('/teams');
    }
    expect(safeCallbackPath(undefined)).toBe('/teams');
  });
});
