import { describe, expect, it } from 'vitest';
import { matchesAllTerms, normalizeSearchText, toQueryTerms } from './normalize';

describe('normalizeSearchText', () => {
  it('ignores case and Swedish diacritics: å, ä, ö, é', () => {
    expect(normalizeSearchText('Ärende')).toBe('arende');
    expect(normalizeSearchText('ÅKE ÖBERG')).toBe('ake oberg');
    expect(normalizeSearchText('Café René')).toBe('cafe rene');
    expect(normalizeSearchText('Orosanmälan')).toBe('orosanmalan');
  });
  it('treats precomposed and decomposed letters alike', () => {
    expect(normalizeSearchText('A\u0308rende')).toBe(normalizeSearchText('\u00C4rende'));
  });
  it('spells out letters without a combining mark, and collapses white space', () => {
    expect(normalizeSearchText('Søren  Ærø\tStraße\n')).toBe('soren aero strasse');
  });
});

describe('query terms', () => {
  it('splits a query into normalised, distinct words', () => {
    expect(toQueryTerms('  Ärende  ÄRENDE bistånd ')).toEqual(['arende', 'bistand']);
    expect(toQueryTerms('   ')).toEqual([]);
  });
  it('matches when every word occurs anywhere (any order, inside words)', () => {
    const text = normalizeSearchText('Ansökan om ekonomiskt bistånd – ärende 2026-123');
    expect(matchesAllTerms(text, toQueryTerms('arende'))).toBe(true);
    expect(matchesAllTerms(text, toQueryTerms('bistand ansok'))).toBe(true);
    expect(matchesAllTerms(text, toQueryTerms('2026-123'))).toBe(true);
    expect(matchesAllTerms(text, toQueryTerms('bistand hyra'))).toBe(false);
    expect(matchesAllTerms(text, [])).toBe(true);
  });
});
