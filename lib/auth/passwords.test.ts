/**
 * Passwords (lib/auth/passwords.ts): an unknown account (no hash) is checked against a real argon2id hash of the
 * same parameters as every stored one, so it costs the same work and its answer time tells nothing (issue #15).
 * argon2's `verify` is wrapped by a spy that still does the real work, to see which hash each check verifies.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const argon2 = vi.hoisted(() => ({ verifiedHashes: [] as string[] }));

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...actual,
    verify: vi.fn(async (hashed: string, password: string) => {
      argon2.verifiedHashes.push(hashed);
      return actual.verify(hashed, password);
    }),
  };
});

/** The parameter part of a PHC string: `$argon2id$v=19$m=19456,t=2,p=1`. */
const parametersOf = (phc: string) => phc.split('$').slice(0, 4).join('$');

describe('passwords', { timeout: 30_000 }, () => {
  beforeEach(() => {
    argon2.verifiedHashes.length = 0;
  });

  it('hashes with argon2id at OWASP’s minimum parameters (19 MiB, 2 iterations, 1 lane)', async () => {
    const { hashPassword, isPasswordCorrect } = await import('./passwords');
    const hashed = await hashPassword('en lösenfras att minnas');
    expect(parametersOf(hashed)).toBe('$argon2id$v=19$m=19456,t=2,p=1');
    expect(await isPasswordCorrect(hashed, 'en lösenfras att minnas')).toBe(true);
    expect(await isPasswordCorrect(hashed, 'en annan')).toBe(false);
  });

  it('verifies an account without a password against a real dummy argon2id hash of the same parameters, the same one every time', async () => {
    const { hashPassword, isPasswordCorrect } = await import('./passwords');
    const stored = await hashPassword('the right one');
    expect(await isPasswordCorrect(stored, 'a wrong one')).toBe(false);
    expect(await isPasswordCorrect(null, 'a wrong one')).toBe(false);
    expect(await isPasswordCorrect(null, 'another guess')).toBe(false);
    expect(argon2.verifiedHashes).toHaveLength(3);
    const [real, dummy, dummyAgain] = argon2.verifiedHashes as [string, string, string];
    expect(real).toBe(stored);
    // A real hash, not a placeholder that fails fast: the same algorithm, version, memory, iterations and lanes,
    // a salt and a digest of the same lengths.
    expect(parametersOf(dummy)).toBe(parametersOf(stored));
    expect(dummy.split('$').map((part) => part.length)).toEqual(stored.split('$').map((part) => part.length));
    expect(dummy).not.toBe(stored);
    expect(dummyAgain).toBe(dummy);
  });

  it('answers a malformed stored hash with false, never an exception', async () => {
    const { isPasswordCorrect } = await import('./passwords');
    expect(await isPasswordCorrect('not a hash', 'x')).toBe(false);
  });
});
