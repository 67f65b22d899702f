/**
 * TOTP secrets at rest: AES-256-GCM with a key derived (HKDF-SHA256) from AUTH_SECRET, so a copy of the database
 * (a backup) alone does not give anyone the secrets that make a person's codes. Rotating AUTH_SECRET therefore also
 * makes every two-factor set-up unreadable: people then sign in with a recovery code and set it up again.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

function keyFrom(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'tillit', 'tillit totp secret v1', 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function sealTotpSecret(secret: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(authSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The secret, or null when the value was sealed with another AUTH_SECRET or was tampered with. */
export function openTotpSecret(value: string, authSecret: string): string | null {
  const [version, iv, tag, sealed] = value.split('.');
  if (version !== 'v1' || !iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(authSecret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
