'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Markdown } from '@/components/markdown';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { REASON_MAX, TEXT_MAX, TITLE_MAX, type BoardCommand } from '@/lib/board/commands';
import { isSameLabelList, parseLabelList } from '@/lib/board/labels';
import { DEMAND_TYPES, type BoardCardView, type BoardColumnView, type CardDetailView, type CardHistoryEntry, type DemandType } from '@/lib/board/types';
import type { MenuOpening } from '@/components/ui/menu-button';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import type { CommandOutcome } from './command-outcome';
import { MoveToMenu, type MoveRequest } from './move-to-menu';
import { CardComments, describeCommentHistory } from './card-comments';
import { CardPeopleSection, usePeopleHistorySentence } from './card-people';
import { CardWorkHistoryLine } from './card-work-history';
import { CardWorkSections } from './card-work-sections';

export type CardDialogProps = {
  boardId: string;
  cardId: string;
  columns: BoardColumnView[];
  canEdit: boolean;
  /** Who is looking: "Jag tar det" puts this person (and only them) on the card. */
  currentUserId: string;
  onClose: () => void;
  runCommand: (command: BoardCommand) => Promise<CommandOutcome>;
  /** The card as the page knows it live: a colleague's change (an unblock, a move) shows here at once. */
  liveCard?: BoardCardView | null;
  /** A change to this card to read out in the dialog (the page behind a modal dialog is not read). */
  liveNotice?: { id: number; text: string } | null;
  /** Cards per column, for the Move-to choices. */
  countInColumn: (columnId: string) => number;
  /**
   * The page's move path (optimistic on the board, asks before going over an advisory limit); what it
   * reports in the end arrives as `liveNotice`. Resolves to null when the card is not on the page.
   */
  onMove: (request: MoveRequest) => Promise<CommandOutcome | null>;
};

type Mode = 'view' | 'edit' | 'block' | 'archive';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; card: CardDetailView };

const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;

const buttonPrimary =
  'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800';
const buttonSecondary =
  'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100';
const buttonDanger =
  'inline-flex min-h-9 items-center justify-center rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800';
const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700';

