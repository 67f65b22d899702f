/**
 * CSV downloads of the Flow page's data, so a team can check the figures or make its own charts.
 *
 * Spreadsheet-friendly: UTF-8 with a byte-order mark (without it Excel reads å, ä, ö as mojibake); in Swedish a
 * semicolon separator and decimal comma, which Excel expects under Swedish regional settings; comma and
 * decimal point in English. Team level only: rows are days or cards (id, title, column), never people.
 */
import { z } from 'zod';
import { separatorFor, toCsv } from '@/lib/export/csv';
import type { Locale } from '@/lib/i18n/config';
import type { BoardFlowData } from './flow';

/** The datasets the export route accepts; the team-level test enumerates this same list. */
export const FLOW_EXPORT_DATASETS = z.enum(['items', 'throughput', 'wip', 'cfd']);
export type FlowExportDataset = z.infer<typeof FLOW_EXPORT_DATASETS>;

/** Looks up a column header or value label under flow.export (e.g. 'columns.title', 'yes'). */
export type ExportTranslate = (key: string) => string;

/** Days to one decimal, with the locale's decimal sign; whole numbers stay numbers. */
function formatDecimal(value: number, locale: Locale): string {
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return locale === 'sv' ? text.replace('.', ',') : text;
}

function buildRows(data: BoardFlowData, dataset: FlowExportDataset, locale: Locale, t: ExportTranslate): { fields: string[]; rows: (string | number)[][] } {
  switch (dataset) {
    case 'items':
      return {
        fields: [
          t('columns.cardId'),
          t('columns.title'),
          t('columns.demand'),
          t('columns.column'),
          t('columns.created'),
          t('columns.started'),
          t('columns.done'),
          t('columns.cycleTimeDays'),
          t('columns.ageDays'),
          t('columns.blockedDays'),
          t('columns.blockedNow'),
          t('columns.archived'),
        ],
        rows: data.items.map((item) => [
          item.id,
          item.title,
          t(`demand.${item.demand}`),
          item.stageName ?? '',
          item.createdDate,
          item.startedDate ?? '',
          item.doneDate ?? '',
          item.cycleTimeDays ?? '',
          item.ageDays ?? '',
          formatDecimal(item.blockedDays, locale),
          item.isBlockedNow ? t('yes') : t('no'),
          item.isArchived ? t('yes') : t('no'),
        ]),
      };
    case 'throughput':
      return {
        fields: [t('columns.date'), t('columns.finished')],
        rows: data.dailyThroughput.map((day) => [day.date, day.count]),
      };
    case 'wip':
      return {
        fields: [t('columns.date'), t('columns.wip')],
        rows: data.wip.map((day) => [day.date, day.count]),
      };
    case 'cfd':
      return {
        fields: [t('columns.date'), ...data.stages.map((stage) => stage.name)],
        rows: data.cfd.map((day) => [day.date, ...day.counts]),
      };
  }
}

/**
 * The CSV text of one dataset, byte-order mark included, written by the board export's own writer (toCsv), so that
 * cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first — multi-line cells too) are escaped the
 * same way everywhere: card titles are typed by people and must stay text.
 */
export function buildFlowCsv(data: BoardFlowData, dataset: FlowExportDataset, locale: Locale, t: ExportTranslate): string {
  const { fields, rows } = buildRows(data, dataset, locale, t);
  return `${toCsv(fields, rows, separatorFor(locale))}\r\n`;
}

/** An ASCII file name (safe in every browser's Content-Disposition handling) naming the dataset and period. */
export function buildFlowCsvFileName(dataset: FlowExportDataset, from: string, to: string): string {
  return `tillit-flow-${dataset}-${from}-${to}.csv`;
}
