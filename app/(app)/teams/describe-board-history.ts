import type { getTranslations } from 'next-intl/server';
import { findBoardTemplate } from '@/lib/board-templates/templates';
import type { TeamHistoryEntry } from '@/lib/data/team-admin';
import type { Locale } from '@/lib/i18n/config';

type Translate = Awaited<ReturnType<typeof getTranslations<'teamBoards'>>>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});

export const BOARD_HISTORY_TYPES = ['BOARD_CREATED', 'BOARD_RENAMED', 'BOARD_ARCHIVED', 'BOARD_RESTORED'] as const;

export function isBoardHistoryEntry(entry: TeamHistoryEntry): boolean {
  return (BOARD_HISTORY_TYPES as readonly string[]).includes(entry.type);
}

/** The team history's sentences for its boards (the shapes written by lib/data/board-admin.ts). */
export function describeBoardHistory(entry: TeamHistoryEntry, actor: string, t: Translate, locale: Locale): string {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  switch (entry.type) {
    case 'BOARD_CREATED': {
      const source = record(after.source);
      const name = text(after.name);
      if (source.kind === 'template') {
        const template = findBoardTemplate(source.templateId);
        return t('history.BOARD_CREATED_TEMPLATE', { actor, name, template: template ? template.name[locale] : text(source.templateId) });
      }
      if (source.kind === 'copy') return t('history.BOARD_CREATED_COPY', { actor, name, source: text(source.boardName) });
      return t('history.BOARD_CREATED', { actor, name });
    }
    case 'BOARD_RENAMED':
      return t('history.BOARD_RENAMED', { actor, before: text(before.name), after: text(after.name) });
    case 'BOARD_ARCHIVED':
    case 'BOARD_RESTORED':
      return t(`history.${entry.type}`, { actor, name: text(after.name) });
    default:
      return entry.type;
  }
}
