'use client';

import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export type MenuItem = {
  key: string;
  /** What the item shows and is named by (visible text plus any screen-reader-only words). */
  label: ReactNode;
  /** The item's plain name, for type-ahead (a letter key jumps to the next item starting with it). */
  textValue: string;
  /** The name read out when it says more than the visible label; it must begin with the visible words (2.5.3). */
  accessibleName?: string;
  /** Shown but not choosable (APG: a disabled item stays focusable, so its reason can be read). */
  isDisabled?: boolean;
  onSelect: () => void;
};

/** Items under a group name (for example one group per lane); a group without a label is a plain section. */
export type MenuGroup = { key: string; label?: string; items: MenuItem[] };

/** Which item takes focus when the menu opens: ↓, Enter and Space open on the first choosable item, ↑ on the last. */
export type MenuOpening = 'first' | 'last';

type Props = {
  /** The button's content; its text is the menu's name. */
  children: ReactNode;
  groups: MenuGroup[];
  /** Controlled, so that a shortcut elsewhere (M on a card) can open it: null = closed. */
  openAt: MenuOpening | null;
  onOpenChange: (openAt: MenuOpening | null) => void;
  /**
   * Where focus goes when the menu closes by Escape or by a choice; the default is the menu button. (Tab and a
   * click elsewhere close it and leave focus where the person put it.)
   */
  returnFocus?: () => void;
  buttonClassName?: string;
  /** -1 when the button is not a tab stop of its own (on a card, M opens the menu from the card). */
  buttonTabIndex?: number;
  buttonKeyShortcuts?: string;
  menuClassName?: string;
};

/**
 * A menu button following the WAI-ARIA Authoring Practices pattern: the button has aria-haspopup/aria-expanded;
 * the menu's items are reached with ↑/↓ (wrapping), Home/End and type-ahead, chosen with Enter or Space; Escape
 * closes it and returns focus, Tab closes it and moves on. Only one item is focusable at a time.
 */
export function MenuButton({
  children,
  groups,
  openAt,
  onOpenChange,
  returnFocus,
  buttonClassName,
  buttonTabIndex,
  buttonKeyShortcuts,
  menuClassName,
}: Props) {
  const menuId = useId();
  const buttonId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const isOpen = openAt !== null;
  const items = groups.flatMap((group) => group.items);

  const itemElements = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!openAt) return;
    // The first (or last) item that can be chosen: the card's own column, listed first, is no choice to land on.
    const elements = itemElements();
    const enabled = elements.filter((element) => element.getAttribute('aria-disabled') !== 'true');
    const candidates = enabled.length > 0 ? enabled : elements;
    (openAt === 'last' ? candidates[candidates.length - 1] : candidates[0])?.focus();
  }, [openAt]);

  // A press anywhere outside closes the menu (focus goes wherever that press put it).
  useEffect(() => {
    if (!isOpen) return;
    const closeOnOutsidePress = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) onOpenChange(null);
    };
    document.addEventListener('pointerdown', closeOnOutsidePress, true);
    return () => document.removeEventListener('pointerdown', closeOnOutsidePress, true);
  }, [isOpen, onOpenChange]);

  function closeAndReturn() {
    // Focus first, then close: the focused item must not be removed from the page while it holds focus.
    if (returnFocus) returnFocus();
    else buttonRef.current?.focus();
    onOpenChange(null);
  }

  function choose(item: MenuItem) {
    if (item.isDisabled) return;
    closeAndReturn();
    item.onSelect();
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const elements = itemElements();
    const current = elements.indexOf(document.activeElement as HTMLElement);
    const focusAt = (index: number) => elements[(index + elements.length) % elements.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(current + 1);
        break;
      case 'ArrowUp':
        focusAt(current - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(elements.length - 1);
        break;
      case 'Escape':
        closeAndReturn();
        break;
      case 'Enter':
      case ' ': {
        const item = items[current];
        if (item) choose(item);
        break;
      }
      case 'Tab':
        onOpenChange(null);
        return;
      default: {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        const letter = event.key.toLocaleLowerCase();
        const order = items.map((_, offset) => (current + 1 + offset) % items.length);
        const match = order.find((index) => items[index]!.textValue.toLocaleLowerCase().startsWith(letter));
        if (match === undefined) return;
        focusAt(match);
      }
    }
    // Handled here: not a board, standup or dialog shortcut (Escape must not also close a surrounding dialog).
    event.preventDefault();
    event.stopPropagation();
  }

  function handleButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      onOpenChange(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  }

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        aria-keyshortcuts={buttonKeyShortcuts}
        tabIndex={buttonTabIndex}
        onClick={() => onOpenChange(isOpen ? null : 'first')}
        onKeyDown={handleButtonKeyDown}
        className={buttonClassName}
      >
        {children}
      </button>
      {isOpen && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          onKeyDown={handleMenuKeyDown}
          onBlur={(event) => {
            const next = event.relatedTarget as Node | null;
            if (next && !menuRef.current?.contains(next) && !buttonRef.current?.contains(next)) onOpenChange(null);
          }}
          className={menuClassName ?? 'absolute z-30 mt-1 flex w-72 max-w-[calc(100vw-2rem)] flex-col gap-1 rounded border border-slate-500 bg-white p-1 shadow-lg'}
        >
          {groups.map((group) => (
            <div key={group.key} role="group" aria-label={group.label} className="flex flex-col">
              {group.label && (
                <div aria-hidden="true" className="px-2 pb-0.5 pt-1 text-xs font-semibold uppercase tracking-wide text-slate-700">
                  {group.label}
                </div>
              )}
              {group.items.map((item) => (
                <button
                  key={item.key}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  aria-disabled={item.isDisabled || undefined}
                  aria-label={item.accessibleName}
                  onClick={() => choose(item)}
                  className="min-h-8 w-full rounded px-2 py-1 text-start text-sm wrap-anywhere hover:bg-slate-100 focus:bg-brand-50 aria-disabled:text-slate-600"
                >
                  {item.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
