/**
 * The team's retention rule, pure: how long a finished card keeps its text. A card is finished when it reached a
 * done column (doneAt) or, failing that, was archived (archivedAt). Once the team's period has passed since then,
 * the nightly job clears the card's text (title, description, block reasons) and who moved it, and keeps the
 * anonymous timing events, so cycle times, throughput and every other flow metric stay exactly as they were.
 */

/** The periods a team can choose, in months; null keeps text as long as the board exists. */
export const RETENTION_CHOICES = [6, 12, 24, 36, null] as const;
export type RetentionChoice = (typeof RETENTION_CHOICES)[number];

export function isRetentionChoice(value: unknown): value is RetentionChoice {
  return (RETENTION_CHOICES as readonly unknown[]).includes(value);
}

/** `date` moved by whole calendar months (UTC); the 31st becomes the month's last day when needed. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** The moment a card stops being "recent work": its delivery, else its archiving; null while it is not finished. */
export function finishedAt(card: { doneAt: Date | null; archivedAt: Date | null }): Date | null {
  return card.doneAt ?? card.archivedAt;
}

/** Cards finished at or before this instant have passed a `months` period at `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  return addMonths(now, -months);
}

/** When a card finished at `finished` loses its text under a `months` period. */
export function clearsOn(finished: Date, months: number): Date {
  return addMonths(finished, months);
}
