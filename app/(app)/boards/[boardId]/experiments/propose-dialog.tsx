'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import type { ExperimentBoardOptions, ExperimentView } from '@/lib/data/experiments';
import {
  CHANGE_MAX,
  EXPERIMENT_DIRECTIONS,
  EXPERIMENT_MEASURES,
  TEXT_MAX,
  type ExperimentDirection,
  type ExperimentMeasure,
  type ProposeExperimentInput,
} from '@/lib/experiments/model';
import { requestAction, requestPropose } from './experiment-api';
import { BoardChangeFields, initialBoardChange, readBoardChange, type BoardChangeDraft } from './board-change-fields';

export const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700';
export const selectClass = 'min-h-9 max-w-full rounded border border-slate-500 bg-white px-2 py-1 text-slate-900';
export const buttonPrimary =
  'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60';
export const buttonSecondary =
  'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100';

type Props = {
  boardId: string;
  options: ExperimentBoardOptions;
  today: string;
  /** Editing an existing proposal (every field) or a running experiment (only the review date); absent: proposing. */
  editing?: ExperimentView;
  onClose: () => void;
  /** Called after the server accepted: the experiment's id. */
  onSaved: (experimentId: string) => void;
};

type FieldName = 'change' | 'reason' | 'hypothesis' | 'measure' | 'expectedDirection' | 'reviewDate' | 'preparedChange';

/**
 * Proposing (or editing) an experiment: what we change — in words, and optionally one concrete board change prepared
 * here and applied when the experiment starts — why, what we expect to see, the measure and the direction we expect
 * it to move, and when we look again. There is deliberately no field for a number to reach.
 */
