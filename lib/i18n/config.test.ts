import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './config';

describe('negotiateLocale', () => {
  it('takes the best supported language by q-value', () => {
    expect(negotiateLocale('en-GB,en;q=0.9,sv;q=0.8')).toBe('en');
    expect(negotiateLocale('de-DE,de;q=0.9,sv;q=0.8,en;q=0.7')).toBe('sv');
    expect(negotiateLocale('en;q=0.5,sv-SE;q=0.9')).toBe('sv');
  });
  it('falls back to Swedish for unknown or missing languages', () => {
    expect(negotiateLocale('fr-FR')).toBe('sv');
    expect(negotiateLocale(undefined)).toBe('sv');
    expect(negotiateLocale('en;q=0')).toBe('sv');
  });
});
