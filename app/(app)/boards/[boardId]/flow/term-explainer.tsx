import { getTranslations } from 'next-intl/server';

/** The technical terms of the Flow page that get a plain-language explanation (messages: flowGuide.terms.<term>). */
export const EXPLAINED_TERMS = [
  'forecast85',
  'cfd',
  'cycleTime',
  'throughput',
  'wip',
  'littlesLaw',
  'aging',
  'monteCarlo',
  'xmr',
  'naturalLimits',
  'movingRange',
  'demand',
] as const;

export type ExplainedTerm = (typeof EXPLAINED_TERMS)[number];

/**
 * "What does it mean?" beside a technical term: a closed native <details> (works without script, read in place,
 * skipped by those who know). Written for someone who has never heard of Kanban or statistics: what the thing
 * is, how to read it, and what it is not (never a target).
 */
export async function TermExplainer({ term }: { term: ExplainedTerm }) {
  const t = await getTranslations('flowGuide');
  return (
    <details className="mt-1 max-w-prose" data-term={term}>
      <summary className="inline-flex min-h-6 cursor-pointer items-center gap-1 py-1">
        <span className="text-brand-700 underline underline-offset-2">{t('explain.toggle')}</span>{' '}
        <span className="text-sm text-slate-700">({t(`terms.${term}.name`)})</span>
      </summary>
      <p className="mb-2 border-s-4 border-brand-600 bg-white py-1 ps-3 text-slate-900">{t(`terms.${term}.text`)}</p>
    </details>
  );
}
