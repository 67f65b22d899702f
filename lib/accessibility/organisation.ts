/**
 * The organisation behind this Tillit, for the accessibility statement (tillgänglighetsredogörelse) that Swedish
 * law (lag (2018:1937) om tillgänglighet till digital offentlig service) requires of public-sector web services.
 * Filled from the environment, checked here:
 *
 *   TILLIT_ORG_NAME                       required  the organisation that runs the service ("Exempelby kommun")
 *   TILLIT_ACCESSIBILITY_CONTACT_EMAIL    required  where to report accessibility problems
 *   TILLIT_ACCESSIBILITY_CONTACT_PHONE    optional  a phone number for the same
 *   TILLIT_ACCESSIBILITY_REPORT_URL       optional  https:// address of the organisation's own report form
 *   TILLIT_ACCESSIBILITY_RESPONSE_DAYS    optional  working days within which reports are answered (1–90)
 *   TILLIT_ACCESSIBILITY_ASSESSED_DATE    optional  YYYY-MM-DD of the latest assessment (default: this release's)
 *   TILLIT_ACCESSIBILITY_UPDATED_DATE     optional  YYYY-MM-DD the statement was last updated (default: assessed date)
 */
import { z } from 'zod';

/** When this release of Tillit was last assessed (automated axe scans of every page plus manual testing). */
export const RELEASE_ASSESSMENT_DATE = '2026-11-26';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real date');

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const schema = z.object({
  TILLIT_ORG_NAME: optional(z.string().trim().min(2, 'is too short').max(120, 'is too long')),
  TILLIT_ACCESSIBILITY_CONTACT_EMAIL: optional(z.email('must be an e-mail address').max(200)),
  TILLIT_ACCESSIBILITY_CONTACT_PHONE: optional(z.string().trim().regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'must be a phone number')),
  TILLIT_ACCESSIBILITY_REPORT_URL: optional(z.url({ protocol: /^https$/, error: 'must be an https:// address' }).max(500)),
  TILLIT_ACCESSIBILITY_RESPONSE_DAYS: optional(z.coerce.number({ error: 'must be a whole number of days' }).int('must be a whole number of days').min(1, 'must be 1 to 90').max(90, 'must be 1 to 90')),
  TILLIT_ACCESSIBILITY_ASSESSED_DATE: optional(calendarDate),
  TILLIT_ACCESSIBILITY_UPDATED_DATE: optional(calendarDate),
});

export type OrganisationDetails = {
  name: string;
  email: string;
  phone: string | null;
  reportUrl: string | null;
  responseDays: number | null;
};

export type AccessibilityConfig =
  | { status: 'configured'; organisation: OrganisationDetails; assessedDate: string; updatedDate: string }
  | { status: 'missing'; missing: string[]; assessedDate: string; updatedDate: string }
  | { status: 'invalid'; problems: string[]; assessedDate: string; updatedDate: string };

const REQUIRED = ['TILLIT_ORG_NAME', 'TILLIT_ACCESSIBILITY_CONTACT_EMAIL'] as const;

/** Reads and checks the settings; never throws, so the public statement page always renders. */
export function parseAccessibilityConfig(env: Record<string, string | undefined>): AccessibilityConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key]])));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    return { status: 'invalid', problems, assessedDate: RELEASE_ASSESSMENT_DATE, updatedDate: RELEASE_ASSESSMENT_DATE };
  }
  const value = parsed.data;
  const assessedDate = value.TILLIT_ACCESSIBILITY_ASSESSED_DATE ?? RELEASE_ASSESSMENT_DATE;
  const updatedDate = value.TILLIT_ACCESSIBILITY_UPDATED_DATE ?? assessedDate;
  const missing = REQUIRED.filter((key) => value[key] === undefined);
  if (missing.length > 0 || !value.TILLIT_ORG_NAME || !value.TILLIT_ACCESSIBILITY_CONTACT_EMAIL) {
    return { status: 'missing', missing: [...missing], assessedDate, updatedDate };
  }
  return {
    status: 'configured',
    organisation: {
      name: value.TILLIT_ORG_NAME,
      email: value.TILLIT_ACCESSIBILITY_CONTACT_EMAIL,
      phone: value.TILLIT_ACCESSIBILITY_CONTACT_PHONE ?? null,
      reportUrl: value.TILLIT_ACCESSIBILITY_REPORT_URL ?? null,
      responseDays: value.TILLIT_ACCESSIBILITY_RESPONSE_DAYS ?? null,
    },
    assessedDate,
    updatedDate,
  };
}

/** Digg's page for reporting a public body's failure to meet the accessibility law. */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';
