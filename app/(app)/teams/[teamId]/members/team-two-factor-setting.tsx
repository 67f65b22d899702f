'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { setTeamTwoFactorRequirementAction } from './security-actions';

/** The team's "Kräv tvåfaktorsinloggning" switch (members), or its state as a sentence (viewers). */
export function TeamTwoFactorSetting({ teamId, isRequired, canChange }: { teamId: string; isRequired: boolean; canChange: boolean }) {
  const t = useTranslations('security.team');
  const tErrors = useTranslations('security.errors');
  const [checked, setChecked] = useState(isRequired);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function change(next: boolean) {
    // Not disabled while saving (a disabled control loses focus): a second change waits for the first.
    if (isSaving) return;
    setChecked(next);
    setIsSaving(true);
    const result = await setTeamTwoFactorRequirementAction(teamId, next);
    setIsSaving(false);
    if (!result.ok) setChecked(!next);
    setMessage(result.ok ? { ok: true, text: t('saved') } : { ok: false, text: tErrors('generic') });
    inputRef.current?.focus();
  }

  return (
    <section aria-labelledby="team-two-factor-heading" className="mb-8 rounded border border-slate-300 bg-white p-4">
      <h2 id="team-two-factor-heading" className="mb-2 text-lg font-semibold">
        {t('heading')}
      </h2>
      {canChange ? (
        <>
          <label className="flex items-start gap-2">
            <input ref={inputRef} type="checkbox" checked={checked} aria-busy={isSaving} onChange={(event) => change(event.target.checked)} aria-describedby="team-two-factor-hint" className="mt-1 h-5 w-5" />
            <span className="font-medium">{t('label')}</span>
          </label>
          <p id="team-two-factor-hint" className="mt-1 text-sm text-slate-700">
            {t('hint')}
          </p>
          <p role="status" className={`mt-2 text-sm ${message?.ok === false ? 'text-red-800' : 'text-slate-700'}`}>
            {message?.text ?? ''}
          </p>
        </>
      ) : (
        <p>{isRequired ? t('required') : t('notRequired')}</p>
      )}
    </section>
  );
}