export function ProposeDialog({ boardId, options, today, editing, onClose, onSaved }: Props) {
  const t = useTranslations('experiments');
  const ids = { direction: useId() };
  const isRunning = editing?.status === 'RUNNING';
  const [change, setChange] = useState(editing?.change ?? '');
  const [reason, setReason] = useState(editing?.reason ?? '');
  const [hypothesis, setHypothesis] = useState(editing?.hypothesis ?? '');
  const [measure, setMeasure] = useState<ExperimentMeasure>(editing?.measure ?? 'CYCLE_TIME');
  const [direction, setDirection] = useState<ExperimentDirection>(editing?.expectedDirection ?? 'DOWN');
  const [reviewDate, setReviewDate] = useState(editing?.reviewDate ?? addDays(today, 28));
  const [boardChange, setBoardChange] = useState<BoardChangeDraft>(() => initialBoardChange(options, editing?.preparedChange ?? null));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const refs = {
    change: useRef<HTMLInputElement>(null),
    hypothesis: useRef<HTMLTextAreaElement>(null),
    reviewDate: useRef<HTMLInputElement>(null),
    reason: useRef<HTMLTextAreaElement>(null),
  };
  const firstField = isRunning ? refs.reviewDate : refs.change;

  function focusFirstError(next: Partial<Record<FieldName, string>>) {
    const order: (keyof typeof refs)[] = ['change', 'reason', 'hypothesis', 'reviewDate'];
    const name = order.find((key) => next[key]);
    if (name) refs[name].current?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const prepared = readBoardChange(boardChange);
    const next: Partial<Record<FieldName, string>> = {};
    if (!isRunning) {
      if (!change.trim()) next.change = t('errors.changeRequired');
      if (!hypothesis.trim()) next.hypothesis = t('errors.hypothesisRequired');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewDate)) next.reviewDate = t('errors.reviewDateInvalid');
    else if (reviewDate < today) next.reviewDate = t('errors.reviewDatePast');
    if (prepared === 'invalid') next.preparedChange = t('errors.preparedChangeInvalid');
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return focusFirstError(next);

    const input: ProposeExperimentInput = {
      change: change.trim(),
      reason: reason.trim(),
      hypothesis: hypothesis.trim(),
      measure,
      expectedDirection: direction,
      reviewDate,
      preparedChange: prepared === 'invalid' ? null : prepared,
    };
    setIsPending(true);
    const outcome = editing
      ? await requestAction(boardId, editing.id, isRunning ? { action: 'edit', reviewDate } : { action: 'edit', ...input })
      : await requestPropose(boardId, input);
    setIsPending(false);
    if (outcome.ok) return onSaved(editing ? editing.id : (outcome.body as { experiment: { id: string } }).experiment.id);
    const fieldErrors: Partial<Record<FieldName, string>> = {};
    for (const field of outcome.error.fields) {
      const name = field.path.split('.')[0] as FieldName;
      fieldErrors[name] ??= field.message;
    }
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0) focusFirstError(fieldErrors);
    setFormError(outcome.error.message || t('errors.unavailable'));
  }

  const title = editing ? t('propose.editTitle', { change: editing.change }) : t('propose.title');
  return (
    <Dialog open onClose={onClose} title={title} size="lg" initialFocusRef={firstField}>
      <form noValidate onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-5">
        <p className="max-w-prose text-slate-800">{isRunning ? t('propose.runningIntro') : t('propose.intro')}</p>
        {!isRunning && (
          <>
            <FormField label={t('propose.change')} hint={t('propose.changeHint')} error={errors.change ?? null}>
              {(control) => (
                <input {...control} ref={refs.change} type="text" required maxLength={CHANGE_MAX} value={change} onChange={(event) => setChange(event.target.value)} className={fieldClass} />
              )}
            </FormField>
            <BoardChangeFields options={options} draft={boardChange} onChange={setBoardChange} error={errors.preparedChange ?? null} />
            <FormField label={t('propose.reason')} hint={t('propose.reasonHint')} error={errors.reason ?? null}>
              {(control) => <textarea {...control} ref={refs.reason} rows={3} maxLength={TEXT_MAX} value={reason} onChange={(event) => setReason(event.target.value)} className={fieldClass} />}
            </FormField>
            <FormField label={t('propose.hypothesis')} hint={t('propose.hypothesisHint')} error={errors.hypothesis ?? null}>
              {(control) => (
                <textarea {...control} ref={refs.hypothesis} required rows={3} maxLength={TEXT_MAX} value={hypothesis} onChange={(event) => setHypothesis(event.target.value)} className={fieldClass} />
              )}
            </FormField>
            <FormField label={t('propose.measure')} hint={t(`measureHint.${measure}`)}>
              {(control) => (
                <select {...control} value={measure} onChange={(event) => setMeasure(event.target.value as ExperimentMeasure)} className={selectClass}>
                  {EXPERIMENT_MEASURES.map((value) => (
                    <option key={value} value={value}>
                      {t(`measure.${value}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 font-medium">{t('propose.direction', { measure: t(`measure.${measure}`) })}</legend>
              {EXPERIMENT_DIRECTIONS.map((value) => (
                <div key={value} className="flex items-center gap-2">
                  <input
                    id={`${ids.direction}-${value}`}
                    type="radio"
                    name={`${ids.direction}-direction`}
                    value={value}
                    checked={direction === value}
                    onChange={() => setDirection(value)}
                    className="size-5 shrink-0 accent-brand-700"
                  />
                  <label htmlFor={`${ids.direction}-${value}`}>{t(`direction.${value}`)}</label>
                </div>
              ))}
            </fieldset>
          </>
        )}
        <FormField label={t('propose.reviewDate')} hint={t('propose.reviewDateHint')} error={errors.reviewDate ?? null}>
          {(control) => (
            <input {...control} ref={refs.reviewDate} type="date" required min={today} value={reviewDate} onChange={(event) => setReviewDate(event.target.value)} className={`${fieldClass} max-w-48`} />
          )}
        </FormField>
        <div role="alert">{formError && <p className="rounded border border-red-700 bg-red-50 p-3 text-red-900">{formError}</p>}</div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonPrimary} aria-disabled={isPending || undefined}>
            {isPending ? t('working') : editing ? t('propose.save') : t('propose.submit')}
          </button>
          <button type="button" className={buttonSecondary} onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The calendar day `days` after `date` ('YYYY-MM-DD'). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
