'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { BoardCommand } from '@/lib/board/commands';
import type { CardHistoryEntry, CardPersonView } from '@/lib/board/types';
import { isPersonOnCard } from '@/lib/people/card-people';

/**
 * Who is on a card, as initials on the card itself. Each face has its own accessible name ("Anna Berg är på
 * kortet"); the list is part of the card's description, so it is read with the card. Coordination only: no
 * count or time per person is shown anywhere.
 */
export function CardPeopleFaces({ people, className = '' }: { people: readonly CardPersonView[]; className?: string }) {
  const t = useTranslations('cardPeople');
  if (people.length === 0) return null;
  return (
    // No aria-label on the list: the card's description (aria-describedby) would read that label instead of the names.
    <ul className={`flex flex-wrap gap-1 ${className}`} data-testid="card-people">
      {people.map((person) => (
        <li key={person.userId}>
          <span
            role="img"
            aria-label={t('personOnCard', { name: person.name })}
            title={person.name}
            className="inline-flex size-6 items-center justify-center rounded-full border border-brand-700 bg-brand-50 text-[0.65rem] font-semibold text-brand-800"
          >
            <span aria-hidden="true">{person.initials}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

type SectionProps = {
  card: { id: string; title: string; people: CardPersonView[] };
  currentUserId: string;
  canEdit: boolean;
  pending: boolean;
  /** The dialog's command path: shows the outcome in the dialog's own status and alert regions. */
  run: (command: BoardCommand, successMessage: string) => Promise<boolean>;
};

/**
 * The card dialog's "På kortet" section: who is on the card, and ONE button that puts the person themselves on
 * it ("Jag tar det" / "I'm on it") or takes them off ("Släpp kortet" / "I'm off it"). It stays the same element
 * when its label flips, so keyboard focus stays on it. Viewers see the names only.
 */
export function CardPeopleSection({ card, currentUserId, canEdit, pending, run }: SectionProps) {
  const t = useTranslations('cardPeople');
  const ids = { heading: useId(), hint: useId() };
  const isOn = isPersonOnCard(card, currentUserId);
  return (
    <section aria-labelledby={ids.heading} className="flex flex-col gap-2" data-testid="card-people-section">
      <h3 id={ids.heading} className="text-lg font-semibold">
        {t('heading')}
      </h3>
      {card.people.length === 0 ? (
        <p className="text-slate-700">{t('nobody')}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {card.people.map((person) => (
            <li key={person.userId} className="inline-flex items-center gap-1.5 rounded-full border border-slate-400 bg-white py-0.5 pe-2.5 ps-0.5 text-sm">
              <span aria-hidden="true" className="inline-flex size-6 items-center justify-center rounded-full bg-brand-50 text-[0.65rem] font-semibold text-brand-800">
                {person.initials}
              </span>
              {person.name}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            aria-describedby={ids.hint}
            // Never `disabled` while the change is under way: a disabled button drops keyboard focus.
            aria-busy={pending || undefined}
            onClick={() =>
              void run(
                { type: isOn ? 'card.leave' : 'card.join', cardId: card.id },
                t(isOn ? 'leftStatus' : 'joinedStatus', { title: card.title }),
              )
            }
            className="inline-flex min-h-9 items-center justify-center rounded border border-brand-700 bg-white px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-brand-50"
          >
            {isOn ? t('leave') : t('join')}
          </button>
          <p id={ids.hint} className="text-sm text-slate-700">
            {t('joinHint')}
          </p>
        </div>
      )}
    </section>
  );
}

/** The card-history sentence of a person joining or leaving ("Anna tog kortet"), or null for other entries. */
export function usePeopleHistorySentence(): (entry: CardHistoryEntry, someone: string) => string | null {
  const t = useTranslations('cardPeople.history');
  return (entry, someone) => {
    if (entry.type === 'PERSON_JOINED') return t('joined', { name: entry.actorName ?? someone });
    if (entry.type === 'PERSON_LEFT') return t('left', { name: entry.actorName ?? someone });
    return null;
  };
}
