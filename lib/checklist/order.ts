/**
 * A card's checklist: its progress and the order of its items. Pure.
 *
 * Items are ordered by gap-based positions (lib/domain/positions.ts, the rule cards use in a column), so moving an
 * item writes only that item, except when repeated halving has used up a gap and the list is laid out afresh.
 */
import { computeMovePosition, type MovePosition } from '@/lib/domain/positions';

/** The longest item text, in characters. */
export const CHECKLIST_TEXT_MAX = 500;
/** At most this many items on one card: a checklist, not a second board. */
export const CHECKLIST_ITEMS_MAX = 100;

/** Progress as the card shows it ("3/5"); null when the card has no items. */
export function summarizeChecklist(items: readonly { isDone: boolean }[]): { done: number; total: number } | null {
  if (items.length === 0) return null;
  return { done: items.filter((item) => item.isDone).length, total: items.length };
}

/** Items in display order: by position, ties by id (so two clients always agree). */
export function sortChecklist<T extends { id: string; position: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Where item `itemId` goes when moved to `toIndex` (0 = first) of its checklist: its new position, and the other
 * items' positions when the list must be laid out afresh (`rebalance`, in the order of the others). Null when the
 * item is not in the list. `toIndex` is clamped to the list.
 */
export function planChecklistMove(
  items: readonly { id: string; position: number }[],
  itemId: string,
  toIndex: number,
): { position: number; rebalance: { id: string; position: number }[] | null; fromIndex: number; toIndex: number } | null {
  const ordered = sortChecklist(items);
  const fromIndex = ordered.findIndex((item) => item.id === itemId);
  if (fromIndex < 0) return null;
  const others = ordered.filter((item) => item.id !== itemId);
  const index = Math.min(Math.max(Math.trunc(toIndex), 0), others.length);
  const placement: MovePosition = computeMovePosition(others.map((item) => item.position), index);
  const rebalance = 'rebalance' in placement ? others.map((item, i) => ({ id: item.id, position: placement.rebalance[i] as number })) : null;
  return { position: placement.position, rebalance, fromIndex, toIndex: index };
}

/** The position of a new item at the end of the list. */
export function positionAtEnd(items: readonly { position: number }[]): number {
  const last = items.reduce<number | null>((max, item) => (max === null || item.position > max ? item.position : max), null);
  return computeMovePosition(last === null ? [] : [last], 1).position;
}
