'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '@/app/actions';
import { LOCALES } from '@/lib/i18n/config';

export function LanguageSwitcher() {
  const t = useTranslations('app');
  const locale = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{t('language')}</span>
      <select
        className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-900"
        value={locale}
        disabled={isPending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await setLocaleAction(next);
            router.refresh();
          });
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`languageName.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
