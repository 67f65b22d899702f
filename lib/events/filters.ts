/** Filters for event consumers (lib/events/consumers.ts): which events a consumer wants. Pure. */
import type { CardLiveAction } from '@/lib/board/types';
import type { BoardChange, BoardChangeKind } from './types';

export type EventFilter = (event: BoardChange) => boolean;

/** Every event. */
export const acceptAll: EventFilter = () => true;

/** Events of the given kinds only. */
export function acceptKinds(...kinds: BoardChangeKind[]): EventFilter {
  const wanted = new Set<string>(kinds);
  return (event) => wanted.has(event.kind);
}

/** Card events (upsert, remove) with one of the given actions; `card.remove` counts as the action 'removed'. */
export function acceptCardActions(...actions: (CardLiveAction | 'removed')[]): EventFilter {
  const wanted = new Set<string>(actions);
  return (event) => (event.kind === 'card.upsert' ? wanted.has(event.action) : event.kind === 'card.remove' && wanted.has('removed'));
}

/** Changes made by people, not by Tillit itself (retention) or by a membership trigger. */
export const acceptPeoplesChanges: EventFilter = (event) => 'actorId' in event && !event.actorId.startsWith('tillit-');
