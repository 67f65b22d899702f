import type { BoardFlowData } from '@/lib/data/flow';
import type { FlowRange } from '@/lib/data/flow-range';
import type { FlowFormat } from './flow-format';

/**
 * The period chooser: a plain GET form (works without JavaScript; the period is in the URL, so it can be
 * bookmarked and shared). It changes only what is shown, never the board.
 */
export function DateRangeForm({ range, shown, fmt }: { range: FlowRange; shown: BoardFlowData['range']; fmt: FlowFormat }) {
  const { t } = fmt;
  const today = shown.today;
  return (
    <form method="get" className="mt-4 rounded-lg border border-slate-300 bg-white p-4">
      <fieldset>
        <legend className="font-semibold">{t('range.legend')}</legend>
        <p id="flow-range-hint" className="text-sm text-slate-700">
          {t('range.hint')}
        </p>
        <div className="mt-2 flex flex-wrap items-end gap-4">
          <div className="flex flex-col">
            <label htmlFor="flow-from" className="text-sm font-medium">
              {t('range.from')}
            </label>
            <input
              id="flow-from"
              name="from"
              type="date"
              defaultValue={range.from}
              max={today}
              aria-describedby="flow-range-hint"
              className="min-h-10 rounded border border-slate-500 px-2"
            />
          </div>
          <div className="flex flex-col">
            <label htmlFor="flow-to" className="text-sm font-medium">
              {t('range.to')}
            </label>
            <input
              id="flow-to"
              name="to"
              type="date"
              defaultValue={range.to}
              max={today}
              aria-describedby="flow-range-hint"
              className="min-h-10 rounded border border-slate-500 px-2"
            />
          </div>
          <button type="submit" className="min-h-10 rounded bg-brand-700 px-4 font-medium text-white hover:bg-brand-800">
            {t('range.submit')}
          </button>
        </div>
      </fieldset>
      {range.problem && (
        <p role="alert" className="mt-3 rounded border border-amber-700 bg-amber-50 p-2 text-amber-900">
          {t(`range.problem.${range.problem}`)}
        </p>
      )}
      <p className="mt-3 text-slate-800">{t('range.current', { from: fmt.date(shown.from), to: fmt.date(shown.to), days: shown.dayCount })}</p>
      {shown.isClippedToHistory && <p className="mt-1 text-sm text-slate-700">{t('range.clipped', { date: fmt.date(shown.from) })}</p>}
    </form>
  );
}
