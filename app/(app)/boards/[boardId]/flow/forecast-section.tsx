import type { BoardFlowData } from '@/lib/data/flow';
import { HOW_MANY_FORECAST_DAYS } from '@/lib/data/flow';
import { DEFAULT_FORECAST_TRIALS } from '@/lib/flow';
import type { FlowFormat } from './flow-format';
import { TermExplainer } from './term-explainer';

/**
 * Monte Carlo forecasts in words: how many items in the next two weeks (lower tail: "at least"), and when the
 * work now in progress will be done. Text rather than a chart, because three numbers read best as a list.
 */
export function ForecastSection({ data, fmt }: { data: BoardFlowData; fmt: FlowFormat }) {
  const { t } = fmt;
  const { howMany, when, wipNow, historyDays } = data.forecast;
  const levels = ['p50', 'p85', 'p95'] as const;
  return (
    <section id="forecast" aria-labelledby="forecast-heading" className="mt-8 scroll-mt-4">
      <h2 id="forecast-heading" className="text-xl font-semibold">
        {t('forecast.heading')}
      </h2>
      <p className="mt-1 max-w-prose text-slate-800">
        {t('forecast.intro', { trials: fmt.number(DEFAULT_FORECAST_TRIALS, 0), days: historyDays })}
      </p>
      <TermExplainer term="monteCarlo" />
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg border border-slate-300 bg-white p-4">
          <h3 className="font-semibold">{t('forecast.howManyHeading', { days: HOW_MANY_FORECAST_DAYS })}</h3>
          {howMany && data.dailyThroughput.some((day) => day.count > 0) ? (
            <ul className="mt-2 list-disc ps-5">
              {levels.map((level) => (
                <li key={level}>{t('forecast.howMany', { percent: level.slice(1), count: howMany[level] })}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">{t('forecast.noHistory')}</p>
          )}
        </div>
        <div className="rounded-lg border border-slate-300 bg-white p-4">
          <h3 className="font-semibold">{t('forecast.whenHeading', { count: wipNow })}</h3>
          {wipNow === 0 ? (
            <p className="mt-2">{t('forecast.noWip')}</p>
          ) : when ? (
            <>
              <ul className="mt-2 list-disc ps-5">
                {levels.map((level) => {
                  const point = when[level];
                  return (
                    <li key={level}>
                      {point
                        ? t('forecast.when', { percent: level.slice(1), date: fmt.date(point.date) })
                        : t('forecast.whenNever', { percent: level.slice(1) })}
                    </li>
                  );
                })}
              </ul>
              <p className="mt-2 text-sm text-slate-700">{t('forecast.whenNote')}</p>
            </>
          ) : (
            <p className="mt-2">{t('forecast.noHistory')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
