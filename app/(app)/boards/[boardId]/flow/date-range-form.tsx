import type { BoardFlowData } from '@/lib/data/flow';
import type { ChosenFlowRange } from '@/lib/data/flow-history-range';
import { DEFAULT_FLOW_RANGE_DAYS, type FlowRange } from '@/lib/data/flow-range';
import { getTranslations } from 'next-intl/server';
import type { FlowFormat } from './flow-format';

/**
 * The period chooser: a plain GET form (works without JavaScript; the period is in the URL, so it can be
 * bookmarked and shared). It changes only what is shown, never the board.
 */
export async function DateRangeForm({
  boardId,
  range,
  shown,
  fmt,
}: {
  boardId: string;
  range: FlowRange & Partial<Pick<ChosenFlowRange, 'basis' | 'activity'>>;
  shown: BoardFlowData['range'];
  fmt: FlowFormat;
}) {
  const pageHref = `/boards/${encodeURIComponent(boardId)}/flow`;
  const { t } = fmt;
  const tHistory = await getTranslations('flowHistory');
  const first = range.activity?.first ?? null;
  const last = range.activity?.last ?? null;
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
      {range.basis === 'lastActivity' && last && (
        <p className="mt-2 rounded border border-sky-700 bg-sky-50 p-2 text-sky-950" data-testid="flow-range-basis">
          {tHistory('basis.lastActivity', { last: fmt.date(last) })}
        </p>
      )}
      {range.basis === 'all' && first && (
        <p className="mt-2 text-slate-800" data-testid="flow-range-basis">
          {tHistory('basis.all', { first: fmt.date(first) })}
        </p>
      )}
      {first && (
        <p className="mt-2 flex flex-wrap gap-4">
          {range.basis !== 'all' && (
            <a href={`${pageHref}?range=all`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
              {tHistory('showAll', { first: fmt.date(first) })}
            </a>
          )}
          {(range.basis === 'all' || range.basis === 'lastActivity') && (
            <a href={`${pageHref}?${new URLSearchParams({ from: recentFrom(shown.today), to: shown.today })}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
              {tHistory('showRecent')}
            </a>
          )}
        </p>
      )}
    </form>
  );
}

/** The first day of the 12 weeks ending `today` (ISO calendar dates). */
function recentFrom(today: string): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - (DEFAULT_FLOW_RANGE_DAYS - 1));
  return date.toISOString().slice(0, 10);
}
