'use client';

import { useEffect, useRef } from 'react';

export type StandupKeyAction = 'next' | 'previous' | 'nextColumn' | 'previousColumn' | 'open' | 'block' | 'move' | 'end';

// Typing, choosing in a form control or working in a dialog must never trigger a walk action.
const IGNORED_TARGETS = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), dialog, [role="dialog"], [role="menu"], [role="listbox"]';
const NATIVE_CONTROLS = 'a[href], button, summary, [role="button"], [role="link"]';

const SINGLE_KEYS: Record<string, StandupKeyAction> = { j: 'next', k: 'previous', b: 'block', m: 'move', e: 'end' };

/**
 * The walk's keyboard shortcuts, on the whole page while `isActive`. Letter keys can be switched off
 * (`areSingleKeysOn`, WCAG 2.1.4: speech-input users trigger them by accident); the arrow keys and Enter are not
 * character keys and stay on. Enter opens the current card only when focus is not on a control of its own.
 */
export function useStandupKeys(isActive: boolean, areSingleKeysOn: boolean, onAction: (action: StandupKeyAction) => void) {
  const onActionRef = useRef(onAction);
  onActionRef.current = onAction;

  useEffect(() => {
    if (!isActive) return;
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(IGNORED_TARGETS) || document.querySelector('dialog[open]')) return;
      let action: StandupKeyAction | undefined;
      if (event.key === 'ArrowDown') action = 'next';
      else if (event.key === 'ArrowUp') action = 'previous';
      else if (event.key === 'Enter') action = target?.closest(NATIVE_CONTROLS) ? undefined : 'open';
      else if (areSingleKeysOn) {
        const key = event.key.toLowerCase();
        action = key === 'n' ? (event.shiftKey ? 'previousColumn' : 'nextColumn') : SINGLE_KEYS[key];
      }
      if (!action) return;
      event.preventDefault();
      onActionRef.current(action);
    };
    document.addEventListener('keydown', handleKeyDown);
    // Says the shortcuts are live (they pause while a dialog is open): the end-to-end tests wait for it before
    // pressing a key, so a key pressed a moment too early on a busy machine is not silently lost.
    document.body.dataset.standupKeys = 'listening';
    return () => {
      document.removeEventListener('keydown', handleKeyDown);
      delete document.body.dataset.standupKeys;
    };
  }, [isActive, areSingleKeysOn]);
}
