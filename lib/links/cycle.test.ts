import { describe, expect, it } from 'vitest';
import { canReach, checkNewLink } from './cycle';

const link = (waitingCardId: string, awaitedCardId: string) => ({ waitingCardId, awaitedCardId });

describe('checkNewLink', () => {
  it('allows a first link', () => expect(checkNewLink([], 'a', 'b')).toBeNull());
  it('refuses a card waiting for itself', () => expect(checkNewLink([], 'a', 'a')).toBe('self'));
  it('refuses the same link twice', () => expect(checkNewLink([link('a', 'b')], 'a', 'b')).toBe('duplicate'));
  it('refuses the reverse of a link (a two-card cycle)', () => expect(checkNewLink([link('a', 'b')], 'b', 'a')).toBe('cycle'));
  it('refuses a longer cycle', () => {
    const links = [link('a', 'b'), link('b', 'c'), link('c', 'd')];
    expect(checkNewLink(links, 'd', 'a')).toBe('cycle');
    expect(checkNewLink(links, 'c', 'a')).toBe('cycle');
  });
  it('allows a diamond (two cards waiting for one, one waiting for both)', () => {
    const links = [link('a', 'b'), link('a', 'c'), link('b', 'd')];
    expect(checkNewLink(links, 'c', 'd')).toBeNull();
    expect(checkNewLink(links, 'a', 'd')).toBeNull();
  });
  it('allows a link in the same direction as a chain', () => expect(checkNewLink([link('a', 'b'), link('b', 'c')], 'a', 'c')).toBeNull());
  it('terminates on a graph that already has a cycle elsewhere', () => {
    const links = [link('x', 'y'), link('y', 'x'), link('a', 'x')];
    expect(checkNewLink(links, 'b', 'a')).toBeNull();
    expect(checkNewLink(links, 'x', 'a')).toBe('cycle');
  });
});

describe('canReach', () => {
  it('follows chains', () => expect(canReach([link('a', 'b'), link('b', 'c')], 'a', 'c')).toBe(true));
  it('does not follow links backwards', () => expect(canReach([link('a', 'b'), link('b', 'c')], 'c', 'a')).toBe(false));
  it('handles a long chain', () => {
    const links = Array.from({ length: 5000 }, (_, i) => link(`c${i}`, `c${i + 1}`));
    expect(canReach(links, 'c0', 'c5000')).toBe(true);
    expect(checkNewLink(links, 'c5000', 'c0')).toBe('cycle');
  });
});
