import 'server-only';
import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum recommended parameters (19 MiB, 2 iterations, 1 lane).
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A real hash of a random string, verified when the account does not exist, so an unknown e-mail takes as long
// as a wrong password and the response time tells nothing.
let dummyHash: Promise<string> | undefined;

export async function isPasswordCorrect(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomUUID());
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}
