import { getTranslations } from 'next-intl/server';

/**
 * The page's table of contents: one link per section, in page order. A section added to the page adds its id and
 * heading here (`extra`, for sections defined elsewhere, goes before the downloads).
 */
export const FLOW_SECTIONS = ['summary', 'sle', 'cfd', 'cycle-time', 'throughput', 'wip', 'aging-wip', 'forecast', 'xmr', 'demand'] as const;

export async function FlowContents({ extra = [] }: { extra?: readonly { id: string; label: string }[] }) {
  const t = await getTranslations('flowGuide');
  const entries = [...FLOW_SECTIONS.map((id) => ({ id, label: t(`contents.${id}`) })), ...extra, { id: 'download', label: t('contents.download') }];
  return (
    <nav aria-labelledby="flow-contents-heading" className="mt-4 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="flow-contents-heading" className="font-semibold">
        {t('contents.heading')}
      </h2>
      <ol className="mt-1 grid list-decimal gap-x-8 gap-y-1 ps-5 sm:grid-cols-2">
        {entries.map((entry) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
              {entry.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
