'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import type { RetentionCardPreview, RetentionPreview } from '@/lib/data/retention';
import { RETENTION_CHOICES } from '@/lib/retention/policy';

const periodKey = (months: number | null) => (months === null ? 'forever' : String(months));

const buttonPrimary =
  'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800 disabled:opacity-60';

/**
 * Choosing the period: every choice first shows what it would clear (at the next nightly run, and within the
 * look-ahead), and a choice that clears cards at once asks the member to confirm it. Viewers see the preview only.
 */
export function RetentionForm({
  teamId,
  canEdit,
  currentMonths,
  initialPreview,
  lookAheadDays,
}: {
  teamId: string;
  canEdit: boolean;
  currentMonths: number | null;
  initialPreview: RetentionPreview;
  lookAheadDays: number;
}) {
  const t = useTranslations('data.retention');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const ids = { confirm: useId() };
  const [selected, setSelected] = useState<number | null>(currentMonths);
  const [preview, setPreview] = useState<RetentionPreview>(initialPreview);
  const [loading, setLoading] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function choose(months: number | null) {
    setSelected(months);
    setConfirmed(false);
    setStatus('');
    setError(null);
    setLoading(true);
    try {
      const response = await fetch(`/api/teams/${encodeURIComponent(teamId)}/retention?months=${periodKey(months)}`);
      const body = (await response.json()) as { preview?: RetentionPreview; error?: { message: string } };
      if (!response.ok || !body.preview) throw new Error(body.error?.message ?? '');
      setPreview(body.preview);
    } catch (failure) {
      setError((failure as Error).message || tErrors('UNKNOWN'));
    } finally {
      setLoading(false);
    }
  }

  const isChange = selected !== currentMonths;
  const needsConfirmation = isChange && preview.months === selected && preview.dueNowCount > 0;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isChange) {
      setStatus(t('unchanged'));
      return;
    }
    if (needsConfirmation && !confirmed) return;
    setSaving(true);
    setError(null);
    try {
      const response = await fetch(`/api/teams/${encodeURIComponent(teamId)}/retention`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ months: periodKey(selected) === 'forever' ? 'forever' : selected }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(body.error?.message ?? '');
      }
      setStatus(t('saved'));
      router.refresh();
    } catch (failure) {
      setError((failure as Error).message || tErrors('UNKNOWN'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={save} className="flex flex-col gap-4">
      {canEdit && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">{t('choose')}</legend>
          {RETENTION_CHOICES.map((months) => (
            <label key={periodKey(months)} className="flex min-h-6 items-center gap-2">
              <input type="radio" name="months" value={periodKey(months)} checked={selected === months} onChange={() => void choose(months)} />
              {t(`period.${periodKey(months)}`)}
            </label>
          ))}
        </fieldset>
      )}

      <section aria-labelledby="retention-preview" aria-busy={loading} className="rounded-lg border border-slate-300 bg-white p-4" data-testid="retention-preview">
        <h2 id="retention-preview" className="mb-1 text-lg font-semibold">
          {t('previewHeading')}
        </h2>
        <div role="status">
          <p className="mb-2">{t('previewFor', { period: t(`period.${periodKey(preview.months)}`) })}</p>
          {preview.months === null ? (
            <p>{t('forever')}</p>
          ) : (
            <>
              <p data-testid="retention-due-now">{t('dueNow', { count: preview.dueNowCount })}</p>
              <p>{t('dueSoon', { count: preview.dueSoonCount, days: lookAheadDays })}</p>
            </>
          )}
        </div>
        {preview.dueNow.length > 0 && <PreviewTable caption={t('listCaptionNow')} cards={preview.dueNow} total={preview.dueNowCount} />}
        {preview.dueSoon.length > 0 && <PreviewTable caption={t('listCaptionSoon', { days: lookAheadDays })} cards={preview.dueSoon} total={preview.dueSoonCount} />}
      </section>

      {canEdit && (
        <>
          {needsConfirmation && (
            <label htmlFor={ids.confirm} className="flex max-w-prose items-start gap-2 rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
              <input id={ids.confirm} type="checkbox" className="mt-1" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
              <span>{t('confirmClear', { count: preview.dueNowCount })}</span>
            </label>
          )}
          <div>
            <button type="submit" className={buttonPrimary} disabled={saving || loading || (needsConfirmation && !confirmed)}>
              {saving ? t('saving') : t('save')}
            </button>
          </div>
        </>
      )}
      <div role="status">{status && <p className="font-medium text-green-900">{status}</p>}</div>
      <div role="alert">{error !== null && error !== '' && <p className="text-red-800">{error}</p>}</div>
    </form>
  );
}

function PreviewTable({ caption, cards, total }: { caption: string; cards: RetentionCardPreview[]; total: number }) {
  const t = useTranslations('data.retention');
  const format = useFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="mb-1 text-start font-medium">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="p-2 text-start">
              {t('listCard')}
            </th>
            <th scope="col" className="p-2 text-start">
              {t('listBoard')}
            </th>
            <th scope="col" className="p-2 text-start">
              {t('listFinished')}
            </th>
            <th scope="col" className="p-2 text-start">
              {t('listClears')}
            </th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.id} className="border-b border-slate-200">
              <td className="p-2 wrap-anywhere">{card.title}</td>
              <td className="p-2">{card.boardName}</td>
              <td className="p-2 whitespace-nowrap">{date(card.finishedAt)}</td>
              <td className="p-2 whitespace-nowrap">{date(card.clearsOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > cards.length && <p className="mt-1 text-sm text-slate-700">{t('listMore', { count: total - cards.length })}</p>}
    </div>
  );
}
