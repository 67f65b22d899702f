'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton() {
  const t = useTranslations('app');
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/sign-in' })} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">
      {t('signOut')}
    </button>
  );
}
