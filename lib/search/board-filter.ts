/**
 * Finding cards on a board (#11 §2): a search over title, description, case number and labels, and filters by
 * label, demand type, blocked, ageing past the team's 85th percentile and "my cards" (cards the person is on).
 * Filters combine (all must hold). The filter lives in the page's URL, so a link shares the view. Pure: no DOM, no
 * React, no clock (`now` is passed in).
 *
 * Filtering only decides which cards are SHOWN: the board's WIP counts and limits always count every card.
 */
import { describeWorkAge } from '@/lib/board/age';
import { DEMAND_TYPES, type BoardCardView, type DemandType } from '@/lib/board/types';
import { matchesAllTerms, normalizeSearchText, toQueryTerms } from './normalize';

export type BoardFilter = {
  /** What is typed in "Sök på tavlan" (as typed; compared normalised). */
  query: string;
  /** One of the board's labels (compared case-insensitively), or null for any. */
  label: string | null;
  demand: DemandType | null;
  isBlocked: boolean;
  /** In progress for longer than the team's 85th-percentile cycle time. */
  isAging: boolean;
  /** Cards the person is on ("Jag tar det"). */
  isMine: boolean;
};

export const EMPTY_FILTER: BoardFilter = { query: '', label: null, demand: null, isBlocked: false, isAging: false, isMine: false };

export const QUERY_MAX = 200;

/** The search parameters a filter is kept in; everything else in the URL is left alone. */
export const FILTER_PARAMS = { query: 'q', label: 'label', demand: 'demand', isBlocked: 'blocked', isAging: 'aging', isMine: 'mine' } as const;

export function isFilterActive(filter: BoardFilter): boolean {
  return toQueryTerms(filter.query).length > 0 || filter.label !== null || filter.demand !== null || filter.isBlocked || filter.isAging || filter.isMine;
}

type ParamSource = { get(name: string): string | null };

const isOn = (value: string | null) => value === '1' || value === 'true';

/**
 * The filter a URL asks for. Anything unreadable is simply no filter (a hand-edited or old link still opens the
 * board): an unknown demand type, an over-long query (cut), a flag that is not "1"/"true".
 */
export function parseBoardFilter(params: ParamSource): BoardFilter {
  const demand = params.get(FILTER_PARAMS.demand)?.toUpperCase() ?? null;
  const label = params.get(FILTER_PARAMS.label)?.trim() ?? '';
  return {
    query: (params.get(FILTER_PARAMS.query) ?? '').slice(0, QUERY_MAX),
    label: label === '' ? null : label.slice(0, QUERY_MAX),
    demand: demand !== null && (DEMAND_TYPES as readonly string[]).includes(demand) ? (demand as DemandType) : null,
    isBlocked: isOn(params.get(FILTER_PARAMS.isBlocked)),
    isAging: isOn(params.get(FILTER_PARAMS.isAging)),
    isMine: isOn(params.get(FILTER_PARAMS.isMine)),
  };
}

/** `current` with the filter's parameters set (and the ones not in use removed), the others kept in order. */
export function withFilterParams(current: URLSearchParams, filter: BoardFilter): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of Object.values(FILTER_PARAMS)) next.delete(name);
  if (filter.query.trim() !== '') next.set(FILTER_PARAMS.query, filter.query);
  if (filter.label !== null) next.set(FILTER_PARAMS.label, filter.label);
  if (filter.demand !== null) next.set(FILTER_PARAMS.demand, filter.demand.toLowerCase());
  if (filter.isBlocked) next.set(FILTER_PARAMS.isBlocked, '1');
  if (filter.isAging) next.set(FILTER_PARAMS.isAging, '1');
  if (filter.isMine) next.set(FILTER_PARAMS.isMine, '1');
  return next;
}

export type SearchableCard = Pick<BoardCardView, 'id' | 'columnId' | 'title' | 'labels' | 'demand' | 'blockedAt' | 'startedAt' | 'people' | 'version'>;

export type FilterContext = {
  userId: string;
  now: Date;
  /** The team's 85th-percentile cycle time in days; null when there is too little history (then nothing is ageing). */
  cycleTimeP85Days: number | null;
  /** The columns where work is in progress (a card there with a start date ages). */
  inProgressColumnIds: ReadonlySet<string>;
};

/** Whether a card has been in progress for longer than the team's 85th percentile — the board's ageing mark. */
export function isCardAging(card: Pick<SearchableCard, 'columnId' | 'startedAt'>, context: Pick<FilterContext, 'now' | 'cycleTimeP85Days' | 'inProgressColumnIds'>): boolean {
  if (context.cycleTimeP85Days === null || card.startedAt === null || !context.inProgressColumnIds.has(card.columnId)) return false;
  return describeWorkAge(new Date(card.startedAt), context.now).days > context.cycleTimeP85Days;
}

/**
 * A card's text as search reads it: title, labels, and what only the server has (case number and description,
 * already normalised: `indexedText`), normalised once.
 */
export function buildCardSearchText(card: Pick<SearchableCard, 'title' | 'labels'>, indexedText = ''): string {
  const own = normalizeSearchText(`${card.title} ${card.labels.join(' ')}`);
  return indexedText === '' ? own : `${own} ${indexedText}`;
}

/**
 * Keeps each card's normalised text between keystrokes, rebuilt only when the card's title, labels or indexed
 * text change: typing then only compares strings.
 */
export class SearchTextCache {
  private readonly entries = new Map<string, { title: string; labels: readonly string[]; indexed: string; text: string }>();

  get(card: Pick<SearchableCard, 'id' | 'title' | 'labels'>, indexedText = ''): string {
    const entry = this.entries.get(card.id);
    if (entry && entry.title === card.title && entry.labels === card.labels && entry.indexed === indexedText) return entry.text;
    const text = buildCardSearchText(card, indexedText);
    this.entries.set(card.id, { title: card.title, labels: card.labels, indexed: indexedText, text });
    return text;
  }
}

/** The test a filter puts each card to (build it once per filter, then call it per card with its search text). */
export function createCardMatcher(filter: BoardFilter, context: FilterContext): (card: SearchableCard, searchText: string) => boolean {
  const terms = toQueryTerms(filter.query);
  const label = filter.label === null ? null : normalizeSearchText(filter.label);
  return (card, searchText) =>
    (filter.demand === null || card.demand === filter.demand) &&
    (!filter.isBlocked || card.blockedAt !== null) &&
    (!filter.isMine || card.people.some((person) => person.userId === context.userId)) &&
    (label === null || card.labels.some((candidate) => normalizeSearchText(candidate) === label)) &&
    (!filter.isAging || isCardAging(card, context)) &&
    matchesAllTerms(searchText, terms);
}

/** The board's labels for the label filter: each once (the first spelling met), in Swedish alphabetical order. */
export function listBoardLabels(cards: readonly Pick<SearchableCard, 'labels'>[]): string[] {
  const byKey = new Map<string, string>();
  for (const card of cards) for (const label of card.labels) if (!byKey.has(normalizeSearchText(label))) byKey.set(normalizeSearchText(label), label);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'sv'));
}
