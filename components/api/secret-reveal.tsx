'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';

/**
 * A secret shown once (a new token, a webhook's signing secret): read-only, selected and focused when it appears so
 * that it can be copied at once, with a copy button and a button that hides it for good.
 */
export function SecretReveal({ heading, notice, label, secret, onDone }: { heading: string; notice: string; label: string; secret: string; onDone: () => void }) {
  const t = useTranslations('api.tokens');
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [isCopied, setIsCopied] = useState(false);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [secret]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setIsCopied(true);
    } catch {
      // No clipboard permission: the secret is selected in the field.
      inputRef.current?.select();
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="mb-4 rounded-lg border-2 border-amber-700 bg-amber-50 p-4">
      <h3 id={`${id}-heading`} className="text-lg font-semibold">
        {heading}
      </h3>
      <p id={`${id}-notice`} className="mb-2">
        {notice}
      </p>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input ref={inputRef} id={id} readOnly value={secret} aria-describedby={`${id}-notice`} className="w-full max-w-2xl rounded border border-slate-500 bg-white px-2 py-2 font-mono text-sm" data-testid="revealed-secret" />
        <button type="button" onClick={copy} className="rounded border border-slate-500 bg-white px-3 py-2 text-sm hover:bg-slate-100">
          {t('copy')}
        </button>
        <button type="button" onClick={onDone} className="rounded border border-slate-500 bg-white px-3 py-2 text-sm hover:bg-slate-100">
          {t('done')}
        </button>
      </div>
      <p aria-live="polite" className="mt-1 text-sm text-green-900">
        {isCopied ? t('copied') : ''}
      </p>
    </section>
  );
}
