'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

export type DialogSize = 'sm' | 'md' | 'lg';

export type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  size?: DialogSize;
  /**
   * Where focus starts when the dialog opens (the field the person decides in). Without it the browser focuses
   * the first control, which is the Close button.
   */
  initialFocusRef?: RefObject<HTMLElement | null>;
};

const SIZE_CLASSES: Record<DialogSize, string> = {
  sm: 'max-w-md',
  md: 'max-w-2xl',
  lg: 'max-w-4xl',
};

/**
 * A modal on the native <dialog>: showModal() gives the focus trap, the inert page behind, Esc handling and the
 * return of focus to the opener, so none of that is re-implemented here. The parent owns `open`.
 */
export function Dialog({ open, onClose, title, children, size = 'md', initialFocusRef }: DialogProps) {
  const t = useTranslations('app');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Read inside the native close event, which can fire after a re-render; refs avoid a stale onClose/open.
  const onCloseRef = useRef(onClose);
  const isOpenRef = useRef(open);
  const openerRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  // Layout effect: on unmount its cleanup runs before React removes the <dialog>, so close() can still hand focus
  // back to the opener. A modal removed from the page without close() would leave focus on <body>.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    isOpenRef.current = open;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      initialFocusRef?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    return () => {
      if (!open) return;
      isOpenRef.current = false;
      if (dialog.open) dialog.close();
      restoreFocus(openerRef.current);
    };
    // initialFocusRef is read once, when the dialog opens.
  }, [open]);

  function handleNativeClose() {
    // The close event is queued: by the time it arrives the dialog may have been shown again (Strict Mode's
    // mount–unmount–mount), and then this event is stale.
    if (dialogRef.current?.open) return;
    // Esc closes the element itself, not through `open`; tell the parent so its state follows.
    if (isOpenRef.current) {
      isOpenRef.current = false;
      onCloseRef.current();
    }
    restoreFocus(openerRef.current);
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={handleNativeClose}
      className={`m-auto w-[calc(100%-2rem)] ${SIZE_CLASSES[size]} max-h-[calc(100dvh-2rem)] overflow-y-auto rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/60`}
    >
      <div className="sticky top-0 z-10 flex items-start justify-between gap-4 border-b border-slate-300 bg-white px-4 py-3 sm:px-6">
        <h2 id={titleId} className="min-w-0 wrap-anywhere text-xl font-semibold">
          {title}
        </h2>
        <button
          type="button"
          onClick={() => onCloseRef.current()}
          className="inline-flex min-h-9 min-w-9 shrink-0 items-center justify-center gap-1 rounded border border-slate-400 px-2 text-sm hover:bg-slate-100"
        >
          <span aria-hidden="true">✕</span>
          <span>{t('close')}</span>
        </button>
      </div>
      <div className="px-4 py-4 sm:px-6">{children}</div>
    </dialog>
  );
}

/** Browsers restore focus on close(), but not when the opener was re-rendered away meanwhile; only then step in. */
function restoreFocus(opener: HTMLElement | null) {
  queueMicrotask(() => {
    const active = document.activeElement;
    if (opener && opener.isConnected && (active === null || active === document.body)) opener.focus();
  });
}
