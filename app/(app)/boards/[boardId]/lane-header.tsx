'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Markdown } from '@/components/markdown';
import { CLASS_MARKS, type LaneLoad } from '@/lib/board/lane-view';
import type { BoardLaneView } from '@/lib/board/types';

/** The colours of each class; always with its name and mark (CLASS_MARKS), never alone. */
export const CLASS_STYLES = {
  EXPEDITE: { border: 'border-red-700', badge: 'bg-red-100 text-red-900' },
  STANDARD: { border: 'border-slate-400', badge: 'bg-slate-200 text-slate-900' },
  INTANGIBLE: { border: 'border-violet-700', badge: 'bg-violet-100 text-violet-900' },
} as const;

type Props = {
  lane: BoardLaneView;
  load: LaneLoad;
  headingId: string;
  countId: string;
  rowId: string;
  isCollapsed: boolean;
  canEdit: boolean;
  onToggleCollapsed: () => void;
  onOpenSettings: () => void;
};

/**
 * A lane's head: its name, class of service (as words and a mark, not only colour), its count against its limit
 * (said in words to assistive technology, like a column's count), the policy, collapse and, for members, settings.
 * It stays in view while the row scrolls sideways.
 */
export function LaneHeader({ lane, load, headingId, countId, rowId, isCollapsed, canEdit, onToggleCollapsed, onOpenSettings }: Props) {
  const t = useTranslations('lanes');
  const [isPolicyOpen, setIsPolicyOpen] = useState(false);
  const policyId = `lane-${lane.id}-policy`;
  const spokenKind = load.limit === null ? 'noLimit' : load.isOver ? 'overLimit' : load.isAtOrOver ? 'atLimit' : 'limit';
  return (
    <div className="sticky left-0 flex max-w-[calc(100vw-2rem)] flex-col gap-1 sm:max-w-none">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="min-w-0 font-semibold wrap-anywhere">
          {lane.name}
        </h2>
        <span className={`rounded px-1.5 text-xs font-semibold ${CLASS_STYLES[lane.classOfService].badge}`} data-testid="lane-class">
          <span aria-hidden="true">{CLASS_MARKS[lane.classOfService]} </span>
          <span className="sr-only">{t('classPrefix')} </span>
          {t(`class.${lane.classOfService}`)}
        </span>
        <span id={countId} className={`rounded px-2 py-0.5 text-sm font-semibold ${load.isOver ? 'bg-red-700 text-white' : 'bg-white text-slate-800'}`}>
          <span aria-hidden="true" data-testid="lane-count">
            {load.limit === null ? load.total : t('count.shownLimit', { count: load.wip, limit: load.limit })}
          </span>
          <span className="sr-only">{t(`count.${spokenKind}`, { count: load.total, wip: load.wip, limit: load.limit ?? 0 })}</span>
        </span>
        {lane.wipLimit !== null && <span className="text-xs text-slate-800">{lane.wipMode === 'STRICT' ? t('strictLimit') : t('advisoryLimit')}</span>}
        {load.isOver && (
          <strong className="rounded bg-red-100 px-1 text-xs text-red-900">
            <span aria-hidden="true">⚠ </span>
            {t('overLimit')}
          </strong>
        )}
        <button
          type="button"
          aria-expanded={isPolicyOpen}
          aria-controls={policyId}
          onClick={() => setIsPolicyOpen((open) => !open)}
          className="inline-flex min-h-6 items-center text-xs text-brand-700 underline underline-offset-2"
        >
          {t('showPolicy', { lane: lane.name })}
        </button>
        <button
          type="button"
          aria-expanded={!isCollapsed}
          aria-controls={rowId}
          onClick={onToggleCollapsed}
          className="inline-flex min-h-6 items-center gap-1 rounded border border-slate-400 bg-white px-2 text-xs hover:bg-slate-100"
          data-testid="lane-collapse"
        >
          <span aria-hidden="true">{isCollapsed ? '▸' : '▾'}</span>
          {isCollapsed ? t('expand', { lane: lane.name }) : t('collapse', { lane: lane.name })}
        </button>
        {canEdit && (
          <button
            type="button"
            onClick={onOpenSettings}
            className="inline-flex size-6 items-center justify-center rounded text-sm hover:bg-slate-200"
            aria-label={t('settings', { lane: lane.name })}
          >
            <span aria-hidden="true">⚙</span>
          </button>
        )}
      </div>
      {isPolicyOpen && (
        <div id={policyId} className="max-w-prose rounded bg-white p-2 text-sm">
          {lane.policy.trim() ? <Markdown text={lane.policy} /> : <p className="text-slate-700">{t('noPolicy')}</p>}
        </div>
      )}
    </div>
  );
}
