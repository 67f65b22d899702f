'use client';

import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useId } from 'react';

export type EarlierImport = { boardId: string; boardName: string; importedAt: string };

/** Boards of the team imported from exactly these bytes before (the server compares the files' SHA-256). */
export async function findEarlierImports(teamId: string, bytes: Uint8Array<ArrayBuffer>): Promise<EarlierImport[]> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    const hash = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    const response = await fetch(`/api/teams/${encodeURIComponent(teamId)}/import?hash=${hash}`, { cache: 'no-store' });
    if (!response.ok) return [];
    const body = (await response.json()) as { earlier?: EarlierImport[] };
    return body.earlier ?? [];
  } catch {
    // Without the check the server still refuses a second identical import unless the person confirms.
    return [];
  }
}

/**
 * The same file was imported before: say as which board and when, link to it, and ask before a second identical
 * board is made (the import button waits for the tick).
 */
export function DuplicateWarning({ earlier, allowed, disabled, onAllow }: { earlier: EarlierImport[]; allowed: boolean; disabled: boolean; onAllow: (allowed: boolean) => void }) {
  const t = useTranslations('importer.duplicate');
  const format = useFormatter();
  const id = useId();
  const [latest] = earlier;
  if (!latest) return null;
  return (
    <section aria-labelledby={id} className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950" data-testid="import-duplicate">
      <h3 id={id} className="mb-1 text-lg font-semibold">
        {t('heading')}
      </h3>
      <p>
        {t('text', { count: earlier.length, board: latest.boardName, date: format.dateTime(new Date(latest.importedAt), { dateStyle: 'long', timeStyle: 'short' }) })}{' '}
        <Link href={`/boards/${latest.boardId}`} className="text-brand-700 underline underline-offset-2">
          {t('open', { board: latest.boardName })}
        </Link>
      </p>
      <label className="mt-2 inline-flex min-h-6 items-center gap-2">
        <input type="checkbox" checked={allowed} disabled={disabled} onChange={(event) => onAllow(event.target.checked)} />
        {t('confirm')}
      </label>
    </section>
  );
}
