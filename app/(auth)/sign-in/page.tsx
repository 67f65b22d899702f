import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { LanguageSwitcher } from '@/components/language-switcher';
import { getSessionUser } from '@/lib/auth/session';
import { SignInForm } from './sign-in-form';

export async function generateMetadata() {
  const t = await getTranslations('auth');
  return { title: t('signInTitle') };
}

export default async function SignInPage() {
  if (await getSessionUser()) redirect('/teams');
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <div className="mb-6 flex items-center justify-between gap-4">
        <p className="text-xl font-bold text-brand-800">{t('app.name')}</p>
        <LanguageSwitcher />
      </div>
      <div className="rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-2xl font-semibold">{t('auth.signInTitle')}</h1>
        <SignInForm />
      </div>
    </main>
  );
}
