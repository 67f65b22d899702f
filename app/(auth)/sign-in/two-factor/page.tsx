import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LanguageSwitcher } from '@/components/language-switcher';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { pendingSecondFactorCookieName, readPendingSecondFactor } from '@/lib/auth/second-factor-pending';
import { TwoFactorForm } from './two-factor-form';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations('security.signIn'))('title') };
}

/**
 * The step after a correct password, for accounts with two-factor sign-in. Without the password step's cookie
 * (lib/auth/second-factor-pending.ts) there is nothing to complete: back to the sign-in page.
 */
export default async function TwoFactorPage({ searchParams }: Props) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(Array.isArray(query.callbackUrl) ? query.callbackUrl[0] : query.callbackUrl);
  const cookieStore = await cookies();
  const token = cookieStore.get(pendingSecondFactorCookieName())?.value;
  const pending = token ? await readPendingSecondFactor(`${pendingSecondFactorCookieName()}=${token}`) : null;
  if (!pending) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <div className="mb-6 flex items-center justify-between gap-4">
        <p className="text-xl font-bold text-brand-800">{t('app.name')}</p>
        <LanguageSwitcher />
      </div>
      <div className="rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <h1 className="mb-2 text-2xl font-semibold">{t('security.signIn.title')}</h1>
        <TwoFactorForm callbackUrl={callbackUrl} />
      </div>
      <p className="mt-6 text-center text-sm">
        <Link href="/sign-in" className="text-brand-700 underline underline-offset-2">
          {t('security.signIn.startOver')}
        </Link>
      </p>
    </main>
  );
}
