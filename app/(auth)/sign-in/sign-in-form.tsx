'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';

export function SignInForm() {
  const t = useTranslations('auth');
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsSubmitting(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign('/teams');
      return;
    }
    setIsSubmitting(false);
    // One message whatever went wrong: no hint whether the account exists.
    setError(result?.status === 429 ? t('rateLimited') : t('invalidCredentials'));
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4">
      {error && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('email')}</span>
        <input name="email" type="email" autoComplete="username" required className="rounded border border-slate-500 px-3 py-2" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" required className="rounded border border-slate-500 px-3 py-2" />
      </label>
      <button type="submit" disabled={isSubmitting} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
        {isSubmitting ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
