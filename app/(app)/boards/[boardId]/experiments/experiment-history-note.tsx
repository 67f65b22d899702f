import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

const EXPERIMENT_EVENTS = ['EXPERIMENT_PROPOSED', 'EXPERIMENT_CHANGED', 'EXPERIMENT_STARTED', 'EXPERIMENT_ENDED'] as const;

/** Whether a board history row is one of an experiment's own (proposed, changed, started, ended). */
export function isExperimentEvent(type: string): boolean {
  return (EXPERIMENT_EVENTS as readonly string[]).includes(type);
}

/** An experiment's own history row in words, for the board history. */
export async function ExperimentEventText({ type, after }: { type: string; after: Record<string, unknown> | null }) {
  const t = await getTranslations('experiments');
  const change = typeof after?.change === 'string' ? after.change : '';
  if (type === 'EXPERIMENT_CHANGED' && after?.withdrawn === true) return <p>{t('boardHistory.withdrawn', { change })}</p>;
  if (type === 'EXPERIMENT_ENDED') {
    const outcome = typeof after?.outcome === 'string' && ['ADOPT', 'ADAPT', 'ABANDON'].includes(after.outcome) ? after.outcome : 'ADOPT';
    return <p>{t(after?.reverted === true ? 'boardHistory.endedReverted' : 'boardHistory.ended', { change, outcome: t(`outcome.${outcome}`) })}</p>;
  }
  const key = type === 'EXPERIMENT_PROPOSED' ? 'proposed' : type === 'EXPERIMENT_STARTED' ? 'started' : 'changed';
  return <p>{t(`boardHistory.${key}`, { change })}</p>;
}

/** The link from a board history row to the experiment it belongs to. */
export async function ExperimentHistoryLink({ boardId, experiment }: { boardId: string; experiment: { id: string; change: string } }) {
  const t = await getTranslations('experiments');
  return (
    <p className="mt-1 text-sm">
      <Link href={`/boards/${boardId}/experiments/${experiment.id}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
        {t('boardHistory.partOf', { change: experiment.change })}
      </Link>
    </p>
  );
}
