'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CardDetailView, LinkedCardView } from '@/lib/board/types';
import type { LinkCandidate } from '@/lib/data/card-links';
import { isFreeToGoOn } from '@/lib/links/waiting';
import type { RunCardCommand } from './card-checklist';

const iconButton =
  'inline-flex size-9 shrink-0 items-center justify-center rounded border border-slate-400 bg-white text-slate-900 hover:bg-slate-100';
const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900';

/**
 * "Väntar på" / "Waiting for" in the card dialog: the cards this one waits for and where they are, the cards that
 * wait for it, and (for members) an accessible combobox that searches the team's cards by title or case number.
 */
export function CardWaitingFor({ boardId, card, canEdit, run }: { boardId: string; card: CardDetailView; canEdit: boolean; run: RunCardCommand }) {
  const t = useTranslations('cardWork.links');
  const ids = { waiting: useId(), awaited: useId() };
  const { waitingFor, awaitedBy } = card.links;
  const isFree = isFreeToGoOn(card.waitingFor);
  const comboboxRef = useRef<HTMLInputElement>(null);
  const [focusLinkAfter, setFocusLinkAfter] = useState(false);

  useEffect(() => {
    if (focusLinkAfter) {
      comboboxRef.current?.focus();
      setFocusLinkAfter(false);
    }
  }, [focusLinkAfter, card]);

  async function unlink(link: LinkedCardView) {
    await run({ type: 'link.remove', cardId: card.id, linkId: link.linkId }, t('removed', { title: link.title }));
    // The removed row's button is gone: focus goes to the search field (members) so it never falls to the body.
    setFocusLinkAfter(true);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="card-links">
      <section aria-labelledby={ids.waiting} className="flex flex-col gap-2">
        <h3 id={ids.waiting} className="text-lg font-semibold">
          {t('waitingHeading')}
        </h3>
        {isFree && (
          <p className="flex gap-2 rounded border border-green-800 bg-green-50 p-2 text-green-950" data-testid="free-to-go-on">
            <span aria-hidden="true">✓</span>
            {t('free')}
          </p>
        )}
        {waitingFor.length === 0 ? (
          <p className="text-slate-700">{t('none')}</p>
        ) : (
          <ul className="flex flex-col gap-1" data-testid="waiting-for-list">
            {waitingFor.map((link) => (
              <LinkRow key={link.linkId} link={link} canEdit={canEdit} removeLabel={t('remove', { title: link.title })} onRemove={() => void unlink(link)} />
            ))}
          </ul>
        )}
        {canEdit && <LinkCombobox boardId={boardId} cardId={card.id} inputRef={comboboxRef} run={run} />}
      </section>
      <section aria-labelledby={ids.awaited} className="flex flex-col gap-2">
        <h3 id={ids.awaited} className="text-lg font-semibold">
          {t('awaitedHeading')}
        </h3>
        {awaitedBy.length === 0 ? (
          <p className="text-slate-700">{t('noneAwaiting')}</p>
        ) : (
          <ul className="flex flex-col gap-1" data-testid="awaited-by-list">
            {awaitedBy.map((link) => (
              <LinkRow key={link.linkId} link={link} canEdit={canEdit} removeLabel={t('removeAwaited', { title: link.title })} onRemove={() => void unlink(link)} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function LinkRow({ link, canEdit, removeLabel, onRemove }: { link: LinkedCardView; canEdit: boolean; removeLabel: string; onRemove: () => void }) {
  const t = useTranslations('cardWork.links');
  return (
    <li className="flex items-start gap-2 rounded border border-slate-300 px-2 py-1">
      <div className="min-w-0 flex-1">
        <p className="font-medium wrap-anywhere">
          {link.title}
          {link.reference && <span className="ms-1 font-normal text-slate-700">({link.reference})</span>}
          {link.isArchived && <span className="ms-1 font-normal text-slate-700">{t('archived')}</span>}
        </p>
        <p className="text-sm text-slate-700">
          {link.columnName ? t('where', { board: link.boardName, column: link.columnName }) : t('whereNoColumn', { board: link.boardName })}
          {link.isDone && (
            <span className="ms-2 rounded border border-green-800 px-1 font-semibold text-green-900">
              <span aria-hidden="true">✓ </span>
              {t('done')}
            </span>
          )}
        </p>
      </div>
      {canEdit && (
        <button type="button" className={iconButton} aria-label={removeLabel} onClick={onRemove}>
          <span aria-hidden="true">✕</span>
        </button>
      )}
    </li>
  );
}

/**
 * An ARIA 1.2 combobox (input + listbox, aria-activedescendant): type to search the team's cards, arrows to move,
 * Enter to choose, Escape to close the list (a second Escape closes the dialog as usual).
 */
function LinkCombobox({ boardId, cardId, inputRef, run }: { boardId: string; cardId: string; inputRef: React.RefObject<HTMLInputElement | null>; run: RunCardCommand }) {
  const t = useTranslations('cardWork.links');
  const ids = { input: useId(), list: useId(), hint: useId() };
  const [query, setQuery] = useState('');
  const [isOpen, setOpen] = useState(false);
  const [options, setOptions] = useState<LinkCandidate[] | null>(null);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (!isOpen) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(
          `/api/boards/${encodeURIComponent(boardId)}/cards/${encodeURIComponent(cardId)}/link-candidates?q=${encodeURIComponent(query)}`,
          { headers: { accept: 'application/json' }, cache: 'no-store', signal: controller.signal },
        );
        const body = (await response.json().catch(() => null)) as { cards?: LinkCandidate[] } | null;
        setOptions(response.ok ? (body?.cards ?? []) : []);
        setActive(-1);
      } catch {
        if (!controller.signal.aborted) setOptions([]);
      }
    }, 150);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [boardId, cardId, query, isOpen]);

  async function choose(option: LinkCandidate) {
    setOpen(false);
    setOptions(null);
    const ok = await run({ type: 'link.add', cardId, awaitedCardId: option.id }, t('added', { title: option.title }));
    if (ok) setQuery('');
    inputRef.current?.focus();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = options?.length ?? 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!isOpen) setOpen(true);
      else if (count > 0) setActive((index) => (index + 1) % count);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (count > 0) setActive((index) => (index <= 0 ? count - 1 : index - 1));
    } else if (event.key === 'Enter') {
      const option = options?.[active];
      if (isOpen && option) {
        event.preventDefault();
        void choose(option);
      }
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  const shown = isOpen && options !== null && options.length > 0;
  const activeId = shown && active >= 0 && options?.[active] ? `${ids.list}-${options[active]!.id}` : undefined;

  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor={ids.input} className="font-medium">
        {t('searchLabel')}
      </label>
      <input
        ref={inputRef}
        id={ids.input}
        type="text"
        role="combobox"
        aria-expanded={shown}
        aria-controls={ids.list}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-describedby={ids.hint}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={handleKeyDown}
        className={fieldClass}
      />
      <p id={ids.hint} className="text-sm text-slate-700">
        {t('searchHint')}
      </p>
      <ul id={ids.list} role="listbox" aria-label={t('searchLabel')} hidden={!shown} className="max-h-60 overflow-auto rounded border border-slate-500 bg-white shadow-lg">
        {shown &&
          options!.map((option, index) => (
            <li
              key={option.id}
              id={`${ids.list}-${option.id}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => void choose(option)}
              className={`cursor-pointer px-2 py-1 wrap-anywhere ${index === active ? 'bg-brand-700 text-white' : 'hover:bg-slate-100'}`}
            >
              {t('option', { title: option.reference ? `${option.title} (${option.reference})` : option.title, board: option.boardName, column: option.columnName })}
            </li>
          ))}
      </ul>
      <div role="status" className="sr-only">
        {isOpen && options !== null ? (options.length === 0 ? t('noMatches') : t('matches', { count: options.length })) : ''}
      </div>
    </div>
  );
}
