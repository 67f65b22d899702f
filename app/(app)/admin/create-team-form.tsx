'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { createTeamAction } from './actions';

export function CreateTeamForm({ maxMembers }: { maxMembers: number }) {
  const t = useTranslations('admin');
  const nameId = useId();
  const membersId = useId();
  const hintId = useId();
  const [isPending, startTransition] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const emails = String(data.get('emails') ?? '');
    startTransition(async () => {
      const result = await createTeamAction(name, emails);
      if (!result.ok) {
        setStatus(null);
        setError(result.code === 'VALIDATION' ? `${t('errors.VALIDATION')} ${t('instance.emailsInvalid')}` : t(`errors.${result.code}`));
        return;
      }
      setError(null);
      const created = t('instance.created', { name });
      setStatus(result.data.createdAccounts > 0 ? `${created} ${t('instance.createdAccounts', { count: result.data.createdAccounts })}` : created);
      form.reset();
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={nameId} className="font-medium">
          {t('instance.teamName')}
        </label>
        <input id={nameId} name="name" required maxLength={80} className="max-w-md rounded border border-slate-500 px-3 py-2" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={membersId} className="font-medium">
          {t('instance.firstMembers')}
        </label>
        <textarea id={membersId} name="emails" required rows={4} aria-describedby={hintId} className="max-w-md rounded border border-slate-500 px-3 py-2" />
        <p id={hintId} className="text-sm text-slate-700">
          {t('instance.firstMembersHint', { max: maxMembers })}
        </p>
      </div>
      <div>
        <button type="submit" disabled={isPending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {isPending ? t('members.working') : t('instance.create')}
        </button>
      </div>
      <p aria-live="polite" className={status ? 'text-green-900' : 'sr-only'}>
        {status ?? ''}
      </p>
      {error && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
    </form>
  );
}
