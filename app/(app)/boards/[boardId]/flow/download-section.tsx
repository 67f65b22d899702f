import { FLOW_EXPORT_DATASETS } from '@/lib/data/flow-csv';
import type { FlowFormat } from './flow-format';

/** Links to the CSV export of each dataset for the period shown (plain GET downloads; nothing changes). */
export function DownloadSection({ boardId, from, to, isWholeHistory = false, fmt }: { boardId: string; from: string; to: string; isWholeHistory?: boolean; fmt: FlowFormat }) {
  const { t } = fmt;
  return (
    <section id="download" aria-labelledby="download-heading" className="mt-8 scroll-mt-4">
      <h2 id="download-heading" className="text-xl font-semibold">
        {t('download.heading')}
      </h2>
      <p className="mt-1 max-w-prose text-slate-800">{t('download.intro')}</p>
      <ul className="mt-2 flex flex-col gap-1">
        {FLOW_EXPORT_DATASETS.options.map((dataset) => (
          <li key={dataset}>
            <a
              href={`/api/boards/${encodeURIComponent(boardId)}/flow/export?${new URLSearchParams(isWholeHistory ? { dataset, range: 'all' } : { dataset, from, to })}`}
              download
              className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2"
            >
              {t(`download.${dataset}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
