/**
 * Who is on a card, shown as initials ("Anna Berg" → "AB"). Pure: no database, no framework.
 *
 * People on a card are coordination ("who is working on this?"), never measurement: nothing here counts, ranks or
 * times anything per person.
 */
import type { CardPersonView } from '@/lib/board/types';

/**
 * The initials of a display name: the first letter of the first and of the last word, upper-cased in Swedish
 * ("åsa öberg" → "ÅÖ"); one letter for a one-word name; "?" for a name with no letters. Letters are whole
 * grapheme-like code points (an "Ö" written as O + combining diaeresis stays one letter).
 */
export function toInitials(name: string): string {
  const words = name
    .normalize('NFC')
    .split(/[\s\-–]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter((word) => word.length > 0);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : '';
  return `${first}${last}`.toLocaleUpperCase('sv');
}

/** People in the order the card shows them: by name (Swedish collation), then id — never by who came first. */
export function sortCardPeople<T extends { userId: string; name: string }>(people: readonly T[]): T[] {
  return [...people].sort((a, b) => a.name.localeCompare(b.name, 'sv') || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** A card's people for the board, from stored rows (user id and name). */
export function toCardPeople(rows: readonly { userId: string; name: string }[]): CardPersonView[] {
  return sortCardPeople(rows).map((row) => ({ userId: row.userId, name: row.name, initials: toInitials(row.name) }));
}

/** Whether the person is on the card. */
export function isPersonOnCard(card: { people: readonly { userId: string }[] }, userId: string): boolean {
  return card.people.some((person) => person.userId === userId);
}

/**
 * The card-history kinds that record people joining and leaving cards. They stay in the card's own history (the
 * dialog), but are left out of every export and report: a log of who was on what, when, would let anyone time
 * work per person.
 */
export const PEOPLE_EVENT_TYPES = ['PERSON_JOINED', 'PERSON_LEFT'] as const;

/** Whether a card-history kind is a person joining or leaving the card. */
export function isPeopleEventType(type: string): boolean {
  return (PEOPLE_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * A card's history without people joining and leaving, for what leaves the board's own pages (the public API):
 * the card dialog shows those rows to the team, but no endpoint hands out who was on what, when.
 */
export function withoutPeopleEvents<T extends { type: string }>(history: readonly T[]): T[] {
  return history.filter((entry) => !isPeopleEventType(entry.type));
}
