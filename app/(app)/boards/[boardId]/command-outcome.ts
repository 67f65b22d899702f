import type { BoardCardView } from '@/lib/board/types';

/**
 * What running one board command gave back, as the dialogs need it: the changed card when there is one, or the
 * server's error with its already-translated message to show as it is.
 */
export type CommandOutcome =
  | { ok: true; card?: BoardCardView; laneId?: string }
  | { ok: false; error: { code: string; message: string } };
