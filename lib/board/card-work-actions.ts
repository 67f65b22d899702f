import type { CardLiveAction, ChecklistAction, LinkAction } from './types';

const CARD_WORK_ACTIONS = new Set<string>([
  'checklist.added',
  'checklist.checked',
  'checklist.unchecked',
  'checklist.renamed',
  'checklist.moved',
  'checklist.removed',
  'link.added',
  'link.removed',
  'link.awaited-done',
] satisfies (ChecklistAction | LinkAction)[]);

/** Whether a card change is one of its checklist's or its "waiting for" links' (announced with messages cardWork.live.*). */
export function isCardWorkAction(action: CardLiveAction): action is ChecklistAction | LinkAction {
  return CARD_WORK_ACTIONS.has(action);
}
