'use client';

import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { ActionFeedback, useActionFeedback } from '@/components/api/action-feedback';
import { ListTable } from '@/components/api/list-table';
import { SecretReveal } from '@/components/api/secret-reveal';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import type { ActionResult } from '@/lib/api/action';
import type { WebhookEndpointView } from '@/lib/data/webhooks';
import { WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';
import { createWebhookAction, deleteWebhookAction, enableWebhookAction } from './actions';

const BUTTON = 'rounded border border-slate-500 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60';
const PRIMARY = 'rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60';
const PROBLEM_KEYS = { invalid: 'webhookUrlInvalid', scheme: 'webhookUrlScheme', credentials: 'webhookUrlCredentials', insecure: 'webhookUrlInsecure', refusedAddress: 'webhookUrlRefusedAddress', unresolvable: 'webhookUrlUnresolvable' } as const;

/** The team's webhooks: add one (URL, events; the signing secret is shown once), list, switch on again, remove. */
export function Webhooks({ teamId, endpoints, canManage }: { teamId: string; endpoints: WebhookEndpointView[]; canManage: boolean }) {
  const t = useTranslations('api');
  const format = useFormatter();
  const feedback = useActionFeedback();
  const [isPending, startTransition] = useTransition();
  const [urlError, setUrlError] = useState<string | null>(null);
  const [eventsError, setEventsError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<WebhookEndpointView | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const firstEventRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const events = data.getAll('events').map(String);
    setUrlError(url ? null : t('errors.webhookUrlInvalid'));
    setEventsError(events.length > 0 ? null : t('errors.webhookEventsRequired'));
    if (!url) return urlRef.current?.focus();
    if (events.length === 0) return firstEventRef.current?.focus();
    startTransition(async () => {
      const result = await createWebhookAction(teamId, { url, description: String(data.get('description') ?? ''), events });
      if (!result.ok) return feedback.fail(result.code);
      if (!result.data.created) {
        setUrlError(t(`errors.${PROBLEM_KEYS[result.data.problem]}`));
        urlRef.current?.focus();
        return;
      }
      setUrlError(null);
      feedback.succeed(t('webhooks.created'));
      setSecret(result.data.secret);
      form.reset();
    });
  }

  function run(action: () => Promise<ActionResult>, success: string) {
    startTransition(async () => {
      feedback.report(await action(), success);
    });
  }

  const formatDate = (value: string) => format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div>
      {canManage && (
        <form onSubmit={submit} noValidate className="mb-4 flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="webhook-create-heading">
          <h3 id="webhook-create-heading" className="text-lg font-semibold">
            {t('webhooks.createHeading')}
          </h3>
          <FormField label={t('webhooks.url')} hint={t('webhooks.urlHint')} error={urlError}>
            {(control) => <input {...control} ref={urlRef} name="url" type="url" inputMode="url" autoComplete="off" maxLength={2000} className="max-w-2xl rounded border border-slate-500 px-2 py-2" />}
          </FormField>
          <FormField label={t('webhooks.description')}>
            {(control) => <input {...control} name="description" maxLength={200} autoComplete="off" className="max-w-md rounded border border-slate-500 px-2 py-2" />}
          </FormField>
          <fieldset className="flex flex-col gap-1" aria-describedby="webhook-events-hint webhook-events-error">
            <legend className="font-medium">{t('webhooks.events')}</legend>
            <p id="webhook-events-hint" className="text-sm text-slate-700">
              {t('webhooks.eventsHint')}
            </p>
            {WEBHOOK_EVENT_TYPES.map((type, index) => (
              <label key={type} className="flex min-h-6 items-center gap-2">
                <input ref={index === 0 ? firstEventRef : undefined} type="checkbox" name="events" value={type} defaultChecked={type !== 'comment.added'} className="h-4 w-4" />
                <span>
                  {t(`webhooks.event.${type.replace('.', '_') as 'card_created'}`)} <code className="text-sm text-slate-700">{type}</code>
                </span>
              </label>
            ))}
            <div role="alert" id="webhook-events-error">
              {eventsError && <p className="text-sm font-medium text-red-800">{eventsError}</p>}
            </div>
          </fieldset>
          <div>
            <button type="submit" disabled={isPending} className={PRIMARY}>
              {t('webhooks.create')}
            </button>
          </div>
        </form>
      )}
      {secret && <SecretReveal heading={t('webhooks.createdHeading')} notice={t('webhooks.createdNotice')} label={t('webhooks.secretLabel')} secret={secret} onDone={() => setSecret(null)} />}
      <ActionFeedback status={feedback.status} error={feedback.error} />
      {endpoints.length === 0 ? (
        <p>{t('webhooks.empty')}</p>
      ) : (
        <ListTable caption={t('webhooks.listCaption')} columns={[t('webhooks.columnUrl'), t('webhooks.columnEvents'), t('webhooks.columnState'), t('webhooks.columnActions')]}>
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id} className="border-b border-slate-200 align-top">
              <th scope="row" className="break-all p-2 font-normal">
                <code className="text-sm">{endpoint.url}</code>
                {endpoint.description && <span className="block text-sm text-slate-700">{endpoint.description}</span>}
              </th>
              <td className="p-2 text-sm">{endpoint.events.join(', ')}</td>
              <td className="p-2">
                {endpoint.disabledAt
                  ? t('webhooks.disabled', { at: formatDate(endpoint.disabledAt), reason: t('webhooks.disabledReason') })
                  : endpoint.failingSince
                    ? t('webhooks.failing', { since: formatDate(endpoint.failingSince) })
                    : t('webhooks.active')}
              </td>
              <td className="p-2">
                <div className="flex flex-wrap gap-2">
                  <Link href={`/teams/${teamId}/integrations/webhooks/${endpoint.id}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2" aria-label={t('webhooks.logLabel', { url: endpoint.url })}>
                    {t('webhooks.log')}
                  </Link>
                  {canManage && endpoint.disabledAt && (
                    <button type="button" className={BUTTON} disabled={isPending} onClick={() => run(() => enableWebhookAction(teamId, endpoint.id), t('webhooks.enabled'))}>
                      {t('webhooks.enable')}
                    </button>
                  )}
                  {canManage && (
                    <button type="button" className={BUTTON} disabled={isPending} onClick={() => setToDelete(endpoint)} aria-label={t('webhooks.deleteLabel', { url: endpoint.url })}>
                      {t('webhooks.delete')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Dialog open={toDelete !== null} onClose={() => setToDelete(null)} size="sm" title={t('webhooks.deleteLabel', { url: toDelete?.url ?? '' })}>
        <p className="break-words">{t('webhooks.deleteConfirm', { url: toDelete?.url ?? '' })}</p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button type="button" className={BUTTON} onClick={() => setToDelete(null)}>
            {t('tokens.cancel')}
          </button>
          <button
            type="button"
            disabled={isPending}
            className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-60"
            onClick={() => {
              const endpoint = toDelete;
              setToDelete(null);
              if (endpoint) run(() => deleteWebhookAction(teamId, endpoint.id), t('webhooks.deleted'));
            }}
          >
            {t('webhooks.deleteConfirmButton')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
