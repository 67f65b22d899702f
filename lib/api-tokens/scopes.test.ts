import { describe, expect, it } from 'vitest';
import { canTokenCall, computeTokenExpiry, getTokenState, isLastUsedDue, isScopeForKind, type ApiOperationKind, type ApiTokenScope } from './scopes';

const OPERATIONS: ApiOperationKind[] = ['read', 'write', 'intake'];

describe('token scopes', () => {
  it('lets each kind and scope do exactly its operations', () => {
    const table = (kind: 'PERSONAL' | 'TEAM', scope: ApiTokenScope) => OPERATIONS.filter((operation) => canTokenCall({ kind, scope }, operation));
    expect(table('PERSONAL', 'READ')).toEqual(['read']);
    expect(table('PERSONAL', 'READ_WRITE')).toEqual(['read', 'write']);
    expect(table('PERSONAL', 'INTAKE')).toEqual([]);
    expect(table('TEAM', 'INTAKE')).toEqual(['intake']);
    expect(table('TEAM', 'READ_WRITE')).toEqual(['read', 'write', 'intake']);
    expect(table('TEAM', 'READ')).toEqual([]);
    expect(canTokenCall({ kind: 'OTHER' as 'TEAM', scope: 'READ_WRITE' }, 'read')).toBe(false);
    expect(canTokenCall({ kind: 'PERSONAL', scope: 'ADMIN' as ApiTokenScope }, 'read')).toBe(false);
  });

  it('offers only the scopes of each kind', () => {
    expect(isScopeForKind('PERSONAL', 'READ')).toBe(true);
    expect(isScopeForKind('PERSONAL', 'INTAKE')).toBe(false);
    expect(isScopeForKind('TEAM', 'INTAKE')).toBe(true);
    expect(isScopeForKind('TEAM', 'READ')).toBe(false);
  });

  it('says whether a token is active, expired (from its expiry instant on) or revoked', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(getTokenState({ expiresAt: null, revokedAt: null }, now)).toBe('active');
    expect(getTokenState({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe('active');
    expect(getTokenState({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(getTokenState({ expiresAt: new Date(now.getTime() + 86_400_000), revokedAt: now }, now)).toBe('revoked');
    expect(computeTokenExpiry(30, now)?.toISOString()).toBe('2026-12-31T12:00:00.000Z');
    expect(computeTokenExpiry(null, now)).toBeNull();
  });

  it('writes "last used" at most once per interval', () => {
    expect(isLastUsedDue(undefined, 1_000, 60_000)).toBe(true);
    expect(isLastUsedDue(1_000, 60_999, 60_000)).toBe(false);
    expect(isLastUsedDue(1_000, 61_000, 60_000)).toBe(true);
  });
});
