'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import type { ExperimentBoardOptions, ExperimentView } from '@/lib/data/experiments';
import { EXPERIMENT_OUTCOMES, TEXT_MAX, type ExperimentAction, type ExperimentOutcome } from '@/lib/experiments/model';
import { requestAction } from '../experiment-api';
import { buttonPrimary, buttonSecondary, fieldClass, ProposeDialog } from '../propose-dialog';

type Props = {
  boardId: string;
  experiment: ExperimentView;
  options: ExperimentBoardOptions;
  today: string;
  /** The prepared change in words (start dialog), and what abandoning would put back (review dialog), or null. */
  changeText: string | null;
  revertText: string | null;
  reviewDateText: string;
};

type Open = 'start' | 'edit' | 'withdraw' | 'review' | null;

const buttonDanger = 'inline-flex min-h-9 items-center justify-center rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60';

/**
 * What a member can do to the experiment now: start, edit or withdraw a proposal; move the review date of a running
 * experiment, and review it once the date has come. Each action is one request; afterwards the page is read again,
 * the outcome announced and focus put on the experiment's status (never left on the page body).
 */
export function ExperimentActions({ boardId, experiment, options, today, changeText, revertText, reviewDateText }: Props) {
  const t = useTranslations('experiments');
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [announcement, setAnnouncement] = useState('');
  const [isRefreshing, startRefresh] = useTransition();
  const shouldFocusStatus = useRef(false);

  useEffect(() => {
    if (isRefreshing || !shouldFocusStatus.current) return;
    shouldFocusStatus.current = false;
    document.getElementById('experiment-status')?.focus();
  }, [isRefreshing]);

  function done(message: string) {
    setOpen(null);
    setAnnouncement(message);
    shouldFocusStatus.current = true;
    startRefresh(() => router.refresh());
  }

  return (
    <section aria-labelledby="experiment-actions-heading" className="mt-6">
      <h2 id="experiment-actions-heading" className="sr-only">
        {t('actions.heading')}
      </h2>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <div className="flex flex-wrap gap-2">
        {experiment.status === 'PROPOSED' && (
          <>
            <button type="button" className={buttonPrimary} onClick={() => setOpen('start')}>
              {t('actions.start')}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => setOpen('edit')}>
              {t('actions.edit')}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => setOpen('withdraw')}>
              {t('actions.withdraw')}
            </button>
          </>
        )}
        {experiment.status === 'RUNNING' && (
          <>
            {experiment.isDueForReview ? (
              <button type="button" className={buttonPrimary} onClick={() => setOpen('review')}>
                {t('actions.review')}
              </button>
            ) : (
              <p className="self-center text-sm text-slate-800">{t('actions.reviewLater', { reviewDate: reviewDateText })}</p>
            )}
            <button type="button" className={buttonSecondary} onClick={() => setOpen('edit')}>
              {t('actions.moveReviewDate')}
            </button>
          </>
        )}
      </div>
      {open === 'edit' && (
        <ProposeDialog boardId={boardId} options={options} today={today} editing={experiment} onClose={() => setOpen(null)} onSaved={() => done(t('actions.saved'))} />
      )}
      {open === 'start' && (
        <ConfirmDialog
          title={t('start.title', { change: experiment.change })}
          body={[t('start.body'), changeText ? t('start.boardChange', { change: changeText }) : t('start.noBoardChange')]}
          confirm={t('actions.start')}
          onClose={() => setOpen(null)}
          run={() => requestAction(boardId, experiment.id, { action: 'start' })}
          onDone={() => done(t('start.done'))}
        />
      )}
      {open === 'withdraw' && (
        <ConfirmDialog
          title={t('withdraw.title', { change: experiment.change })}
          body={[t('withdraw.body')]}
          confirm={t('actions.withdraw')}
          isDanger
          onClose={() => setOpen(null)}
          run={() => requestAction(boardId, experiment.id, { action: 'withdraw' })}
          onDone={() => {
            setOpen(null);
            router.push(`/boards/${boardId}/experiments?notice=withdrawn`);
          }}
        />
      )}
      {open === 'review' && (
        <ReviewDialog boardId={boardId} experiment={experiment} revertText={revertText} onClose={() => setOpen(null)} onDone={(message) => done(message)} />
      )}
    </section>
  );
}

type RunResult = Awaited<ReturnType<typeof requestAction>>;

