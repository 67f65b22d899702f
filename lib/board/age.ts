/**
 * Card age as the team counts it: calendar days in the team's time zone, including the start day (a card started
 * today is 1 day old), the same convention as cycle time in lib/flow — so an age compares directly with the team's
 * cycle times (a card finished the day after it started took 2 days).
 *
 * What a person reads follows from that, decided here once for the board, the standup and the card dialog
 * ({@link describeWorkAge}): on its first calendar day a card reads "Påbörjat i dag" / "Started today" (never
 * "1 dag pågående" for something started a minute ago); from the next calendar day on it reads the count above
 * ("2 dagar pågående": it has been in progress on two calendar days).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export const TEAM_TIME_ZONE = 'Europe/Stockholm';

function toDayNumber(instant: Date, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const [year, month, day] = formatter.format(instant).split('-').map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / 86_400_000;
}

export function getAgeInCalendarDays(since: Date, now: Date, timeZone = TEAM_TIME_ZONE): number {
  return Math.max(1, toDayNumber(now, timeZone) - toDayNumber(since, timeZone) + 1);
}

/**
 * The age as shown: `isFirstDay` on the calendar day the work started (also for a start a moment in the future,
 * as a clock a little ahead of the server's gives), else `days` calendar days including the start day.
 */
export function describeWorkAge(since: Date, now: Date, timeZone = TEAM_TIME_ZONE): { isFirstDay: boolean; days: number } {
  const days = getAgeInCalendarDays(since, now, timeZone);
  return { isFirstDay: days === 1, days };
}

/** Whole elapsed days (0 on the first day), for "blocked for" and "since last move". */
export function getElapsedDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
}
