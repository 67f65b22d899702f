import { describe, expect, it } from 'vitest';
import { isSameLabelList, parseLabelList } from './labels';

describe('parseLabelList', () => {
  it('splits on commas, trims, collapses inner spaces and drops empty parts', () => {
    expect(parseLabelList(' Ekonomiskt bistånd ,  ,Brådskande,,  Tolk   behövs ')).toEqual(['Ekonomiskt bistånd', 'Brådskande', 'Tolk behövs']);
  });

  it('keeps the first spelling of a label given twice, regardless of case (Å/Ä/Ö included)', () => {
    expect(parseLabelList('Återbesök, återbesök, ÅTERBESÖK, Ärende')).toEqual(['Återbesök', 'Ärende']);
  });

  it('gives no labels for an empty or blank text', () => {
    expect(parseLabelList('')).toEqual([]);
    expect(parseLabelList(' , ,')).toEqual([]);
  });
});

describe('isSameLabelList', () => {
  it('compares labels and their order', () => {
    expect(isSameLabelList(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(isSameLabelList(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(isSameLabelList(['a'], ['a', 'b'])).toBe(false);
  });
});
