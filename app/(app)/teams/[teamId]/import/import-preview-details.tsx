'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { createImportTranslate, type RootTranslate } from '@/lib/import/describe';
import { CARD_EVENT_KINDS, type ImportPreview } from '@/lib/import/model';

/** The label colours Trello and Wekan name, translated; others are shown as the file names them. */
const LABEL_COLORS = ['green', 'yellow', 'orange', 'red', 'purple', 'blue', 'sky', 'lime', 'pink', 'black', 'white', 'gray', 'silver', 'navy', 'gold', 'magenta', 'crimson', 'indigo'] as const;

/** What the import found beyond the columns: cards and labels, history, what is left out, what to check. */
export function ImportPreviewDetails({ preview }: { preview: ImportPreview }) {
  const t = useTranslations('data.import');
  const translate = createImportTranslate(useTranslations() as unknown as RootTranslate);
  const format = useFormatter();
  const labelColors = preview.labelColors ?? {};
  const colorName = (color: string) => {
    const base = color.replace(/_(dark|light)$/, '');
    return (LABEL_COLORS as readonly string[]).includes(base) ? translate(`labelColors.${base}`) : color;
  };
  const labelText = preview.labels.map((label) => (labelColors[label] ? `${label} (${colorName(labelColors[label])})` : label)).join(', ');
  return (
    <>
      <section aria-labelledby="import-cards">
        <h3 id="import-cards" className="mb-1 text-lg font-semibold">
          {t('preview.cardsHeading')}
        </h3>
        <p data-testid="import-card-count">{t('preview.cards', { count: preview.cardCount, archived: preview.archivedCardCount })}</p>
        <p className="text-sm text-slate-700">{preview.labels.length > 0 ? t('preview.labels', { labels: labelText }) : t('preview.noLabels')}</p>
      </section>

      <section aria-labelledby="import-history">
        <h3 id="import-history" className="mb-1 text-lg font-semibold">
          {t('preview.historyHeading')}
        </h3>
        <ul className="list-disc ps-5" data-testid="import-events">
          {CARD_EVENT_KINDS.filter((kind) => preview.eventCounts[kind] > 0).map((kind) => (
            <li key={kind}>{t(`preview.events.${kind}`, { count: preview.eventCounts[kind] })}</li>
          ))}
          {preview.boardEventCount > 0 && <li>{t('preview.boardEvents', { count: preview.boardEventCount })}</li>}
        </ul>
        {preview.firstEventAt && preview.lastEventAt && (
          <p className="mt-1 text-sm text-slate-700">
            {t('preview.period', {
              first: format.dateTime(new Date(preview.firstEventAt), { dateStyle: 'medium' }),
              last: format.dateTime(new Date(preview.lastEventAt), { dateStyle: 'medium' }),
            })}
          </p>
        )}
      </section>

      <section aria-labelledby="import-skipped">
        <h3 id="import-skipped" className="mb-1 text-lg font-semibold">
          {t('preview.skippedHeading')}
        </h3>
        {preview.skipped.length === 0 ? (
          <p>{t('preview.nothingSkipped')}</p>
        ) : (
          <ul className="list-disc ps-5" data-testid="import-skipped">
            {preview.skipped.map((entry) => (
              <li key={entry.reason}>{translate(`skipped.${entry.reason}`, { count: entry.count, detail: entry.detail ?? '' })}</li>
            ))}
          </ul>
        )}
      </section>

      {preview.warnings.length > 0 && (
        <section aria-labelledby="import-warnings" className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
          <h3 id="import-warnings" className="mb-1 text-lg font-semibold">
            {t('preview.warningsHeading')}
          </h3>
          <ul className="list-disc ps-5" data-testid="import-warnings">
            {preview.warnings.map((entry) => (
              <li key={entry.code} data-warning={entry.code}>
                {translate(`warnings.${entry.code}`, { count: entry.count })}
              </li>
            ))}
          </ul>
        </section>
      )}

    </>
  );
}
