'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { findMentionQuery, insertMention, suggestMembers, type MentionCandidate } from '@/lib/comments/mentions';

type Props = {
  id: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onChange: (value: string) => void;
  members: MentionCandidate[];
  maxLength: number;
  describedBy: string;
  isInvalid: boolean;
};

type Open = { start: number; caret: number; options: MentionCandidate[]; active: number };

/**
 * A comment field that suggests the team's people while an @mention is typed: the ARIA 1.2 combobox pattern with
 * a listbox popup. The field keeps focus throughout; ↓ / ↑ move through the suggestions (aria-activedescendant),
 * Enter or Tab takes the highlighted one, Escape closes the list (and only the list: the dialog stays open). A
 * click on a suggestion takes it too. How many suggestions there are is announced politely.
 */
export function MentionTextarea({ id, textareaRef, value, onChange, members, maxLength, describedBy, isInvalid }: Props) {
  const t = useTranslations('comments');
  const listboxId = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const isExpanded = open !== null && open.options.length > 0;
  const optionId = (index: number) => `${listboxId}-option-${index}`;

  function update(text: string, caret: number) {
    const query = findMentionQuery(text, caret);
    if (!query || members.length === 0) {
      setOpen(null);
      return;
    }
    const options = suggestMembers(members, query.query);
    setOpen((current) => ({ start: query.start, caret, options, active: current && current.start === query.start ? Math.min(current.active, Math.max(options.length - 1, 0)) : 0 }));
  }

  function choose(member: MentionCandidate) {
    if (!open) return;
    const next = insertMention(value, open.start, open.caret, member.name);
    onChange(next.text);
    setOpen(null);
    // The field keeps focus; the caret goes after the inserted name once React has put the text in.
    requestAnimationFrame(() => {
      const field = textareaRef.current;
      if (!field) return;
      field.focus();
      field.setSelectionRange(next.caret, next.caret);
    });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!isExpanded || !open) return;
    const count = open.options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setOpen({ ...open, active: (open.active + step + count) % count });
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      if (event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      const member = open.options[open.active];
      if (member) choose(member);
    } else if (event.key === 'Escape') {
      // Closes the suggestions only: without this the dialog around the field would close.
      event.preventDefault();
      event.stopPropagation();
      setOpen(null);
    }
  }

  return (
    <div className="relative">
      <textarea
        ref={textareaRef}
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={listboxId}
        aria-activedescendant={isExpanded && open ? optionId(open.active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={isInvalid || undefined}
        rows={3}
        maxLength={maxLength}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          update(event.target.value, event.target.selectionStart ?? event.target.value.length);
        }}
        onKeyDown={handleKeyDown}
        onKeyUp={(event) => {
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') {
            update(event.currentTarget.value, event.currentTarget.selectionStart ?? 0);
          }
        }}
        onClick={(event) => update(event.currentTarget.value, event.currentTarget.selectionStart ?? 0)}
        onBlur={() => setOpen(null)}
        className="w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700"
      />
      <ul
        id={listboxId}
        role="listbox"
        aria-label={t('suggestionsLabel')}
        hidden={!isExpanded}
        className="absolute z-10 mt-1 max-h-60 w-full max-w-sm overflow-auto rounded border border-slate-500 bg-white py-1 shadow-lg"
      >
        {isExpanded &&
          open?.options.map((member, index) => (
            <li
              key={member.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === open.active}
              // Keeps focus in the field: a mousedown on an option would otherwise blur it and close the list first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(member)}
              className={`cursor-pointer px-3 py-1.5 ${index === open.active ? 'bg-brand-700 text-white' : 'text-slate-900 hover:bg-slate-100'}`}
            >
              {member.name}
            </li>
          ))}
      </ul>
      <div role="status" className="sr-only">
        {open !== null && (open.options.length > 0 ? t('suggestionCount', { count: open.options.length }) : t('noSuggestions'))}
      </div>
    </div>
  );
}
