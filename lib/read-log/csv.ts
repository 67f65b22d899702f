/**
 * The read log as CSV, written by the project's one CSV writer (lib/export/csv.ts toCsv: BOM, CRLF, formula
 * escaping): one row per read, oldest first, with the time to the second in the team's zone (Excel reads
 * 'YYYY-MM-DD HH:MM:SS' as a date and time). No totals: the file is the log itself, nothing summed per person.
 */
import { toCsv, type CsvSeparator, type CsvTranslate } from '@/lib/export/csv';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import type { ReadChannel } from './model';

export type ReadLogCsvRow = { id: string; at: string; readerName: string; channel: ReadChannel; cardId: string; cardTitle: string | null };

/** 'YYYY-MM-DD HH:MM:SS' in the zone (the sv-SE format is ISO-like). */
export function formatLogTime(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** `t` looks up keys under readLog.csv: the column headers, `channel.<how>` and `textCleared`. */
export function buildReadLogCsv(entries: readonly ReadLogCsvRow[], separator: CsvSeparator, t: CsvTranslate, timeZone: string = DEFAULT_TIME_ZONE): string {
  const fields = ['at', 'reader', 'how', 'cardId', 'card', 'entryId'].map((key) => t(key));
  const rows = entries.map((entry) => [formatLogTime(new Date(entry.at), timeZone), entry.readerName, t(`channel.${entry.channel}`), entry.cardId, entry.cardTitle ?? t('textCleared'), entry.id]);
  return toCsv(fields, rows, separator);
}
