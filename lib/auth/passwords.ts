import 'server-only';
import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum recommended parameters (19 MiB, 2 iterations, 1 lane).
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A real argon2id hash (same parameters) of a random string, verified when the account does not exist (or has no
// password), so an unknown e-mail takes as long as a wrong password and the response time tells nothing. Made when
// the module loads, so that not even the first unknown address after a start pays for hashing it.
const dummyHash: Promise<string> = hashPassword(randomUUID());

export async function isPasswordCorrect(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}
