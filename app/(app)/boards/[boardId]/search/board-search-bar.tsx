'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DEMAND_TYPES, type DemandType } from '@/lib/board/types';
import { EMPTY_FILTER, listBoardLabels, QUERY_MAX, withFilterParams, type BoardFilter } from '@/lib/search/board-filter';
import { useBoardFilter, useBoardFilterStore, useFilterSummary, type BoardFilterStore, type VisibilityChange } from './filter-store';

const controlClass = 'min-h-9 rounded border border-slate-500 bg-white px-2 py-1 text-sm text-slate-900';

/** Whether a key press belongs to a field the person is typing in (then "/" is just a slash). */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"], [role="combobox"]') !== null;
}

/**
 * Keeps the store's server texts (case number, description) loaded while someone searches: all of them once, when
 * a query is first typed (or the field first focused), then those of cards that changed since (a live edit).
 */
function useSearchIndex(boardId: string, store: BoardFilterStore, isSearching: boolean) {
  const state = useRef<{ status: 'none' | 'loading' | 'loaded' }>({ status: 'none' });
  const load = useRef(async () => {
    if (state.current.status !== 'none') return;
    state.current.status = 'loading';
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/search`, { cache: 'no-store' }).catch(() => null);
    if (!response?.ok) {
      state.current.status = 'none';
      return;
    }
    const body = (await response.json()) as { cards: Record<string, string> };
    store.setIndexed(body.cards, { replace: true });
    state.current.status = 'loaded';
  });

  useEffect(() => {
    if (isSearching) void load.current();
  }, [isSearching]);

  useEffect(() => {
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.onStaleIndex((cardIds) => {
      if (state.current.status !== 'loaded') return;
      for (const id of cardIds) pending.add(id);
      timer ??= setTimeout(async () => {
        const ids = [...pending].slice(0, 200);
        pending = new Set();
        timer = null;
        const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/search?cards=${ids.map(encodeURIComponent).join(',')}`, { cache: 'no-store' }).catch(() => null);
        if (response?.ok) store.setIndexed(((await response.json()) as { cards: Record<string, string> }).cards);
      }, 250);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [boardId, store]);

  return () => void load.current();
}

/**
 * "Sök på tavlan" and the filters beside it (#11 §2). Types into the board's filter store (filter-store.ts), keeps
 * the filter in the URL (so a link shares the view; replaceState, so typing does not fill the history), shows
 * "12 av 63 kort" in a polite status, and reads out when a live change makes a card appear or disappear.
 * "/" anywhere on the page (outside a field and a dialog) focuses the search; Escape in it clears it.
 */
