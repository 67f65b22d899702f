'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { drawReadLogSampleAction, recordReadLogReviewAction } from './actions';

type Feedback = { ok: boolean; text: string } | null;

/** Draws the monthly review's random sample of a period's reads; the page then shows it for review. */
export function DrawSampleForm({ boardId, defaultFrom, defaultTo, defaultSize, maxSize, today }: { boardId: string; defaultFrom: string; defaultTo: string; defaultSize: number; maxSize: number; today: string }) {
  const t = useTranslations('readLog.sample');
  const tErrors = useTranslations('readLog.errors');
  const router = useRouter();
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [size, setSize] = useState(String(defaultSize));
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [isPending, setIsPending] = useState(false);
  const [drawnId, setDrawnId] = useState<string | null>(null);

  // Once the page shows the drawn sample, focus its heading so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (!drawnId) return;
    const heading = document.getElementById('read-log-review-heading');
    if (heading && heading.closest('[data-testid="read-log-review"]')) {
      heading.focus();
      setDrawnId(null);
    }
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const count = Number(size);
    if (!Number.isInteger(count) || count < 1 || count > maxSize) {
      setFeedback({ ok: false, text: t('sizeInvalid', { max: maxSize }) });
      return;
    }
    setIsPending(true);
    const result = await drawReadLogSampleAction(boardId, { from, to, size: count });
    setIsPending(false);
    if (!result.ok) {
      setFeedback({ ok: false, text: result.code === 'VALIDATION' ? t('nothingToDraw') : tErrors(result.code === 'FORBIDDEN' || result.code === 'NOT_FOUND' ? result.code : 'generic') });
      return;
    }
    setFeedback({ ok: true, text: t('drawn') });
    setDrawnId(result.data.reviewId);
    router.push(`/boards/${encodeURIComponent(boardId)}/access-log?review=${encodeURIComponent(result.data.reviewId)}`, { scroll: false });
  }

  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="read-log-sample-legend">
      <p id="read-log-sample-legend" className="font-semibold">
        {t('legend')}
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-4">
        <div className="flex flex-col">
          <label htmlFor="read-log-sample-from" className="text-sm font-medium">
            {t('from')}
          </label>
          <input id="read-log-sample-from" type="date" required value={from} max={today} onChange={(event) => setFrom(event.target.value)} className="min-h-10 rounded border border-slate-500 px-2" />
        </div>
        <div className="flex flex-col">
          <label htmlFor="read-log-sample-to" className="text-sm font-medium">
            {t('to')}
          </label>
          <input id="read-log-sample-to" type="date" required value={to} onChange={(event) => setTo(event.target.value)} className="min-h-10 rounded border border-slate-500 px-2" />
        </div>
        <div className="flex flex-col">
          <label htmlFor="read-log-sample-size" className="text-sm font-medium">
            {t('size')}
          </label>
          <input
            id="read-log-sample-size"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxSize}
            required
            value={size}
            onChange={(event) => setSize(event.target.value)}
            aria-describedby="read-log-sample-size-hint"
            className="min-h-10 w-24 rounded border border-slate-500 px-2"
          />
        </div>
        <button type="submit" aria-busy={isPending} className="min-h-10 rounded bg-brand-700 px-4 font-medium text-white hover:bg-brand-800">
          {t('submit')}
        </button>
      </div>
      <p id="read-log-sample-size-hint" className="mt-1 text-sm text-slate-700">
        {t('sizeHint', { max: maxSize })}
      </p>
      <p role="status" className={`mt-2 text-sm ${feedback?.ok === false ? 'text-red-800' : 'text-slate-700'}`}>
        {feedback?.text ?? ''}
      </p>
    </form>
  );
}

/** Records that the signed-in member reviewed the sample, with a note. */
export function RecordReviewForm({ boardId, reviewId }: { boardId: string; reviewId: string }) {
  const t = useTranslations('readLog.review');
  const tErrors = useTranslations('readLog.errors');
  const router = useRouter();
  const [note, setNote] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [isPending, setIsPending] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    setIsPending(true);
    const result = await recordReadLogReviewAction(boardId, reviewId, note);
    setIsPending(false);
    if (!result.ok) {
      setFeedback({ ok: false, text: tErrors(result.code === 'FORBIDDEN' || result.code === 'NOT_FOUND' ? result.code : 'generic') });
      return;
    }
    setFeedback({ ok: true, text: t('recorded') });
    // The form gives way to the recorded review; the heading of the review keeps focus on the page.
    document.getElementById('read-log-review-heading')?.focus();
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="mt-4">
      <label htmlFor="read-log-review-note" className="font-medium">
        {t('note')}
      </label>
      <textarea
        id="read-log-review-note"
        value={note}
        maxLength={4000}
        onChange={(event) => setNote(event.target.value)}
        aria-describedby="read-log-review-note-hint"
        rows={3}
        className="mt-1 block w-full max-w-prose rounded border border-slate-500 p-2"
      />
      <p id="read-log-review-note-hint" className="mt-1 text-sm text-slate-700">
        {t('noteHint')}
      </p>
      <button type="submit" aria-busy={isPending} className="mt-2 min-h-10 rounded bg-brand-700 px-4 font-medium text-white hover:bg-brand-800">
        {t('submit')}
      </button>
      <p ref={statusRef} role="status" className={`mt-2 text-sm ${feedback?.ok === false ? 'text-red-800' : 'text-slate-700'}`}>
        {feedback?.text ?? ''}
      </p>
    </form>
  );
}