/** One card in full: details, description, blocked state, history; members can also change it from here. */
export function CardDialog({ boardId, cardId, columns, canEdit, currentUserId, onClose, runCommand, liveCard, liveNotice, countInColumn, onMove }: CardDialogProps) {
  const t = useTranslations('cardDialog');
  const tDemand = useTranslations('demand');
  const format = useFormatter();
  const ids = { demand: useId(), demandHint: useId(), description: useId(), history: useId(), blocked: useId() };

  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  // Bumped after each successful change so the history shown includes it.
  const [reloadKey, setReloadKey] = useState(0);
  const [mode, setMode] = useState<Mode>('view');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const editButtonRef = useRef<HTMLButtonElement>(null);
  const blockButtonRef = useRef<HTMLButtonElement>(null);
  const archiveButtonRef = useRef<HTMLButtonElement>(null);
  const titleFieldRef = useRef<HTMLInputElement>(null);
  const reasonFieldRef = useRef<HTMLTextAreaElement>(null);
  const archiveConfirmRef = useRef<HTMLButtonElement>(null);
  // The demand the person just picked, shown while the save is under way so the select does not jump back.
  const [pendingDemand, setPendingDemand] = useState<DemandType | null>(null);
  // Where keyboard focus should go once the next render has put that element on the page.
  const focusNext = useRef<RefObject<HTMLElement | null> | null>(null);

  useEffect(() => {
    const target = focusNext.current?.current;
    if (target) {
      target.focus();
      focusNext.current = null;
    }
  });

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/cards/${encodeURIComponent(cardId)}`, {
          headers: { accept: 'application/json' },
          cache: 'no-store',
          signal: controller.signal,
        });
        const body: unknown = await response.json().catch(() => null);
        if (!response.ok) {
          const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
          setLoad({ status: 'error', message: typeof message === 'string' ? message : t('loadFailed') });
          return;
        }
        setLoad({ status: 'ready', card: body as CardDetailView });
      } catch {
        // A failed refresh after a change keeps the card on screen: the change itself was saved.
        if (!controller.signal.aborted) {
          setLoad((current) => (current.status === 'ready' ? current : { status: 'error', message: t('loadFailed') }));
        }
      }
    })();
    return () => controller.abort();
  }, [boardId, cardId, reloadKey, t]);

  // A newer version from the live stream: show its fields at once, then fetch the rest (description, history).
  const liveVersion = liveCard?.version;
  useEffect(() => {
    if (!liveCard) return;
    let isNewer = false;
    setLoad((current) => {
      if (current.status !== 'ready' || liveCard.version <= current.card.version) return current;
      isNewer = true;
      return { status: 'ready', card: { ...current.card, ...liveCard } };
    });
    if (isNewer) setReloadKey((key) => key + 1);
    // The version says everything about the card's content.
  }, [liveVersion]);

  useEffect(() => {
    if (liveNotice) setStatus(liveNotice.text);
  }, [liveNotice]);

  const [moveMenuAt, setMoveMenuAt] = useState<MenuOpening | null>(null);

  async function move(request: MoveRequest) {
    setError(null);
    const outcome = await onMove(request);
    // Asking before going over an advisory limit is the page's own dialog, not an error.
    if (outcome && !outcome.ok && outcome.error.code !== 'WIP_CONFIRMATION_NEEDED') setError(outcome.error.message);
  }

  const card = load.status === 'ready' ? load.card : null;

  function changeMode(next: Mode, focus: RefObject<HTMLElement | null>) {
    setError(null);
    setMode(next);
    focusNext.current = focus;
  }

  async function run(
    command: BoardCommand,
    successMessage: string,
    after?: () => void,
    { reload = true }: { reload?: boolean } = {},
  ): Promise<boolean> {
    if (pending) return false;
    setPending(true);
    setError(null);
    setStatus('');
    try {
      const outcome = await runCommand(command);
      if (!outcome.ok) {
        setError(outcome.error.message);
        return false;
      }
      if (outcome.card) {
        const updated = outcome.card;
        setLoad((current) => (current.status === 'ready' ? { status: 'ready', card: { ...current.card, ...updated } } : current));
      }
      setStatus(successMessage);
      after?.();
      if (reload) setReloadKey((key) => key + 1);
      return true;
    } catch {
      setError(t('commandFailed'));
      return false;
    } finally {
      setPending(false);
    }
  }

  const dialogTitle = card?.title ?? (load.status === 'error' ? t('loadFailedTitle') : t('loadingTitle'));

  return (
    <Dialog open onClose={onClose} title={dialogTitle} size="lg">
      {load.status === 'loading' && <p role="status">{t('loading')}</p>}
      {load.status === 'error' && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {load.message}
        </p>
      )}
      {card && (
        <div className="flex flex-col gap-6">
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-700">{t('column')}</dt>
            <dd className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span data-testid="card-dialog-column">{columns.find((column) => column.id === card.columnId)?.name ?? t('unknownColumn')}</span>
              {canEdit && (
                <MoveToMenu
                  cardId={card.id}
                  cardTitle={card.title}
                  columnId={card.columnId}
                  index={0}
                  showWithinColumn={false}
                  columns={columns}
                  countInColumn={countInColumn}
                  onMove={(request) => void move(request)}
                  openAt={moveMenuAt}
                  onOpenChange={setMoveMenuAt}
                  buttonClassName={buttonSecondary}
                />
              )}
            </dd>

            <dt className="font-medium text-slate-700">
              {canEdit ? <label htmlFor={ids.demand}>{t('demand')}</label> : t('demand')}
            </dt>
            <dd>
              {canEdit ? (
                <>
                  <select
                    id={ids.demand}
                    aria-describedby={ids.demandHint}
                    value={pendingDemand ?? card.demand}
                    onChange={(event) => {
                      const demand = event.target.value as DemandType;
                      setPendingDemand(demand);
                      void run({ type: 'card.update', cardId, demand }, t('demandSaved', { demand: tDemand(demand) })).finally(() =>
                        setPendingDemand(null),
                      );
                    }}
                    className="min-h-9 rounded border border-slate-500 bg-white px-2 py-1 text-slate-900"
                  >
                    {DEMAND_TYPES.map((demand) => (
                      <option key={demand} value={demand}>
                        {tDemand(demand)}
                      </option>
                    ))}
                  </select>
                  <p id={ids.demandHint} className="mt-1 text-sm text-slate-700">
                    {t('demandHint')}
                  </p>
                </>
              ) : (
                tDemand(card.demand)
              )}
            </dd>

            <dt className="font-medium text-slate-700">{t('labels')}</dt>
            <dd>
              {card.labels.length === 0 ? (
                t('noLabels')
              ) : (
                <ul className="flex flex-wrap gap-1">
                  {card.labels.map((label) => (
                    <li key={label} className="wrap-anywhere rounded border border-slate-400 bg-slate-50 px-1.5 text-sm text-slate-800">
                      {label}
                    </li>
                  ))}
                </ul>
              )}
            </dd>

            <dt className="font-medium text-slate-700">{t('created')}</dt>
            <dd>
              <time dateTime={card.createdAt}>{format.dateTime(new Date(card.createdAt), DATE_TIME)}</time>
            </dd>
          </dl>

          <CardPeopleSection card={card} currentUserId={currentUserId} canEdit={canEdit} pending={pending} run={(command, message) => run(command, message)} />

          {card.blockedAt !== null && (
            <section aria-labelledby={ids.blocked} className="flex gap-3 rounded border-2 border-red-700 bg-red-50 p-3 text-red-900">
              <BlockedIcon />
              <div className="min-w-0">
                <h3 id={ids.blocked} className="font-semibold">
                  {t('blockedHeading')}
                </h3>
                <p className="text-sm">
                  {t('blockedSince')}{' '}
                  <time dateTime={card.blockedAt}>{format.dateTime(new Date(card.blockedAt), DATE_TIME)}</time>
                </p>
                <p className="mt-1 wrap-anywhere">{t('blockedReason', { reason: card.blockedReason ?? '' })}</p>
              </div>
            </section>
          )}

          <section aria-labelledby={ids.description} className="flex flex-col gap-2">
            <h3 id={ids.description} className="text-lg font-semibold">
              {mode === 'edit' ? t('editHeading') : t('description')}
            </h3>
            {mode === 'edit' && canEdit ? (
              <EditCardForm
                card={card}
                pending={pending}
                titleRef={titleFieldRef}
                onCancel={() => changeMode('view', editButtonRef)}
                onSave={async (changes) => {
                  if (Object.keys(changes).length === 0) {
                    changeMode('view', editButtonRef);
                    return;
                  }
                  await run({ type: 'card.update', cardId, ...changes }, t('saved'), () => changeMode('view', editButtonRef));
                }}
              />
            ) : (
              <>
                {card.description.trim() ? (
                  <Markdown text={card.description} className="wrap-anywhere" />
                ) : (
                  <p className="text-slate-700">{t('noDescription')}</p>
                )}
                {canEdit && (
                  <div>
                    <button ref={editButtonRef} type="button" className={buttonSecondary} onClick={() => changeMode('edit', titleFieldRef)}>
                      {t('edit')}
                    </button>
                  </div>
                )}
              </>
            )}
          </section>

          {mode !== 'edit' && <CardWorkSections boardId={boardId} card={card} canEdit={canEdit} run={run} />}

          {canEdit && mode !== 'edit' && (
            <div className="flex flex-col gap-3 border-t border-slate-300 pt-4">
              {mode === 'block' ? (
                <BlockForm
                  pending={pending}
                  reasonRef={reasonFieldRef}
                  onCancel={() => changeMode('view', blockButtonRef)}
                  onSubmit={(reason) =>
                    run({ type: 'card.block', cardId, reason }, t('blockedStatus'), () => changeMode('view', blockButtonRef))
                  }
                />
              ) : mode === 'archive' ? (
                <div className="flex flex-col gap-2 rounded border border-slate-400 bg-slate-50 p-3">
                  <p className="font-medium">{t('archiveQuestion')}</p>
                  <p className="text-sm text-slate-700">{t('archiveExplanation')}</p>
                  <div className="flex flex-wrap gap-2">
                    <button
                      ref={archiveConfirmRef}
                      type="button"
                      className={buttonDanger}
                      onClick={() => void run({ type: 'card.archive', cardId }, t('archivedStatus'), onClose, { reload: false })}
                    >
                      {pending ? t('working') : t('archiveConfirm')}
                    </button>
                    <button type="button" className={buttonSecondary} onClick={() => changeMode('view', archiveButtonRef)}>
                      {t('cancel')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="flex flex-wrap gap-2">
                  {card.blockedAt === null ? (
                    <button ref={blockButtonRef} type="button" className={buttonSecondary} onClick={() => changeMode('block', reasonFieldRef)}>
                      {t('block')}
                    </button>
                  ) : (
                    <button
                      ref={blockButtonRef}
                      type="button"
                      className={buttonSecondary}
                      onClick={() => void run({ type: 'card.unblock', cardId }, t('unblockedStatus'))}
                    >
                      {t('unblock')}
                    </button>
                  )}
                  <button ref={archiveButtonRef} type="button" className={buttonSecondary} onClick={() => changeMode('archive', archiveConfirmRef)}>
                    {t('archive')}
                  </button>
                </div>
              )}
            </div>
          )}

          {/* Kept on the page even when empty, so screen readers announce a message when it appears. */}
          <div role="alert">
            {error && <p className="rounded border border-red-700 bg-red-50 p-3 text-red-900">{error}</p>}
          </div>
          <div role="status" className="sr-only">
            {status}
          </div>

          <CardComments boardId={boardId} cardId={cardId} canComment={canEdit} version={card.version} />

          <section aria-labelledby={ids.history} className="flex flex-col gap-2">
            <h3 id={ids.history} className="text-lg font-semibold">
              {t('history')}
            </h3>
            {card.history.length === 0 ? (
              <p className="text-slate-700">{t('noHistory')}</p>
            ) : (
              <ol className="flex flex-col gap-3 border-s-2 border-slate-300 ps-4">
                {card.history.map((entry) => (
                  <li key={entry.id}>
                    <HistoryEntrySentences entry={entry} someone={t('someone')} />
                    <p className="text-sm text-slate-700">
                      {entry.actorName ?? t('someone')} ·{' '}
                      <time dateTime={entry.at}>{format.dateTime(new Date(entry.at), DATE_TIME)}</time>
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      )}
    </Dialog>
  );
}

type CardChanges = { title?: string; description?: string; labels?: string[] };

function EditCardForm({
  card,
  pending,
  titleRef,
  onCancel,
  onSave,
}: {
  card: CardDetailView;
  pending: boolean;
  titleRef: RefObject<HTMLInputElement | null>;
  onCancel: () => void;
  onSave: (changes: CardChanges) => Promise<void>;
}) {
  const t = useTranslations('cardDialog');
  const [title, setTitle] = useState(card.title);
  const [description, setDescription] = useState(card.description);
  const [labels, setLabels] = useState(card.labels.join(', '));
  const [titleError, setTitleError] = useState<string | null>(null);
  const hasIdentityNumber = containsPersonalIdentityNumber(title) || containsPersonalIdentityNumber(description);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const trimmedTitle = title.trim();
    if (!trimmedTitle) {
      setTitleError(t('titleRequired'));
      titleRef.current?.focus();
      return;
    }
    setTitleError(null);
    const changes: CardChanges = {};
    if (trimmedTitle !== card.title) changes.title = trimmedTitle;
    if (description !== card.description) changes.description = description;
    const labelList = parseLabelList(labels);
    if (!isSameLabelList(labelList, card.labels)) changes.labels = labelList;
    void onSave(changes);
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-3">
      <FormField label={t('titleLabel')} error={titleError}>
        {(control) => (
          <input
            {...control}
            ref={titleRef}
            type="text"
            required
            maxLength={TITLE_MAX}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            className={fieldClass}
          />
        )}
      </FormField>
      <FormField label={t('descriptionLabel')} hint={t('markdownHint')}>
        {(control) => (
          <textarea
            {...control}
            rows={8}
            maxLength={TEXT_MAX}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            className={`${fieldClass} font-mono text-sm`}
          />
        )}
      </FormField>
      <FormField label={t('labelsLabel')} hint={t('labelsHint')}>
        {(control) => <input {...control} type="text" value={labels} onChange={(event) => setLabels(event.target.value)} className={fieldClass} />}
      </FormField>
      <PersonalDataNudge show={hasIdentityNumber} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonPrimary}>
          {pending ? t('working') : t('save')}
        </button>
        <button type="button" className={buttonSecondary} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function BlockForm({
  pending,
  reasonRef,
  onCancel,
  onSubmit,
}: {
  pending: boolean;
  reasonRef: RefObject<HTMLTextAreaElement | null>;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<boolean>;
}) {
  const t = useTranslations('cardDialog');
  const ids = { reason: useId(), hint: useId(), error: useId() };
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const trimmed = reason.trim();
    if (!trimmed) {
      setReasonError(t('reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    void onSubmit(trimmed);
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-3 rounded border border-slate-400 bg-slate-50 p-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.reason} className="font-medium">
          {t('reasonLabel')}
        </label>
        <textarea
          ref={reasonRef}
          id={ids.reason}
          rows={3}
          required
          maxLength={REASON_MAX}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${ids.error} ${ids.hint}` : ids.hint}
          className={fieldClass}
        />
        <p id={ids.hint} className="text-sm text-slate-700">
          {t('reasonHint')}
        </p>
        <div role="alert">
          {reasonError && (
            <p id={ids.error} className="text-sm font-medium text-red-800">
              {reasonError}
            </p>
          )}
        </div>
      </div>
      <PersonalDataNudge show={containsPersonalIdentityNumber(reason)} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonPrimary}>
          {pending ? t('working') : t('blockConfirm')}
        </button>
        <button type="button" className={buttonSecondary} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Boards are read by the whole team and kept in history, so a personnummer does not belong there. The nudge only
 * informs: a false positive must never stop someone from saving their work.
 */
