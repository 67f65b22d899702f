/**
 * Dates as spreadsheets write them, read and written in the team's time zone (Europe/Stockholm), so a date typed
 * in Excel means the same day in Tillit, and an exported time is the one the team saw on the board.
 */
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function readWallClock(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(wallClockFormatter(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The instant at which the wall clock in `timeZone` shows the given local time (the earlier one in a DST overlap). */
export function zonedTimeToUtc(local: WallClock, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  let guess = asUtc;
  for (let i = 0; i < 3; i += 1) {
    const shown = readWallClock(new Date(guess), timeZone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second);
    const diff = shownAsUtc - asUtc;
    if (diff === 0) break;
    guess -= diff;
  }
  return new Date(guess);
}

const offsets = new Map<string, number>();

/**
 * {@link zonedTimeToUtc} for many values (a spreadsheet's dates): the zone's offset only changes on whole hours, so it
 * is looked up once per wall-clock hour instead of once per cell (a 20,000-row sheet has some 80,000 dates).
 */
export function wallClockToUtc(local: WallClock, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const key = `${timeZone} ${local.year}-${local.month}-${local.day} ${local.hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = zonedTimeToUtc({ ...local, minute: 0, second: 0 }, timeZone).getTime() - Date.UTC(local.year, local.month - 1, local.day, local.hour);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) + offset);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** 'YYYY-MM-DD HH:MM' in the team's zone: a form Excel reads as a date and time under Swedish and English settings. */
export function formatLocalDateTime(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const wall = readWallClock(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date from a spreadsheet cell. Accepts ISO dates ('2026-03-05'), with a time ('2026-03-05 14:30',
 * '2026-03-05T14:30:00') and optionally a zone ('…Z', '…+01:00'). Local times are the team's zone; a bare date is
 * taken as noon, which keeps it on the same calendar day whatever the daylight-saving offset. Day-first and
 * month-first forms (05/03/2026) are refused: they are ambiguous between Swedish and American settings.
 */
export function parseSpreadsheetDate(value: string, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  const match = DATE_PATTERN.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const wall: WallClock = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 12 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: s === undefined ? 0 : Number(s),
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (check.getUTCMonth() !== wall.month - 1 || check.getUTCDate() !== wall.day || wall.year < 1970) return null;
  if (zone) {
    const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    if (zone.toUpperCase() === 'Z') return new Date(utc);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    return new Date(utc - sign * offsetMinutes * 60_000);
  }
  return wallClockToUtc(wall, timeZone);
}