function ConfirmDialog({
  title,
  body,
  confirm,
  isDanger = false,
  onClose,
  run,
  onDone,
}: {
  title: string;
  body: string[];
  confirm: string;
  isDanger?: boolean;
  onClose: () => void;
  run: () => Promise<RunResult>;
  onDone: () => void;
}) {
  const t = useTranslations('experiments');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleConfirm() {
    if (isPending) return;
    setIsPending(true);
    setError(null);
    const outcome = await run();
    setIsPending(false);
    if (outcome.ok) onDone();
    else setError(outcome.error.message || t('errors.unavailable'));
  }

  return (
    <Dialog open onClose={onClose} title={title} size="sm" initialFocusRef={confirmRef}>
      <div className="flex flex-col gap-4">
        {body.map((paragraph) => (
          <p key={paragraph} className="wrap-anywhere">
            {paragraph}
          </p>
        ))}
        <div role="alert">{error && <p className="rounded border border-red-700 bg-red-50 p-3 text-red-900">{error}</p>}</div>
        <div className="flex flex-wrap gap-2">
          <button ref={confirmRef} type="button" className={isDanger ? buttonDanger : buttonPrimary} onClick={() => void handleConfirm()}>
            {isPending ? t('working') : confirm}
          </button>
          <button type="button" className={buttonSecondary} onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** Adopt, adapt or abandon, with what the team learned; abandoning offers to put the board back as it was. */
function ReviewDialog({
  boardId,
  experiment,
  revertText,
  onClose,
  onDone,
}: {
  boardId: string;
  experiment: ExperimentView;
  revertText: string | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('experiments');
  const ids = { outcome: useId(), revert: useId() };
  const [outcome, setOutcome] = useState<ExperimentOutcome | null>(null);
  const [reflection, setReflection] = useState('');
  const [shouldRevert, setShouldRevert] = useState(true);
  const [errors, setErrors] = useState<{ outcome?: string; reflection?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const firstOutcomeRef = useRef<HTMLInputElement>(null);
  const reflectionRef = useRef<HTMLTextAreaElement>(null);

  async function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const next: { outcome?: string; reflection?: string } = {};
    if (outcome === null) next.outcome = t('errors.outcomeRequired');
    if (!reflection.trim()) next.reflection = t('errors.reflectionRequired');
    setErrors(next);
    setFormError(null);
    if (next.outcome) return firstOutcomeRef.current?.focus();
    if (next.reflection || outcome === null) return reflectionRef.current?.focus();
    const action: ExperimentAction = { action: 'review', outcome, reflection: reflection.trim(), revertChange: outcome === 'ABANDON' && revertText !== null && shouldRevert };
    setIsPending(true);
    const result = await requestAction(boardId, experiment.id, action);
    setIsPending(false);
    if (result.ok) return onDone(action.revertChange ? t('review.doneReverted', { outcome: t(`outcome.${outcome}`) }) : t('review.done', { outcome: t(`outcome.${outcome}`) }));
    setFormError(result.error.message || t('errors.unavailable'));
  }

  return (
    <Dialog open onClose={onClose} title={t('review.title', { change: experiment.change })} size="md" initialFocusRef={firstOutcomeRef}>
      <form noValidate onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-5">
        <p className="max-w-prose">{t('review.intro')}</p>
        <fieldset className="flex flex-col gap-2" aria-describedby={errors.outcome ? `${ids.outcome}-error` : undefined}>
          <legend className="mb-1 font-medium">{t('review.outcome')}</legend>
          {EXPERIMENT_OUTCOMES.map((value, index) => (
            <div key={value} className="flex items-start gap-2">
              <input
                ref={index === 0 ? firstOutcomeRef : undefined}
                id={`${ids.outcome}-${value}`}
                type="radio"
                name={`${ids.outcome}-outcome`}
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
                aria-describedby={`${ids.outcome}-${value}-hint`}
                className="mt-0.5 size-5 shrink-0 accent-brand-700"
              />
              <div>
                <label htmlFor={`${ids.outcome}-${value}`} className="font-medium">
                  {t(`outcome.${value}`)}
                </label>
                <p id={`${ids.outcome}-${value}-hint`} className="text-sm text-slate-700">
                  {t(`outcomeHint.${value}`)}
                </p>
              </div>
            </div>
          ))}
          <div role="alert">
            {errors.outcome && (
              <p id={`${ids.outcome}-error`} className="text-sm font-medium text-red-800">
                {errors.outcome}
              </p>
            )}
          </div>
        </fieldset>
        {outcome === 'ABANDON' && revertText !== null && (
          <div className="flex items-start gap-2 rounded border border-slate-300 bg-slate-50 p-3">
            <input id={ids.revert} type="checkbox" checked={shouldRevert} onChange={(event) => setShouldRevert(event.target.checked)} className="mt-0.5 size-5 shrink-0 accent-brand-700" />
            <label htmlFor={ids.revert}>{t('review.revert', { change: revertText })}</label>
          </div>
        )}
        <FormField label={t('review.reflection')} hint={t('review.reflectionHint')} error={errors.reflection ?? null}>
          {(control) => <textarea {...control} ref={reflectionRef} required rows={4} maxLength={TEXT_MAX} value={reflection} onChange={(event) => setReflection(event.target.value)} className={fieldClass} />}
        </FormField>
        <div role="alert">{formError && <p className="rounded border border-red-700 bg-red-50 p-3 text-red-900">{formError}</p>}</div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonPrimary}>
            {isPending ? t('working') : t('review.submit')}
          </button>
          <button type="button" className={buttonSecondary} onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
