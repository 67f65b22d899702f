'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { BoardCommand } from '@/lib/board/commands';
import type { CardDetailView, ChecklistItemView } from '@/lib/board/types';
import { CHECKLIST_TEXT_MAX, summarizeChecklist } from '@/lib/checklist/order';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';

/** The card dialog's way to run a change: shows errors and the success message, reloads the card after it. */
export type RunCardCommand = (command: BoardCommand, successMessage: string) => Promise<boolean>;

const buttonSecondary =
  'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-50';
const iconButton =
  'inline-flex size-9 items-center justify-center rounded border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40';
const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700';

/** Where focus goes once the list has been read back after a change (`readFrom`: the list the change was made on). */
type FocusTarget = { itemId: string | null; control: 'check' | 'up' | 'down' | 'rename' | 'add'; readFrom?: readonly ChecklistItemView[] };

/**
 * The checklist in the card dialog: add, check, rename, reorder (move up/down buttons for the keyboard, drag for
 * the mouse) and remove items. Every change goes through the dialog's `run` (one board command each, recorded in
 * the card's history and live for everyone); focus stays where the person was working.
 */
export function CardChecklist({ card, canEdit, run }: { card: CardDetailView; canEdit: boolean; run: RunCardCommand }) {
  const t = useTranslations('cardWork.checklist');
  const headingId = useId();
  const items = card.checklistItems;
  const progress = summarizeChecklist(items);
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const focusAfter = useRef<FocusTarget | null>(null);
  const focusRenameOnMount = useRef<string | null>(null);
  // A checkbox shows its new state at once; it is dropped once the list read back agrees (or the change failed).
  const [toggling, setToggling] = useState<Record<string, boolean>>({});
  useEffect(() => {
    setToggling((current) => {
      const stillPending = Object.entries(current).filter(([id, isDone]) => items.some((item) => item.id === id && item.isDone !== isDone));
      return stillPending.length === Object.keys(current).length ? current : Object.fromEntries(stillPending);
    });
  }, [items]);

  // After a change the list is read again; focus returns to the control the person used, in the item's new place.
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    // Wait for the list as it is after the change: the rows move only then.
    if (target.readFrom && target.readFrom === items) return;
    if (target.control === 'add' || target.itemId === null) {
      addRef.current?.focus();
      focusAfter.current = null;
      return;
    }
    const row = listRef.current?.querySelector<HTMLElement>(`[data-checklist-item="${CSS.escape(target.itemId)}"]`);
    if (!row) return;
    let control = row.querySelector<HTMLElement>(`[data-control="${target.control}"]`);
    if (control && (control as HTMLButtonElement).disabled) {
      control = row.querySelector<HTMLElement>(`[data-control="${target.control === 'up' ? 'down' : 'up'}"]`);
    }
    if (control && !(control as HTMLButtonElement).disabled) control.focus();
    else row.querySelector<HTMLElement>('[data-control="check"]')?.focus();
    focusAfter.current = null;
  });

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) {
      addRef.current?.focus();
      return;
    }
    const ok = await run({ type: 'checklist.add', cardId: card.id, text }, t('added', { text }));
    if (ok) setDraft('');
    focusAfter.current = { itemId: null, control: 'add' };
    addRef.current?.focus();
  }

  async function move(item: ChecklistItemView, toIndex: number, control: 'up' | 'down') {
    focusAfter.current = { itemId: item.id, control, readFrom: items };
    const ok = await run({ type: 'checklist.move', cardId: card.id, itemId: item.id, toIndex }, t('moved', { text: item.text, position: toIndex + 1, total: items.length }));
    // Refused: nothing moves, focus returns to the button at once.
    if (!ok) focusAfter.current = { itemId: item.id, control };
  }

  async function remove(item: ChecklistItemView, index: number) {
    const neighbour = items[index + 1] ?? items[index - 1] ?? null;
    focusAfter.current = neighbour ? { itemId: neighbour.id, control: 'check' } : { itemId: null, control: 'add' };
    await run({ type: 'checklist.remove', cardId: card.id, itemId: item.id }, t('removed', { text: item.text }));
  }

  function dropOn(event: DragEvent<HTMLLIElement>, index: number) {
    event.preventDefault();
    const item = items.find((candidate) => candidate.id === dragId);
    setDragId(null);
    if (!item || items[index]?.id === item.id) return;
    void move(item, index, index < items.indexOf(item) ? 'up' : 'down');
  }

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2" data-testid="card-checklist">
      <h3 id={headingId} className="flex flex-wrap items-baseline gap-x-3 text-lg font-semibold">
        {t('heading')}
        {progress && (
          <span className="text-sm font-normal text-slate-700" data-testid="checklist-progress">
            {t('progress', progress)}
          </span>
        )}
      </h3>
      {progress && (
        <div aria-hidden="true" className="h-1.5 w-full overflow-hidden rounded bg-slate-200">
          <div className="h-full bg-brand-700" style={{ width: `${(progress.done / progress.total) * 100}%` }} />
        </div>
      )}
      {items.length === 0 ? (
        <p className="text-slate-700">{t('empty')}</p>
      ) : (
        <ol ref={listRef} className="flex flex-col gap-1" aria-describedby={canEdit ? `${headingId}-hint` : undefined}>
          {items.map((item, index) => (
            <li
              key={item.id}
              data-checklist-item={item.id}
              draggable={canEdit && renaming !== item.id}
              onDragStart={(event) => {
                setDragId(item.id);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(event) => {
                if (dragId) event.preventDefault();
              }}
              onDrop={(event) => dropOn(event, index)}
              onDragEnd={() => setDragId(null)}
              className={`flex flex-wrap items-center gap-2 rounded border px-2 py-1 ${dragId === item.id ? 'border-brand-700 opacity-60' : 'border-slate-300'}`}
            >
              {renaming === item.id ? (
                <RenameForm
                  item={item}
                  onCancel={() => {
                    setRenaming(null);
                    focusAfter.current = { itemId: item.id, control: 'rename' };
                  }}
                  onSave={async (text) => {
                    if (text === item.text) {
                      setRenaming(null);
                      focusAfter.current = { itemId: item.id, control: 'rename' };
                      return;
                    }
                    // The rename button takes focus as it comes back (its ref below): the form that had it is gone.
                    focusRenameOnMount.current = item.id;
                    const ok = await run({ type: 'checklist.update', cardId: card.id, itemId: item.id, text }, t('renamed', { text }));
                    if (ok) setRenaming(null);
                    else focusRenameOnMount.current = null;
                  }}
                />
              ) : (
                <>
                  <label className="flex min-w-0 flex-1 items-center gap-2">
                    <input
                      type="checkbox"
                      data-control="check"
                      checked={toggling[item.id] ?? item.isDone}
                      disabled={!canEdit}
                      onChange={(event) => {
                        const isDone = event.target.checked;
                        focusAfter.current = { itemId: item.id, control: 'check' };
                        setToggling((current) => ({ ...current, [item.id]: isDone }));
                        void run({ type: 'checklist.update', cardId: card.id, itemId: item.id, isDone }, t(isDone ? 'checked' : 'unchecked', { text: item.text })).then((ok) => {
                          if (!ok) setToggling(({ [item.id]: _dropped, ...rest }) => rest);
                        });
                      }}
                      className="size-5 shrink-0 accent-brand-700"
                    />
                    <span className={`wrap-anywhere ${item.isDone ? 'text-slate-700 line-through' : ''}`}>{item.text}</span>
                  </label>
                  {canEdit && (
                    <span className="flex shrink-0 gap-1">
                      <button type="button" data-control="up" className={iconButton} disabled={index === 0} aria-label={t('moveUp', { text: item.text })} onClick={() => void move(item, index - 1, 'up')}>
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button
                        type="button"
                        data-control="down"
                        className={iconButton}
                        disabled={index === items.length - 1}
                        aria-label={t('moveDown', { text: item.text })}
                        onClick={() => void move(item, index + 1, 'down')}
                      >
                        <span aria-hidden="true">↓</span>
                      </button>
                      <button
                        ref={(node) => {
                          if (node && focusRenameOnMount.current === item.id) {
                            focusRenameOnMount.current = null;
                            node.focus();
                          }
                        }}
                        type="button"
                        data-control="rename"
                        className={buttonSecondary} aria-label={t('renameItem', { text: item.text })} onClick={() => setRenaming(item.id)}>
                        {t('rename')}
                      </button>
                      <button type="button" data-control="remove" className={iconButton} aria-label={t('remove', { text: item.text })} onClick={() => void remove(item, index)}>
                        <span aria-hidden="true">✕</span>
                      </button>
                    </span>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit && items.length > 1 && (
        <p id={`${headingId}-hint`} className="text-sm text-slate-700">
          {t('dragHint')}
        </p>
      )}
      {canEdit && (
        <form noValidate onSubmit={(event) => void add(event)} className="flex flex-col gap-1">
          <label htmlFor={`${headingId}-add`} className="font-medium">
            {t('addLabel')}
          </label>
          <div className="flex gap-2">
            <input
              ref={addRef}
              id={`${headingId}-add`}
              type="text"
              maxLength={CHECKLIST_TEXT_MAX}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              className={fieldClass}
            />
            <button type="submit" className={buttonSecondary}>
              {t('add')}
            </button>
          </div>
          <IdentityNumberNudge text={draft} />
        </form>
      )}
    </section>
  );
}

function RenameForm({ item, onCancel, onSave }: { item: ChecklistItemView; onCancel: () => void; onSave: (text: string) => Promise<void> }) {
  const t = useTranslations('cardWork.checklist');
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(item.text);
  useEffect(() => inputRef.current?.focus(), []);

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Escape leaves the renaming, not the whole dialog.
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  }

  return (
    <form
      noValidate
      className="flex w-full flex-col gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = text.trim();
        if (trimmed) void onSave(trimmed);
        else inputRef.current?.focus();
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium">
        {t('renameLabel', { text: item.text })}
      </label>
      <div className="flex flex-wrap gap-2">
        <input ref={inputRef} id={inputId} type="text" maxLength={CHECKLIST_TEXT_MAX} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={handleKeyDown} className={`${fieldClass} min-w-0 flex-1`} />
        <button type="submit" className={buttonSecondary}>
          {t('save')}
        </button>
        <button type="button" className={buttonSecondary} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      <IdentityNumberNudge text={text} />
    </form>
  );
}

/** The personal-identity-number nudge of the card dialog, for checklist texts: it informs and never blocks. */
function IdentityNumberNudge({ text }: { text: string }) {
  const t = useTranslations('cardDialog');
  const show = containsPersonalIdentityNumber(text);
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