export function BoardSearchBar({ boardId }: { boardId: string }) {
  const t = useTranslations('boardSearch');
  const tDemand = useTranslations('demand');
  const store = useBoardFilterStore()!;
  const filter = useBoardFilter();
  const summary = useFilterSummary();
  const ids = { search: useId(), hint: useId(), label: useId(), demand: useId() };
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(filter.query);
  const [announcement, setAnnouncement] = useState({ id: 0, text: '' });
  const loadIndex = useSearchIndex(boardId, store, filter.query.trim() !== '');
  const context = store.getContext();
  const labels = useMemo(() => listBoardLabels(store.getCards()), [summary.total, store]);

  function apply(next: BoardFilter) {
    store.setFilter(next);
    const params = withFilterParams(new URLSearchParams(window.location.search), next).toString();
    window.history.replaceState(null, '', `${window.location.pathname}${params ? `?${params}` : ''}${window.location.hash}`);
  }
  const change = (patch: Partial<BoardFilter>) => apply({ ...store.getFilter(), ...patch });

  // "/" focuses the search from anywhere on the board, unless the person is typing or a dialog is open.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Live changes under a filter: said politely, in this region of its own (the board's announcer says what happened).
  useEffect(
    () =>
      store.onVisibilityChange((changes: VisibilityChange[]) => {
        const text = changes
          .slice(0, 3)
          .map((change) => t(`live.${change.change === 'arrived-hidden' ? 'arrivedHidden' : change.change}`, { title: change.title }))
          .join(' ');
        setAnnouncement((previous) => ({ id: previous.id + 1, text }));
      }),
    [store, t],
  );

  // The count is read out a moment after typing stops, not at every keystroke.
  const countText = summary.isActive ? t('count', { shown: summary.shown, total: summary.total }) : '';
  const [spokenCount, setSpokenCount] = useState(countText);
  useEffect(() => {
    const timer = setTimeout(() => setSpokenCount(countText), 400);
    return () => clearTimeout(timer);
  }, [countText]);

  const isAgingAvailable = context.cycleTimeP85Days !== null;

  return (
    <form
      role="search"
      aria-label={t('region')}
      onSubmit={(event) => event.preventDefault()}
      className="flex flex-wrap items-end gap-x-4 gap-y-2 border-b border-slate-300 bg-white px-4 py-2"
      data-testid="board-search"
    >
      <div className="flex min-w-56 flex-col gap-1">
        <label htmlFor={ids.search} className="text-sm font-medium">
          {t('searchLabel')}
        </label>
        <input
          ref={inputRef}
          id={ids.search}
          type="search"
          value={query}
          maxLength={QUERY_MAX}
          autoComplete="off"
          aria-describedby={ids.hint}
          aria-keyshortcuts="/"
          onFocus={loadIndex}
          onChange={(event) => {
            setQuery(event.target.value);
            change({ query: event.target.value });
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query !== '') {
              // Clears the search only (the filters stay); focus stays in the field.
              event.preventDefault();
              setQuery('');
              change({ query: '' });
            }
          }}
          className={`${controlClass} w-64`}
        />
        <p id={ids.hint} className="sr-only">
          {t('searchHint')}
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.label} className="text-sm font-medium">
          {t('label')}
        </label>
        <select id={ids.label} value={filter.label ?? ''} onChange={(event) => change({ label: event.target.value || null })} className={controlClass}>
          <option value="">{t('anyLabel')}</option>
          {filter.label !== null && !labels.includes(filter.label) && <option value={filter.label}>{filter.label}</option>}
          {labels.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.demand} className="text-sm font-medium">
          {t('demand')}
        </label>
        <select id={ids.demand} value={filter.demand ?? ''} onChange={(event) => change({ demand: (event.target.value || null) as DemandType | null })} className={controlClass}>
          <option value="">{t('anyDemand')}</option>
          {DEMAND_TYPES.map((demand) => (
            <option key={demand} value={demand}>
              {tDemand(demand)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 pb-1.5 text-sm">
        <legend className="sr-only">{t('region')}</legend>
        <label className="inline-flex min-h-6 items-center gap-1.5">
          <input type="checkbox" checked={filter.isBlocked} onChange={(event) => change({ isBlocked: event.target.checked })} className="size-4" />
          {t('blocked')}
        </label>
        <label className="inline-flex min-h-6 items-center gap-1.5">
          <input
            type="checkbox"
            checked={filter.isAging && isAgingAvailable}
            disabled={!isAgingAvailable}
            onChange={(event) => change({ isAging: event.target.checked })}
            className="size-4"
          />
          {isAgingAvailable ? t('aging', { days: context.cycleTimeP85Days ?? 0 }) : t('agingUnavailable')}
        </label>
        <label className="inline-flex min-h-6 items-center gap-1.5">
          <input type="checkbox" checked={filter.isMine} onChange={(event) => change({ isMine: event.target.checked })} className="size-4" />
          {t('mine')}
        </label>
      </fieldset>
      <div className="flex items-center gap-3 pb-1">
        <p aria-hidden="true" className="text-sm font-semibold" data-testid="board-search-count">
          {countText}
        </p>
        {summary.isActive && (
          <button
            type="button"
            onClick={() => {
              setQuery('');
              apply(EMPTY_FILTER);
              setAnnouncement((previous) => ({ id: previous.id + 1, text: t('cleared', { total: summary.total }) }));
              inputRef.current?.focus();
            }}
            className="min-h-9 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100"
          >
            {t('clear')}
          </button>
        )}
      </div>
      <p role="status" className="sr-only" data-testid="board-search-status">
        {spokenCount}
      </p>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="board-search-announcer">
        <p key={announcement.id}>{announcement.text}</p>
      </div>
    </form>
  );
}
