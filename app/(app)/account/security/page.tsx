import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { PASSWORD_MIN_LENGTH } from '@/lib/data/passwords';
import { getTwoFactorStatus } from '@/lib/data/two-factor';
import { ChangePasswordForm } from './change-password-form';
import { SignOutEverywhere } from './sign-out-everywhere';
import { TwoFactorSettings } from './two-factor-settings';

export async function generateMetadata() {
  return { title: (await getTranslations('security.page'))('metaTitle') };
}

/** The signed-in person's own sign-in security: two-factor sign-in, password, sessions. It takes no user id. */
export default async function AccountSecurityPage() {
  const user = await requireSessionUser();
  const status = await getTwoFactorStatus(user);
  const t = await getTranslations('security.page');
  const format = await getFormatter();
  return (
    <main id="main" className="mx-auto w-full max-w-3xl p-4 sm:p-6">
      <h1 className="mb-1 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-2 text-slate-700">{t('intro')}</p>
      <p className="mb-6">
        <Link href="/account" className="text-brand-700 underline underline-offset-2">
          {t('historyLink')}
        </Link>
      </p>
      <TwoFactorSettings
        isAvailable={status.isAvailable}
        enabledAtText={status.enabledAt ? format.dateTime(new Date(status.enabledAt), { dateStyle: 'long' }) : null}
        recoveryCodesLeft={status.recoveryCodesLeft}
      />
      <ChangePasswordForm hasPassword={status.isAvailable} minLength={PASSWORD_MIN_LENGTH} />
      <SignOutEverywhere />
    </main>
  );
}
