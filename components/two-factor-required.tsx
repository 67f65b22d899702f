import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { TwoFactorGate } from '@/lib/data/access';

/** Shown instead of a team's board or team page while the team requires two-factor sign-in the person lacks. */
export async function TwoFactorRequired({ gate }: { gate: TwoFactorGate }) {
  const t = await getTranslations('security.required');
  return (
    <main id="main" className="mx-auto w-full max-w-2xl p-4 sm:p-6">
      {/* The page's own title never renders in its place (React hoists this into <head>). */}
      <title>{t('metaTitle')}</title>
      <h1 className="mb-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-4">{gate.canSetUp ? t('body', { team: gate.teamName }) : t('bodySso', { team: gate.teamName })}</p>
      <p className="flex flex-wrap gap-4">
        {gate.canSetUp && (
          <Link href="/account/security" className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t('setUp')}
          </Link>
        )}
        <Link href="/teams" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
          {t('back')}
        </Link>
      </p>
    </main>
  );
}
