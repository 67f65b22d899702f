'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Dialog } from '@/components/ui/dialog';

const kbdClass = 'rounded border border-slate-500 bg-slate-100 px-1.5 font-mono text-sm text-slate-900';

/** The board's shortcut help, for everyone (pointer too): the same dialog "?" opens from a card. */
export function KeyboardHelpButton({ onOpen }: { onOpen: () => void }) {
  const t = useTranslations('boardKeys');
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-keyshortcuts="?"
      className="inline-flex min-h-8 items-center gap-2 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100"
    >
      {t('helpButton')}
      <kbd aria-hidden="true" className={kbdClass}>
        ?
      </kbd>
    </button>
  );
}

type Row = { keys: ReactNode; action: string };

/** Every key of the board's keyboard model (lib/board/keyboard-navigation.ts and the card's own keys). */
export function KeyboardHelpDialog({ canEdit, onClose }: { canEdit: boolean; onClose: () => void }) {
  const t = useTranslations('boardKeys');
  const key = (label: string, spoken?: string) => (
    <kbd className={kbdClass}>
      {spoken ? (
        <>
          <span aria-hidden="true">{label}</span>
          <span className="sr-only">{spoken}</span>
        </>
      ) : (
        label
      )}
    </kbd>
  );
  const or = ` ${t('or')} `;
  const up = key('↑', t('keyName.up'));
  const down = key('↓', t('keyName.down'));
  const left = key('←', t('keyName.left'));
  const right = key('→', t('keyName.right'));
  const space = key(t('keyName.space'));
  const cardRows: Row[] = [
    { keys: <>{up}{or}{down}</>, action: t('action.upDown') },
    { keys: <>{left}{or}{right}</>, action: t('action.leftRight') },
    { keys: <>{key('Home')}{or}{key('End')}</>, action: t('action.homeEnd') },
    { keys: <>{key('Ctrl')} {t('plus')} {key('Home')}{or}{key('End')}</>, action: t('action.ctrlHomeEnd') },
    { keys: key('Enter'), action: t('action.open') },
    ...(canEdit ? [{ keys: key('M'), action: t('action.move') }, { keys: space, action: t('action.pickUp') }] : []),
    { keys: key('?', t('keyName.question')), action: t('action.help') },
  ];
  const menuRows: Row[] = [
    { keys: <>{up}{or}{down}</>, action: t('action.menuArrows') },
    { keys: <>{key('Home')}{or}{key('End')}</>, action: t('action.menuHomeEnd') },
    { keys: <>{key('Enter')}{or}{space}</>, action: t('action.menuChoose') },
    { keys: key('Escape'), action: t('action.menuClose') },
  ];
  const dragRows: Row[] = [
    { keys: <>{up} {down} {left} {right}</>, action: t('action.dragArrows') },
    { keys: <>{space}{or}{key('Enter')}</>, action: t('action.dragDrop') },
    { keys: key('Escape'), action: t('action.dragCancel') },
  ];
  const table = (heading: string, rows: Row[]) => (
    <section className="mt-4">
      <h3 className="font-semibold">{heading}</h3>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {rows.map((row) => (
          <div key={row.action} className="contents">
            <dt className="whitespace-nowrap">{row.keys}</dt>
            <dd>{row.action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
  return (
    <Dialog open onClose={onClose} title={t('helpTitle')}>
      <p className="max-w-prose">{t('helpIntro')}</p>
      {!canEdit && <p className="mt-2 max-w-prose text-slate-700">{t('viewerNote')}</p>}
      {table(t('cardsHeading'), cardRows)}
      {canEdit && table(t('menuHeading'), menuRows)}
      {canEdit && table(t('dragHeading'), dragRows)}
    </Dialog>
  );
}
