'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { changePasswordAction } from '../actions';
import { securityErrorKey } from './action-message';

/** Changing one's own password; the outcome (a message) takes focus, and the fields are emptied on success. */
export function ChangePasswordForm({ hasPassword, minLength }: { hasPassword: boolean; minLength: number }) {
  const t = useTranslations('security.password');
  const tErrors = useTranslations('security.errors');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; at: number } | null>(null);
  const [isWorking, setIsWorking] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (outcome) messageRef.current?.focus();
  }, [outcome]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setIsWorking(true);
    const result = await changePasswordAction(String(data.get('current') ?? ''), String(data.get('next') ?? ''), String(data.get('repeat') ?? ''));
    setIsWorking(false);
    if (result.ok) form.reset();
    setOutcome({ ok: result.ok, text: result.ok ? t('changed') : tErrors(securityErrorKey(result.code)), at: Date.now() });
  }

  return (
    <section aria-labelledby="password-heading" className="mb-6 rounded border border-slate-300 bg-white p-4">
      <h2 id="password-heading" className="mb-2 text-lg font-semibold">
        {t('heading')}
      </h2>
      {!hasPassword ? (
        <p>{t('notAvailable')}</p>
      ) : (
        <form onSubmit={handleSubmit} noValidate className="flex max-w-md flex-col gap-3">
          <p className="text-slate-700">{t('intro')}</p>
          {outcome && (
            <p
              ref={messageRef}
              tabIndex={-1}
              role={outcome.ok ? 'status' : 'alert'}
              className={`rounded border p-3 ${outcome.ok ? 'border-green-700 bg-green-50 text-green-900' : 'border-red-700 bg-red-50 text-red-900'}`}
            >
              {outcome.text}
            </p>
          )}
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t('current')}</span>
            <input name="current" type="password" autoComplete="current-password" required className="rounded border border-slate-500 px-3 py-2" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t('next')}</span>
            <input name="next" type="password" autoComplete="new-password" minLength={minLength} required aria-describedby="new-password-hint" className="rounded border border-slate-500 px-3 py-2" />
            <span id="new-password-hint" className="text-sm text-slate-700">
              {t('nextHint', { min: minLength })}
            </span>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t('repeat')}</span>
            <input name="repeat" type="password" autoComplete="new-password" required className="rounded border border-slate-500 px-3 py-2" />
          </label>
          <button type="submit" disabled={isWorking} className="min-h-11 self-start rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
            {t('submit')}
          </button>
        </form>
      )}
    </section>
  );
}
