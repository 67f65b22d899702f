import type { AppliedChange, PreparedChange, RevertPlan } from '@/lib/experiments/prepared-change';

/** A translator of the `experiments` namespace, as both next-intl's server and client translators can be used. */
export type ExperimentTranslator = (key: string, values?: Record<string, string | number>) => string;

const limitText = (t: ExperimentTranslator, limit: number | null) => (limit === null ? t('change.noLimit') : String(limit));

/** The prepared board change in words ("Utreds: WIP limit 4, advisory"). `names` gives column and lane names by id. */
export function describePreparedChange(t: ExperimentTranslator, change: PreparedChange, names: Record<string, string>): string {
  const name = (id: string) => names[id] ?? t('change.unknownName');
  switch (change.kind) {
    case 'column.wip':
      return t('change.describe.columnWip', { column: name(change.columnId), limit: limitText(t, change.wipLimit), mode: t(`wipMode.${change.wipMode}`) });
    case 'column.policy':
      return t('change.describe.columnPolicy', { column: name(change.columnId) });
    case 'column.add':
      return t('change.describe.columnAdd', { column: change.name, flowState: t(`flowState.${change.flowState}`) });
    case 'column.remove':
      return t('change.describe.columnRemove', { column: name(change.columnId), target: name(change.moveCardsToColumnId) });
    case 'lane.wip':
      return t('change.describe.laneWip', { lane: name(change.laneId), limit: limitText(t, change.wipLimit), mode: t(`wipMode.${change.wipMode}`) });
    case 'lane.policy':
      return t('change.describe.lanePolicy', { lane: name(change.laneId) });
    case 'lane.add':
      return t('change.describe.laneAdd', { lane: change.name, classOfService: t(`classOfService.${change.classOfService}`) });
    case 'lane.remove':
      return t('change.describe.laneRemove', { lane: name(change.laneId), target: name(change.moveCardsToLaneId) });
  }
}

/** What the start replaced, in words, for a setting ("before: WIP limit 5, advisory"); null for an addition or removal. */
export function describeBefore(t: ExperimentTranslator, applied: AppliedChange): string | null {
  switch (applied.kind) {
    case 'column.wip':
    case 'lane.wip':
      return t('change.beforeWip', { limit: limitText(t, applied.before.wipLimit), mode: t(`wipMode.${applied.before.wipMode}`) });
    case 'column.policy':
    case 'lane.policy':
      return t('change.beforePolicy');
    default:
      return null;
  }
}

/** What abandoning would put back on the board, in words. */
export function describeRevert(t: ExperimentTranslator, plan: RevertPlan, names: Record<string, string>): string {
  const name = (id: string) => names[id] ?? t('change.unknownName');
  switch (plan.kind) {
    case 'update-column':
    case 'update-lane': {
      const target = name(plan.kind === 'update-column' ? plan.columnId : plan.laneId);
      const { settings } = plan;
      if (settings.policy !== undefined) return t('revert.policy', { name: target });
      return t('revert.wip', { name: target, limit: limitText(t, settings.wipLimit ?? null), mode: t(`wipMode.${settings.wipMode ?? 'ADVISORY'}`) });
    }
    case 'delete-column':
      return t('revert.deleteColumn', { column: name(plan.columnId), target: name(plan.moveCardsToColumnId) });
    case 'delete-lane':
      return t('revert.deleteLane', { lane: name(plan.laneId), target: name(plan.moveCardsToLaneId) });
    case 'restore-column':
      return t('revert.restoreColumn', { column: name(plan.columnId) });
    case 'restore-lane':
      return t('revert.restoreLane', { lane: name(plan.laneId) });
  }
}
