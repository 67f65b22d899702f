import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { listOwnSignInEvents, SIGN_IN_HISTORY_DAYS } from '@/lib/data/sign-in-events';
import { PersonalTokens } from './personal-tokens';
import { MentionEmailSetting } from './mention-email-setting';
import { readEmailOnMention } from '@/lib/data/notification-emails';
import { isEmailConfigured } from '@/lib/mail/mailer';
import { getPersonalTokenNames, listPersonalTokens } from '@/lib/data/api-tokens';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('account.metaTitle') };
}

/**
 * The signed-in person's own sign-in history. It takes no id from the URL: there is no way to ask for anyone
 * else's, administrators included.
 */
export default async function AccountPage() {
  const user = await requireSessionUser();
  const now = new Date();
  const [events, tokens, tokenNames, isEmailOnMention] = await Promise.all([listOwnSignInEvents(user), listPersonalTokens(user, now), getPersonalTokenNames(user), readEmailOnMention(user)]);
  const t = await getTranslations('admin.account');
  const tTokens = await getTranslations('api.tokens');
  const format = await getFormatter();
  const tApp = await getTranslations('app');
  const tSecurity = await getTranslations('security.page');
  return (
    <main id="main" className="mx-auto w-full max-w-5xl p-4 sm:p-6">
      <h1 className="mb-1 text-2xl font-semibold">{t('title')}</h1>
      <p className="mb-2 text-slate-700">{t('intro', { days: SIGN_IN_HISTORY_DAYS })}</p>
      <p className="mb-4 text-slate-700">{t('notice')}</p>
      <p className="mb-6">
        <Link href="/account/security" className="text-brand-700 underline underline-offset-2">
          {tSecurity('title')}
        </Link>
      </p>
      <section aria-labelledby="my-data-heading" className="mb-6 rounded border border-slate-300 bg-white p-4">
        <h2 id="my-data-heading" className="text-lg font-semibold">{tApp('myDataHeading')}</h2>
        <a href="/api/account/export" download className="text-brand-700 underline underline-offset-2">
          {tApp('downloadMyData')}
        </a>
      </section>
      {/* Only where the instance sends e-mail (SMTP_URL, SMTP_FROM): elsewhere there is nothing to opt in to. */}
      {isEmailConfigured() && <MentionEmailSetting isOn={isEmailOnMention} />}
      <section aria-labelledby="tokens-heading" className="mb-6">
        <h2 id="tokens-heading" className="mb-1 text-lg font-semibold">{tTokens('personalHeading')}</h2>
        <p className="mb-3 text-slate-700">
          {tTokens('personalIntro')}{' '}
          <a href="/api/docs" className="text-brand-700 underline underline-offset-2">{tTokens('apiDocs')}</a>
        </p>
        <PersonalTokens tokens={tokens} />
      </section>
      {events.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="p-2">{t('when')}</th>
                <th scope="col" className="p-2">{t('what')}</th>
                <th scope="col" className="p-2">{t('how')}</th>
                <th scope="col" className="p-2">{t('address')}</th>
                <th scope="col" className="p-2">{t('browser')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} className="border-b border-slate-200 align-top">
                  <td className="whitespace-nowrap p-2">
                    <time dateTime={event.at}>{format.dateTime(new Date(event.at), { dateStyle: 'medium', timeStyle: 'medium' })}</time>
                  </td>
                  {event.type === 'API_TOKEN_CREATED' || event.type === 'API_TOKEN_REVOKED' ? (
                    <td className="p-2" colSpan={2}>
                      {tTokens(event.type === 'API_TOKEN_CREATED' ? 'historyTOKEN_CREATED' : 'historyTOKEN_REVOKED', { name: tokenNames.get(event.apiTokenId ?? '') ?? '' })}
                    </td>
                  ) : (
                    <>
                      <td className="p-2">{t(`type.${event.type}`)}</td>
                      <td className="p-2">{t(`method.${event.method ?? 'none'}`)}</td>
                    </>
                  )}
                  <td className="break-all p-2">{event.ipAddress ?? t('unknown')}</td>
                  <td className="break-words p-2 text-sm">{event.userAgent ?? t('unknown')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
