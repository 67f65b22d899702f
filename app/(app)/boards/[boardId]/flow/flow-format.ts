/**
 * Formatting shared by the Flow page and the flow overview: calendar dates, ISO weeks and shares in the
 * reader's language. Dates are 'YYYY-MM-DD' calendar days already in the team's zone, so they are formatted
 * as UTC noon in UTC: the same day in every language and server zone.
 */
import { getFormatter, getTranslations } from 'next-intl/server';

export type FlowTranslate = Awaited<ReturnType<typeof getTranslations>>;

export interface FlowFormat {
  readonly t: FlowTranslate;
  /** '2026-03-16' → "16 mars 2026" / "16 Mar 2026". */
  date(date: string): string;
  /** '2026-03-16' → "16 mars" / "16 Mar", for axis ticks. */
  shortDate(date: string): string;
  /** '2026-W12' → "Vecka 12" / "Week 12" (with the year when the weeks span more than one). */
  week(label: string): string;
  /** '2026-W12' → "v. 12" / "W12", for axis ticks. */
  weekShort(label: string): string;
  /** 0.25 → "25 %". */
  percent(share: number): string;
  /** Up to `digits` decimals in the reader's notation. */
  number(value: number, digits?: number): string;
}

function convertToNoonUtc(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** The formatters for one request; `weekLabels` decides whether week names need their year. */
export async function getFlowFormat(weekLabels: readonly string[] = []): Promise<FlowFormat> {
  const [format, t] = await Promise.all([getFormatter(), getTranslations('flow')]);
  const years = new Set(weekLabels.map((label) => label.slice(0, 4)));
  const withYear = years.size > 1;
  return {
    t,
    date: (date) => format.dateTime(convertToNoonUtc(date), { dateStyle: 'medium', timeZone: 'UTC' }),
    shortDate: (date) => format.dateTime(convertToNoonUtc(date), { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    week: (label) => {
      const week = Number(label.slice(6));
      return withYear ? t('weekWithYear', { week, year: label.slice(0, 4) }) : t('week', { week });
    },
    weekShort: (label) => t('weekShort', { week: Number(label.slice(6)) }),
    percent: (share) => format.number(share, { style: 'percent', maximumFractionDigits: 0 }),
    number: (value, digits = 1) => format.number(value, { maximumFractionDigits: digits }),
  };
}
