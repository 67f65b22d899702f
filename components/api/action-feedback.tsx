'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ActionErrorCode, ActionResult } from '@/lib/api/action';

/**
 * What an action on the token and webhook pages says afterwards: a success read out politely, or a translated
 * error (admin.errors.<code>) as an alert. The success region stays on the page, empty, so that it is announced.
 */
export function useActionFeedback() {
  const tErrors = useTranslations('admin.errors');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const succeed = (message: string) => {
    setError(null);
    setStatus(message);
  };
  const fail = (code: ActionErrorCode) => {
    setStatus(null);
    setError(tErrors(code));
  };
  /** Shows the outcome of `result`; true when it succeeded. */
  const report = (result: ActionResult<unknown>, message: string): boolean => {
    if (result.ok) succeed(message);
    else fail(result.code);
    return result.ok;
  };
  return { status, error, succeed, fail, report };
}

export function ActionFeedback({ status, error }: { status: string | null; error: string | null }) {
  return (
    <>
      <p aria-live="polite" className={status ? 'mb-2 text-green-900' : 'sr-only'}>
        {status ?? ''}
      </p>
      {error && (
        <p role="alert" className="mb-2 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
    </>
  );
}
