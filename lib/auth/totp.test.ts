import { describe, expect, it } from 'vitest';
import { checkTotpCode, createRecoveryCodes, createTotpSecret, formatManualKey, generateTotpCodeWith, hashRecoveryCode, totpUri } from './totp';
import { openTotpSecret, sealTotpSecret } from './two-factor-secret';

const now = new Date('2026-12-02T12:00:10Z');
const codeAt = (secret: string, at: Date) => generateTotpCodeWith({ secret, epoch: Math.floor(at.getTime() / 1000) });

describe('TOTP', () => {
  it('matches RFC 6238’s SHA-1 test vector (T = 59 s: 94287082, whose last six digits are the code)', () => {
    // RFC 6238 appendix B: the ASCII secret "12345678901234567890", Base32.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(checkTotpCode(secret, '287082', new Date(59_000), null)).toBe(1);
  });

  it('accepts the current code and one step either side, nothing further, and never the same step twice', () => {
    const secret = createTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const step = checkTotpCode(secret, codeAt(secret, now), now, null);
    expect(step).toBe(Math.floor(now.getTime() / 30_000));
    expect(checkTotpCode(secret, codeAt(secret, new Date(now.getTime() - 30_000)), now, null)).not.toBeNull();
    expect(checkTotpCode(secret, codeAt(secret, new Date(now.getTime() + 30_000)), now, null)).not.toBeNull();
    expect(checkTotpCode(secret, codeAt(secret, new Date(now.getTime() - 90_000)), now, null)).toBeNull();
    expect(checkTotpCode(secret, codeAt(secret, now), now, step)).toBeNull();
    expect(checkTotpCode(secret, 'abcdef', now, null)).toBeNull();
    expect(checkTotpCode(secret, `${codeAt(secret, now).slice(0, 3)} ${codeAt(secret, now).slice(3)}`, now, null)).toBe(step);
  });

  it('builds the otpauth URI and the manual key an authenticator app takes', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'anna@kommun.se');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Tillit:anna(%40|@)kommun\.se\?/);
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXP');
    expect(uri).toContain('issuer=Tillit');
    expect(formatManualKey('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });

  it('makes ten distinct recovery codes, hashed the same however they are typed', () => {
    const codes = createRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!)).toBe(hashRecoveryCode(` ${codes[0]!.toUpperCase().replace('-', ' ')} `));
    expect(hashRecoveryCode(codes[0]!)).not.toContain(codes[0]!.slice(0, 5));
  });

  it('seals secrets so that only the same AUTH_SECRET opens them', () => {
    const sealed = sealTotpSecret('JBSWY3DPEHPK3PXP', 'one-secret-of-some-length');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openTotpSecret(sealed, 'one-secret-of-some-length')).toBe('JBSWY3DPEHPK3PXP');
    expect(openTotpSecret(sealed, 'another-secret-of-some-length')).toBeNull();
    expect(openTotpSecret(`${sealed.slice(0, -2)}xx`, 'one-secret-of-some-length')).toBeNull();
  });
});
