import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { orNotFound } from '@/app/(app)/or-not-found';
import { requireSessionUser } from '@/lib/auth/session';
import { getTeamMembers } from '@/lib/data/team-admin';
import { listDeliveries } from '@/lib/data/webhooks';
import { DeliveryLog } from './delivery-log';

type Props = { params: Promise<{ teamId: string; endpointId: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations('api'))('webhooks.log') };
}

/** One webhook's delivery log: status, attempts, last answer or error, next attempt, and "send again". */
export default async function WebhookDeliveriesPage({ params }: Props) {
  const { teamId, endpointId } = await params;
  const user = await requireSessionUser();
  const team = await orNotFound(getTeamMembers(user, teamId, new Date()));
  const { endpoint, deliveries } = await orNotFound(listDeliveries(user, { teamId, endpointId }));
  const t = await getTranslations('api.webhooks');
  const format = await getFormatter();
  const when = (value: string | null) => (value ? format.dateTime(new Date(value), { dateStyle: 'short', timeStyle: 'medium' }) : t('none'));
  return (
    <main id="main" className="mx-auto w-full max-w-6xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href={`/teams/${team.team.id}/integrations`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToIntegrations')}
        </Link>
      </p>
      <h1 className="mb-1 break-all text-2xl font-semibold">{t('logTitle', { url: endpoint.url })}</h1>
      <p className="mb-4 text-slate-700">{t('logIntro')}</p>
      {endpoint.disabledAt && <p className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">{t('disabled', { at: when(endpoint.disabledAt), reason: t('disabledReason') })}</p>}
      <DeliveryLog
        teamId={team.team.id}
        canManage={team.canManage && !endpoint.disabledAt}
        deliveries={deliveries.map((delivery) => ({
          id: delivery.id,
          eventType: delivery.eventType,
          status: delivery.status,
          attempts: delivery.attempts,
          createdLabel: when(delivery.createdAt),
          nextLabel: delivery.status === 'PENDING' ? when(delivery.nextAttemptAt) : t('none'),
          last: delivery.lastError ?? (delivery.lastStatus !== null ? t('lastStatus', { status: delivery.lastStatus }) : t('none')),
        }))}
      />
    </main>
  );
}
