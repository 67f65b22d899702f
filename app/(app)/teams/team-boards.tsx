'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import type { ActionErrorCode } from '@/lib/api/action';
import { BOARD_NAME_MAX } from '@/lib/board-templates/board-name';
import { archiveBoardAction, createBoardAction, renameBoardAction, restoreBoardAction } from './board-actions';

type Board = { id: string; name: string };
type ArchivedBoard = Board & { archivedLabel: string };
export type TemplateOption = { id: string; name: string; description: string };

const BUTTON = 'inline-flex min-h-8 items-center rounded border border-slate-500 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60';
const PRIMARY = 'inline-flex min-h-9 items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60';
const LINK = 'text-brand-700 underline underline-offset-2';
const NAME_CODES = ['NAME_REQUIRED', 'NAME_TOO_LONG', 'NAME_CONTROL_CHARACTERS'] as const;

/** Where focus goes once the page shows the change: the board's link, or its Restore button among the archived. */
type PendingFocus = { id: string } | null;

function useErrorText() {
  const t = useTranslations('teamBoards.errors');
  return (code: ActionErrorCode): string => {
    switch (code) {
      case 'NAME_REQUIRED':
      case 'NAME_CONTROL_CHARACTERS':
      case 'TEMPLATE_NOT_FOUND':
      case 'SOURCE_NOT_FOUND':
      case 'NOT_ARCHIVED':
      case 'BOARD_ARCHIVED':
      case 'UNAUTHENTICATED':
      case 'NOT_FOUND':
      case 'FORBIDDEN':
      case 'VALIDATION':
      case 'UNAVAILABLE':
      case 'TWO_FACTOR_REQUIRED':
        return t(code);
      case 'NAME_TOO_LONG':
        return t('NAME_TOO_LONG', { max: BOARD_NAME_MAX });
      default:
        return t('UNKNOWN');
    }
  };
}

/**
 * A team's boards on the team page: links to each, and for the team's members "Ny tavla" (blank, template or a copy
 * of another board's structure), rename, "Arkivera tavlan" and, under "Arkiverade tavlor", restore. Viewers see the
 * lists only (and the server refuses them anyway). Every outcome is announced; focus lands on the board concerned.
 */
