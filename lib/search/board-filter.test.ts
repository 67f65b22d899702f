import { describe, expect, it } from 'vitest';
import type { SearchableCard } from './board-filter';
import {
  buildCardSearchText,
  createCardMatcher,
  EMPTY_FILTER,
  isCardAging,
  isFilterActive,
  listBoardLabels,
  parseBoardFilter,
  SearchTextCache,
  withFilterParams,
} from './board-filter';
import { normalizeSearchText } from './normalize';

const now = new Date('2026-12-03T10:00:00Z');
const DAY = 86_400_000;
const context = { userId: 'anna', now, cycleTimeP85Days: 10, inProgressColumnIds: new Set(['doing']) };

function card(overrides: Partial<SearchableCard> & { id: string }): SearchableCard {
  return { columnId: 'doing', title: 'Kort', labels: [], demand: 'UNKNOWN', blockedAt: null, startedAt: null, people: [], version: 1, ...overrides };
}

const cards = [
  card({ id: 'a', title: 'Ärende om bistånd', labels: ['Brådskande'], demand: 'VALUE', people: [{ userId: 'anna', name: 'Anna', initials: 'A' }] }),
  card({ id: 'b', title: 'Orosanmälan', labels: ['Skola'], demand: 'FAILURE', blockedAt: now.toISOString() }),
  card({ id: 'c', title: 'Gammal utredning', startedAt: new Date(now.getTime() - 20 * DAY).toISOString(), people: [{ userId: 'bo', name: 'Bo', initials: 'B' }] }),
  card({ id: 'd', title: 'Ny förfrågan', columnId: 'inbox', startedAt: new Date(now.getTime() - 20 * DAY).toISOString() }),
];
const indexed: Record<string, string> = { b: normalizeSearchText('KS-2026/118 Skolan ringde om eleven'), c: normalizeSearchText('Café-frågan, se ärendet') };

function visible(filter: Partial<typeof EMPTY_FILTER>): string[] {
  const matches = createCardMatcher({ ...EMPTY_FILTER, ...filter }, context);
  return cards.filter((c) => matches(c, buildCardSearchText(c, indexed[c.id]))).map((c) => c.id);
}

describe('board search', () => {
  it('finds by title, description, case number and label, diacritics- and case-insensitively', () => {
    expect(visible({ query: 'arende' })).toEqual(['a', 'c']);
    expect(visible({ query: 'ÄRENDE' })).toEqual(['a', 'c']);
    expect(visible({ query: 'ks-2026/118' })).toEqual(['b']);
    expect(visible({ query: 'eleven ringde' })).toEqual(['b']);
    expect(visible({ query: 'bradskande' })).toEqual(['a']);
    expect(visible({ query: 'cafe' })).toEqual(['c']);
    expect(visible({ query: 'forfragan' })).toEqual(['d']);
    expect(visible({ query: '' })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filters by label, demand, blocked, ageing and my cards, and combines them', () => {
    expect(visible({ label: 'skola' })).toEqual(['b']);
    expect(visible({ demand: 'FAILURE' })).toEqual(['b']);
    expect(visible({ demand: 'UNKNOWN' })).toEqual(['c', 'd']);
    expect(visible({ isBlocked: true })).toEqual(['b']);
    // Only work in progress ages: d waits in the inbox however old it is.
    expect(visible({ isAging: true })).toEqual(['c']);
    expect(visible({ isMine: true })).toEqual(['a']);
    expect(visible({ query: 'arende', isMine: true })).toEqual(['a']);
    expect(visible({ query: 'arende', isAging: true })).toEqual(['c']);
    expect(visible({ query: 'arende', demand: 'FAILURE' })).toEqual([]);
    expect(visible({ isBlocked: true, demand: 'VALUE' })).toEqual([]);
  });

  it('says nothing ages without enough history', () => {
    expect(isCardAging(cards[2]!, { ...context, cycleTimeP85Days: null })).toBe(false);
    expect(isCardAging(cards[2]!, { ...context, cycleTimeP85Days: 25 })).toBe(false);
    expect(isCardAging(cards[2]!, context)).toBe(true);
  });

  it('lists the board labels once each, in Swedish order', () => {
    expect(listBoardLabels([{ labels: ['Öppet', 'ärende'] }, { labels: ['Ärende', 'akut'] }])).toEqual(['akut', 'ärende', 'Öppet']);
  });

  it('rebuilds a card text only when the card or its indexed text changes', () => {
    const cache = new SearchTextCache();
    const first = cards[0]!;
    const text = cache.get(first, '');
    expect(cache.get({ ...first }, '')).toBe(text);
    expect(cache.get({ ...first, title: 'Nytt' }, '')).toContain('nytt');
    expect(cache.get({ ...first, title: 'Nytt' }, 'mer text')).toContain('mer text');
  });
});

describe('the filter in the URL', () => {
  it('round-trips every filter and keeps other parameters', () => {
    const filter = { query: 'ärende 12', label: 'Skola', demand: 'FAILURE' as const, isBlocked: true, isAging: true, isMine: true };
    const params = withFilterParams(new URLSearchParams('view=compact&q=old'), filter);
    expect(params.toString()).toBe('view=compact&q=%C3%A4rende+12&label=Skola&demand=failure&blocked=1&aging=1&mine=1');
    expect(parseBoardFilter(params)).toEqual(filter);
    expect(withFilterParams(params, EMPTY_FILTER).toString()).toBe('view=compact');
  });
  it('reads unreadable values as no filter', () => {
    expect(parseBoardFilter(new URLSearchParams('demand=people&blocked=yes&label=%20&q='))).toEqual(EMPTY_FILTER);
    expect(parseBoardFilter(new URLSearchParams(`q=${'x'.repeat(500)}`)).query).toHaveLength(200);
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, query: '  ' })).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, isMine: true })).toBe(true);
  });
});
