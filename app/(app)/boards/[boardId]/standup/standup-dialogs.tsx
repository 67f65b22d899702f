'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { REASON_MAX } from '@/lib/board/commands';
import type { BoardCardView, BoardColumnView } from '@/lib/board/types';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import type { CommandOutcome } from '../command-outcome';

const buttonPrimary =
  'inline-flex min-h-11 items-center justify-center rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800';
const buttonSecondary =
  'inline-flex min-h-11 items-center justify-center rounded border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100';
const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-2 text-slate-900 aria-[invalid=true]:border-red-700';

// The native dialog focuses its first control (the Close button) when it opens; an effect in the dialog's parent
// runs after that and puts focus where the person will act instead.
function useInitialFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

function ErrorRegion({ message }: { message: string | null }) {
  // Kept on the page even when empty, so a message is announced when it appears.
  return <div role="alert">{message && <p className="mt-3 rounded border border-red-700 bg-red-50 p-3 text-red-900">{message}</p>}</div>;
}

export function BlockDialog({ card, onClose, onBlock }: { card: BoardCardView; onClose: () => void; onBlock: (reason: string) => Promise<CommandOutcome> }) {
  const t = useTranslations('standup');
  const tErrors = useTranslations('errors');
  const tCard = useTranslations('cardDialog');
  const ids = { reason: useId(), hint: useId() };
  const inputRef = useInitialFocus<HTMLInputElement>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const trimmed = reason.trim();
    if (!trimmed) {
      setError(tErrors('reasonRequired'));
      inputRef.current?.focus();
      return;
    }
    setIsPending(true);
    const outcome = await onBlock(trimmed);
    setIsPending(false);
    if (!outcome.ok) setError(outcome.error.message);
  }

  return (
    <Dialog open onClose={onClose} title={t('blockDialog.title', { title: card.title })} size="sm">
      <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.reason} className="font-medium">
            {t('blockDialog.reason')}
          </label>
          {/* One line, so Enter saves: blocking during a standup should take a few words and one key. */}
          <input
            ref={inputRef}
            id={ids.reason}
            type="text"
            autoComplete="off"
            aria-required="true"
            maxLength={REASON_MAX}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={ids.hint}
            className={fieldClass}
          />
          <p id={ids.hint} className="text-sm text-slate-700">
            {t('blockDialog.hint')}
          </p>
        </div>
        <div role="status">
          {containsPersonalIdentityNumber(reason) && (
            <p className="flex gap-2 rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950">
              <span aria-hidden="true" className="font-bold">
                !
              </span>
              <span>{tCard('personnummerWarning')}</span>
            </p>
          )}
        </div>
        <ErrorRegion message={error} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonPrimary}>
            {isPending ? t('blockDialog.working') : t('blockDialog.submit')}
          </button>
          <button type="button" className={buttonSecondary} onClick={onClose}>
            {t('blockDialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type MoveOptions = { confirmOverLimit?: boolean; overLimitReason?: string };

export function MoveDialog({
  card,
  columns,
  countByColumn,
  onClose,
  onMove,
}: {
  card: BoardCardView;
  columns: BoardColumnView[];
  countByColumn: ReadonlyMap<string, number>;
  onClose: () => void;
  onMove: (toColumnId: string, options: MoveOptions) => Promise<CommandOutcome>;
}) {
  const t = useTranslations('standup');
  const firstTarget = columns.find((column) => column.id !== card.columnId)?.id;
  const firstRef = useInitialFocus<HTMLButtonElement>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const reasonId = useId();
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ columnId: string; message: string } | null>(null);
  const [reason, setReason] = useState('');
  const isPending = useRef(false);

  useEffect(() => {
    if (confirm) confirmRef.current?.focus();
  }, [confirm]);

  async function choose(toColumnId: string, options: MoveOptions = {}) {
    if (isPending.current) return;
    isPending.current = true;
    setError(null);
    const outcome = await onMove(toColumnId, options);
    isPending.current = false;
    if (outcome.ok) return;
    // An advisory limit asks first; the server's message names the column and its limit.
    if (outcome.error.code === 'WIP_CONFIRMATION_NEEDED') setConfirm({ columnId: toColumnId, message: outcome.error.message });
    else setError(outcome.error.message);
  }

  return (
    <Dialog open onClose={onClose} title={t('moveDialog.title', { title: card.title })} size="sm">
      <p className="text-sm text-slate-700">{t('moveDialog.intro')}</p>
      <ul className="mt-3 flex flex-col gap-2">
        {columns.map((column) => {
          const isCurrent = column.id === card.columnId;
          const count = countByColumn.get(column.id) ?? 0;
          return (
            <li key={column.id}>
              <button
                type="button"
                ref={column.id === firstTarget ? firstRef : undefined}
                disabled={isCurrent}
                onClick={() => void choose(column.id)}
                className="flex min-h-11 w-full flex-wrap items-center justify-between gap-2 rounded border border-slate-400 px-3 py-2 text-start hover:bg-slate-100 disabled:border-slate-300 disabled:bg-slate-100 disabled:text-slate-700"
              >
                <span className="font-medium">
                  {t('moveDialog.option', { column: column.name })} {isCurrent ? t('moveDialog.current') : ''}
                </span>
                <span className="text-sm">
                  {column.wipLimit === null ? t('moveDialog.countNoLimit', { count }) : t('moveDialog.count', { count, limit: column.wipLimit })}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {confirm && (
        <div className="mt-4 flex flex-col gap-2 rounded border-2 border-amber-700 bg-amber-50 p-3 text-amber-950">
          <p className="font-medium">{confirm.message}</p>
          <label htmlFor={reasonId} className="font-medium">
            {t('moveDialog.overLimitReason')}
          </label>
          <input id={reasonId} type="text" maxLength={REASON_MAX} value={reason} onChange={(event) => setReason(event.target.value)} className={fieldClass} />
          <div className="flex flex-wrap gap-2">
            <button
              ref={confirmRef}
              type="button"
              className={buttonPrimary}
              onClick={() => void choose(confirm.columnId, { confirmOverLimit: true, overLimitReason: reason.trim() || undefined })}
            >
              {t('moveDialog.moveAnyway')}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => setConfirm(null)}>
              {t('moveDialog.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorRegion message={error} />
    </Dialog>
  );
}

export function EndDialog({ onClose, onEnd }: { onClose: () => void; onEnd: () => Promise<string | null> }) {
  const t = useTranslations('standup');
  const confirmRef = useInitialFocus<HTMLButtonElement>();
  const [error, setError] = useState<string | null>(null);
  const isPending = useRef(false);

  async function end() {
    if (isPending.current) return;
    isPending.current = true;
    setError(await onEnd());
    isPending.current = false;
  }

  return (
    <Dialog open onClose={onClose} title={t('endDialog.title')} size="sm">
      <p>{t('endDialog.body')}</p>
      <ErrorRegion message={error} />
      <div className="mt-4 flex flex-wrap gap-2">
        <button ref={confirmRef} type="button" className={buttonPrimary} onClick={() => void end()}>
          {t('endDialog.confirm')}
        </button>
        <button type="button" className={buttonSecondary} onClick={onClose}>
          {t('endDialog.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Unblocking asks first (B is one key, and a block carries the team's reason and how long it has lasted; an undo
 * would re-block from now and lose that). Focus starts on the confirm button, so B then Enter is still two keys.
 */
export function UnblockDialog({
  card,
  blockedDays,
  onClose,
  onUnblock,
}: {
  card: BoardCardView;
  blockedDays: number;
  onClose: () => void;
  onUnblock: () => Promise<CommandOutcome>;
}) {
  const t = useTranslations('standupA11y.unblockDialog');
  const confirmRef = useInitialFocus<HTMLButtonElement>();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function unblock() {
    if (isPending) return;
    setIsPending(true);
    const outcome = await onUnblock();
    setIsPending(false);
    if (!outcome.ok) setError(outcome.error.message);
  }

  return (
    <Dialog open onClose={onClose} title={t('title', { title: card.title })} size="sm">
      <p>{t('blockedSince', { days: blockedDays })}</p>
      {card.blockedReason && <p className="mt-1 wrap-anywhere">{t('reason', { reason: card.blockedReason })}</p>}
      <p className="mt-2 text-sm text-slate-700">{t('body')}</p>
      <ErrorRegion message={error} />
      <div className="mt-4 flex flex-wrap gap-2">
        <button ref={confirmRef} type="button" className={buttonPrimary} onClick={() => void unblock()}>
          {isPending ? t('working') : t('confirm')}
        </button>
        <button type="button" className={buttonSecondary} onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </Dialog>
  );
}
