'use client';

import { useSearchParams } from 'next/navigation';
import { createContext, useContext, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { BoardColumnView } from '@/lib/board/types';
import { createCardMatcher, EMPTY_FILTER, isFilterActive, parseBoardFilter, SearchTextCache, type BoardFilter, type FilterContext, type SearchableCard } from '@/lib/search/board-filter';

/**
 * The board's search and filters as a small external store, so that typing re-renders only what changes: each
 * card's list item subscribes to whether IT is hidden, each column header to its own hidden count, the search bar
 * to the summary. The board itself (and its 2,000 cards) does not re-render on a keystroke.
 *
 * Hidden cards stay on the page with the `hidden` attribute: the board's keyboard model skips them
 * (use-board-keyboard.ts), and a card that matches again needs no remount.
 */

export type FilterSummary = { isActive: boolean; shown: number; total: number };

/** A change of what is shown caused by a live update (not by the person's own filtering), to be read out. */
export type VisibilityChange = { cardId: string; title: string; change: 'appeared' | 'disappeared' | 'arrived-hidden' };

type Listener = () => void;

export class BoardFilterStore {
  private filter: BoardFilter;
  private cards: readonly SearchableCard[];
  private context: FilterContext;
  /** What only the server knows (case number, description), normalised, per card id; empty until loaded. */
  private indexed = new Map<string, string>();
  private readonly texts = new SearchTextCache();
  private hidden = new Set<string>();
  private hiddenByColumn = new Map<string, number>();
  private summary: FilterSummary = { isActive: false, shown: 0, total: 0 };
  private readonly listeners = new Set<Listener>();
  private readonly changeListeners = new Set<(changes: VisibilityChange[]) => void>();
  private readonly staleListeners = new Set<(cardIds: string[]) => void>();

  constructor(initial: { filter: BoardFilter; cards: readonly SearchableCard[]; context: FilterContext }) {
    this.filter = initial.filter;
    this.cards = initial.cards;
    this.context = initial.context;
    this.recompute();
  }

  private version = 0;
  /** Grows at every recomputation (what is hidden may have changed). */
  getVersion = (): number => this.version;
  getFilter = (): BoardFilter => this.filter;
  getSummary = (): FilterSummary => this.summary;
  isHidden = (cardId: string): boolean => this.hidden.has(cardId);
  hiddenInColumn = (columnId: string): number => this.hiddenByColumn.get(columnId) ?? 0;
  getContext = (): FilterContext => this.context;
  getCards = (): readonly SearchableCard[] => this.cards;
  hasIndexFor = (cardId: string): boolean => this.indexed.has(cardId);

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Live updates that changed what is shown (a colleague's card now matches, or no longer does). */
  onVisibilityChange(listener: (changes: VisibilityChange[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Cards whose server texts may be out of date: new ones, and ones changed since (their version grew). */
  onStaleIndex(listener: (cardIds: string[]) => void): () => void {
    this.staleListeners.add(listener);
    return () => this.staleListeners.delete(listener);
  }

  setFilter(filter: BoardFilter): void {
    this.filter = filter;
    this.recompute();
  }

  /** The board's cards changed (live, own change, resync): re-apply the filter and report what it changed. */
  setCards(cards: readonly SearchableCard[], context: FilterContext): void {
    if (cards === this.cards && context === this.context) return;
    const before = this.hidden;
    const known = new Map(this.cards.map((card) => [card.id, card]));
    this.cards = cards;
    this.context = context;
    if (this.staleListeners.size > 0 && this.indexed.size > 0) {
      const stale = cards.filter((card) => (known.get(card.id)?.version ?? -1) < card.version).map((card) => card.id);
      if (stale.length > 0) for (const listener of this.staleListeners) listener(stale);
    }
    this.recompute();
    if (!this.summary.isActive || this.changeListeners.size === 0) return;
    const changes: VisibilityChange[] = [];
    for (const card of cards) {
      const isHiddenNow = this.hidden.has(card.id);
      if (!known.has(card.id)) {
        if (isHiddenNow) changes.push({ cardId: card.id, title: card.title, change: 'arrived-hidden' });
      } else if (isHiddenNow !== before.has(card.id)) {
        changes.push({ cardId: card.id, title: card.title, change: isHiddenNow ? 'disappeared' : 'appeared' });
      }
    }
    if (changes.length > 0) for (const listener of this.changeListeners) listener(changes);
  }

  /** The server's search texts (case number, description) for some or all cards. */
  setIndexed(entries: Record<string, string>, { replace = false }: { replace?: boolean } = {}): void {
    if (replace) this.indexed = new Map();
    for (const [cardId, text] of Object.entries(entries)) this.indexed.set(cardId, text);
    this.recompute();
  }

  private recompute(): void {
    const isActive = isFilterActive(this.filter);
    const hidden = new Set<string>();
    const hiddenByColumn = new Map<string, number>();
    if (isActive) {
      const matches = createCardMatcher(this.filter, this.context);
      for (const card of this.cards) {
        if (matches(card, this.texts.get(card, this.indexed.get(card.id)))) continue;
        hidden.add(card.id);
        hiddenByColumn.set(card.columnId, (hiddenByColumn.get(card.columnId) ?? 0) + 1);
      }
    }
    this.hidden = hidden;
    this.hiddenByColumn = hiddenByColumn;
    this.version += 1;
    const total = this.cards.length;
    const shown = total - hidden.size;
    if (this.summary.isActive !== isActive || this.summary.shown !== shown || this.summary.total !== total) this.summary = { isActive, shown, total };
    for (const listener of this.listeners) listener();
  }
}

export const BoardFilterContext = createContext<BoardFilterStore | null>(null);

export function useBoardFilterStore(): BoardFilterStore | null {
  return useContext(BoardFilterContext);
}

const noSubscription = () => () => {};

/** Whether the search or a filter hides this card (false without a filter store: nothing is ever hidden). */
export function useIsCardHidden(cardId: string): boolean {
  const store = useBoardFilterStore();
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => store?.isHidden(cardId) ?? false,
    () => store?.isHidden(cardId) ?? false,
  );
}

/** How many of a column's cards the filter hides. */
export function useHiddenInColumn(columnId: string): number {
  const store = useBoardFilterStore();
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => store?.hiddenInColumn(columnId) ?? 0,
    () => store?.hiddenInColumn(columnId) ?? 0,
  );
}

const EMPTY_SUMMARY: FilterSummary = { isActive: false, shown: 0, total: 0 };

export function useFilterSummary(): FilterSummary {
  const store = useBoardFilterStore();
  return useSyncExternalStore(store?.subscribe ?? noSubscription, () => store?.getSummary() ?? EMPTY_SUMMARY, () => store?.getSummary() ?? EMPTY_SUMMARY);
}

export function useBoardFilter(): BoardFilter {
  const store = useBoardFilterStore();
  return useSyncExternalStore(store?.subscribe ?? noSubscription, () => store?.getFilter() ?? EMPTY_FILTER, () => store?.getFilter() ?? EMPTY_FILTER);
}

/**
 * The board's filter store, created once from the page's URL (so a shared link opens filtered, on the server too)
 * and fed the board's current cards after every change (live ones included), before the browser paints.
 */
export function useBoardFilterSetup(input: { cards: readonly SearchableCard[]; columns: readonly BoardColumnView[]; userId: string; now: Date; cycleTimeP85Days: number | null }): BoardFilterStore {
  const params = useSearchParams();
  const { cards, columns, userId, now, cycleTimeP85Days } = input;
  const context = useMemo<FilterContext>(
    () => ({ userId, now, cycleTimeP85Days, inProgressColumnIds: new Set(columns.filter((column) => column.flowState === 'IN_PROGRESS').map((column) => column.id)) }),
    [columns, cycleTimeP85Days, now, userId],
  );
  const [store] = useState(() => new BoardFilterStore({ filter: parseBoardFilter(params), cards, context }));
  useLayoutEffect(() => store.setCards(cards, context), [cards, context, store]);
  return store;
}

/** The cards `store` shows, in their order (re-renders at every change of the filter: for short lists, the standup walk). */
export function useShownCards<T extends { id: string }>(store: BoardFilterStore, cards: readonly T[]): readonly T[] {
  const version = useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  return useMemo(() => (store.getSummary().isActive ? cards.filter((card) => !store.isHidden(card.id)) : cards), [cards, store, version]);
}
