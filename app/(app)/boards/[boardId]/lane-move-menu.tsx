'use client';

import { useTranslations } from 'next-intl';
import type { MenuGroup, MenuItem } from '@/components/ui/menu-button';
import type { CellMoveTarget } from '@/lib/board/lane-view';
import type { BoardCardView } from '@/lib/board/types';
import { useBoardCardSupport } from './board-card-context';
import { useMoveTargetLabel, type MoveRequest } from './move-to-menu';

/**
 * "Flytta till…" on a board with lanes offers column × lane: one group per lane (drawing order, expedite first),
 * each with every column. Each choice says, before it is chosen, how full the column is (across all lanes) and,
 * when the lane's own limit is what would ask or refuse, that too. Every choice ends in the board's one move path.
 * Returns undefined on a board with one lane (the menu then offers columns, as it always did).
 */
export function useCellMoveGroups(card: BoardCardView, onMove: (request: MoveRequest) => void): MenuGroup[] | undefined {
  const support = useBoardCardSupport();
  const t = useTranslations('lanes');
  const columnLabel = useMoveTargetLabel();
  const targets = support?.cellTargetsFor?.(card.id) ?? null;
  if (!targets) return undefined;

  const itemFor = (target: CellMoveTarget): MenuItem => {
    const isLaneTheReason = target.scope === 'lane';
    const base = columnLabel({
      columnId: target.columnId,
      name: target.columnName,
      count: target.columnCount,
      limit: target.columnLimit,
      mode: 'ADVISORY',
      state: isLaneTheReason ? 'open' : target.state,
    });
    const laneWords = isLaneTheReason
      ? t(target.state === 'full' ? 'menu.laneFull' : 'menu.laneAsks', { lane: target.laneName, limit: target.laneLimit ?? 0 })
      : t('menu.spokenLane', { lane: target.laneName });
    return {
      key: `${target.columnId}:${target.laneId}`,
      textValue: target.columnName,
      accessibleName: target.state === 'current' ? undefined : `${base.accessibleName ?? target.columnName}, ${laneWords}`,
      label: (
        <>
          {base.label}
          {isLaneTheReason && <span className="text-slate-700"> {t(target.state === 'full' ? 'menu.shownLaneFull' : 'menu.shownLaneAsks')}</span>}
        </>
      ),
      isDisabled: target.state === 'current',
      onSelect: () => onMove({ cardId: card.id, toColumnId: target.columnId, toLaneId: target.laneId, toIndex: Number.MAX_SAFE_INTEGER }),
    };
  };

  const groups: MenuGroup[] = [];
  for (const target of targets) {
    let group = groups.find((each) => each.key === `lane:${target.laneId}`);
    if (!group) {
      group = {
        key: `lane:${target.laneId}`,
        label: target.laneId === card.laneId ? t('menu.currentLaneGroup', { lane: target.laneName }) : t('menu.laneGroup', { lane: target.laneName }),
        items: [],
      };
      groups.push(group);
    }
    group.items.push(itemFor(target));
  }
  // The card's own lane first: the most common move is along its row.
  return [...groups.filter((group) => group.key === `lane:${card.laneId}`), ...groups.filter((group) => group.key !== `lane:${card.laneId}`)];
}
