/**
 * Card age as the team counts it: calendar days in the team's time zone, including the start day
 * (a card started today is 1 day old), the same convention as cycle time in lib/flow.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function toDayNumber(instant: Date, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const [year, month, day] = formatter.format(instant).split('-').map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / 86_400_000;
}

export function getAgeInCalendarDays(since: Date, now: Date, timeZone = 'Europe/Stockholm'): number {
  return Math.max(1, toDayNumber(now, timeZone) - toDayNumber(since, timeZone) + 1);
}

/** Whole elapsed days (0 on the first day), for "blocked for" and "since last move". */
export function getElapsedDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
}
