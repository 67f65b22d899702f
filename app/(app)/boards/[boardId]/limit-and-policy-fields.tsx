'use client';

import { useTranslations } from 'next-intl';
import { useId, type RefObject } from 'react';
import { Markdown } from '@/components/markdown';
import { FormField } from '@/components/ui/form-field';
import { TEXT_MAX } from '@/lib/board/commands';
import { WIP_MODES, type WipMode } from '@/lib/domain/wip';

export const WIP_MIN = 1;
export const WIP_MAX = 999;

/**
 * A WIP limit as typed: empty means no limit. A number input reports '' both when empty and when it holds something
 * unparsable ("1e", "–"), so `isBadInput` (its validity.badInput) tells the two apart; otherwise "no limit" would be
 * saved silently.
 */
export function parseWipLimit(raw: string, isBadInput: boolean): number | null | 'invalid' {
  if (isBadInput) return 'invalid';
  const text = raw.trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return 'invalid';
  const value = Number(text);
  return value >= WIP_MIN && value <= WIP_MAX ? value : 'invalid';
}

/** The settings dialogs that share these fields; both catalogues have the same keys under them. */
type SettingsNamespace = 'columnSettings' | 'lanes.dialog';

const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700';

/**
 * A WIP limit and its mode (advisory or strict), as a column's and a lane's settings dialog ask for them: one
 * number field (empty = no limit) and one radio group whose options explain themselves. The texts come from the
 * dialog's own namespace, so a lane says "the lane's limit" where a column says "the limit".
 */
export function WipLimitFields(props: {
  namespace: SettingsNamespace;
  wipLimit: string;
  onWipLimitChange: (value: string) => void;
  wipMode: WipMode;
  onWipModeChange: (mode: WipMode) => void;
  error: string | null;
  limitRef: RefObject<HTMLInputElement | null>;
}) {
  // Both namespaces hold the same keys (messages.test.ts keeps sv and en complete); typed as one of them.
  const t = useTranslations(props.namespace as 'columnSettings');
  const radio = useId();
  return (
    <>
      <FormField label={t('wipLimit')} hint={t('wipLimitHint', { min: WIP_MIN, max: WIP_MAX })} error={props.error}>
        {(control) => (
          <input
            {...control}
            ref={props.limitRef}
            type="number"
            inputMode="numeric"
            min={WIP_MIN}
            max={WIP_MAX}
            step={1}
            value={props.wipLimit}
            onChange={(event) => props.onWipLimitChange(event.target.value)}
            className={`${fieldClass} max-w-32`}
          />
        )}
      </FormField>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t('wipMode')}</legend>
        {WIP_MODES.map((mode) => (
          <div key={mode} className="flex items-start gap-2">
            <input
              id={`${radio}-mode-${mode}`}
              type="radio"
              name={`${radio}-mode`}
              value={mode}
              checked={props.wipMode === mode}
              onChange={() => props.onWipModeChange(mode)}
              aria-describedby={`${radio}-mode-${mode}-hint`}
              className="mt-0.5 size-5 shrink-0 accent-brand-700"
            />
            <div>
              <label htmlFor={`${radio}-mode-${mode}`} className="font-medium">
                {t(`wipModeOption.${mode}`)}
              </label>
              <p id={`${radio}-mode-${mode}-hint`} className="text-sm text-slate-700">
                {t(`wipModeHint.${mode}`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
    </>
  );
}

/** An explicit policy in Markdown with its live preview (rendered by the same sanitiser as the board shows it). */
export function PolicyFields(props: { namespace: SettingsNamespace; policy: string; onPolicyChange: (value: string) => void; rows: number }) {
  const t = useTranslations(props.namespace as 'columnSettings');
  const preview = useId();
  return (
    <>
      <FormField label={t('policy')} hint={t('policyHint')}>
        {(control) => (
          <textarea
            {...control}
            rows={props.rows}
            maxLength={TEXT_MAX}
            value={props.policy}
            onChange={(event) => props.onPolicyChange(event.target.value)}
            className={`${fieldClass} font-mono text-sm`}
          />
        )}
      </FormField>

      <section aria-labelledby={preview} className="rounded border border-slate-300 bg-slate-50 p-3">
        <h3 id={preview} className="mb-1 text-sm font-semibold text-slate-700">
          {t('preview')}
        </h3>
        {props.policy.trim() ? <Markdown text={props.policy} className="break-words" /> : <p className="text-sm text-slate-700">{t('previewEmpty')}</p>}
      </section>
    </>
  );
}
