import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { LanguageSwitcher } from '@/components/language-switcher';
import { DIGG_REPORT_URL, parseAccessibilityConfig, type AccessibilityConfig } from '@/lib/accessibility/organisation';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('data.accessibility'))('metaTitle') };
}

const linkClass = 'text-brand-700 underline underline-offset-2';

let hasWarned = false;

/** The operator learns which settings are missing or wrong from the log (once per process), not the public page. */
function warnOnceAboutSettings(config: AccessibilityConfig) {
  if (hasWarned || config.status === 'configured') return;
  hasWarned = true;
  const detail = config.status === 'missing' ? { missing: config.missing } : { problems: config.problems };
  log.warn(detail, 'accessibility statement: the organisation settings are incomplete (see docs/data-and-privacy.md)');
}

/**
 * The accessibility statement (tillgänglighetsredogörelse) required by lag (2018:1937) om tillgänglighet till
 * digital offentlig service, following Digg's model: who runs the service, how accessible it is, how to report
 * problems, enforcement, the technical status, known problems and how it was tested. Public: no sign-in needed.
 * The organisation's details come from the environment (lib/accessibility/organisation.ts).
 */
export default async function AccessibilityStatementPage() {
  const t = await getTranslations('data.accessibility');
  const tApp = await getTranslations('app');
  const format = await getFormatter();
  const config = parseAccessibilityConfig(process.env);
  warnOnceAboutSettings(config);
  const organisation = config.status === 'configured' ? config.organisation : null;
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: 'long' });
  const mailto = organisation ? `mailto:${organisation.email}?subject=${encodeURIComponent(t('reportSubject'))}` : null;

  return (
    <main id="main" className="mx-auto w-full max-w-3xl p-4 sm:p-6">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <Link href="/" className="text-xl font-bold text-brand-800">
          {tApp('name')}
        </Link>
        <LanguageSwitcher />
      </div>
      <h1 className="mb-4 text-2xl font-semibold">{t('title')}</h1>

      {/* A reader is told whom to turn to, never the settings behind it: those go to the operator's log. */}
      {!organisation && (
        <p className="mb-4 rounded border border-slate-400 bg-white p-3" data-testid="statement-not-configured">
          {t('notConfigured')}
        </p>
      )}

      <div className="flex max-w-prose flex-col gap-3">
        {organisation && <p data-testid="statement-intro">{t('intro', { org: organisation.name })}</p>}

        <h2 className="mt-4 text-xl font-semibold">{t('howAccessibleHeading')}</h2>
        <p>{t('howAccessible')}</p>

        <h2 className="mt-4 text-xl font-semibold">{t('whatToDoHeading')}</h2>
        {organisation ? (
          <>
            <p>{t('whatToDo')}</p>
            <ul className="list-disc ps-5">
              <li>
                <a href={`mailto:${organisation.email}`} className={linkClass}>
                  {t('email', { email: organisation.email })}
                </a>
              </li>
              {organisation.phone && (
                <li>
                  <a href={`tel:${organisation.phone.replace(/[^+0-9]/g, '')}`} className={linkClass}>
                    {t('phone', { phone: organisation.phone })}
                  </a>
                </li>
              )}
            </ul>
            {organisation.responseDays !== null && <p>{t('responseTime', { days: organisation.responseDays })}</p>}
          </>
        ) : (
          <p data-testid="statement-contact-default">{t('whatToDoDefault')}</p>
        )}

        <h2 className="mt-4 text-xl font-semibold">{t('reportHeading')}</h2>
        <p>{t('report')}</p>
        {organisation && mailto && (
          <ul className="list-disc ps-5">
            <li>
              <a href={mailto} className={linkClass} data-testid="report-link">
                {t('reportLink')}
              </a>
            </li>
            {organisation.reportUrl && (
              <li>
                <a href={organisation.reportUrl} className={linkClass}>
                  {t('reportForm')}
                </a>
              </li>
            )}
          </ul>
        )}

        <h2 className="mt-4 text-xl font-semibold">{t('enforcementHeading')}</h2>
        <p>{t('enforcement')}</p>
        <p>
          <a href={DIGG_REPORT_URL} className={linkClass}>
            {t('enforcementLink')}
          </a>
        </p>

        <h2 className="mt-4 text-xl font-semibold">{t('technicalHeading')}</h2>
        <p>{t('technical')}</p>

        <h3 className="mt-2 text-lg font-semibold">{t('problemsHeading')}</h3>
        <ul className="list-disc ps-5">
          <li>{t('problems.userContent')}</li>
          <li>{t('problems.imported')}</li>
        </ul>

        <h2 className="mt-4 text-xl font-semibold">{t('testedHeading')}</h2>
        <p>{t('tested')}</p>
        <p>{t('assessed', { date: date(config.assessedDate) })}</p>
        <p>{t('updated', { date: date(config.updatedDate) })}</p>
      </div>
    </main>
  );
}
