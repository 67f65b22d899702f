import { getTranslations } from 'next-intl/server';
import { countExperimentsByTeam, type TeamExperimentCounts } from '@/lib/data/experiment-study';
import { createZonedCalendar, parseCalendarDate } from '@/lib/flow';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';

/** Per team: experiments running now and reviewed on the days `from` … `to` ('YYYY-MM-DD', the team's zone). */
export function countExperimentsInPeriod(userId: string, from: string, to: string): Promise<Map<string, TeamExperimentCounts>> {
  const calendar = createZonedCalendar(DEFAULT_TIME_ZONE);
  const start = new Date(calendar.getStartOfDay(parseCalendarDate(from as Parameters<typeof parseCalendarDate>[0])));
  const end = new Date(calendar.getStartOfDay(parseCalendarDate(to as Parameters<typeof parseCalendarDate>[0]) + 1));
  return countExperimentsByTeam(userId, start, end);
}

/**
 * The flow overview's line about a team's experiments: how many run and how many were reviewed in the period.
 * Counts only, never what was decided: outcomes are the team's learning, not a league table.
 */
export async function TeamExperimentsLine({ counts }: { counts: TeamExperimentCounts | undefined }) {
  if (!counts) return null;
  const t = await getTranslations('experiments');
  return (
    <p className="mt-1 text-sm text-slate-800" data-testid="team-experiments">
      {t('overview.counts', { running: counts.running, reviewed: counts.reviewed })}
    </p>
  );
}
