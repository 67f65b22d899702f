'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';

type Kind = 'totp' | 'recovery';

/** next-auth passes refusals as error strings: `RATE_LIMITED:<minutes>`, `SECOND_FACTOR_EXPIRED`, `CredentialsSignin`. */
function describeError(error: string, t: ReturnType<typeof useTranslations<'security.signIn'>>): string {
  const limited = /^RATE_LIMITED:(\d+)$/.exec(error);
  if (limited) return t('rateLimited', { minutes: Math.max(1, Number(limited[1])) });
  if (error === 'SECOND_FACTOR_EXPIRED') return t('expired');
  return t('wrongCode');
}

/**
 * The code from the authenticator app, or one of the recovery codes. The field takes focus on arrival and again
 * after a refusal (with the message announced), so a keyboard or screen-reader user never has to look for it.
 */
export function TwoFactorForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('security.signIn');
  const [kind, setKind] = useState<Kind>('totp');
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, [kind]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    setIsSubmitting(true);
    setError(null);
    const result = await signIn('two-factor', { code, kind, redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setIsSubmitting(false);
    setError(describeError(result?.error ?? '', t));
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.focus();
    }
  }

  return (
    <form onSubmit={handleSubmit} method="post" noValidate className="flex flex-col gap-4">
      <p className="text-slate-700">{kind === 'totp' ? t('introTotp') : t('introRecovery')}</p>
      {error && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <label className="flex flex-col gap-1">
        <span className="font-medium">{kind === 'totp' ? t('codeLabel') : t('recoveryLabel')}</span>
        {kind === 'totp' ? (
          <input key="totp" ref={inputRef} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} required aria-describedby="code-hint" className="rounded border border-slate-500 px-3 py-2 text-lg tracking-widest" />
        ) : (
          <input key="recovery" ref={inputRef} name="code" autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={20} required aria-describedby="code-hint" className="rounded border border-slate-500 px-3 py-2 text-lg" />
        )}
        <span id="code-hint" className="text-sm text-slate-700">
          {kind === 'totp' ? t('codeHint') : t('recoveryHint')}
        </span>
      </label>
      <button type="submit" disabled={isSubmitting} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {isSubmitting ? t('checking') : t('submit')}
      </button>
      <button
        type="button"
        onClick={() => {
          setError(null);
          setKind(kind === 'totp' ? 'recovery' : 'totp');
        }}
        className="min-h-11 self-start text-brand-700 underline underline-offset-2"
      >
        {kind === 'totp' ? t('useRecovery') : t('useTotp')}
      </button>
    </form>
  );
}
