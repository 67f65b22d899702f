'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Markdown } from '@/components/markdown';
import type { MentionCandidate } from '@/lib/comments/mentions';
import { COMMENT_MAX } from '@/lib/comments/schema';
import type { CommentView } from '@/lib/data/comments';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import { MentionTextarea } from './mention-textarea';

type Props = {
  boardId: string;
  cardId: string;
  /** Members comment; viewers read. */
  canComment: boolean;
  /** The card's version as the page knows it live: a colleague's comment raises it, and the list is read again. */
  version: number;
};

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; comments: CommentView[]; mentionable: MentionCandidate[] };

const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;
const buttonPrimary = 'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800';
const buttonSecondary = 'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100';
const buttonDanger = 'inline-flex min-h-9 items-center justify-center rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800';

async function send(url: string, method: string, body?: unknown): Promise<{ ok: true; body: unknown } | { ok: false; message: string | null }> {
  try {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const message = (answer as { error?: { message?: unknown } } | null)?.error?.message;
      return { ok: false, message: typeof message === 'string' ? message : null };
    }
    return { ok: true, body: answer };
  } catch {
    return { ok: false, message: null };
  }
}

/**
 * The card's comments in the card dialog: the list (Markdown, the description's sanitiser), the author's edit and
 * delete, and the field to write one with @mention suggestions. Live: a colleague's comment raises the card's
 * version, and the list is read again; the dialog announces it (card-dialog.tsx, liveNotice).
 */
