'use client';

import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { ActionFeedback, useActionFeedback } from '@/components/api/action-feedback';
import { ListTable } from '@/components/api/list-table';
import { resendDeliveryAction } from '../../actions';

type Row = { id: string; eventType: string; status: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'ABANDONED'; attempts: number; createdLabel: string; nextLabel: string; last: string };

export function DeliveryLog({ teamId, canManage, deliveries }: { teamId: string; canManage: boolean; deliveries: Row[] }) {
  const t = useTranslations('api.webhooks');
  const [isPending, startTransition] = useTransition();
  const feedback = useActionFeedback();

  function sendAgain(row: Row) {
    startTransition(async () => {
      feedback.report(await resendDeliveryAction(teamId, row.id), t('sentAgain'));
    });
  }

  if (deliveries.length === 0) return <p>{t('logEmpty')}</p>;
  return (
    <div>
      <ActionFeedback status={feedback.status} error={feedback.error} />
      <ListTable caption={t('logCaption')} columns={[t('logColumnEvent'), t('logColumnCreated'), t('logColumnStatus'), t('logColumnAttempts'), t('logColumnLast'), t('logColumnNext'), canManage && t('logColumnActions')]}>
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
      </ListTable>
    </div>
  );
}
