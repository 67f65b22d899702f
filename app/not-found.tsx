import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('app');
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-2">{t('notFoundBody')}</p>
      <p className="mt-4">
        <Link className="text-brand-700 underline" href="/teams">{t('teams')}</Link>
      </p>
    </main>
  );
}
