'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { REASON_MAX } from '@/lib/board/commands';

/**
 * Asks before a move takes a column over its advisory WIP limit (the server answered WIP_CONFIRMATION_NEEDED).
 * Focus starts in the reason field, where the person decides, not on "Close". Used by the board and by the card
 * dialog on the standup page.
 */
export function OverLimitDialog({
  column,
  limit,
  message,
  onCancel,
  onConfirm,
}: {
  column: string;
  /** The question in the server's words, when a lane's limit is (also) what the move would go over. */
  message?: string;
  limit: number;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const t = useTranslations('board');
  const tApp = useTranslations('app');
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  return (
    <Dialog open onClose={onCancel} title={t('confirmOverLimitTitle')} initialFocusRef={reasonRef}>
      <p>{message ?? t('confirmOverLimitBody', { column, limit })}</p>
      <label className="mt-3 flex flex-col gap-1">
        <span className="font-medium">{t('overLimitReason')}</span>
        <textarea
          ref={reasonRef}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={REASON_MAX}
          rows={2}
          className="rounded border border-slate-500 p-2"
        />
      </label>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded border border-slate-400 px-3 py-2">
          {tApp('cancel')}
        </button>
        <button type="button" onClick={() => onConfirm(reason.trim())} className="rounded bg-brand-700 px-3 py-2 font-semibold text-white">
          {t('moveAnyway')}
        </button>
      </div>
    </Dialog>
  );
}
