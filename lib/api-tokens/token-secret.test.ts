import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenSecret, displayPrefix, hashTokenSecret, isSameHash, isWellFormedToken, readBearerToken } from './token-secret';

const fixedBytes = (size: number) => Buffer.alloc(size, 7);

describe('API token secrets', () => {
  it('makes a marked, 256-bit secret and stores only its SHA-256', () => {
    const personal = createTokenSecret('PERSONAL');
    const team = createTokenSecret('TEAM');
    expect(personal.secret).toMatch(/^tillit_pat_[A-Za-z0-9_-]{43}$/);
    expect(team.secret).toMatch(/^tillit_int_[A-Za-z0-9_-]{43}$/);
    expect(personal.hash).toBe(createHash('sha256').update(personal.secret).digest('hex'));
    expect(personal.hash).not.toContain(personal.secret.slice(11));
    expect(createTokenSecret('PERSONAL').secret).not.toBe(personal.secret);
  });

  it('is deterministic given the random bytes, and shows only a short prefix', () => {
    const a = createTokenSecret('TEAM', fixedBytes);
    expect(a).toEqual(createTokenSecret('TEAM', fixedBytes));
    expect(a.prefix).toBe(displayPrefix(a.secret));
    expect(a.prefix).toMatch(/^tillit_int_.{8}$/);
    expect(a.secret.startsWith(a.prefix)).toBe(true);
  });

  it('reads Authorization: Bearer and refuses anything that is not a Tillit token before any look-up', () => {
    const { secret, hash } = createTokenSecret('PERSONAL');
    expect(readBearerToken(`Bearer ${secret}`)).toEqual({ kind: 'token', secret, hash });
    expect(readBearerToken(`bearer   ${secret}  `)).toEqual({ kind: 'token', secret, hash });
    expect(readBearerToken(null)).toEqual({ kind: 'none' });
    expect(readBearerToken('  ')).toEqual({ kind: 'none' });
    for (const bad of [secret, `Basic ${secret}`, `Bearer ${secret}x`, `Bearer ${secret.slice(0, -1)}`, 'Bearer tillit_xyz_' + 'a'.repeat(43), `Bearer ${secret} extra`, 'Bearer', `Bearer ${secret.replace('_pat_', '_PAT_')}`]) {
      expect(readBearerToken(bad), bad).toEqual({ kind: 'malformed' });
    }
    expect(isWellFormedToken(secret)).toBe(true);
    expect(hashTokenSecret(secret)).toBe(hash);
  });

  it('compares hashes in constant time and never equal for empty or different lengths', () => {
    const { hash } = createTokenSecret('PERSONAL');
    expect(isSameHash(hash, hash)).toBe(true);
    expect(isSameHash(hash, createTokenSecret('PERSONAL').hash)).toBe(false);
    expect(isSameHash('', '')).toBe(false);
    expect(isSameHash(hash, hash.slice(2))).toBe(false);
  });
});
