'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { resendDeliveryAction } from '../../actions';

type Row = { id: string; eventType: string; status: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'ABANDONED'; attempts: number; createdLabel: string; nextLabel: string; last: string };

export function DeliveryLog({ teamId, canManage, deliveries }: { teamId: string; canManage: boolean; deliveries: Row[] }) {
  const t = useTranslations('api.webhooks');
  const tErrors = useTranslations('admin.errors');
  const [isPending, startTransition] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function sendAgain(row: Row) {
    startTransition(async () => {
      const result = await resendDeliveryAction(teamId, row.id);
      if (result.ok) {
        setError(null);
        setStatus(t('sentAgain'));
      } else {
        setStatus(null);
        setError(tErrors(result.code));
      }
    });
  }

  if (deliveries.length === 0) return <p>{t('logEmpty')}</p>;
  return (
    <div>
      <p aria-live="polite" className={status ? 'mb-2 text-green-900' : 'sr-only'}>
        {status ?? ''}
      </p>
      {error && (
        <p role="alert" className="mb-2 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{t('logCaption')}</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="p-2">{t('logColumnEvent')}</th>
              <th scope="col" className="p-2">{t('logColumnCreated')}</th>
              <th scope="col" className="p-2">{t('logColumnStatus')}</th>
              <th scope="col" className="p-2">{t('logColumnAttempts')}</th>
              <th scope="col" className="p-2">{t('logColumnLast')}</th>
              <th scope="col" className="p-2">{t('logColumnNext')}</th>
              {canManage && <th scope="col" className="p-2">{t('logColumnActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {deliveries.map((row) => (
              <tr key={row.id} className="border-b border-slate-200 align-top" data-delivery-status={row.status}>
                <th scope="row" className="p-2 font-normal">
                  <code className="text-sm">{row.eventType}</code>
                </th>
                <td className="whitespace-nowrap p-2">{row.createdLabel}</td>
                <td className="p-2">{t(`status.${row.status}`)}</td>
                <td className="p-2">{row.attempts}</td>
                <td className="break-words p-2 text-sm">{row.last}</td>
                <td className="whitespace-nowrap p-2">{row.nextLabel}</td>
                {canManage && (
                  <td className="p-2">
                    {row.status !== 'PENDING' && (
                      <button type="button" disabled={isPending} onClick={() => sendAgain(row)} className="rounded border border-slate-500 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60" aria-label={t('sendAgainLabel', { event: row.eventType, at: row.createdLabel })}>
                        {t('sendAgain')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
