import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LanguageSwitcher } from '@/components/language-switcher';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { getSessionUser } from '@/lib/auth/session';
import { getServerEnv } from '@/lib/env';
import { SignInForm } from './sign-in-form';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SSO_ERRORS = ['OAuthSignin', 'OAuthCallback', 'OidcEmailNotVerified', 'OidcEmailMissing'] as const;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function generateMetadata() {
  const t = await getTranslations('auth');
  return { title: t('signInTitle') };
}

export default async function SignInPage({ searchParams }: Props) {
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(first(query.callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getTranslations();
  const env = getServerEnv();
  const provider = env.oidc?.displayName ?? '';
  const error = first(query.error);
  let initialError: string | null = null;
  if (error) {
    if ((SSO_ERRORS as readonly string[]).includes(error)) initialError = t(`admin.signIn.errors.${error as (typeof SSO_ERRORS)[number]}`, { provider });
    else if (error === 'OidcMfaRequired') initialError = t('security.signIn.mfaRequired');
    else if (error === 'CredentialsSignin') initialError = t('auth.invalidCredentials');
    else if (error === 'AccessDenied') initialError = t('admin.signIn.errors.AccessDenied');
    else initialError = t('admin.signIn.errors.generic');
  }
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <div className="mb-6 flex items-center justify-between gap-4">
        <p className="text-xl font-bold text-brand-800">{t('app.name')}</p>
        <LanguageSwitcher />
      </div>
      <div className="rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-2xl font-semibold">{t('auth.signInTitle')}</h1>
        <SignInForm sso={env.oidc ? { name: provider } : null} localSignIn={env.localSignIn} callbackUrl={callbackUrl} initialError={initialError} />
      </div>
      <p className="mt-6 text-center text-sm">
        <Link href="/tillganglighet" className="text-brand-700 underline underline-offset-2">
          {t('app.accessibilityStatement')}
        </Link>
      </p>
    </main>
  );
}
