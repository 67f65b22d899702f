import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** The page's title says what happened, like its heading (WCAG 2.4.2), not just the product name. */
export async function generateMetadata() {
  return { title: (await getTranslations('app'))('notFoundTitle') };
}

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
