'use client';

import { useTranslations } from 'next-intl';
import type { CardHistoryEntry } from '@/lib/board/types';

const CHECKLIST_ACTIONS = ['added', 'checked', 'unchecked', 'renamed', 'moved', 'removed'] as const;
const LINK_ACTIONS = ['added', 'removed', 'awaited-done'] as const;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A checklist or "waiting for" entry of the card's history (types CHECKLIST and LINK), as one sentence. */
export function CardWorkHistoryLine({ entry }: { entry: CardHistoryEntry }) {
  const t = useTranslations('cardWork.history');
  const data = entry.data ?? {};
  const action = text(data.action);
  // Retention empties the texts: say so rather than show empty quotes.
  const shown = (value: unknown) => text(value) || t('cleared');
  let line: string | null = null;
  if (entry.type === 'CHECKLIST') {
    const kind = action.replace(/^checklist\./, '') as (typeof CHECKLIST_ACTIONS)[number];
    if ((CHECKLIST_ACTIONS as readonly string[]).includes(kind)) {
      line = t(`checklist.${kind}`, { text: shown(data.text), before: shown(data.before), from: String(data.from ?? ''), to: String(data.to ?? '') });
    }
  } else if (entry.type === 'LINK') {
    const kind = action.replace(/^link\./, '') as (typeof LINK_ACTIONS)[number];
    const role = data.role === 'awaited' ? 'awaited' : 'waiting';
    if ((LINK_ACTIONS as readonly string[]).includes(kind)) {
      const reference = text(data.reference);
      const title = reference ? `${shown(data.title)} (${reference})` : shown(data.title);
      line = t(`${role}.${kind}`, { title, board: shown(data.boardName) });
    }
  }
  return <p className="wrap-anywhere">{line ?? entry.type}</p>;
}
