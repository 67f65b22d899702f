'use client';

import { useTranslations } from 'next-intl';
import type { BoardCommand } from '@/lib/board/commands';
import { cellKey, describeLaneLoad } from '@/lib/board/lane-view';
import type { BoardCardView, BoardColumnView, BoardLaneView } from '@/lib/board/types';
import { BoardColumn } from './board-column';
import { ColumnHeader } from './column-header';
import type { CommandOutcome } from './command-outcome';
import { CLASS_STYLES, LaneHeader } from './lane-header';
import type { MoveRequest } from './move-to-menu';

type Props = {
  /** In drawing order (orderLanesForDisplay: expedite first). */
  lanes: BoardLaneView[];
  columns: BoardColumnView[];
  cards: BoardCardView[];
  cardsByCell: Map<string, BoardCardView[]>;
  countInColumn: (columnId: string) => number;
  collapsed: ReadonlySet<string>;
  onToggleCollapsed: (laneId: string) => void;
  canEdit: boolean;
  now: Date;
  cycleTimeP85Days: number | null;
  firstInProgressId: string | undefined;
  firstDoneId: string | undefined;
  activeCardId: string | null;
  overId: string | null;
  onOpenCard: (cardId: string) => void;
  onOpenColumnSettings: (columnId: string) => void;
  onOpenLaneSettings: (laneId: string) => void;
  onMove: (request: MoveRequest) => void;
  runCommand: (command: BoardCommand) => Promise<CommandOutcome>;
};

/**
 * The board with lanes (issue 12): a header row with each column's head (its count is across all lanes, as its
 * WIP limit is), then one row per lane, expedite first, each with its header and one cell per column. The rows
 * scroll sideways together inside the board's region, so the page itself never overflows (a phone at 320 px).
 */
export function BoardLanes(props: Props) {
  const t = useTranslations('lanes');
  const { lanes, columns, canEdit } = props;
  return (
    <div className="flex min-w-max flex-col gap-3">
      <div role="group" aria-label={t('columnsHeader')} className="flex gap-3">
        {columns.map((column) => (
          <div key={column.id} className="w-72 shrink-0 rounded-lg border border-slate-300 bg-slate-100" data-testid={`column-head-${column.name}`}>
            <ColumnHeader
              column={column}
              count={props.countInColumn(column.id)}
              headingId={`column-${column.id}-heading`}
              countId={`column-${column.id}-count`}
              canEdit={canEdit}
              isCommitmentPoint={column.id === props.firstInProgressId}
              isDeliveryPoint={column.id === props.firstDoneId}
              onOpenSettings={() => props.onOpenColumnSettings(column.id)}
            />
          </div>
        ))}
      </div>
      {lanes.map((lane) => {
        const isCollapsed = props.collapsed.has(lane.id);
        const rowId = `lane-${lane.id}-row`;
        const load = describeLaneLoad(lane, props.cards, columns);
        return (
          <section
            key={lane.id}
            aria-labelledby={`lane-${lane.id}-heading`}
            aria-describedby={`lane-${lane.id}-count`}
            data-nav-lane={lane.id}
            data-testid={`lane-${lane.name}`}
            data-class-of-service={lane.classOfService}
            className={`flex flex-col gap-2 rounded-lg border-l-4 bg-white/60 py-2 ps-2 ${CLASS_STYLES[lane.classOfService].border}`}
          >
            <LaneHeader
              lane={lane}
              load={load}
              headingId={`lane-${lane.id}-heading`}
              countId={`lane-${lane.id}-count`}
              rowId={rowId}
              isCollapsed={isCollapsed}
              canEdit={canEdit}
              onToggleCollapsed={() => props.onToggleCollapsed(lane.id)}
              onOpenSettings={() => props.onOpenLaneSettings(lane.id)}
            />
            {isCollapsed ? (
              <p id={rowId} className="sticky left-0 text-sm text-slate-700">
                {t('collapsedNote', { count: load.total })}
              </p>
            ) : (
              <div id={rowId} className="flex gap-3">
                {columns.map((column) => (
                  <BoardColumn
                    key={column.id}
                    column={column}
                    columns={columns}
                    lane={lane}
                    cards={props.cardsByCell.get(cellKey(column.id, lane.id)) ?? []}
                    columnCount={props.countInColumn(column.id)}
                    canEdit={canEdit}
                    now={props.now}
                    cycleTimeP85Days={props.cycleTimeP85Days}
                    isCommitmentPoint={column.id === props.firstInProgressId}
                    isDeliveryPoint={column.id === props.firstDoneId}
                    activeCardId={props.activeCardId}
                    overId={props.overId}
                    onOpenCard={props.onOpenCard}
                    onOpenSettings={() => props.onOpenColumnSettings(column.id)}
                    onMove={props.onMove}
                    runCommand={props.runCommand}
                  />
                ))}
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
