'use client';

import { useTranslations } from 'next-intl';
import { MenuButton, type MenuGroup, type MenuItem, type MenuOpening } from '@/components/ui/menu-button';
import type { BoardColumnView } from '@/lib/board/types';
import { describeColumnTargets, type ColumnMoveTarget } from '@/lib/board/move-targets';

/** A move: to a column (and, on a board with lanes, a lane: the card's own when left out), at an index among the cell's other cards. */
export type MoveRequest = { cardId: string; toColumnId: string; toIndex: number; toLaneId?: string };

type Props = {
  cardId: string;
  cardTitle: string;
  /** The card's column and its place in it (0 = top), for the "top / bottom of the column" choices. */
  columnId: string;
  index: number;
  /** Offer "top / bottom of the column" too (the card dialog does not know the card's place in its column). */
  showWithinColumn?: boolean;
  columns: BoardColumnView[];
  /** Cards in each column now (all of them: a WIP limit counts every card, filtered or not). */
  countInColumn: (columnId: string) => number;
  onMove: (request: MoveRequest) => void;
  openAt: MenuOpening | null;
  onOpenChange: (openAt: MenuOpening | null) => void;
  /** Focus goes here when a choice or Escape closes the menu (on the board: the card). */
  returnFocus?: () => void;
  buttonTabIndex?: number;
  buttonClassName?: string;
  /**
   * Extra groups before the column choices — the place for other kinds of target (one group per lane, for
   * example); each item builds its label with {@link useMoveTargetLabel} so every target reads the same way.
   */
  extraGroups?: MenuGroup[];
  /**
   * On a board with lanes: the choices of column × lane (lane-move-menu.tsx), which replace the column choices, and
   * the number of cards in the card's own cell (for "top / bottom", which then stay within the lane).
   */
  cellGroups?: MenuGroup[];
  cellCount?: number;
};

/**
 * A column as a Move-to choice: its name, then what it holds and what choosing it will do. Shown compactly
 * ("Beslut (4 / 3, strikt — full)") and named in words ("Beslut, 4 kort, gränsen är 3, strikt: full, …"); the
 * name begins with the visible column name, so saying "Beslut" to speech input finds it (WCAG 2.5.3).
 */
export function useMoveTargetLabel(): (target: ColumnMoveTarget) => Pick<MenuItem, 'label' | 'accessibleName' | 'textValue'> {
  const t = useTranslations('moveMenu');
  return (target) => {
    if (target.state === 'current') {
      return {
        textValue: target.name,
        label: (
          <>
            {target.name} <span className="text-slate-700">— {t('current')}</span>
          </>
        ),
      };
    }
    const kind = target.limit === null ? 'noLimit' : target.state === 'open' ? 'limit' : target.state;
    const values = { count: target.count, limit: target.limit ?? 0 };
    return {
      textValue: target.name,
      accessibleName: `${target.name}, ${t(`spoken.${kind}`, values)}`,
      label: (
        <>
          <span className="font-medium">{target.name}</span> {t(`shown.${kind}`, values)}
        </>
      ),
    };
  };
}

/**
 * "Flytta till…" on a card (and in the card dialog): every move a drag can make, without dragging (WCAG 2.5.7),
 * as an ARIA menu whose choices say how full each column is before the person chooses. Every choice ends in the
 * board's one move path (`onMove`), like a drag.
 */
export function MoveToMenu(props: Props) {
  const { cardId, cardTitle, columnId, index, columns, countInColumn, onMove } = props;
  const t = useTranslations('moveMenu');
  const tBoard = useTranslations('board');
  const targetLabel = useMoveTargetLabel();
  const columnCount = props.cellCount ?? countInColumn(columnId);
  const currentColumn = columns.find((column) => column.id === columnId);

  const columnItems: MenuItem[] = describeColumnTargets(columns, countInColumn, columnId).map((target) => ({
    key: target.columnId,
    ...targetLabel(target),
    // Its own column is shown (so the list reads as the board) but is no move; full columns stay choosable: the
    // person then reads the team's refusal next to the card rather than guessing why a choice is greyed out.
    isDisabled: target.state === 'current',
    onSelect: () => onMove({ cardId, toColumnId: target.columnId, toIndex: Number.MAX_SAFE_INTEGER }),
  }));
  const withinItems: MenuItem[] = [
    { key: 'top', label: t('top'), textValue: t('top'), isDisabled: index === 0, onSelect: () => onMove({ cardId, toColumnId: columnId, toIndex: 0 }) },
    {
      key: 'bottom',
      label: t('bottom'),
      textValue: t('bottom'),
      isDisabled: index >= columnCount - 1,
      onSelect: () => onMove({ cardId, toColumnId: columnId, toIndex: Math.max(columnCount - 1, 0) }),
    },
  ].map((item) => ({ ...item, label: item.isDisabled ? <>{item.label} <span className="text-slate-700">— {t('alreadyThere')}</span></> : item.label }));

  const groups: MenuGroup[] = [
    ...(props.extraGroups ?? []),
    ...(props.cellGroups ?? [{ key: 'columns', label: t('columnsGroup'), items: columnItems }]),
    ...(props.showWithinColumn === false ? [] : [{ key: 'within', label: t('withinGroup', { column: currentColumn?.name ?? '' }), items: withinItems }]),
  ];

  return (
    <MenuButton
      groups={groups}
      openAt={props.openAt}
      onOpenChange={props.onOpenChange}
      returnFocus={props.returnFocus}
      buttonTabIndex={props.buttonTabIndex}
      buttonClassName={
        props.buttonClassName ??
        'inline-flex min-h-6 items-center rounded border border-slate-400 px-2 py-0.5 text-xs hover:bg-slate-100'
      }
    >
      {tBoard('moveTo')}
      <span className="sr-only"> {cardTitle}</span>
    </MenuButton>
  );
}
