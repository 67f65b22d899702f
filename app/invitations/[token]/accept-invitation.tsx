'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { acceptInvitationAction } from './actions';

export function AcceptInvitation({ token, teamName }: { token: string; teamName: string }) {
  const t = useTranslations('admin');
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function accept() {
    startTransition(async () => {
      const result = await acceptInvitationAction(token);
      if (result.ok) {
        window.location.assign('/teams');
        return;
      }
      setError(t(`errors.${result.code}`));
    });
  }

  return (
    <div>
      {error && (
        <p role="alert" className="mb-3 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <button type="button" onClick={accept} disabled={isPending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {isPending ? t('invitation.joining') : t('invitation.accept', { team: teamName })}
      </button>
    </div>
  );
}
