import { getFormatter, getTranslations } from 'next-intl/server';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import type { DateFormat } from './experiment-summary';
import type { ExperimentTranslator } from './experiment-text';

/** The experiments pages' translator and date formats: calendar days as they are, instants in the team's zone. */
export async function getExperimentFormat(): Promise<{ t: ExperimentTranslator; fmt: DateFormat }> {
  const [translate, format] = await Promise.all([getTranslations('experiments'), getFormatter()]);
  const t = translate as unknown as ExperimentTranslator;
  return {
    t,
    fmt: {
      day: (date) => format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
      instant: (iso) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone: DEFAULT_TIME_ZONE }),
    },
  };
}
