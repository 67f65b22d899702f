import { getTranslations } from 'next-intl/server';
import { CLASS_MARKS } from '@/lib/board/lane-view';
import { MIN_FINISHED_FOR_SLE, type BoardFlowData } from '@/lib/data/flow';
import type { FlowFormat } from './flow-format';

/**
 * Flow per class of service (issue 12): for each class with finished cases in the period, its service level
 * expectation in words ("Brådskande: 85 % av ärendena blir klara inom 3 dagar"), and a table of throughput,
 * share and cycle-time percentiles. A case counts in the class of the lane it was in when it finished
 * (lib/flow/class-of-service.ts). Shown on boards with more than one lane.
 */
export async function ClassOfServiceSection({ data, fmt }: { data: BoardFlowData; fmt: FlowFormat }) {
  if (!data.byClass.hasLanes) return null;
  const t = await getTranslations('lanes');
  const classes = data.byClass.classes;
  return (
    <section id="classes" aria-labelledby="classes-heading" className="mt-8 scroll-mt-4 rounded-lg border border-slate-300 bg-white p-4" data-testid="flow-by-class">
      <h2 id="classes-heading" className="text-xl font-semibold">
        {t('flow.heading')}
      </h2>
      <p className="mt-1 text-slate-800">{t('flow.intro')}</p>
      <ul className="mt-2 flex flex-col gap-1">
        {classes.map((figure) => (
          <li key={figure.classOfService} className="text-lg">
            <span aria-hidden="true">{CLASS_MARKS[figure.classOfService]} </span>
            {figure.serviceLevelExpectation
              ? t('flow.sle', { class: t(`class.${figure.classOfService}`), days: figure.serviceLevelExpectation.days, count: figure.finishedCount })
              : t('flow.notEnough', { class: t(`class.${figure.classOfService}`), count: figure.finishedCount, min: MIN_FINISHED_FOR_SLE })}
          </li>
        ))}
      </ul>
      {classes.length > 0 && (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="mb-1 text-left font-semibold">{t('flow.tableCaption')}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                {(['class', 'finished', 'share', 'p50', 'p85'] as const).map((key) => (
                  <th key={key} scope="col" className="px-2 py-1 font-semibold">
                    {t(`flow.columns.${key}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {classes.map((figure) => (
                <tr key={figure.classOfService} className="border-b border-slate-200">
                  <th scope="row" className="px-2 py-1 font-medium">
                    <span aria-hidden="true">{CLASS_MARKS[figure.classOfService]} </span>
                    {t(`class.${figure.classOfService}`)}
                  </th>
                  <td className="px-2 py-1">{figure.finishedCount}</td>
                  <td className="px-2 py-1">{fmt.percent(figure.share)}</td>
                  <td className="px-2 py-1">{figure.cycleTimePercentiles ? t('flow.daysValue', { days: figure.cycleTimePercentiles.p50 }) : '—'}</td>
                  <td className="px-2 py-1">{figure.cycleTimePercentiles ? t('flow.daysValue', { days: figure.cycleTimePercentiles.p85 }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
