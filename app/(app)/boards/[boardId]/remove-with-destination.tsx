'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { buttonDanger, buttonDangerOutline, buttonSecondary, selectClass } from './settings-dialog-styles';

type Props = {
  /** The dialog's catalogue namespace; both hold the same keys for this section (messages.test.ts keeps them complete). */
  namespace: 'columnSettings' | 'lanes.dialog';
  /** Where the cards may go instead: every other column (or lane) of the board, in board order. */
  destinations: readonly { id: string; name: string }[];
  /** Open cards in the column (or lane) to remove. */
  cardCount: number;
  /** Shown instead of the button when there is nowhere for cards to go ("the last column cannot be removed"). */
  lastOneText: string;
  /** The question when the column (or lane) holds no cards ("Ta bort kolumnen Utreds?"). */
  question: string;
  isPending: boolean;
  /** Clears the dialog's message as the person starts or cancels a removal. */
  onClearError: () => void;
  /** Removes it; with cards, `destinationId` says where they go (the server refuses a removal that says nowhere). */
  onRemove: (destinationId?: string) => void;
};

/**
 * The removal section of a column's or a lane's settings: a button, then a confirmation that — when the column or
 * lane holds cards — first asks where they go. Focus moves with each step (to the destination choice or the
 * confirm button, and back to the button on cancel), so it never falls to the page body.
 */
export function RemoveWithDestination({ namespace, destinations, cardCount, lastOneText, question, isPending, onClearError, onRemove }: Props) {
  // Both namespaces hold the same keys; typed as one of them.
  const t = useTranslations(namespace as 'columnSettings');
  const ids = { heading: useId(), destination: useId() };
  const [isConfirming, setIsConfirming] = useState(false);
  const [destinationId, setDestinationId] = useState(destinations[0]?.id ?? '');
  const startButtonRef = useRef<HTMLButtonElement>(null);
  const destinationRef = useRef<HTMLSelectElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Where keyboard focus should go once the next render has put that element on the page.
  const focusNext = useRef<RefObject<HTMLElement | null> | null>(null);
  const hasCards = cardCount > 0;

  useEffect(() => {
    const target = focusNext.current?.current;
    if (target) {
      target.focus();
      focusNext.current = null;
    }
  });

  function start() {
    onClearError();
    setIsConfirming(true);
    focusNext.current = hasCards ? destinationRef : confirmRef;
  }

  function cancel() {
    onClearError();
    setIsConfirming(false);
    focusNext.current = startButtonRef;
  }

  return (
    <section aria-labelledby={ids.heading} className="flex flex-col gap-2 border-t border-slate-300 pt-4">
      <h3 id={ids.heading} className="text-lg font-semibold">
        {t('deleteHeading')}
      </h3>
      {destinations.length === 0 ? (
        <p className="text-sm text-slate-700">{lastOneText}</p>
      ) : !isConfirming ? (
        <div>
          <button ref={startButtonRef} type="button" className={buttonDangerOutline} onClick={start}>
            {t('delete')}
          </button>
        </div>
      ) : (
        <div className="flex flex-col gap-3 rounded border border-red-700 bg-red-50 p-3">
          {hasCards ? (
            <div className="flex flex-col gap-1">
              <label htmlFor={ids.destination} className="font-medium">
                {t('moveCardsTo', { count: cardCount })}
              </label>
              <select ref={destinationRef} id={ids.destination} value={destinationId} onChange={(event) => setDestinationId(event.target.value)} className={selectClass}>
                {destinations.map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="text-slate-900">{question}</p>
          )}
          <div className="flex flex-wrap gap-2">
            <button ref={confirmRef} type="button" className={buttonDanger} onClick={() => onRemove(hasCards ? destinationId : undefined)}>
              {isPending ? t('working') : hasCards ? t('deleteAndMove') : t('deleteConfirm')}
            </button>
            <button type="button" className={buttonSecondary} onClick={cancel}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
