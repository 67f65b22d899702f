import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_TIME_ZONE, isLocale, LOCALE_COOKIE, negotiateLocale } from './config';
import { loadMessages } from './messages';

/** Language: the person's own choice (cookie) first, else the browser's. */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get('accept-language'));
  return { locale, messages: loadMessages(locale), timeZone: DEFAULT_TIME_ZONE };
});
