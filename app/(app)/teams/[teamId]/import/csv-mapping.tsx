'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { CSV_FIELDS, type CsvField } from '@/lib/import/csv-headers';
import type { CsvSetup } from '@/lib/import/csv-sheet';
import { DATE_FIELDS } from '@/lib/import/csv-sheet';
import { DATE_FORMATS, parseDateAs, type DateFormat } from '@/lib/import/date-formats';

const fieldClass = 'rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900';

/**
 * The spreadsheet's columns as the file names them, what Tillit reads each as (changeable), a few values of each
 * with how the chosen date format reads them, and the date format: the person checks the importer's guess here,
 * and the preview below follows every change before anything is written.
 */
export function CsvMappingStep({
  setup,
  disabled,
  onChange,
}: {
  setup: CsvSetup;
  disabled: boolean;
  onChange: (choice: { mapping: (CsvField | null)[]; dateFormat: DateFormat }) => void;
}) {
  const t = useTranslations('importer');
  const format = useFormatter();
  const ids = { heading: useId(), intro: useId(), dateHint: useId() };
  const sample = (index: number) => setup.samples.map((row) => row[index] ?? '').filter(Boolean).slice(0, 2);
  const readAs = (field: CsvField | null, value: string) => {
    if (!field || !DATE_FIELDS.has(field)) return null;
    const date = parseDateAs(value, setup.dateFormat);
    if (!date) return /^(ja|nej|yes|no|true|false)$/i.test(value) ? null : t('mapping.notADate');
    return format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  };
  const setField = (index: number, field: CsvField | null) => {
    const mapping = [...setup.mapping];
    mapping[index] = field;
    onChange({ mapping, dateFormat: setup.dateFormat });
  };
  return (
    <section aria-labelledby={ids.heading} aria-describedby={ids.intro} className="flex flex-col gap-3" data-testid="import-mapping">
      <div>
        <h3 id={ids.heading} className="text-lg font-semibold">
          {t('mapping.heading')}
        </h3>
        <p id={ids.intro} className="max-w-prose text-sm text-slate-700">
          {t(`dialect.${setup.dialect}`)} {t('mapping.intro')}
        </p>
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="p-2 text-start">
                {t('mapping.fileColumn')}
              </th>
              <th scope="col" className="p-2 text-start">
                {t('mapping.readAs')}
              </th>
              <th scope="col" className="p-2 text-start">
                {t('mapping.sample')}
              </th>
            </tr>
          </thead>
          <tbody>
            {setup.headers.map((header, index) => {
              const field = setup.mapping[index] ?? null;
              const why = field === null ? setup.ignoredWhy[index] : null;
              return (
                <tr key={index} className="border-b border-slate-200 align-top">
                  <th scope="row" className="p-2 text-start font-medium">
                    {header}
                  </th>
                  <td className="p-2">
                    <select
                      aria-label={t('mapping.readAsFor', { column: header })}
                      value={field ?? ''}
                      disabled={disabled}
                      onChange={(event) => setField(index, (event.target.value || null) as CsvField | null)}
                      className={fieldClass}
                    >
                      <option value="">{t('mapping.notUsed')}</option>
                      {CSV_FIELDS.map((option) => (
                        <option key={option} value={option}>
                          {t(`fields.${option}`)}
                        </option>
                      ))}
                    </select>
                    {why && <span className="mt-1 block text-xs text-slate-700">{t(`mapping.why.${why}`)}</span>}
                  </td>
                  <td className="p-2">
                    <ul className="flex flex-col gap-0.5">
                      {sample(index).map((value, valueIndex) => {
                        const read = readAs(field, value);
                        return (
                          <li key={valueIndex}>
                            <span className="font-mono text-xs">{value}</span>
                            {read && <span className="text-slate-700"> → {read}</span>}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <fieldset className="flex flex-col gap-1" aria-describedby={setup.dateFormatAmbiguous ? ids.dateHint : undefined}>
        <legend className="font-medium">{t('mapping.dateFormat')}</legend>
        {setup.dateFormatAmbiguous && (
          <p id={ids.dateHint} className="text-sm text-amber-900">
            {t('mapping.dateAmbiguous')}
          </p>
        )}
        <div className="flex flex-wrap gap-4">
          {DATE_FORMATS.map((option) => (
            <label key={option} className="inline-flex min-h-6 items-center gap-2">
              <input
                type="radio"
                name="import-date-format"
                value={option}
                checked={setup.dateFormat === option}
                disabled={disabled}
                onChange={() => onChange({ mapping: [...setup.mapping], dateFormat: option })}
              />
              {t(`mapping.dateFormats.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
