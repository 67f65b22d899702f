/**
 * "What changed since the last standup": a team-level summary of the board's card history, as pure functions.
 * It names cards, never people: the events carry no actor here.
 *
 * The summary compares each card's state when the window opened with its state when it closed (net change),
 * because the team's question is "what is different now?". A card blocked yesterday afternoon and unblocked this
 * morning therefore appears in neither list; a card moved forward and back again has not moved.
 *
 * - finished: in a done column at the end, and not in one at the start (a card created straight into done
 *   counts);
 * - started: past the commitment point at the end (in an in-progress or done column), and before it at the start
 *   (in a not-started column, or created in the window);
 * - a card started AND finished within the window counts in both lists: both happened, and leaving it out of
 *   either would hide a new commitment or a delivery;
 * - moved: in a different column than at the start, but neither started nor finished: progress between
 *   in-progress columns, or work sent back. Cards created in the window and still before the commitment point
 *   are new ideas, not movement, and are not listed;
 * - blocked / unblocked: blocked at the end but not at the start, and the reverse;
 * - a column missing from `columns` has no flow state: it is neither before the commitment point nor done;
 * - archiving does not change a card's column here: work finished and then archived was still finished.
 *
 * Events before `since` may be passed in: they only establish where a card stood and whether it was blocked
 * when the window opened (the data layer sends the last block event before the window for that reason).
 */
import type { FlowState } from '@/lib/domain/flow-states';
import { createZonedCalendar } from '@/lib/flow/calendar-days';

export type ChangeEventType = 'CREATED' | 'MOVED' | 'EDITED' | 'BLOCKED' | 'UNBLOCKED' | 'ARCHIVED' | 'COMMENTED' | 'COMMENT_EDITED' | 'COMMENT_DELETED' | 'CHECKLIST' | 'LINK';

export type ChangeEvent = {
  cardId: string;
  type: ChangeEventType;
  fromColumnId: string | null;
  toColumnId: string | null;
  at: Date | string;
};

export type ChangesSinceInput = {
  since: Date;
  /** End of the window (inclusive); events after it are ignored. No end when absent. */
  until?: Date;
  events: readonly ChangeEvent[];
  /** Every column the events may name, removed ones included, with its flow state. */
  columns: readonly { id: string; flowState: FlowState }[];
};

/** Card ids per kind of change, each list ordered by when the change happened (then by id). */
export type ChangesSince = {
  finished: string[];
  started: string[];
  moved: string[];
  blocked: string[];
  unblocked: string[];
};

type CardTrack = {
  /** Column at the window's start; null = the card did not exist yet; undefined = not known. */
  startColumn: string | null | undefined;
  endColumn: string | null | undefined;
  lastColumnChangeAt: number;
  isBlockedBefore: boolean | undefined;
  isBlockedAtEnd: boolean | undefined;
  lastBlockChangeAt: number;
};

function toTime(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

export function summarizeChangesSince({ since, until, events, columns }: ChangesSinceInput): ChangesSince {
  const flowStateById = new Map(columns.map((column) => [column.id, column.flowState]));
  const sinceTime = since.getTime();
  const untilTime = until?.getTime() ?? Number.POSITIVE_INFINITY;
  const tracks = new Map<string, CardTrack>();
  const sorted = events
    .map((event, index) => ({ event, index, time: toTime(event.at) }))
    .filter(({ time }) => time <= untilTime)
    .sort((a, b) => a.time - b.time || a.index - b.index);

  for (const { event, time } of sorted) {
    let track = tracks.get(event.cardId);
    if (!track) {
      track = { startColumn: undefined, endColumn: undefined, lastColumnChangeAt: 0, isBlockedBefore: undefined, isBlockedAtEnd: undefined, lastBlockChangeAt: 0 };
      tracks.set(event.cardId, track);
    }
    const isBefore = time < sinceTime;
    if (event.type === 'CREATED' || event.type === 'MOVED') {
      if (isBefore) {
        track.startColumn = event.toColumnId;
      } else {
        if (track.startColumn === undefined) track.startColumn = event.type === 'CREATED' ? null : event.fromColumnId;
        track.endColumn = event.toColumnId;
        if (event.type === 'CREATED' || event.fromColumnId !== event.toColumnId) track.lastColumnChangeAt = time;
      }
    } else if (event.type === 'BLOCKED' || event.type === 'UNBLOCKED') {
      const isBlocked = event.type === 'BLOCKED';
      if (isBefore) {
        track.isBlockedBefore = isBlocked;
      } else {
        // An unblock as the window's first block event means the card was blocked when it opened.
        if (track.isBlockedBefore === undefined) track.isBlockedBefore = !isBlocked;
        track.isBlockedAtEnd = isBlocked;
        track.lastBlockChangeAt = time;
      }
    }
  }

  const lists: Record<keyof ChangesSince, { id: string; at: number }[]> = { finished: [], started: [], moved: [], blocked: [], unblocked: [] };
  for (const [cardId, track] of tracks) {
    if (track.endColumn !== undefined && track.startColumn !== track.endColumn) {
      const startState = track.startColumn === null ? null : track.startColumn === undefined ? undefined : flowStateById.get(track.startColumn);
      const endState = track.endColumn === null ? undefined : flowStateById.get(track.endColumn);
      const isNew = startState === null;
      const isFinished = endState === 'DONE' && startState !== 'DONE';
      const isStarted = (endState === 'IN_PROGRESS' || endState === 'DONE') && (isNew || startState === 'NOT_STARTED');
      const at = track.lastColumnChangeAt;
      if (isFinished) lists.finished.push({ id: cardId, at });
      if (isStarted) lists.started.push({ id: cardId, at });
      if (!isFinished && !isStarted && !isNew && track.startColumn !== undefined) lists.moved.push({ id: cardId, at });
    }
    if (track.isBlockedAtEnd !== undefined && track.isBlockedAtEnd !== (track.isBlockedBefore ?? false)) {
      (track.isBlockedAtEnd ? lists.blocked : lists.unblocked).push({ id: cardId, at: track.lastBlockChangeAt });
    }
  }

  const ordered = (list: { id: string; at: number }[]) =>
    list.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((entry) => entry.id);
  return {
    finished: ordered(lists.finished),
    started: ordered(lists.started),
    moved: ordered(lists.moved),
    blocked: ordered(lists.blocked),
    unblocked: ordered(lists.unblocked),
  };
}

/**
 * The first instant of the working day before `now`'s day in `timeZone`: for a team with no standup yet, "since
 * the last standup" means since yesterday morning, and on a Monday since Friday morning (Saturday and Sunday
 * also go back to Friday). Public holidays are not known here; a standup after one simply looks back further
 * once the team has run its first standup.
 */
export function getPreviousWorkingDayStart(now: Date, timeZone = 'Europe/Stockholm'): Date {
  const calendar = createZonedCalendar(timeZone);
  const today = calendar.getDayNumber(now.getTime());
  // Day 0 (1970-01-01) was a Thursday; with Monday as 0 that makes it 3.
  const weekday = (((today + 3) % 7) + 7) % 7;
  const daysBack = weekday === 0 ? 3 : weekday === 6 ? 2 : 1;
  return new Date(calendar.getStartOfDay(today - daysBack));
}
