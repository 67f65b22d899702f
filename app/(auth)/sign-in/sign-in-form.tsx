'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';

type Props = {
  /** The single sign-on provider, when configured. */
  sso: { name: string } | null;
  /** Whether e-mail and password sign-in is on (TILLIT_LOCAL_SIGN_IN). */
  localSignIn: boolean;
  /** A path on this site to return to after signing in. */
  callbackUrl: string;
  /** A message from a failed redirect sign-in (single sign-on), already translated. */
  initialError: string | null;
};

/** next-auth passes the rate limit's refusal as `RATE_LIMITED:<minutes>`. */
function rateLimitMinutes(error: string | null | undefined): number | null {
  const match = /^RATE_LIMITED:(\d+)$/.exec(error ?? '');
  return match ? Math.max(1, Number(match[1])) : null;
}

export function SignInForm({ sso, localSignIn, callbackUrl, initialError }: Props) {
  const t = useTranslations('auth');
  const tAdmin = useTranslations('admin.signIn');
  const [error, setError] = useState<string | null>(initialError);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [isRedirecting, setIsRedirecting] = useState(false);

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
      window.location.assign(callbackUrl);
      return;
    }
    if (result?.error === 'SECOND_FACTOR_REQUIRED') {
      // The password was right; the account asks for its second factor next (the page holds no password).
      window.location.assign(`/sign-in/two-factor?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    setIsSubmitting(false);
    // One message whatever went wrong: no hint whether the account exists.
    const minutes = rateLimitMinutes(result?.error);
    setError(minutes !== null ? tAdmin('rateLimited', { minutes }) : t('invalidCredentials'));
  }

  async function handleSso() {
    setError(null);
    setIsRedirecting(true);
    await signIn('oidc', { callbackUrl });
  }

  const alert = error ? (
    <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
      {error}
    </p>
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      {!localSignIn && alert}
      {sso && (
        <button type="button" onClick={handleSso} disabled={isRedirecting} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
          {isRedirecting ? tAdmin('redirecting', { provider: sso.name }) : tAdmin('withProvider', { provider: sso.name })}
        </button>
      )}
      {sso && !localSignIn && <p className="text-sm text-slate-700">{tAdmin('localDisabled', { provider: sso.name })}</p>}
      {localSignIn && (
        <form onSubmit={handleSubmit} method="post" noValidate className="flex flex-col gap-4">
          {alert}
          {sso && <p className="text-sm text-slate-700">{tAdmin('or')}</p>}
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t('email')}</span>
            <input name="email" type="email" autoComplete="username" required className="rounded border border-slate-500 px-3 py-2" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t('password')}</span>
            <input name="password" type="password" autoComplete="current-password" required className="rounded border border-slate-500 px-3 py-2" />
          </label>
          <button
            type="submit"
            disabled={isSubmitting}
            className={`rounded px-4 py-2 font-semibold disabled:opacity-70 ${sso ? 'border border-brand-700 text-brand-800 hover:bg-brand-50' : 'bg-brand-700 text-white hover:bg-brand-800'}`}
          >
            {isSubmitting ? t('signingIn') : t('signIn')}
          </button>
        </form>
      )}
    </div>
  );
}
