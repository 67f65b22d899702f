'use client';

import { useTranslations } from 'next-intl';

/** Never shows the error itself: a person gets a plain message and a way to try again. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('app');
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t('errorTitle')}</h1>
      <p className="mt-2">{t('errorBody')}</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-brand-700 px-4 py-2 text-white">
        {t('tryAgain')}
      </button>
    </main>
  );
}
