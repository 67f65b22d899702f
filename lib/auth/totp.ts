/**
 * Time-based one-time passwords (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps — what every authenticator
 * app speaks) through otplib, and the ten one-time recovery codes. Pure apart from randomness (`node:crypto`):
 * no database, `now` passed in.
 */
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone whose clock is up to 30 seconds off, or a code typed as it changes, still works. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
export const RECOVERY_CODE_COUNT = 10;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), Base32 as authenticator apps expect. */
export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI a QR code carries: issuer "Tillit" and the person's e-mail address as the account name. */
export function totpUri(secret: string, accountName: string, issuer = 'Tillit'): string {
  return generateURI({ issuer, label: accountName, secret });
}

/** The secret as a person types it from the screen: Base32 in groups of four. */
export function formatManualKey(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Checks a six-digit code at `now`. `afterTimeStep` is the step of the last accepted code: a code of that step or
 * an earlier one is refused, so a code seen over someone's shoulder cannot be used again. Returns the accepted
 * code's time step (to store), or null.
 */
export function checkTotpCode(secret: string, code: string, now: Date, afterTimeStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = verifySync({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterTimeStep !== null ? { afterTimeStep } : {}),
    });
    return result.valid ? ((result as { timeStep?: number }).timeStep ?? null) : null;
  } catch {
    return null;
  }
}

/** The 6-digit code for `secret` at `now` (tests, and the e2e suite playing an authenticator app). */
export { generateSync as generateTotpCodeWith } from 'otplib';

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: read aloud and typed by hand

/** Ten new recovery codes, each 10 characters from a 31-letter alphabet (about 50 bits), shown as xxxxx-xxxxx. */
export function createRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const characters = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${characters.slice(0, 5)}-${characters.slice(5)}`;
  });
}

/** A recovery code as typed (any case, with or without the dash or spaces) in the form it is hashed in. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** What is stored of a recovery code: its SHA-256 (the code has ~50 random bits; nothing to salt against). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(`tillit-recovery:${normalizeRecoveryCode(code)}`).digest('hex');
}
