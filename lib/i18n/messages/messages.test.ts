import { describe, expect, it } from 'vitest';
import { CATALOGUES } from './index';

function collectKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    collectKeys(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** ICU placeholders such as {count} must match between languages, or a translation silently drops a value. */
function collectPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\s*[,}]/g)].map((match) => match[1] ?? '').sort();
}

function valueAt(catalogue: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalogue);
}

describe('message catalogues', () => {
  const enKeys = collectKeys(CATALOGUES.en).sort();
  const svKeys = collectKeys(CATALOGUES.sv).sort();

  it('has every English key in Swedish', () => {
    expect(enKeys.filter((key) => !svKeys.includes(key))).toEqual([]);
  });

  it('has every Swedish key in English', () => {
    expect(svKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it('has no empty messages', () => {
    for (const locale of ['en', 'sv'] as const) {
      const keys = collectKeys(CATALOGUES[locale]);
      expect(keys.filter((key) => String(valueAt(CATALOGUES[locale], key)).trim() === '')).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = enKeys.filter((key) => {
      const en = valueAt(CATALOGUES.en, key);
      const sv = valueAt(CATALOGUES.sv, key);
      return typeof en === 'string' && typeof sv === 'string' &&
        [...new Set(collectPlaceholders(en))].join() !== [...new Set(collectPlaceholders(sv))].join();
    });
    expect(mismatched).toEqual([]);
  });
});
