import type { getTranslations } from 'next-intl/server';
import type { TeamHistoryEntry } from '@/lib/data/team-admin';

type Translate = Awaited<ReturnType<typeof getTranslations<'api'>>>;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The team history's sentences for integration tokens and webhooks (the shapes written by lib/data/api-tokens.ts and lib/data/webhooks.ts). */
export function describeIntegrationHistory(entry: TeamHistoryEntry, actor: string, t: Translate): string {
  const after = entry.after ?? {};
  const scope = after.scope === 'INTAKE' || after.scope === 'READ_WRITE' || after.scope === 'READ' ? t(`scope.${after.scope}`) : '';
  switch (entry.type) {
    case 'API_TOKEN_CREATED':
      return t('teamHistory.API_TOKEN_CREATED', { actor, name: text(after.name), scope });
    case 'API_TOKEN_REVOKED':
      return t('teamHistory.API_TOKEN_REVOKED', { actor, name: text(after.name) });
    case 'WEBHOOK_CREATED':
    case 'WEBHOOK_CHANGED':
    case 'WEBHOOK_DELETED':
    case 'WEBHOOK_DISABLED':
      return t(`teamHistory.${entry.type}`, { actor, url: text(after.url) });
    default:
      return entry.type;
  }
}
