import { randomUUID } from 'node:crypto';

/**
 * This process's id on the bus. Kept on globalThis: the production server loads lib/ twice (inside Next's bundle
 * and for the direct routes; lib/db.ts), and both copies are one instance.
 */
const globalForInstance = globalThis as unknown as { tillitInstanceId?: string };

export function getInstanceId(): string {
  globalForInstance.tillitInstanceId ??= randomUUID();
  return globalForInstance.tillitInstanceId;
}
