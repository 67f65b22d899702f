'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { setEmailOnMentionAction } from './mention-email-actions';

/**
 * "E-post när någon nämner mig": a checkbox that saves at once. Focus stays on it (it is never disabled); the outcome is announced in a
 * status line beside it (an error as an alert, and the box returns to what is saved).
 */
export function MentionEmailSetting({ isOn }: { isOn: boolean }) {
  const t = useTranslations('mentionEmail');
  const [isChecked, setIsChecked] = useState(isOn);
  const [isSaving, setIsSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function handleChange(next: boolean) {
    // Not `disabled` while saving: disabling the focused box would drop focus to the page body.
    if (isSaving) return;
    setIsChecked(next);
    setIsSaving(true);
    setOutcome(null);
    const result = await setEmailOnMentionAction(next);
    setIsSaving(false);
    if (result.ok) {
      setOutcome({ ok: true, text: next ? t('savedOn') : t('savedOff') });
    } else {
      setIsChecked(!next);
      setOutcome({ ok: false, text: t('failed') });
    }
  }

  return (
    <section aria-labelledby="mention-email-heading" className="mb-6 rounded border border-slate-300 bg-white p-4">
      <h2 id="mention-email-heading" className="mb-2 text-lg font-semibold">
        {t('heading')}
      </h2>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={isChecked}
          aria-describedby="mention-email-hint"
          aria-busy={isSaving}
          onChange={(event) => void handleChange(event.currentTarget.checked)}
          className="mt-1 h-5 w-5"
        />
        <span className="font-medium">{t('label')}</span>
      </label>
      <p id="mention-email-hint" className="mt-1 text-sm text-slate-700">
        {t('hint')}
      </p>
      <p role={outcome && !outcome.ok ? 'alert' : 'status'} className={`mt-2 min-h-6 ${outcome && !outcome.ok ? 'text-red-800' : 'text-green-900'}`}>
        {outcome?.text ?? ''}
      </p>
    </section>
  );
}
