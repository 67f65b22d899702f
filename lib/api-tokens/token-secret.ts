import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API token secrets. A token is `tillit_pat_…` (personal access token) or `tillit_int_…` (team integration token)
 * followed by 32 random bytes in base64url (256 bits). Only its SHA-256 hash is stored: the secret has far too much
 * entropy to be guessed from the hash, so a slow password hash would only make every API call slower. The kind
 * marker lets secret scanners recognise a leaked token and tells a person which kind they hold.
 */
export type ApiTokenKind = 'PERSONAL' | 'TEAM';

export const TOKEN_MARKERS: Record<ApiTokenKind, string> = { PERSONAL: 'tillit_pat_', TEAM: 'tillit_int_' };

const SECRET_BYTES = 32;
/** base64url of 32 bytes is 43 characters. */
const TOKEN_PATTERN = /^tillit_(pat|int)_[A-Za-z0-9_-]{43}$/;
/** Characters of the random part shown in lists to tell tokens apart (48 bits: not enough to guess the rest). */
const PREFIX_CHARS = 8;

export type NewTokenSecret = { secret: string; hash: string; prefix: string };

/** A new secret for a token of `kind`, its hash for storage and its display prefix. `random` is for tests. */
export function createTokenSecret(kind: ApiTokenKind, random: (size: number) => Buffer = randomBytes): NewTokenSecret {
  const secret = `${TOKEN_MARKERS[kind]}${random(SECRET_BYTES).toString('base64url')}`;
  return { secret, hash: hashTokenSecret(secret), prefix: displayPrefix(secret) };
}

/** The stored form of a secret: SHA-256, hex. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** `tillit_pat_AbCdEfGh…`: the marker and the first characters, for lists. */
export function displayPrefix(secret: string): string {
  const marker = secret.startsWith(TOKEN_MARKERS.TEAM) ? TOKEN_MARKERS.TEAM : TOKEN_MARKERS.PERSONAL;
  return `${marker}${secret.slice(marker.length, marker.length + PREFIX_CHARS)}`;
}

/** Whether `value` has the shape of a Tillit token (checked before any database look-up). */
export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export type BearerReading = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; secret: string; hash: string };

/**
 * Reads `Authorization: Bearer <token>`. No header is "none" (the caller answers 401 asking for a token); a
 * header that is not a well-formed Tillit bearer token is "malformed" and never reaches the database.
 */
export function readBearerToken(authorization: string | null | undefined): BearerReading {
  if (authorization === null || authorization === undefined || authorization.trim() === '') return { kind: 'none' };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  const secret = match?.[1];
  if (!secret || !isWellFormedToken(secret)) return { kind: 'malformed' };
  return { kind: 'token', secret, hash: hashTokenSecret(secret) };
}

/** Constant-time comparison of two hex hashes (used where a hash is compared in memory rather than by index). */
export function isSameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