export function TeamBoards({
  teamId,
  teamName,
  canManage,
  boards,
  archivedBoards,
  templates,
}: {
  teamId: string;
  teamName: string;
  canManage: boolean;
  boards: Board[];
  archivedBoards: ArchivedBoard[];
  templates: TemplateOption[];
}) {
  const t = useTranslations('teamBoards');
  const tTeams = useTranslations('teams');
  const errorText = useErrorText();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isCreating, setIsCreating] = useState(false);
  const [toRename, setToRename] = useState<Board | null>(null);
  const [toArchive, setToArchive] = useState<Board | null>(null);
  const [pendingFocus, setPendingFocus] = useState<PendingFocus>(null);

  useEffect(() => {
    if (!pendingFocus) return;
    const element = document.getElementById(pendingFocus.id);
    if (element) {
      element.focus();
      setPendingFocus(null);
    }
  }, [pendingFocus, boards, archivedBoards]);

  function succeed(message: string, focusId: string | null) {
    setError(null);
    setStatus(message);
    if (focusId) setPendingFocus({ id: focusId });
    router.refresh();
  }

  function archive(board: Board) {
    startTransition(async () => {
      const result = await archiveBoardAction(board.id);
      setToArchive(null);
      if (result.ok) succeed(t('archived', { name: board.name }), `board-restore-${board.id}`);
      else {
        setStatus('');
        setError(errorText(result.code));
      }
    });
  }

  function restore(board: Board) {
    startTransition(async () => {
      const result = await restoreBoardAction(board.id);
      if (result.ok) succeed(t('restored', { name: board.name }), `board-link-${board.id}`);
      else {
        setStatus('');
        setError(errorText(result.code));
      }
    });
  }

  return (
    <div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-700">{tTeams('boards')}</h3>
        {canManage && (
          <button type="button" className={PRIMARY} onClick={() => setIsCreating(true)} aria-label={t('newBoardFor', { team: teamName })}>
            {t('newBoard')}
          </button>
        )}
      </div>
      {boards.length === 0 ? (
        <p className="text-sm">{tTeams('noBoards')}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1">
          {boards.map((board) => (
            <li key={board.id} className="flex flex-wrap items-center justify-between gap-2">
              <Link id={`board-link-${board.id}`} href={`/boards/${board.id}`} className={`${LINK} min-w-0 wrap-anywhere`}>
                {board.name}
              </Link>
              {canManage && (
                <span role="group" aria-label={t('boardActions', { board: board.name })} className="flex flex-wrap gap-2">
                  <button id={`board-rename-${board.id}`} type="button" className={BUTTON} onClick={() => setToRename(board)} aria-label={t('renameBoard', { board: board.name })}>
                    {t('rename')}
                  </button>
                  <button type="button" className={BUTTON} onClick={() => setToArchive(board)} aria-label={t('archiveBoard', { board: board.name })}>
                    {t('archive')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {archivedBoards.length > 0 && (
        <>
          <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-slate-700">{t('archivedHeading')}</h3>
          <ul className="mt-1 flex flex-col gap-1" aria-label={t('archivedHeading')}>
            {archivedBoards.map((board) => (
              <li key={board.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 wrap-anywhere">
                  <Link id={`archived-link-${board.id}`} href={`/boards/${board.id}`} className={LINK}>
                    {board.name}
                  </Link>{' '}
                  <span className="text-sm text-slate-700">{t('archivedOn', { date: board.archivedLabel })}</span>
                </span>
                {canManage && (
                  <button id={`board-restore-${board.id}`} type="button" className={BUTTON} disabled={isPending} onClick={() => restore(board)} aria-label={t('restoreBoard', { board: board.name })}>
                    {t('restore')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="status" className={status ? 'mt-2 text-sm text-green-900' : 'sr-only'}>
        {status}
      </p>
      {error && (
        <p role="alert" className="mt-2 rounded border border-red-700 bg-red-50 p-2 text-sm text-red-900">
          {error}
        </p>
      )}
      {canManage && (
        <>
          <NewBoardDialog
            open={isCreating}
            onClose={() => setIsCreating(false)}
            teamId={teamId}
            teamName={teamName}
            copyable={[...boards, ...archivedBoards]}
            templates={templates}
            onCreated={(boardId, name) => {
              setIsCreating(false);
              succeed(t('created', { name }), `board-link-${boardId}`);
            }}
          />
          <RenameDialog
            board={toRename}
            onClose={() => setToRename(null)}
            onRenamed={(board, name) => {
              setToRename(null);
              succeed(t('renamed', { name }), `board-rename-${board.id}`);
            }}
          />
          <Dialog open={toArchive !== null} onClose={() => setToArchive(null)} size="sm" title={t('archiveTitle', { board: toArchive?.name ?? '' })}>
            <p>{t('archiveExplain')}</p>
            <div className="mt-4 flex flex-wrap justify-end gap-2">
              <button type="button" className={BUTTON} onClick={() => setToArchive(null)}>
                {t('cancel')}
              </button>
              <button type="button" disabled={isPending} className={PRIMARY} onClick={() => toArchive && archive(toArchive)}>
                {t('archiveConfirm')}
              </button>
            </div>
          </Dialog>
        </>
      )}
    </div>
  );
}

type SourceKind = 'blank' | 'template' | 'copy';

function NewBoardDialog({
  open,
  onClose,
  teamId,
  teamName,
  copyable,
  templates,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  teamId: string;
  teamName: string;
  copyable: Board[];
  templates: TemplateOption[];
  onCreated: (boardId: string, name: string) => void;
}) {
  const t = useTranslations('teamBoards');
  const errorText = useErrorText();
  const nameRef = useRef<HTMLInputElement>(null);
  const [isPending, startTransition] = useTransition();
  const [kind, setKind] = useState<SourceKind>('blank');
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  function close() {
    setNameError(null);
    setFormError(null);
    setKind('blank');
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '');
    const source =
      kind === 'template' ? { kind, templateId: String(form.get('templateId') ?? '') } : kind === 'copy' ? { kind, boardId: String(form.get('copyBoardId') ?? '') } : { kind };
    startTransition(async () => {
      const result = await createBoardAction(teamId, { name, source });
      if (result.ok) {
        setNameError(null);
        setFormError(null);
        setKind('blank');
        onCreated(result.data.boardId, name.trim());
        return;
      }
      if ((NAME_CODES as readonly string[]).includes(result.code)) {
        setFormError(null);
        setNameError(errorText(result.code));
        nameRef.current?.focus();
      } else {
        setNameError(null);
        setFormError(errorText(result.code));
      }
    });
  }

  const radio = (value: SourceKind, label: string, hint: string) => (
    <label className="flex items-start gap-2">
      <input type="radio" name="sourceKind" value={value} checked={kind === value} onChange={() => setKind(value)} className="mt-1 h-4 w-4" disabled={value === 'copy' && copyable.length === 0} />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-sm text-slate-700">{hint}</span>
      </span>
    </label>
  );

  return (
    <Dialog open={open} onClose={close} title={t('dialogTitle', { team: teamName })} initialFocusRef={nameRef}>
      {open && (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <FormField label={t('nameLabel')} hint={t('nameHint', { max: BOARD_NAME_MAX })} error={nameError}>
            {(control) => <input {...control} ref={nameRef} name="name" type="text" autoComplete="off" required className="rounded border border-slate-500 px-2 py-1" />}
          </FormField>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 font-medium">{t('sourceLegend')}</legend>
            {radio('blank', t('sourceBlank'), t('sourceBlankHint'))}
            {radio('template', t('sourceTemplate'), t('sourceTemplateHint'))}
            {kind === 'template' && (
              <FormField label={t('templateLabel')} className="ml-6">
                {(control) => (
                  <select {...control} name="templateId" className="rounded border border-slate-500 bg-white px-2 py-1" defaultValue={templates[0]?.id}>
                    {templates.map((template) => (
                      <option key={template.id} value={template.id}>
                        {template.name}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            )}
            {kind === 'template' && (
              <ul className="ml-6 list-disc pl-4 text-sm text-slate-700">
                {templates.map((template) => (
                  <li key={template.id}>
                    <span className="font-medium">{template.name}</span>: {template.description}
                  </li>
                ))}
              </ul>
            )}
            {radio('copy', t('sourceCopy'), copyable.length === 0 ? t('copyNone') : t('sourceCopyHint'))}
            {kind === 'copy' && copyable.length > 0 && (
              <FormField label={t('copyLabel')} className="ml-6">
                {(control) => (
                  <select {...control} name="copyBoardId" className="rounded border border-slate-500 bg-white px-2 py-1" defaultValue={copyable[0]?.id}>
                    {copyable.map((board) => (
                      <option key={board.id} value={board.id}>
                        {board.name}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            )}
          </fieldset>
          {formError && (
            <p role="alert" className="rounded border border-red-700 bg-red-50 p-2 text-sm text-red-900">
              {formError}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={BUTTON} onClick={close}>
              {t('cancel')}
            </button>
            <button type="submit" disabled={isPending} className={PRIMARY}>
              {t('create')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function RenameDialog({ board, onClose, onRenamed }: { board: Board | null; onClose: () => void; onRenamed: (board: Board, name: string) => void }) {
  const t = useTranslations('teamBoards');
  const errorText = useErrorText();
  const nameRef = useRef<HTMLInputElement>(null);
  const [isPending, startTransition] = useTransition();
  const [nameError, setNameError] = useState<string | null>(null);

  function close() {
    setNameError(null);
    onClose();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!board) return;
    const name = String(new FormData(event.currentTarget).get('name') ?? '');
    startTransition(async () => {
      const result = await renameBoardAction(board.id, name);
      if (result.ok) {
        setNameError(null);
        onRenamed(board, name.trim());
      } else {
        setNameError(errorText(result.code));
        nameRef.current?.focus();
      }
    });
  }

  return (
    <Dialog open={board !== null} onClose={close} size="sm" title={t('renameTitle', { board: board?.name ?? '' })} initialFocusRef={nameRef}>
      {board && (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <FormField label={t('renameLabel')} hint={t('nameHint', { max: BOARD_NAME_MAX })} error={nameError}>
            {(control) => <input {...control} ref={nameRef} name="name" type="text" autoComplete="off" required defaultValue={board.name} className="rounded border border-slate-500 px-2 py-1" />}
          </FormField>
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={BUTTON} onClick={close}>
              {t('cancel')}
            </button>
            <button type="submit" disabled={isPending} className={PRIMARY}>
              {t('saveName')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
