import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/app-setup';
import { createMulberry32 } from '../../lib/flow/seeded-random';

/** The command line as typed, with the environment variables that change what the bench does. */
export function describeCommand(script: string, envNames: string[]): string {
  const env = envNames.filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]}`);
  return [...env, 'npx tsx', script, ...process.argv.slice(2)].join(' ');
}

export const OUT_DIR = path.join(ROOT, 'bench', 'out');

/** Writes `<name>-<timestamp>.json|txt` and `<name>-latest.json|txt` into bench/out (git-ignored). */
export function writeResults(name: string, json: unknown, text: string): string[] {
  mkdirSync(OUT_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const files = [`${name}-${stamp}`, `${name}-latest`].flatMap((base) => {
    const jsonFile = path.join(OUT_DIR, `${base}.json`);
    const textFile = path.join(OUT_DIR, `${base}.txt`);
    writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(textFile, text);
    return [jsonFile, textFile];
  });
  return files.slice(0, 2);
}

/** A small deterministic generator, so a run can be repeated with the same moves (BENCH_SEED). */
export function createRandom(seed: number) {
  const next = createMulberry32(seed);
  return { next, int: (max: number) => Math.floor(next() * max), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T };
}
