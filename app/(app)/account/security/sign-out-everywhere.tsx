'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { signOutEverywhereAction } from '../actions';

/**
 * "Logga ut överallt": ends every session of the account (the server raises its session generation), then clears
 * this browser's cookie through next-auth's sign-out, which lands on the sign-in page.
 */
export function SignOutEverywhere() {
  const t = useTranslations('security.sessions');
  const [state, setState] = useState<'idle' | 'working' | 'failed'>('idle');
  const buttonRef = useRef<HTMLButtonElement>(null);

  async function handleClick() {
    setState('working');
    const result = await signOutEverywhereAction().catch(() => null);
    // An already ended session is signed out too: clearing the cookie is right either way.
    if (result?.ok || result?.code === 'UNAUTHENTICATED') {
      await signOut({ callbackUrl: '/sign-in' });
      return;
    }
    setState('failed');
    buttonRef.current?.focus();
  }

  return (
    <section aria-labelledby="sessions-heading" className="mb-6 rounded border border-slate-300 bg-white p-4">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mb-3 text-slate-700">{t('intro')}</p>
      {state === 'failed' && (
        <p role="alert" className="mb-3 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {t('failed')}
        </p>
      )}
      <button
        ref={buttonRef}
        type="button"
        onClick={handleClick}
        disabled={state === 'working'}
        className="min-h-11 rounded border border-slate-500 px-4 py-2 font-semibold hover:bg-slate-100 disabled:opacity-70"
      >
        {state === 'working' ? t('signingOut') : t('signOutEverywhere')}
      </button>
    </section>
  );
}
