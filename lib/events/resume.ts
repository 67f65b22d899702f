/**
 * Resuming a browser's live stream after a drop (SSE `Last-Event-ID`): send exactly the events it missed, from
 * memory or the log, or tell it to refetch the board when that is no longer possible.
 */

/** A stream replays at most this many missed events; further behind, a full refetch is cheaper and surer. */
export const MAX_REPLAY_EVENTS = 10_000;

/**
 * The browser's position: the `Last-Event-ID` header (EventSource sends it on its own reconnects) or the
 * `lastEventId` query parameter (our client's fresh connections, which cannot set headers). A decimal sequence
 * number, else null.
 */
export function parseLastEventId(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (!/^\d{1,15}$/.test(text)) return null;
  const seq = Number(text);
  return Number.isSafeInteger(seq) ? seq : null;
}

export type ResumeReason = 'no-position' | 'ahead-of-board' | 'too-far-behind' | 'no-longer-kept';

export type ResumePlan =
  | { kind: 'up-to-date' }
  | { kind: 'replay'; afterSeq: number; count: number }
  | { kind: 'resync'; reason: ResumeReason };

/**
 * What to do for a browser at `lastSeq` on a board whose latest event is `headSeq`. A position beyond the head
 * means the browser knows a different history (the database was restored): it resyncs, as it does without one.
 */
export function planResume(input: { lastSeq: number | null; headSeq: number; maxReplay?: number }): ResumePlan {
  const { lastSeq, headSeq } = input;
  const maxReplay = input.maxReplay ?? MAX_REPLAY_EVENTS;
  if (lastSeq === null) return { kind: 'resync', reason: 'no-position' };
  if (lastSeq > headSeq) return { kind: 'resync', reason: 'ahead-of-board' };
  if (lastSeq === headSeq) return { kind: 'up-to-date' };
  if (headSeq - lastSeq > maxReplay) return { kind: 'resync', reason: 'too-far-behind' };
  return { kind: 'replay', afterSeq: lastSeq, count: headSeq - lastSeq };
}

/**
 * Whether events read for a replay after `afterSeq` are complete: they must start right after it and follow on
 * without a gap (the log keeps a window; a browser away longer than that has missed pruned events).
 */
export function isCompleteReplay(afterSeq: number, seqs: readonly number[]): boolean {
  return seqs.every((seq, index) => seq === afterSeq + 1 + index);
}
