'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { setBoardHoldsClientDataAction } from './actions';

/** The board's "Kan innehålla klientuppgifter" switch (the page is for members only; the data layer checks again). */
export function ClientDataSetting({ boardId, holdsClientData }: { boardId: string; holdsClientData: boolean }) {
  const t = useTranslations('readLog.setting');
  const tErrors = useTranslations('readLog.errors');
  const router = useRouter();
  const [checked, setChecked] = useState(holdsClientData);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function change(next: boolean) {
    // Not disabled while saving (a disabled control loses focus): a second change waits for the first.
    if (isSaving) return;
    setChecked(next);
    setIsSaving(true);
    const result = await setBoardHoldsClientDataAction(boardId, next);
    setIsSaving(false);
    if (!result.ok) setChecked(!next);
    setMessage(result.ok ? { ok: true, text: next ? t('savedOn') : t('savedOff') } : { ok: false, text: tErrors(result.code === 'FORBIDDEN' || result.code === 'NOT_FOUND' ? result.code : 'generic') });
    inputRef.current?.focus();
    if (result.ok) router.refresh();
  }

  return (
    <section aria-labelledby="client-data-heading" className="mb-8 max-w-prose rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="client-data-heading" className="mb-2 text-lg font-semibold">
        {t('heading')}
      </h2>
      <label className="flex items-start gap-2">
        <input
          ref={inputRef}
          type="checkbox"
          checked={checked}
          aria-busy={isSaving}
          onChange={(event) => change(event.target.checked)}
          aria-describedby="client-data-hint client-data-state"
          className="mt-1 h-5 w-5"
        />
        <span className="font-medium">{t('label')}</span>
      </label>
      <p id="client-data-hint" className="mt-1 text-sm text-slate-700">
        {t('hint')}
      </p>
      <p id="client-data-state" className="mt-2" data-testid="client-data-state">
        {checked ? t('on') : t('off')}
      </p>
      <p role="status" className={`mt-2 text-sm ${message?.ok === false ? 'text-red-800' : 'text-slate-700'}`}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