function PersonalDataNudge({ show }: { show: boolean }) {
  const t = useTranslations('cardDialog');
  // The status region stays mounted so the warning is announced when it appears, not only when focus lands on it.
  return (
    <div role="status">
      {show && (
        <p className="flex gap-2 rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950">
          <span aria-hidden="true" className="font-bold">
            !
          </span>
          <span>{t('personnummerWarning')}</span>
        </p>
      )}
    </div>
  );
}

function HistoryEntrySentences({ entry, someone }: { entry: CardHistoryEntry; someone: string }) {
  const t = useTranslations('cardDialog.historyEntry');
  const peopleSentence = usePeopleHistorySentence()(entry, someone);
  const tDemand = useTranslations('demand');
  const tComments = useTranslations('comments');
  const column = (name: string | null) => name ?? t('removedColumn');
  const data = entry.data ?? {};
  const lines: ReactNode[] = [];

  const commentLine = describeCommentHistory(entry.type, tComments);
  if (commentLine) lines.push(commentLine);
  switch (entry.type) {
    case 'CHECKLIST':
    case 'LINK':
      return <CardWorkHistoryLine entry={entry} />;
    case 'CREATED':
      lines.push(t('created', { column: column(entry.toColumnName) }));
      break;
    case 'MOVED':
      lines.push(
        data.reason === 'column-removed'
          ? t('movedColumnRemoved', { from: column(entry.fromColumnName), to: column(entry.toColumnName) })
          : t('moved', { from: column(entry.fromColumnName), to: column(entry.toColumnName) }),
      );
      break;
    case 'BLOCKED': {
      const reason = typeof data.reason === 'string' ? data.reason : '';
      lines.push(reason ? t('blocked', { reason }) : t('blockedNoReason'));
      break;
    }
    case 'UNBLOCKED':
      lines.push(t('unblocked'));
      break;
    case 'ARCHIVED':
      lines.push(t('archived', { column: column(entry.fromColumnName) }));
      break;
    case 'PERSON_JOINED':
    case 'PERSON_LEFT':
      lines.push(peopleSentence);
      break;
    case 'EDITED': {
      const title = readChange(data.title);
      if (title) lines.push(t('editedTitle', title));
      if (data.description) lines.push(t('editedDescription'));
      const demand = readChange(data.demand);
      if (demand && isDemand(demand.before) && isDemand(demand.after)) {
        lines.push(t('editedDemand', { before: tDemand(demand.before), after: tDemand(demand.after) }));
      }
      const labels = readLabelChange(data.labels);
      if (labels) {
        const describe = (list: string[]) => (list.length > 0 ? list.join(', ') : t('noLabels'));
        lines.push(t('editedLabels', { before: describe(labels.before), after: describe(labels.after) }));
      }
      if (lines.length === 0) lines.push(t('edited'));
      break;
    }
  }

  return (
    <>
      {lines.map((line, index) => (
        <p key={index} className="wrap-anywhere">
          {line}
        </p>
      ))}
    </>
  );
}

function readLabelChange(value: unknown): { before: string[]; after: string[] } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { before, after } = value as { before?: unknown; after?: unknown };
  const isList = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return isList(before) && isList(after) ? { before, after } : null;
}

function readChange(value: unknown): { before: string; after: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { before, after } = value as { before?: unknown; after?: unknown };
  return typeof before === 'string' && typeof after === 'string' ? { before, after } : null;
}

function isDemand(value: string): value is DemandType {
  return (DEMAND_TYPES as readonly string[]).includes(value);
}

function BlockedIcon() {
  // A stop sign: the shape and the "Blocked" heading carry the meaning, the red only reinforces it.
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="mt-0.5 size-6 shrink-0" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" />
      <path d="M7 12h10" strokeLinecap="round" />
    </svg>
  );
}