export function CardComments({ boardId, cardId, canComment, version }: Props) {
  const t = useTranslations('comments');
  const format = useFormatter();
  const headingId = useId();
  const base = `/api/boards/${encodeURIComponent(boardId)}/cards/${encodeURIComponent(cardId)}/comments`;
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [reloadKey, setReloadKey] = useState(0);
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const actionRefs = useRef(new Map<string, HTMLButtonElement>());
  const focusNext = useRef<(() => HTMLElement | null | undefined) | null>(null);

  // Runs before the browser paints, and keeps the intent until its element is on the page (a render in between —
  // the live update of the same change — must not use it up on an element that is not there yet).
  useLayoutEffect(() => {
    const target = focusNext.current?.();
    if (target && target.isConnected) {
      target.focus();
      focusNext.current = null;
    }
  });

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        const response = await fetch(base, { headers: { accept: 'application/json' }, cache: 'no-store', signal: controller.signal });
        const answer = (await response.json().catch(() => null)) as { comments?: CommentView[]; mentionable?: MentionCandidate[]; error?: { message?: string } } | null;
        if (!response.ok || !answer?.comments) {
          setLoad((current) => (current.status === 'ready' ? current : { status: 'error', message: answer?.error?.message ?? t('loadFailed') }));
          return;
        }
        setLoad({ status: 'ready', comments: answer.comments, mentionable: answer.mentionable ?? [] });
      } catch {
        if (!controller.signal.aborted) setLoad((current) => (current.status === 'ready' ? current : { status: 'error', message: t('loadFailed') }));
      }
    })();
    return () => controller.abort();
  }, [base, version, reloadKey, t]);

  const comments = load.status === 'ready' ? load.comments : [];
  const mentionable = load.status === 'ready' ? load.mentionable : [];

  async function post(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!body.trim()) {
      setFieldError(t('required'));
      fieldRef.current?.focus();
      return;
    }
    setPending(true);
    setStatus('');
    const result = await send(base, 'POST', { body });
    setPending(false);
    if (!result.ok) {
      setFieldError(result.message ?? t('failed'));
      fieldRef.current?.focus();
      return;
    }
    const added = (result.body as { comment: CommentView }).comment;
    setFieldError(null);
    setBody('');
    setLoad((current) => (current.status === 'ready' ? { ...current, comments: [...current.comments.filter((c) => c.id !== added.id), added] } : current));
    setStatus(t('posted'));
    // Focus stays in the field, ready for the next comment.
    focusNext.current = () => fieldRef.current;
  }

  async function saveEdit(comment: CommentView, text: string): Promise<string | null> {
    const result = await send(`${base}/${encodeURIComponent(comment.id)}`, 'PATCH', { body: text });
    if (!result.ok) return result.message ?? t('failed');
    const edited = (result.body as { comment: CommentView }).comment;
    setLoad((current) => (current.status === 'ready' ? { ...current, comments: current.comments.map((c) => (c.id === edited.id ? edited : c)) } : current));
    setEditingId(null);
    setStatus(t('saved'));
    focusNext.current = () => actionRefs.current.get(`edit:${comment.id}`);
    return null;
  }

  async function remove(comment: CommentView) {
    setRowError(null);
    const result = await send(`${base}/${encodeURIComponent(comment.id)}`, 'DELETE');
    if (!result.ok) {
      setRowError({ id: comment.id, message: result.message ?? t('failed') });
      return;
    }
    setConfirmingId(null);
    setLoad((current) => (current.status === 'ready' ? { ...current, comments: current.comments.filter((c) => c.id !== comment.id) } : current));
    setStatus(t('deleted'));
    // The comment is gone: focus goes to the heading of the list it was in, never to the page.
    focusNext.current = () => document.getElementById(headingId);
    setReloadKey((key) => key + 1);
  }

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3" data-testid="card-comments">
      <h3 id={headingId} tabIndex={-1} className="text-lg font-semibold">
        {comments.length > 0 ? t('heading', { count: comments.length }) : t('headingNone')}
      </h3>
      {load.status === 'loading' && <p>{t('loading')}</p>}
      {load.status === 'error' && <p className="text-red-900">{load.message}</p>}
      {load.status === 'ready' && comments.length === 0 && <p className="text-slate-700">{t('none')}</p>}
      {comments.length > 0 && (
        <ol className="flex flex-col gap-3">
          {comments.map((comment) => (
            <li key={comment.id} className="rounded border border-slate-300 p-3" data-testid="comment">
              <p className="text-sm text-slate-700">
                <span className="font-medium text-slate-900">{comment.authorName ?? t('someone')}</span> ·{' '}
                <time dateTime={comment.createdAt}>{format.dateTime(new Date(comment.createdAt), DATE_TIME)}</time>
                {comment.editedAt && (
                  <>
                    {' · '}
                    <span title={format.dateTime(new Date(comment.editedAt), DATE_TIME)}>{t('edited')}</span>
                  </>
                )}
              </p>
              {editingId === comment.id ? (
                <EditCommentForm
                  comment={comment}
                  mentionable={mentionable}
                  onCancel={() => {
                    setEditingId(null);
                    focusNext.current = () => actionRefs.current.get(`edit:${comment.id}`);
                  }}
                  onSave={(text) => saveEdit(comment, text)}
                />
              ) : comment.body.trim() ? (
                <Markdown text={comment.body} className="mt-1 wrap-anywhere" />
              ) : (
                <p className="mt-1 text-slate-700 italic">{t('textCleared')}</p>
              )}
              {comment.isOwn && canComment && editingId !== comment.id && (
                <div className="mt-2 flex flex-wrap gap-2">
                  {confirmingId === comment.id ? (
                    <>
                      <p className="w-full font-medium">{t('deleteQuestion')}</p>
                      <button
                        type="button"
                        className={buttonDanger}
                        ref={(node) => {
                          if (node) actionRefs.current.set(`confirm:${comment.id}`, node);
                        }}
                        onClick={() => void remove(comment)}
                      >
                        {t('deleteConfirm')}
                      </button>
                      <button
                        type="button"
                        className={buttonSecondary}
                        onClick={() => {
                          setConfirmingId(null);
                          focusNext.current = () => actionRefs.current.get(`delete:${comment.id}`);
                        }}
                      >
                        {t('cancel')}
                      </button>
                    </>
                  ) : (
                    <>
                      <button
                        type="button"
                        className={buttonSecondary}
                        aria-label={t('editLabel', { author: comment.authorName ?? t('someone') })}
                        ref={(node) => {
                          if (node) actionRefs.current.set(`edit:${comment.id}`, node);
                        }}
                        onClick={() => {
                          setEditingId(comment.id);
                          setConfirmingId(null);
                        }}
                      >
                        {t('edit')}
                      </button>
                      <button
                        type="button"
                        className={buttonSecondary}
                        aria-label={t('deleteLabel', { author: comment.authorName ?? t('someone') })}
                        ref={(node) => {
                          if (node) actionRefs.current.set(`delete:${comment.id}`, node);
                        }}
                        onClick={() => {
                          setConfirmingId(comment.id);
                          focusNext.current = () => actionRefs.current.get(`confirm:${comment.id}`);
                        }}
                      >
                        {t('delete')}
                      </button>
                    </>
                  )}
                  <div role="alert" className="w-full">
                    {rowError?.id === comment.id && <p className="text-sm font-medium text-red-800">{rowError.message}</p>}
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {canComment && load.status === 'ready' && (
        <form noValidate onSubmit={(event) => void post(event)} className="flex flex-col gap-2">
          <CommentField
            label={t('fieldLabel')}
            value={body}
            onChange={(value) => {
              setBody(value);
              if (fieldError && value.trim()) setFieldError(null);
            }}
            mentionable={mentionable}
            error={fieldError}
            fieldRef={fieldRef}
          />
          <div>
            <button type="submit" className={buttonPrimary} aria-disabled={pending || undefined}>
              {pending ? t('posting') : t('submit')}
            </button>
          </div>
        </form>
      )}
      <div role="status" className="sr-only">
        {status}
      </div>
    </section>
  );
}

/** A labelled comment field with @mention suggestions, its hint, its error and the personal-data nudge. */
function CommentField({
  label,
  value,
  onChange,
  mentionable,
  error,
  fieldRef,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  mentionable: MentionCandidate[];
  error: string | null;
  fieldRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const t = useTranslations('comments');
  const tCard = useTranslations('cardDialog');
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <MentionTextarea
        id={id}
        textareaRef={fieldRef}
        value={value}
        onChange={onChange}
        members={mentionable}
        maxLength={COMMENT_MAX}
        describedBy={error ? `${errorId} ${hintId}` : hintId}
        isInvalid={Boolean(error)}
      />
      <p id={hintId} className="text-sm text-slate-700">
        {t('hint')}
      </p>
      <div role="alert">
        {error && (
          <p id={errorId} className="text-sm font-medium text-red-800">
            {error}
          </p>
        )}
      </div>
      {/* The status region stays mounted so the nudge is announced when it appears. */}
      <div role="status">
        {containsPersonalIdentityNumber(value) && (
          <p className="flex gap-2 rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950">
            <span aria-hidden="true" className="font-bold">
              !
            </span>
            <span>{tCard('personnummerWarning')}</span>
          </p>
        )}
      </div>
    </div>
  );
}

function EditCommentForm({
  comment,
  mentionable,
  onCancel,
  onSave,
}: {
  comment: CommentView;
  mentionable: MentionCandidate[];
  onCancel: () => void;
  onSave: (text: string) => Promise<string | null>;
}) {
  const t = useTranslations('comments');
  const [text, setText] = useState(comment.body);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    fieldRef.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!text.trim()) {
      setError(t('required'));
      fieldRef.current?.focus();
      return;
    }
    setPending(true);
    const failure = await onSave(text);
    setPending(false);
    if (failure) {
      setError(failure);
      fieldRef.current?.focus();
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="mt-2 flex flex-col gap-2">
      <CommentField label={t('editFieldLabel')} value={text} onChange={setText} mentionable={mentionable} error={error} fieldRef={fieldRef} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonPrimary} aria-disabled={pending || undefined}>
          {pending ? t('posting') : t('save')}
        </button>
        <button type="button" className={buttonSecondary} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The comment count on a card, with an accessible name ("2 kommentarer"). Nothing when there are none. */
export function CommentCount({ count }: { count: number }) {
  const t = useTranslations('comments');
  if (count <= 0) return null;
  return (
    <span role="img" aria-label={t('countLabel', { count })} title={t('countLabel', { count })} className="rounded border border-slate-400 px-1 text-slate-800" data-testid="card-comment-count">
      <span aria-hidden="true">🗨 </span>
      {count}
    </span>
  );
}

/** The card history's line for a comment change (the history keeps no comment text), or null for other entries. */
export function describeCommentHistory(type: string, t: (key: 'historyCommented' | 'historyEdited' | 'historyDeleted') => string): string | null {
  if (type === 'COMMENTED') return t('historyCommented');
  if (type === 'COMMENT_EDITED') return t('historyEdited');
  if (type === 'COMMENT_DELETED') return t('historyDeleted');
  return null;
}
