import { describe, expect, it } from 'vitest';
import { isPersonOnCard, sortCardPeople, toCardPeople, toInitials } from './card-people';

describe('toInitials', () => {
  it('takes the first letters of the first and last word', () => {
    expect(toInitials('Anna Berg')).toBe('AB');
    expect(toInitials('Anna Maria Lindqvist')).toBe('AL');
    expect(toInitials('Erik')).toBe('E');
  });
  it('upper-cases Swedish letters and keeps a decomposed letter whole', () => {
    expect(toInitials('åsa öberg')).toBe('ÅÖ');
    expect(toInitials('O\u0308rjan A\u030Akesson')).toBe('ÖÅ');
  });
  it('ignores punctuation, hyphens and extra spaces; no letters gives "?"', () => {
    expect(toInitials('  (Karl-Johan)  Svensson ')).toBe('KS');
    expect(toInitials('Lisa Berg-Ek')).toBe('LE');
    expect(toInitials('  ')).toBe('?');
    expect(toInitials('--')).toBe('?');
  });
});

describe('card people', () => {
  it('orders by name in Swedish collation, not by who came first', () => {
    const people = [
      { userId: 'u3', name: 'Örjan Ek' },
      { userId: 'u1', name: 'Anna Berg' },
      { userId: 'u2', name: 'Åsa Lind' },
      { userId: 'u0', name: 'Anna Berg' },
    ];
    expect(sortCardPeople(people).map((p) => p.userId)).toEqual(['u0', 'u1', 'u2', 'u3']);
    expect(toCardPeople(people)[0]).toEqual({ userId: 'u0', name: 'Anna Berg', initials: 'AB' });
  });
  it('says whether someone is on a card', () => {
    const card = { people: toCardPeople([{ userId: 'u1', name: 'Anna Berg' }]) };
    expect(isPersonOnCard(card, 'u1')).toBe(true);
    expect(isPersonOnCard(card, 'u2')).toBe(false);
  });
});
