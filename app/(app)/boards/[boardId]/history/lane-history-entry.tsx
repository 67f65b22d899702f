import type { ReactNode } from 'react';
import type { getTranslations } from 'next-intl/server';
import { Markdown } from '@/components/markdown';
import type { BoardHistoryEntry } from '@/lib/data/columns';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@/lib/domain/lanes';

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/**
 * One sentence per lane change (issue 12), from the shapes lib/data/lanes.ts writes: every lane event carries the
 * lane's name, and each changed aspect before and after. A move over a lane's limit is a WIP_LIMIT_EXCEEDED event
 * with the lane's name. Returns null for an entry that is not about a lane. `describeWip` is the history page's
 * own wording for a limit and its mode, so columns and lanes read alike.
 */
export function describeLaneEntry(entry: BoardHistoryEntry, t: Translate, describeWip: (value: Record<string, unknown>) => string): ReactNode | null {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const lane = text(after.name) ?? text(before.name) ?? t('history.unknownLane');
  const className = (value: unknown) => (isClass(value) ? t(`class.${value}`) : '—');
  switch (entry.type) {
    case 'LANE_CREATED':
      return <p>{t('history.created', { lane, class: className(after.classOfService) })}</p>;
    case 'LANE_RENAMED':
      return <p>{t('history.renamed', { before: text(before.name) ?? '', after: text(after.name) ?? '' })}</p>;
    case 'LANE_CLASS_CHANGED':
      return <p>{t('history.classChanged', { lane, before: className(before.classOfService), after: className(after.classOfService) })}</p>;
    case 'LANE_WIP_CHANGED':
      return <p>{t('history.wipChanged', { lane, before: describeWip(before), after: describeWip(after) })}</p>;
    case 'LANE_REORDERED': {
      const from = integer(before.index);
      const to = integer(after.index);
      return <p>{t('history.reordered', { lane, from: (from ?? 0) + 1, to: (to ?? 0) + 1 })}</p>;
    }
    case 'LANE_DELETED': {
      const movedTo = text(after.movedTo);
      const count = integer(before.cardCount) ?? 0;
      return <p>{movedTo && count > 0 ? t('history.deletedCardsMoved', { lane, count, movedTo }) : t('history.deleted', { lane })}</p>;
    }
    case 'LANE_POLICY_CHANGED': {
      const previous = text(before.policy) ?? '';
      const next = text(after.policy) ?? '';
      return (
        <>
          <p>{next.trim() ? t('history.policyChanged', { lane }) : t('history.policyRemoved', { lane })}</p>
          {next.trim() && (
            <div className="mt-2 rounded border border-slate-300 bg-slate-50 p-3">
              <Markdown text={next} />
            </div>
          )}
          {previous.trim() && (
            <details className="mt-2">
              <summary className="cursor-pointer py-0.5 text-brand-700 underline underline-offset-2">{t('history.previousPolicy')}</summary>
              <div className="mt-2 rounded border border-slate-300 bg-slate-50 p-3">
                <Markdown text={previous} />
              </div>
            </details>
          )}
        </>
      );
    }
    case 'WIP_LIMIT_EXCEEDED': {
      const laneName = text(after.lane);
      if (!laneName) return null;
      return <p>{t('history.wipExceeded', { card: text(after.cardTitle) ?? '', lane: laneName, count: integer(after.count) ?? 0, limit: integer(after.limit) ?? 0 })}</p>;
    }
    default:
      return null;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function isClass(value: unknown): value is ClassOfService {
  return (CLASSES_OF_SERVICE as readonly unknown[]).includes(value);
}
