/**
 * A new board's structure — its columns and lanes with flow states, WIP limits and modes, and policies — from one of
 * three sources: blank, a template (lib/board-templates/templates.ts) in the person's language, or a copy of an
 * existing board's structure. Never cards: a copy is a way of working, not the work. Pure.
 */
import type { FlowState } from '@/lib/domain/flow-states';
import { DEFAULT_LANE_NAME, type ClassOfService } from '@/lib/domain/lanes';
import { POSITION_GAP } from '@/lib/domain/positions';
import type { WipMode } from '@/lib/domain/wip';
import type { Locale } from '@/lib/i18n/config';
import { BLANK_BOARD, findBoardTemplate, type BoardTemplate } from './templates';

export type StructureColumn = { name: string; position: number; flowState: FlowState; wipLimit: number | null; wipMode: WipMode; policy: string };
export type StructureLane = { name: string; position: number; classOfService: ClassOfService; wipLimit: number | null; wipMode: WipMode; policy: string };

/** What a new board is created with. Invariants: at least one column and at least one lane, positions ascending. */
export type BoardStructure = { columns: StructureColumn[]; lanes: StructureLane[] };

/** Where a new board's structure comes from, as the person chose it in the "New board" dialog. */
export type BoardSource = { kind: 'blank' } | { kind: 'template'; templateId: string } | { kind: 'copy'; boardId: string };

const positionOf = (index: number) => (index + 1) * POSITION_GAP;

function fromTemplate(template: Pick<BoardTemplate, 'columns' | 'lanes'>, locale: Locale): BoardStructure {
  return {
    columns: template.columns.map((column, index) => ({
      name: column.name[locale],
      position: positionOf(index),
      flowState: column.flowState,
      wipLimit: column.wipLimit,
      wipMode: column.wipMode,
      policy: column.policy[locale],
    })),
    lanes: template.lanes.map((lane, index) => ({
      name: lane.name[locale],
      position: positionOf(index),
      classOfService: lane.classOfService,
      wipLimit: lane.wipLimit,
      wipMode: lane.wipMode,
      policy: lane.policy[locale],
    })),
  };
}

/** A blank board in the person's language: Inkommet → Pågår → Klart (Incoming → In progress → Done), one lane. */
export function blankBoardStructure(locale: Locale): BoardStructure {
  return fromTemplate(BLANK_BOARD, locale);
}

/** The template's structure in the person's language; null when no template has this id. */
export function templateBoardStructure(templateId: unknown, locale: Locale): BoardStructure | null {
  const template = findBoardTemplate(templateId);
  return template ? fromTemplate(template, locale) : null;
}

/** What copying reads of the source board: its current (not removed) columns and lanes, in any order. */
export type SourceBoard = {
  columns: (Omit<StructureColumn, 'position'> & { position: number; deletedAt: Date | null })[];
  lanes: (Omit<StructureLane, 'position'> & { position: number; deletedAt: Date | null })[];
};

/**
 * The structure of an existing board, to start a new one from: its current columns and lanes in their order (by
 * position, as the board shows them), with every setting — flow state, WIP limit and mode, policy, class of service.
 * Removed columns and lanes are left behind, and positions start afresh. A source without a current lane (a board
 * from before lanes) gives the copy one standard lane, since every board has one. A source without a current
 * column gives null: there is nothing to copy.
 */
export function copyBoardStructure(source: SourceBoard): BoardStructure | null {
  const byPosition = <T extends { position: number }>(rows: T[]) => [...rows].sort((a, b) => a.position - b.position);
  const columns = byPosition(source.columns.filter((column) => column.deletedAt === null));
  if (columns.length === 0) return null;
  const lanes = byPosition(source.lanes.filter((lane) => lane.deletedAt === null));
  return {
    columns: columns.map((column, index) => ({
      name: column.name,
      position: positionOf(index),
      flowState: column.flowState,
      wipLimit: column.wipLimit,
      wipMode: column.wipMode,
      policy: column.policy,
    })),
    lanes:
      lanes.length > 0
        ? lanes.map((lane, index) => ({
            name: lane.name,
            position: positionOf(index),
            classOfService: lane.classOfService,
            wipLimit: lane.wipLimit,
            wipMode: lane.wipMode,
            policy: lane.policy,
          }))
        : [{ name: DEFAULT_LANE_NAME, position: positionOf(0), classOfService: 'STANDARD', wipLimit: null, wipMode: 'ADVISORY', policy: '' }],
  };
}
