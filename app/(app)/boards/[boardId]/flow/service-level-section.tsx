import type { BoardFlowData } from '@/lib/data/flow';
import { MIN_FINISHED_FOR_SLE } from '@/lib/data/flow';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';

/**
 * The team's service level expectation, worded as what history predicts ("85 % of items finish within N
 * days"), never as a goal: it describes the system, and only changing the system changes it.
 */
export function ServiceLevelSection({ data, fmt }: { data: BoardFlowData; fmt: FlowFormat }) {
  const { t } = fmt;
  const sle = data.serviceLevelExpectation;
  return (
    <section id="sle" aria-labelledby="sle-heading" className="mt-8 scroll-mt-4 rounded-lg border border-brand-600 bg-brand-50 p-4">
      <h2 id="sle-heading" className="text-xl font-semibold">
        {t('sle.heading')}
      </h2>
      {sle ? (
        <>
          <p className="mt-1 text-lg">{t('sle.forecast', { days: sle.days })}</p>
          <p className="mt-1 text-slate-800">{t('sle.basis', { count: sle.basedOn })}</p>
        </>
      ) : (
        <p className="mt-1">{t('sle.notEnough', { count: data.finished.length, min: MIN_FINISHED_FOR_SLE })}</p>
      )}
      <TermExplainer term="forecast85" />
    </section>
  );
}
