'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { confirmTwoFactorSetupAction, disableTwoFactorAction, renewRecoveryCodesAction, startTwoFactorSetupAction } from '../actions';
import { securityErrorKey } from './action-message';

type Props = { isAvailable: boolean; enabledAtText: string | null; recoveryCodesLeft: number };

type Stage =
  | { kind: 'idle' }
  | { kind: 'setting-up'; qrCode: string; manualKey: string }
  | { kind: 'codes'; codes: string[]; message: 'enabled' | 'renewed' };

/**
 * Two-factor sign-in on the account security page: turn it on (QR code and key, then a code to confirm), see the
 * recovery codes once, create new ones or turn it off (each after a code). Focus moves to what appeared after every
 * step (the set-up's heading, the codes, a message), never to the page body.
 */
export function TwoFactorSettings({ isAvailable, enabledAtText, recoveryCodesLeft }: Props) {
  const t = useTranslations('security.twoFactor');
  const tErrors = useTranslations('security.errors');
  const router = useRouter();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isWorking, setIsWorking] = useState(false);
  // Where focus goes after a step: what appeared (the set-up, the codes, a message) or the section's heading.
  const [focusTarget, setFocusTarget] = useState<{ to: 'heading' | 'setup' | 'codes' | 'alert' | 'notice'; at: number } | null>(null);
  const refs = { heading: useRef<HTMLHeadingElement>(null), setup: useRef<HTMLHeadingElement>(null), codes: useRef<HTMLHeadingElement>(null), alert: useRef<HTMLParagraphElement>(null), notice: useRef<HTMLParagraphElement>(null) };

  useEffect(() => {
    if (focusTarget) refs[focusTarget.to].current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refs are stable
  }, [focusTarget]);

  const focusOn = (to: 'heading' | 'setup' | 'codes' | 'alert' | 'notice') => setFocusTarget({ to, at: Date.now() });
  const fail = (code: Parameters<typeof securityErrorKey>[0]) => {
    setError(tErrors(securityErrorKey(code)));
    focusOn('alert');
  };

  async function start() {
    setIsWorking(true);
    setError(null);
    setNotice(null);
    const result = await startTwoFactorSetupAction();
    setIsWorking(false);
    if (!result.ok) return fail(result.code);
    setStage({ kind: 'setting-up', qrCode: result.data.qrCode, manualKey: result.data.manualKey });
    focusOn('setup');
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    setIsWorking(true);
    setError(null);
    const result = await confirmTwoFactorSetupAction(code);
    setIsWorking(false);
    if (!result.ok) return fail(result.code);
    setStage({ kind: 'codes', codes: result.data.recoveryCodes, message: 'enabled' });
    focusOn('codes');
  }

  async function manage(event: FormEvent<HTMLFormElement>, what: 'renew' | 'disable') {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    const kind = /^\s*\d[\d\s]*$/.test(code) ? 'totp' : 'recovery';
    setIsWorking(true);
    setError(null);
    setNotice(null);
    const result = what === 'renew' ? await renewRecoveryCodesAction(code, kind) : await disableTwoFactorAction(code, kind);
    setIsWorking(false);
    if (!result.ok) return fail(result.code);
    if (what === 'renew' && result.data) {
      setStage({ kind: 'codes', codes: (result.data as { recoveryCodes: string[] }).recoveryCodes, message: 'renewed' });
      focusOn('codes');
    } else {
      setNotice(t('disabled'));
      focusOn('notice');
      router.refresh();
    }
  }

  const alert = error ? (
    <p role="alert" ref={refs.alert} tabIndex={-1} className="mb-3 rounded border border-red-700 bg-red-50 p-3 text-red-900">
      {error}
    </p>
  ) : null;

  return (
    <section aria-labelledby="two-factor-heading" className="mb-6 rounded border border-slate-300 bg-white p-4">
      <h2 id="two-factor-heading" ref={refs.heading} tabIndex={-1} className="mb-2 text-lg font-semibold">
        {t('heading')}
      </h2>
      {notice && (
        <p role="status" ref={refs.notice} tabIndex={-1} className="mb-3 rounded border border-green-700 bg-green-50 p-3 text-green-900">
          {notice}
        </p>
      )}
      {alert}
      {!isAvailable ? (
        <p>{t('notAvailable')}</p>
      ) : stage.kind === 'codes' ? (
        <div>
          <p role="status" className="mb-3 rounded border border-green-700 bg-green-50 p-3 text-green-900">
            {stage.message === 'enabled' ? t('enabled') : t('codesHeading')}
          </p>
          <h3 ref={refs.codes} tabIndex={-1} className="mb-1 font-semibold">
            {t('codesHeading')}
          </h3>
          <p className="mb-2 text-slate-700">{t('codesIntro')}</p>
          <ul aria-label={t('codesListLabel')} data-testid="recovery-codes" className="mb-3 grid grid-cols-2 gap-1 font-mono text-lg">
            {stage.codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              setStage({ kind: 'idle' });
              focusOn('heading');
              router.refresh();
            }}
            className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            {t('codesSaved')}
          </button>
        </div>
      ) : stage.kind === 'setting-up' ? (
        <div>
          <h3 ref={refs.setup} tabIndex={-1} className="mb-1 font-semibold">
            {t('scanHeading')}
          </h3>
          <p className="mb-2 text-slate-700">{t('scanIntro')}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, no optimisation to do */}
          <img src={stage.qrCode} alt={t('qrAlt')} width={240} height={240} className="mb-2 border border-slate-300" />
          <p className="mb-4">
            <span className="block text-sm font-medium">{t('manualKey')}</span>
            <code data-testid="manual-key" className="select-all break-all font-mono text-lg">
              {stage.manualKey}
            </code>
          </p>
          <h3 className="mb-1 font-semibold">{t('confirmHeading')}</h3>
          <form onSubmit={confirm} noValidate className="flex flex-col gap-3">
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t('codeLabel')}</span>
              <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required aria-describedby="setup-code-hint" className="max-w-xs rounded border border-slate-500 px-3 py-2 text-lg tracking-widest" />
              <span id="setup-code-hint" className="text-sm text-slate-700">
                {t('codeHint')}
              </span>
            </label>
            <div className="flex flex-wrap gap-3">
              <button type="submit" disabled={isWorking} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
                {t('confirm')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setStage({ kind: 'idle' });
                  focusOn('heading');
                }}
                className="min-h-11 rounded border border-slate-500 px-4 py-2"
              >
                {t('cancel')}
              </button>
            </div>
          </form>
        </div>
      ) : enabledAtText ? (
        <div>
          <p className="mb-3">{t('on', { date: enabledAtText, count: recoveryCodesLeft })}</p>
          <h3 className="mb-1 font-semibold">{t('manageHeading')}</h3>
          <p className="mb-2 text-slate-700">{t('manageIntro')}</p>
          <form onSubmit={(event) => manage(event, (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'disable' ? 'disable' : 'renew')} noValidate className="flex flex-col gap-3">
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t('manageCodeLabel')}</span>
              <input name="code" autoComplete="one-time-code" maxLength={20} required className="max-w-xs rounded border border-slate-500 px-3 py-2 text-lg" />
            </label>
            <p className="text-sm text-slate-700">{t('teamsRequire')}</p>
            <div className="flex flex-wrap gap-3">
              <button type="submit" value="renew" disabled={isWorking} className="min-h-11 rounded border border-slate-500 px-4 py-2 font-semibold hover:bg-slate-100 disabled:opacity-70">
                {t('renew')}
              </button>
              <button type="submit" value="disable" disabled={isWorking} className="min-h-11 rounded border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-70">
                {t('disable')}
              </button>
            </div>
          </form>
        </div>
      ) : (
        <div>
          <p className="mb-3">{t('off')}</p>
          <button type="button" onClick={start} disabled={isWorking} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
            {t('start')}
          </button>
        </div>
      )}
    </section>
  );
}
