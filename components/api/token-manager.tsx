'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import type { ActionResult } from '@/lib/api/action';
import { DEFAULT_TOKEN_EXPIRY_DAYS, TOKEN_EXPIRY_DAYS, type ApiTokenScope } from '@/lib/api-tokens/scopes';
import type { ApiTokenView, CreatedApiToken } from '@/lib/data/api-tokens';
import { ActionFeedback, useActionFeedback } from './action-feedback';
import { ListTable } from './list-table';
import { SecretReveal } from './secret-reveal';

const BUTTON = 'rounded border border-slate-500 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60';
const PRIMARY = 'rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60';
const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;

export type TokenManagerProps = {
  /** Which tokens: the person's own (account page) or the team's (integrations page). */
  kind: 'PERSONAL' | 'TEAM';
  scopes: readonly ApiTokenScope[];
  tokens: ApiTokenView[];
  canManage: boolean;
  create: (input: { name: string; scope: ApiTokenScope; expiresInDays: number | null }) => Promise<ActionResult<CreatedApiToken>>;
  revoke: (tokenId: string) => Promise<ActionResult>;
};

/**
 * Creating, listing and revoking API tokens; shared by the account page (personal tokens) and the team's
 * integrations page (team tokens). A new token's secret is shown once, with a copy button, and focus moves to it.
 */
export function TokenManager({ kind, scopes, tokens, canManage, create, revoke }: TokenManagerProps) {
  const t = useTranslations('api');
  const format = useFormatter();
  const feedback = useActionFeedback();
  const [isPending, startTransition] = useTransition();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiTokenView | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) {
      setNameError(t('errors.tokenNameRequired'));
      nameRef.current?.focus();
      return;
    }
    if (name.length > 80) {
      setNameError(t('errors.tokenNameTooLong', { max: 80 }));
      nameRef.current?.focus();
      return;
    }
    const expiry = String(data.get('expiresInDays'));
    const input = { name, scope: String(data.get('scope')) as ApiTokenScope, expiresInDays: expiry === 'never' ? null : Number(expiry) };
    startTransition(async () => {
      const result = await create(input);
      if (!result.ok) return feedback.fail(result.code);
      setNameError(null);
      feedback.succeed(t('tokens.created', { name: result.data.token.name }));
      setCreated(result.data);
      form.reset();
    });
  }

  function confirmRevoke(token: ApiTokenView) {
    startTransition(async () => {
      const result = await revoke(token.id);
      setToRevoke(null);
      feedback.report(result, t('tokens.revoked', { name: token.name }));
    });
  }

  const formatDate = (value: string | null, empty: string) => (value ? format.dateTime(new Date(value), DATE_TIME) : empty);

  return (
    <div>
      {canManage && (
        <form onSubmit={submit} noValidate className="mb-4 flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby={`${kind}-create-heading`}>
          <h3 id={`${kind}-create-heading`} className="text-lg font-semibold">
            {t('tokens.createHeading')}
          </h3>
          <FormField label={t('tokens.name')} hint={t('tokens.nameHint')} error={nameError}>
            {(control) => <input {...control} ref={nameRef} name="name" maxLength={120} autoComplete="off" className="max-w-md rounded border border-slate-500 px-2 py-2" />}
          </FormField>
          <fieldset className="flex flex-col gap-1">
            <legend className="font-medium">{t('tokens.scope')}</legend>
            {scopes.map((scope, index) => (
              <label key={scope} className="flex min-h-6 items-start gap-2">
                <input type="radio" name="scope" value={scope} defaultChecked={index === 0} className="mt-1 h-4 w-4" />
                <span>
                  {t(`scope.${scope}`)} <span className="text-sm text-slate-700">— {t(kind === 'TEAM' && scope === 'READ_WRITE' ? 'scopeHint.TEAM_READ_WRITE' : `scopeHint.${scope}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <FormField label={t('tokens.expiry')}>
            {(control) => (
              <select {...control} name="expiresInDays" defaultValue={String(DEFAULT_TOKEN_EXPIRY_DAYS)} className="max-w-xs rounded border border-slate-500 bg-white px-2 py-2">
                {TOKEN_EXPIRY_DAYS.map((days) => (
                  <option key={String(days)} value={days === null ? 'never' : String(days)}>
                    {days === null ? t('tokens.expiryNever') : t('tokens.expiryDays', { days })}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <div>
            <button type="submit" disabled={isPending} className={PRIMARY}>
              {isPending ? t('tokens.creating') : t('tokens.create')}
            </button>
          </div>
        </form>
      )}
      {created && (
        <SecretReveal
          heading={t('tokens.createdHeading')}
          notice={t('tokens.createdNotice')}
          label={t('tokens.secretLabel')}
          secret={created.secret}
          onDone={() => setCreated(null)}
        />
      )}
      <ActionFeedback status={feedback.status} error={feedback.error} />
      {tokens.length === 0 ? (
        <p>{t('tokens.empty')}</p>
      ) : (
        <ListTable caption={t('tokens.listCaption')} columns={[t('tokens.columnName'), t('tokens.columnToken'), t('tokens.columnScope'), t('tokens.columnCreated'), t('tokens.columnExpires'), t('tokens.columnLastUsed'), t('tokens.columnState'), canManage && t('tokens.columnActions')]}>
          {tokens.map((token) => (
            <tr key={token.id} className="border-b border-slate-200 align-top">
              <th scope="row" className="break-words p-2 font-normal">
                {token.name}
                {token.createdByName && <span className="block text-sm text-slate-700">{t('tokens.createdBy', { name: token.createdByName })}</span>}
              </th>
              <td className="p-2">
                <code className="break-all text-sm">{token.prefix}…</code>
              </td>
              <td className="p-2">{t(`scope.${token.scope}`)}</td>
              <td className="whitespace-nowrap p-2">{formatDate(token.createdAt, '')}</td>
              <td className="whitespace-nowrap p-2">{formatDate(token.expiresAt, t('tokens.never'))}</td>
              <td className="whitespace-nowrap p-2">{formatDate(token.lastUsedAt, t('tokens.notUsed'))}</td>
              <td className="p-2">{t(`state.${token.state}`)}</td>
              {canManage && (
                <td className="p-2">
                  {token.state !== 'revoked' && (
                    <button type="button" className={BUTTON} disabled={isPending} onClick={() => setToRevoke(token)} aria-label={t('tokens.revokeLabel', { name: token.name })}>
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </ListTable>
      )}
      <Dialog open={toRevoke !== null} onClose={() => setToRevoke(null)} size="sm" title={t('tokens.revokeLabel', { name: toRevoke?.name ?? '' })}>
        <p>{t('tokens.revokeConfirm', { name: toRevoke?.name ?? '' })}</p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button type="button" className={BUTTON} onClick={() => setToRevoke(null)}>
            {t('tokens.cancel')}
          </button>
          <button type="button" disabled={isPending} className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-60" onClick={() => toRevoke && confirmRevoke(toRevoke)}>
            {t('tokens.revokeConfirmButton')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
