'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import type { ExperimentBoardOptions } from '@/lib/data/experiments';
import { buttonPrimary, ProposeDialog } from './propose-dialog';

/**
 * "Propose an experiment" and its dialog. After the server accepted, the list is read again, the proposal is
 * announced, and focus goes to the new experiment's name in the list (not back to the page's top).
 */
export function ProposeButton({ boardId, options, today }: { boardId: string; options: ExperimentBoardOptions; today: string }) {
  const t = useTranslations('experiments');
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [isRefreshing, startRefresh] = useTransition();
  const focusId = useRef<string | null>(null);

  useEffect(() => {
    if (isRefreshing || focusId.current === null) return;
    document.getElementById(`experiment-link-${focusId.current}`)?.focus();
    focusId.current = null;
  }, [isRefreshing]);

  return (
    <div className="mt-4">
      <button type="button" className={buttonPrimary} onClick={() => setIsOpen(true)}>
        {t('list.propose')}
      </button>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {isOpen && (
        <ProposeDialog
          boardId={boardId}
          options={options}
          today={today}
          onClose={() => setIsOpen(false)}
          onSaved={(id) => {
            setIsOpen(false);
            setAnnouncement(t('list.proposed'));
            focusId.current = id;
            startRefresh(() => router.refresh());
          }}
        />
      )}
    </div>
  );
}
